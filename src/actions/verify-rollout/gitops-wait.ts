/** Following one GitOps object (Argo CD Application, Flux Kustomization/HelmRelease) until its verdict. */
import type { Log } from '../../core/log';
import type { GitOpsVerdict } from '../../core/rollout/argocd';
import { sanitizeLine } from '../../core/rollout/sanitize';
import type { ArgoCdApi } from '../../tools/argocd/client';
import type { KubeApi, KubeObject } from '../../tools/kube/types';
import {
  isTransientKubeError,
  MAX_WATCH_RESTARTS,
  pause,
  restartDelayMs,
  watchObject,
} from '../../tools/kube/watch-object';

export type GitOpsOutcome =
  | { ok: true; target: string; message: string }
  | { ok: false; target: string; failure: string; details: string[]; timedOut: boolean };

/** Logs `progress` when it changed; returns the verdict when it is final. */
function tracker(target: string, log: Log) {
  let last = '';
  let latest: GitOpsVerdict | undefined;
  return {
    see(v: GitOpsVerdict): boolean {
      latest = v;
      if (v.progress !== last) {
        log.info(`${target}: ${v.progress}`);
        last = v.progress;
      }
      return v.state !== 'waiting';
    },
    outcome(timeoutText: string, error?: string): GitOpsOutcome {
      if (error !== undefined) return { ok: false, target, failure: sanitizeLine(error), details: [], timedOut: false };
      if (latest?.state === 'done') return { ok: true, target, message: latest.message };
      if (latest?.state === 'failed') {
        return { ok: false, target, failure: latest.message, details: latest.details, timedOut: false };
      }
      const why = latest ? ` (last: ${latest.message})` : '';
      return { ok: false, target, failure: `timed out after ${timeoutText}${why}`, details: [], timedOut: true };
    },
  };
}

/**
 * Reads the object through the Kubernetes API, then watches it (by name) until `evaluate` gives a final verdict
 * or `signal` aborts. A failing watch is restarted from a fresh read, a bounded number of times.
 */
export async function followKubeObject(
  api: KubeApi,
  paths: { object: string; collection: string },
  target: string,
  name: string,
  evaluate: (o: KubeObject) => GitOpsVerdict,
  signal: AbortSignal,
  log: Log,
  timeoutText: string,
): Promise<GitOpsOutcome> {
  const track = tracker(target, log);
  for (let restarts = 0; !signal.aborted; restarts++) {
    try {
      const current = await api.get<KubeObject>(paths.object, { signal });
      if (track.see(evaluate(current))) break;
      await watchObject(
        api,
        paths.collection,
        name,
        current.metadata.resourceVersion ?? '',
        {
          changed: (o) => track.see(evaluate(o)),
          deleted: () => {
            throw new Error(`${target} has been deleted`);
          },
        },
        signal,
      );
      break;
    } catch (e) {
      if (signal.aborted) break;
      if (!isTransientKubeError(e) || restarts >= MAX_WATCH_RESTARTS) {
        return track.outcome(timeoutText, e instanceof Error ? e.message : String(e));
      }
      log.debug(
        `${target}: watch failed (${sanitizeLine(e instanceof Error ? e.message : String(e))}); reading it again`,
      );
      await pause(restartDelayMs(restarts), signal);
    }
  }
  return track.outcome(timeoutText);
}

const POLL_MIN_MS = 1000;
const POLL_MAX_MS = 5000;

/**
 * Polls the Argo CD REST API (GET, the first with ?refresh=normal when asked). Polling rather than the
 * /api/v1/stream endpoint: a long-lived streamed response is what ingresses and proxies in front of Argo CD
 * buffer or cut, while a GET every few seconds costs Argo CD one cache read. The interval starts at 1 s and
 * grows to 5 s while nothing changes.
 */
export async function pollArgoCd(
  argocd: ArgoCdApi,
  app: { name: string; namespace: string | undefined },
  target: string,
  refresh: boolean,
  evaluate: (app: unknown) => GitOpsVerdict,
  signal: AbortSignal,
  log: Log,
  timeoutText: string,
): Promise<GitOpsOutcome> {
  const track = tracker(target, log);
  let interval = POLL_MIN_MS;
  let failures = 0;
  let lastProgress = '';
  for (let first = true; !signal.aborted; first = false) {
    try {
      const application = await argocd.getApplication(app.name, {
        appNamespace: app.namespace,
        refresh: first && refresh ? 'normal' : undefined,
        signal,
      });
      if (first && refresh) log.info(`${target}: refresh requested`);
      failures = 0;
      const verdict = evaluate(application);
      if (track.see(verdict)) break;
      interval = verdict.progress === lastProgress ? Math.min(interval * 1.5, POLL_MAX_MS) : POLL_MIN_MS;
      lastProgress = verdict.progress;
    } catch (e) {
      if (signal.aborted) break;
      const status = (e as { status?: number }).status;
      const retryable =
        status === undefined ? e instanceof Error && e.name === 'NetworkError' : status === 429 || status >= 500;
      if (!retryable || ++failures > MAX_WATCH_RESTARTS) {
        return track.outcome(timeoutText, e instanceof Error ? e.message : String(e));
      }
      log.debug(`${target}: ${sanitizeLine(e instanceof Error ? e.message : String(e))}; trying again`);
    }
    await pause(interval, signal);
  }
  return track.outcome(timeoutText);
}
