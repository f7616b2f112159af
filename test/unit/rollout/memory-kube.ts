/**
 * An in-memory KubeApi for the actions' unit tests: objects by API path, a scripted event batch per watch call,
 * and a record of every request. Patches are applied only as far as the steps use them (set-image's strategic
 * merge on named containers plus annotations; JSON patch `replace`; a ControllerRevision's template replace).
 */
import { KubeApiError } from '../../../src/tools/kube/errors';
import type {
  KubeApi,
  KubeList,
  KubeObject,
  PatchType,
  RequestOptions,
  WatchEvent,
} from '../../../src/tools/kube/types';

export interface Recorded {
  method: 'GET' | 'LIST' | 'PATCH' | 'LOG' | 'WATCH';
  path: string;
  query?: RequestOptions['query'];
  patchType?: PatchType;
  body?: unknown;
}

type Json = Record<string, unknown>;

export class MemoryKube implements KubeApi {
  readonly namespace = 'default';
  readonly description = "context 'memory' (in-memory)";
  readonly objects = new Map<string, KubeObject>();
  readonly requests: Recorded[] = [];
  /** Per collection path, the event batches of successive watch calls. */
  readonly watches = new Map<string, WatchEvent[][]>();
  readonly logs = new Map<string, string>();
  /** Errors to answer by `METHOD path`. */
  readonly failures = new Map<string, KubeApiError>();
  private rv = 100;
  closed = false;

  get requestCount(): number {
    return this.requests.length;
  }

  put(path: string, object: KubeObject): void {
    this.objects.set(
      path,
      structuredClone({ ...object, metadata: { ...object.metadata, resourceVersion: String(++this.rv) } }),
    );
  }

  script(collection: string, ...batches: WatchEvent[][]): void {
    this.watches.set(collection, [...(this.watches.get(collection) ?? []), ...batches]);
  }

  private fail(method: string, path: string): void {
    const e = this.failures.get(`${method} ${path}`);
    if (e) throw e;
  }

  async get<T extends KubeObject>(path: string, options?: RequestOptions): Promise<T> {
    this.requests.push({ method: 'GET', path, ...(options?.query ? { query: options.query } : {}) });
    this.fail('GET', path);
    const o = this.objects.get(path);
    if (!o) throw new KubeApiError(404, 'NotFound', `"${path.split('/').at(-1)}" not found`, 'GET', path);
    return structuredClone(o) as T;
  }

  async list<T extends KubeObject>(path: string, options?: RequestOptions): Promise<KubeList<T>> {
    this.requests.push({ method: 'LIST', path, ...(options?.query ? { query: options.query } : {}) });
    this.fail('LIST', path);
    const selector = String(options?.query?.labelSelector ?? '');
    const terms = selector
      .split(',')
      .filter((t) => t.includes('='))
      .map((t) => t.split('=') as [string, string]);
    const items = [...this.objects.entries()]
      .filter(([p]) => p.startsWith(`${path}/`) && !p.slice(path.length + 1).includes('/'))
      .map(([, o]) => structuredClone(o) as T)
      .filter((o) => terms.every(([k, v]) => o.metadata.labels?.[k] === v));
    return { items, metadata: { resourceVersion: String(this.rv) } };
  }

  async patch<T extends KubeObject>(
    path: string,
    type: PatchType,
    body: unknown,
    options?: RequestOptions,
  ): Promise<T> {
    this.requests.push({
      method: 'PATCH',
      path,
      patchType: type,
      body,
      ...(options?.query ? { query: options.query } : {}),
    });
    this.fail('PATCH', path);
    const current = this.objects.get(path);
    if (!current) throw new KubeApiError(404, 'NotFound', 'not found', 'PATCH', path);
    const next = structuredClone(current) as Json;
    if (type === 'json') {
      for (const op of body as { op: string; path: string; value: unknown }[]) {
        const keys = op.path.split('/').slice(1);
        let node = next;
        for (const k of keys.slice(0, -1)) node = node[k] as Json;
        node[keys.at(-1) as string] = structuredClone(op.value);
      }
    } else {
      strategicMerge(next, body as Json);
    }
    const meta = next.metadata as Json;
    meta.generation = Number(meta.generation ?? 1) + 1;
    if (options?.query?.dryRun) return next as T;
    this.put(path, next as KubeObject);
    return structuredClone(this.objects.get(path)) as T;
  }

  async text(path: string, options?: RequestOptions): Promise<string> {
    this.requests.push({ method: 'LOG', path, ...(options?.query ? { query: options.query } : {}) });
    const key = `${path}?container=${options?.query?.container}${options?.query?.previous ? '&previous' : ''}`;
    const text = this.logs.get(key);
    if (text === undefined)
      throw new KubeApiError(400, 'BadRequest', 'previous terminated container not found', 'GET', path);
    return text;
  }

  async watch<T extends KubeObject>(
    path: string,
    resourceVersion: string,
    onEvent: (event: WatchEvent<T>) => boolean | Promise<boolean>,
    options?: RequestOptions,
  ): Promise<void> {
    this.requests.push({ method: 'WATCH', path, query: { ...options?.query, resourceVersion } });
    const batch = this.watches.get(path)?.shift() ?? [];
    for (const event of batch) {
      if (options?.signal?.aborted) return;
      if (event.type !== 'DELETED' && event.type !== 'BOOKMARK') {
        const objectPath = `${path}/${event.object.metadata.name}`;
        this.put(objectPath, event.object);
      }
      if (await onEvent(structuredClone(event) as WatchEvent<T>)) return;
    }
    // Nothing more happens: wait for the caller's deadline, as a quiet watch does.
    await new Promise<void>((resolve) => {
      if (!options?.signal || options.signal.aborted) return resolve();
      options.signal.addEventListener('abort', () => resolve(), { once: true });
    });
  }

  close(): void {
    this.closed = true;
  }
}

/** Enough of a strategic merge for these tests: maps merge, `containers`-like lists merge by name, `$` keys skipped. */
function strategicMerge(target: Json, patch: Json): void {
  if (patch.$patch === 'replace') {
    for (const k of Object.keys(target)) delete target[k];
  }
  for (const [k, v] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    if (Array.isArray(v) && Array.isArray(target[k])) {
      for (const item of v as Json[]) {
        const existing = (target[k] as Json[]).find((x) => x.name === item.name);
        if (existing) strategicMerge(existing, item);
        else (target[k] as Json[]).push(structuredClone(item));
      }
    } else if (v && typeof v === 'object' && !Array.isArray(v)) {
      if (!target[k] || typeof target[k] !== 'object' || (v as Json).$patch === 'replace') target[k] = {};
      strategicMerge(target[k] as Json, v as Json);
    } else {
      target[k] = structuredClone(v);
    }
  }
}
