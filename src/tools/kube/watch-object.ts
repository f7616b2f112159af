/**
 * Following ONE named object by watch, the part verify-rollout's waits share (workloads and GitOps objects):
 * the by-name field selector, the verdict acted on as soon as it is known, the bounded restart of a watch that
 * the server broke, and an abortable pause.
 */
import { KubeApiError } from './errors';
import { NetworkError } from './transport';
import type { KubeApi, KubeObject } from './types';

/** How many times a watch broken by a server error is started again before the wait gives up. */
export const MAX_WATCH_RESTARTS = 5;

/** A failure worth starting the watch again from a fresh read (etcd changing leader, a rate limit, a reset). */
export function isTransientKubeError(e: unknown): boolean {
  return e instanceof NetworkError || (e instanceof KubeApiError && (e.status === 429 || e.status >= 500));
}

/** The wait before restart `restarts + 1`: 200 ms doubling, at most 3 s. */
export const restartDelayMs = (restarts: number): number => Math.min(200 * 2 ** restarts, 3000);

/** Resolves after `ms`, or at once when `signal` aborts. */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
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

export interface ObjectEvents {
  /** The object changed (ADDED or MODIFIED); true when the wait is decided. */
  changed(object: KubeObject): boolean;
  /** The object was deleted; the wait ends. May throw to end it with an error. */
  deleted(): void;
}

/**
 * Watches `name` in `collection` from `resourceVersion` until `events.changed` decides, the object is deleted, or
 * `signal` aborts. Returns as soon as the verdict is known: closing the stream is not waited for.
 */
export async function watchObject(
  api: KubeApi,
  collection: string,
  name: string,
  resourceVersion: string,
  events: ObjectEvents,
  signal: AbortSignal,
): Promise<void> {
  const decided = new AbortController();
  const stop = () => decided.abort();
  signal.addEventListener('abort', stop, { once: true });
  let reached: () => void = () => {};
  const verdictReached = new Promise<void>((resolve) => {
    reached = resolve;
  });
  const watching = api.watch<KubeObject>(
    collection,
    resourceVersion,
    (event) => {
      if (event.type === 'BOOKMARK' || event.object.metadata?.name !== name) return false;
      if (event.type === 'DELETED') {
        events.deleted();
        reached();
        return true;
      }
      const done = events.changed(event.object);
      if (done) reached();
      return done;
    },
    { signal: decided.signal, query: { fieldSelector: `metadata.name=${name}` } },
  );
  try {
    await Promise.race([watching, verdictReached]);
  } finally {
    signal.removeEventListener('abort', stop);
    watching.catch(() => {});
    // Tearing the stream down (TLS socket, reader) takes a few ms: done after the caller has acted on the verdict.
    setImmediate(() => decided.abort());
  }
}
