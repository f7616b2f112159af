/** Following one workload's rollout by watch, with the verdicts of `kubectl rollout status`. */
import type { Log } from '../../core/log';
import { sanitizeLine } from '../../core/rollout/sanitize';
import { progressLine, rolloutStatus, type StatusKind } from '../../core/rollout/status';
import { collectionPath, type WorkloadRef } from '../../core/rollout/workload';
import type { KubeApi, KubeObject } from '../../tools/kube/types';

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
    if (v.done) verdict = { ok: true, message: v.message.trim() };
    return v.done;
  };

  if (!evaluate(initial)) {
    try {
      await api.watch<KubeObject>(
        collectionPath(ref.kind, namespace),
        initial.metadata.resourceVersion ?? '',
        (event) => {
          if (event.type === 'BOOKMARK') return false;
          if (event.object.metadata?.name !== ref.name) return false;
          if (event.type === 'DELETED') {
            verdict = { ok: false, failure: 'object has been deleted' };
            return true;
          }
          return evaluate(event.object);
        },
        { signal, query: { fieldSelector: `metadata.name=${ref.name}` } },
      );
    } catch (e) {
      if (!signal.aborted) verdict = { ok: false, failure: e instanceof Error ? e.message : String(e) };
    }
  }
  if (verdict?.ok) {
    log.info(`${ref.display}: ${sanitizeLine(verdict.message)}`);
    return { ok: true, ref, object, message: verdict.message };
  }
  const timedOut = verdict === undefined;
  const failure = verdict?.failure ?? `timed out after ${timeoutText} waiting for the rollout to finish`;
  log.info(`${ref.display}: ${sanitizeLine(failure)}`);
  return { ok: false, ref, object, failure, lastStatus, timedOut };
}
