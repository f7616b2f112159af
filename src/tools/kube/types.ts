/**
 * The contract between the Kubernetes client (src/tools/kube/client.ts, config.ts) and the steps that
 * use it (set-image, verify-rollout). Objects are plain JSON as the API server sends them; the steps
 * read only the fields they need through the narrow types in src/core/rollout/.
 */

/** Any Kubernetes object, as JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    generation?: number;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
    creationTimestamp?: string;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

export interface KubeList<T extends KubeObject = KubeObject> {
  items: T[];
  metadata: { resourceVersion?: string; continue?: string };
}

export interface WatchEvent<T extends KubeObject = KubeObject> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: T;
}

export type PatchType = 'strategic' | 'merge' | 'json';

export interface RequestOptions {
  signal?: AbortSignal;
  /** Query parameters (fieldSelector, labelSelector, dryRun, fieldManager, container, tailLines, ...). */
  query?: Record<string, string | number | boolean | undefined>;
}

/**
 * What the steps ask of the API server. Paths are API paths such as
 * `/apis/apps/v1/namespaces/prod/deployments/web`. Every method retries 429/5xx/connection resets a
 * bounded number of times and throws KubeApiError (status, reason, message) for an API answer, or
 * NetworkError when there is none.
 */
export interface KubeApi {
  /** The namespace of the selected context ('default' when it names none). */
  readonly namespace: string;
  /** A description for log lines: context name and server URL (no credentials). */
  readonly description: string;
  /** Requests sent so far (the benchmark compares it with kubectl's). */
  readonly requestCount: number;
  get<T extends KubeObject>(path: string, options?: RequestOptions): Promise<T>;
  list<T extends KubeObject>(path: string, options?: RequestOptions): Promise<KubeList<T>>;
  patch<T extends KubeObject>(path: string, type: PatchType, body: unknown, options?: RequestOptions): Promise<T>;
  /** Plain text (pod logs). */
  text(path: string, options?: RequestOptions): Promise<string>;
  /**
   * Watches the collection at `path` (with options.query, e.g. a fieldSelector) from `resourceVersion`,
   * calling `onEvent` for each event until it returns true or the signal aborts. When the stream ends or
   * drops it resumes from the last resourceVersion seen; on 410 Gone it re-lists (each listed item is
   * delivered as ADDED) and watches from the list's resourceVersion.
   */
  watch<T extends KubeObject>(
    path: string,
    resourceVersion: string,
    onEvent: (event: WatchEvent<T>) => boolean | Promise<boolean>,
    options?: RequestOptions,
  ): Promise<void>;
  close(): void;
}
