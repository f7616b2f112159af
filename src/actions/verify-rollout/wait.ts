/** Following one workload's rollout by watch, with the verdicts of `kubectl rollout status`. */
import type { Log } from '../../core/log';
import { sanitizeLine } from '../../core/rollout/sanitize';
import { progressLine, rolloutStatus, type StatusKind } from '../../core/rollout/status';
import { collectionPath, objectPath, type WorkloadRef } from '../../core/rollout/workload';
import type { KubeApi, KubeObject } from '../../tools/kube/types';
import {
  isTransientKubeError,
  MAX_WATCH_RESTARTS,
  pause,
  restartDelayMs,
  watchObject,
} from '../../tools/kube/watch-object';

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
      await watchObject(
        api,
        collectionPath(ref.kind, namespace),
        ref.name,
        from.metadata.resourceVersion ?? '',
        {
          changed: evaluate,
          deleted: () => {
            verdict = { ok: false, failure: 'object has been deleted' };
          },
        },
        signal,
      );
      break;
    } catch (e) {
      if (signal.aborted) break;
      // A watch that fails with a server error (500s while etcd changes leader, 429) is started again from a fresh
      // read, as kubectl's watch helper does; other failures, or too many, end the wait.
      if (!isTransientKubeError(e) || restarts >= MAX_WATCH_RESTARTS) {
        verdict = { ok: false, failure: e instanceof Error ? e.message : String(e) };
        break;
      }
      log.debug(`${ref.display}: watch failed (${e instanceof Error ? e.message : String(e)}); reading it again`);
      await pause(restartDelayMs(restarts), signal);
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
