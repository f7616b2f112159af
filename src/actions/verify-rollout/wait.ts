/** Following one workload's rollout by watch, with the verdicts of `kubectl rollout status`. */
import type { Log } from '../../core/log';
import { sanitizeLine } from '../../core/rollout/sanitize';
import { progressLine, rolloutStatus, type StatusKind } from '../../core/rollout/status';
import { collectionPath, objectPath, type WorkloadRef } from '../../core/rollout/workload';
import { KubeApiError } from '../../tools/kube/errors';
import { NetworkError } from '../../tools/kube/transport';
import type { KubeApi, KubeObject } from '../../tools/kube/types';

const MAX_WATCH_RESTARTS = 5;

function isTransient(e: unknown): boolean {
  return e instanceof NetworkError || (e instanceof KubeApiError && (e.status === 429 || e.status >= 500));
}

function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve();
      },
      { once: true },
    );
  });
}

export type WaitOutcome =
  | { ok: true; ref: WorkloadRef; object: KubeObject; message: string }
  | {
      ok: false;
      ref: WorkloadRef;
      object: KubeObject;
      failure: string;
      lastStatus: string | undefined;
      timedOut: boolean;
    };

/**
 * Evaluates `initial` (just read with GET), then each watch event from its resourceVersion, until kubectl would
 * stop: done, an error (progress deadline, unsupported strategy), the object deleted — or `signal` aborts (timeout).
 */
export async function waitForRollout(
  api: KubeApi,
  ref: WorkloadRef & { kind: StatusKind },
  namespace: string,
  initial: KubeObject,
  signal: AbortSignal,
  log: Log,
  timeoutText: string,
): Promise<WaitOutcome> {
  let object = initial;
  let lastLine = '';
  let lastStatus: string | undefined;
  /** An Argo Rollout waiting at a pause (canary step or manual): named in the timeout failure. */
  let paused = false;
  let verdict: { ok: true; message: string } | { ok: false; failure: string } | undefined;

  const evaluate = (o: KubeObject): boolean => {
    object = o;
    const v = rolloutStatus(ref.kind, o);
    const line = progressLine(ref.kind, o);
    if (line !== lastLine) {
      log.info(sanitizeLine(line));
      lastLine = line;
    }
    if (v.error !== undefined) {
      verdict = { ok: false, failure: v.error };
      return true;
    }
    lastStatus = v.message;
    paused = 'paused' in v && v.paused === true;
    if (v.done) verdict = { ok: true, message: v.message.trim() };
    return v.done;
  };

  let from = initial;
  for (let restarts = 0; !evaluate(from) && !signal.aborted; restarts++) {
    try {
      // The verdict is acted on as soon as it is known; closing the stream is not waited for.
      const decided = new AbortController();
      const stop = () => decided.abort();
      signal.addEventListener('abort', stop, { once: true });
      let reached: () => void = () => {};
      const verdictReached = new Promise<void>((resolve) => {
        reached = resolve;
      });
      const watching = api.watch<KubeObject>(
        collectionPath(ref.kind, namespace),
        from.metadata.resourceVersion ?? '',
        (event) => {
          if (event.type === 'BOOKMARK') return false;
          if (event.object.metadata?.name !== ref.name) return false;
          const stopHere = event.type === 'DELETED' || evaluate(event.object);
          if (event.type === 'DELETED') verdict = { ok: false, failure: 'object has been deleted' };
          if (stopHere) reached();
          return stopHere;
        },
        { signal: decided.signal, query: { fieldSelector: `metadata.name=${ref.name}` } },
      );
      try {
        await Promise.race([watching, verdictReached]);
      } finally {
        signal.removeEventListener('abort', stop);
        decided.abort();
        watching.catch(() => {});
      }
      break;
    } catch (e) {
      if (signal.aborted) break;
      // A watch that fails with a server error (500s while etcd changes leader, 429) is started again from a fresh
      // read, as kubectl's watch helper does; other failures, or too many, end the wait.
      if (!isTransient(e) || restarts >= MAX_WATCH_RESTARTS) {
        verdict = { ok: false, failure: e instanceof Error ? e.message : String(e) };
        break;
      }
      log.debug(`${ref.display}: watch failed (${e instanceof Error ? e.message : String(e)}); reading it again`);
      await pause(Math.min(200 * 2 ** restarts, 3000), signal);
      try {
        from = await api.get<KubeObject>(objectPath(ref, namespace), { signal });
      } catch (again) {
        if (signal.aborted) break;
        verdict = { ok: false, failure: again instanceof Error ? again.message : String(again) };
        break;
      }
    }
  }
  if (verdict?.ok) {
    log.info(`${ref.display}: ${sanitizeLine(verdict.message)}`);
    return { ok: true, ref, object, message: verdict.message };
  }
  const timedOut = verdict === undefined;
  const failure =
    verdict?.failure ??
    (paused
      ? `timed out after ${timeoutText} while the ${(lastStatus ?? '').trim()}`
      : `timed out after ${timeoutText} waiting for the rollout to finish`);
  log.info(`${ref.display}: ${sanitizeLine(failure)}`);
  return { ok: false, ref, object, failure, lastStatus, timedOut };
}
