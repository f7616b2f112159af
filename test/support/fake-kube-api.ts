/**
 * A scripted Kubernetes API server for tests, in-process and without packages. It speaks enough of
 * the real API for kubectl (the referee, see test/e2e/kube-fake-vs-kubectl.test.ts) and for cdpack's
 * client: discovery, GET/LIST with field and label selectors, WATCH (newline-delimited JSON, resumable
 * from a resourceVersion, 410 once compacted, bookmarks), PATCH (strategic merge, merge, JSON patch,
 * dryRun=All, fieldManager), create and delete, pod logs.
 *
 * Serves HTTPS by default (kubectl sends no credentials over plain HTTP) with certificates made by
 * openssl; authenticates bearer tokens, client certificates and basic auth; answers 401 for wrong
 * credentials and 403 for verbs forbidden with `forbid()`.
 *
 * A small controller plays the cluster's part: a Deployment whose pod template changes gets a new
 * ReplicaSet (pod-template-hash, revision annotation, controller ownerReference), a StatefulSet or
 * DaemonSet a new ControllerRevision. With `rollout: 'instant'` the new revision is at once complete;
 * with `'manual'` the status stays as the test sets it (`update()`, `script()`/`step()`, `play()`).
 * Faults: `inject()` (status codes, hang, reset for matching requests), `dropWatches()`, `compact()`
 * (watches from older resourceVersions get 410 Gone), `delete()` mid-watch.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { type ClusterState, canonical, ownedBy, reconcile, revisionOf, templateHash } from './fake-kube-controller';
import { type KubeconfigOptions, writeFakeKubeconfig } from './fake-kube-kubeconfig';
import { type Json, jsonMergePatch, jsonPatch, PatchError, strategicMergePatch } from './fake-kube-patch';
import {
  apiVersionOf,
  applyDefaults,
  discovery,
  podTemplateOf,
  qualifiedKind,
  qualifiedResource,
  type Raw,
  RESOURCE_TYPES,
  type ResourceType,
  resourceType,
  validate,
} from './fake-kube-resources';
import { labelSelectorString, parseFieldSelector, parseLabelSelector, SelectorError } from './fake-kube-select';
import { fakeKubePki } from './fake-kube-tls';

export type { KubeconfigOptions } from './fake-kube-kubeconfig';
export { execPluginCallsFile } from './fake-kube-kubeconfig';
export type { Raw } from './fake-kube-resources';
export { registerCustomResource } from './fake-kube-resources';

export interface FakeKubeAuth {
  /** Bearer tokens accepted, with the user each stands for. */
  tokens?: Record<string, string>;
  basic?: { user: string; password: string };
  /** Accept client certificates signed by the fake's CA (user = CN, groups = O). */
  clientCert?: boolean;
}

export interface FakeKubeOptions {
  /** HTTPS (default) or plain HTTP. */
  tls?: boolean;
  /** Default: the token `fake-kube-token` (user `tester`). `{}` lets anonymous requests through. */
  auth?: FakeKubeAuth;
  /** `instant` (default): a new revision rolls out at once. `manual`: the test sets the status. */
  rollout?: 'instant' | 'manual';
  /** Nodes a DaemonSet schedules onto (default 3). */
  nodes?: number;
  /** How a watch from a compacted resourceVersion is refused: an ERROR event after 200 (as the API server does) or HTTP 410. */
  goneAs?: 'event' | 'status';
}

export interface RecordedRequest {
  id: number;
  method: string;
  /** Path without the query. */
  path: string;
  query: Record<string, string>;
  /** get, list, watch, patch, create, delete, or `discovery`/`version` for the rest. */
  verb: string;
  /** `deployments`, `pods/log`, … (undefined for discovery). */
  resource?: string;
  namespace?: string;
  name?: string;
  status: number;
  /** A watch whose stream is open (headers sent, events may follow). */
  watching?: boolean;
  /** A watch refused with 410 Gone (its resourceVersion was compacted). */
  expired?: boolean;
  user?: string;
  userAgent?: string;
  contentType?: string;
  body?: unknown;
  /** Milliseconds since the fake started. */
  at: number;
}

export type FaultAnswer = { status: number; message?: string; retryAfter?: number } | 'hang' | 'reset';
export interface FaultRule {
  match?: (request: RecordedRequest) => boolean;
  /** How many matching requests get the answer (default: all until removed). */
  times?: number;
  answer: FaultAnswer;
}

export interface FakeKube {
  /** `https://127.0.0.1:<port>` (or http). */
  readonly url: string;
  readonly port: number;
  readonly tls: boolean;
  /** The CA that signed the server certificate (and the trusted client certificates); undefined over HTTP. */
  readonly caFile: string | undefined;
  /** A temp directory of this fake (kubeconfigs, exec plugin scripts, kubectl cache), removed by close(). */
  readonly dir: string;
  /** The accepted token when the default auth is used. */
  readonly token: string | undefined;
  /** Every request, in arrival order (status filled in when answered). */
  readonly requests: RecordedRequest[];
  /** The current global resourceVersion. */
  readonly resourceVersion: number;
  /** Open watch streams. */
  readonly watchCount: number;

  /** Stores an object (defaults applied unless `raw`), runs the controller; returns the stored copy. */
  create(object: Raw, options?: { raw?: boolean }): Raw;
  get(kind: string, name: string, namespace?: string): Raw | undefined;
  list(kind: string, namespace?: string): Raw[];
  /** Changes a stored object as the cluster would (status included); spec changes bump generation and run the controller. */
  update(kind: string, name: string, change: (object: Raw) => void, namespace?: string): Raw;
  delete(kind: string, name: string, namespace?: string): void;
  /** The ReplicaSets / ControllerRevisions a workload owns, oldest revision first. */
  revisions(kind: string, name: string, namespace?: string): Raw[];

  /** Queues steps; `step()` runs the next one (returns false when none is left); `play()` runs them on a timer. */
  script(steps: ((fake: FakeKube) => void)[]): void;
  step(): boolean;
  play(intervalMs: number): Promise<void>;

  setLog(pod: string, container: string, text: string, options?: { namespace?: string; previous?: boolean }): void;

  inject(rule: FaultRule): { remove(): void };
  /**
   * Ends open watches now (`reset` destroys the connection instead); with `afterEvents`, the next
   * `watches` (default 1) watches end after that many events instead.
   */
  dropWatches(options?: { mode?: 'end' | 'reset'; afterEvents?: number; watches?: number }): void;
  /** Forgets history up to now: a watch from an older resourceVersion gets 410 Gone. */
  compact(): void;
  /** Sends a BOOKMARK to watches that allow them. */
  bookmark(): void;
  /** Answers 403 for a verb on a resource (`patch`, `deployments`), optionally for one user. */
  forbid(verb: string, resource: string, user?: string): { remove(): void };

  /** Resolves with the first request (from index `since`, default 0) that matches. */
  waitForRequest(match: (request: RecordedRequest) => boolean, since?: number): Promise<RecordedRequest>;
  /** Resolves when a watch on `resource` is open (counting from request index `since`). */
  waitForWatch(resource: string, since?: number): Promise<RecordedRequest>;

  kubeconfig(options?: KubeconfigOptions): Promise<string>;
  close(): Promise<void>;
}

interface Watcher {
  type: ResourceType;
  namespace: string | undefined;
  matches: (object: Raw) => boolean;
  res: ServerResponse;
  bookmarks: boolean;
  sent: number;
  dropAfter: number | undefined;
}

interface HistoryEntry {
  rv: number;
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  plural: string;
  object: Raw;
}

class ApiError extends Error {
  constructor(
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly details?: Raw,
  ) {
    super(message);
  }
}

const clone = <T>(v: T): T => structuredClone(v);
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

const statusBody = (code: number, reason: string, message: string, details?: Raw) => ({
  kind: 'Status',
  apiVersion: 'v1',
  metadata: {},
  status: 'Failure',
  message,
  reason,
  ...(details ? { details } : {}),
  code,
});

function reasonFor(code: number): string {
  return (
    {
      400: 'BadRequest',
      401: 'Unauthorized',
      403: 'Forbidden',
      404: 'NotFound',
      405: 'MethodNotAllowed',
      409: 'Conflict',
      410: 'Expired',
      415: 'UnsupportedMediaType',
      422: 'Invalid',
      429: 'TooManyRequests',
      503: 'ServiceUnavailable',
    }[code] ?? 'InternalError'
  );
}

export async function startFakeKube(options: FakeKubeOptions = {}): Promise<FakeKube> {
  const tls = options.tls !== false;
  const defaultToken = options.auth === undefined ? 'fake-kube-token' : undefined;
  const auth: FakeKubeAuth = options.auth ?? { tokens: { 'fake-kube-token': 'tester' } };
  const authRequired = Boolean(Object.keys(auth.tokens ?? {}).length || auth.basic || auth.clientCert);
  const rolloutMode = options.rollout ?? 'instant';
  const nodes = options.nodes ?? 3;
  const goneAs = options.goneAs ?? 'event';
  const pki = tls ? await fakeKubePki() : undefined;
  const dir = mkdtempSync(join(tmpdir(), 'fake-kube-'));
  const started = Date.now();

  const objects = new Map<string, Raw>();
  const history: HistoryEntry[] = [];
  const logs = new Map<string, string>();
  const watchers = new Set<Watcher>();
  const hanging = new Set<ServerResponse>();
  const sockets = new Set<Socket>();
  const faults = new Set<FaultRule & { used: number }>();
  const forbidden = new Set<{ verb: string; resource: string; user?: string }>();
  const requests: RecordedRequest[] = [];
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const steps: ((fake: FakeKube) => void)[] = [];
  let rv = 1;
  let compactedRv = 0;
  let futureDrop: { afterEvents: number; watches: number } | undefined;
  let port = 0;

  const key = (type: ResourceType, namespace: string, name: string) => `${type.plural}|${namespace}|${name}`;
  const inNamespace = (type: ResourceType, namespace?: string) =>
    [...objects.entries()]
      .filter(([k]) => k.startsWith(`${type.plural}|${namespace === undefined ? '' : `${namespace}|`}`))
      .map(([, v]) => v as Raw);

  /** An object as sent on the wire (apiVersion and kind first). */
  const wire = (type: ResourceType, object: Raw) => ({ apiVersion: apiVersionOf(type), kind: type.kind, ...object });

  function notify(type: ResourceType, eventType: HistoryEntry['type'], object: Raw): void {
    history.push({
      rv: Number(object.metadata.resourceVersion),
      type: eventType,
      plural: type.plural,
      object: clone(object),
    });
    for (const w of watchers) {
      if (
        w.type === type &&
        (w.namespace === undefined || w.namespace === object.metadata.namespace) &&
        w.matches(object)
      ) {
        sendEvent(w, eventType, object);
      }
    }
  }

  function sendEvent(w: Watcher, eventType: string, object: Raw): void {
    if (w.res.destroyed || w.res.writableEnded) return;
    w.res.write(`${JSON.stringify({ type: eventType, object: wire(w.type, object) })}\n`);
    w.sent++;
    if (w.dropAfter !== undefined && w.sent >= w.dropAfter) w.res.end();
  }

  /** Writes an object to the store: new resourceVersion, generation bump on spec change, watch event. */
  function store(type: ResourceType, next: Raw, before: Raw | undefined): Raw {
    const object = clone(next);
    if (before && type.generation && canonical(before.spec) !== canonical(object.spec)) {
      object.metadata.generation = (before.metadata.generation ?? 1) + 1;
    }
    object.metadata.resourceVersion = String(++rv);
    objects.set(key(type, object.metadata.namespace, object.metadata.name), object);
    notify(type, before ? 'MODIFIED' : 'ADDED', object);
    return object;
  }

  function prepareNew(type: ResourceType, input: Raw, raw: boolean, namespace?: string): Raw {
    const object = clone(input);
    delete object.apiVersion;
    delete object.kind;
    object.metadata ??= {};
    object.metadata.namespace ??= namespace ?? 'default';
    if (!object.metadata.name && object.metadata.generateName) {
      object.metadata.name = `${object.metadata.generateName}${templateHash(randomUUID()).slice(0, 5)}`;
    }
    if (!object.metadata.name)
      throw new ApiError(
        422,
        'Invalid',
        `${qualifiedKind(type)} "" is invalid: metadata.name: Required value: name or generateName is required`,
      );
    object.metadata.uid ??= randomUUID();
    object.metadata.creationTimestamp ??= now();
    if (type.generation) object.metadata.generation = 1;
    if (!raw) applyDefaults(type, object);
    return object;
  }

  const cluster: ClusterState = {
    list: (type, namespace) => inNamespace(type, namespace),
    write: (type, next, before) => store(type, next, before),
    mode: rolloutMode,
    nodes,
  };

  const isCustom = (type: ResourceType) => !['', 'apps', 'batch'].includes(type.group);

  function runController(type: ResourceType, namespace: string, name: string): void {
    const object = objects.get(key(type, namespace, name));
    if (object) reconcile(cluster, type, object);
  }

  // ---- authentication and authorization -----------------------------------------------------------

  function authenticate(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    if (header) {
      const bearer = /^Bearer\s+(\S+)$/i.exec(header);
      if (bearer?.[1] && auth.tokens?.[bearer[1]] !== undefined) return auth.tokens[bearer[1]];
      const basic = /^Basic\s+(\S+)$/i.exec(header);
      if (basic?.[1] && auth.basic) {
        const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
        if (decoded === `${auth.basic.user}:${auth.basic.password}`) return auth.basic.user;
      }
      throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    }
    const socket = req.socket as TLSSocket;
    if (auth.clientCert && tls && socket.authorized) {
      const cn = socket.getPeerCertificate()?.subject?.CN;
      if (cn) return Array.isArray(cn) ? cn[0] : cn;
    }
    if (authRequired) throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    return 'system:anonymous';
  }

  function authorize(record: RecordedRequest): void {
    if (!record.resource) return;
    for (const rule of forbidden) {
      if (rule.verb === record.verb && rule.resource === record.resource && (!rule.user || rule.user === record.user)) {
        const type = resourceType(record.resource.split('/')[0] ?? '');
        const what = record.name
          ? `${qualifiedResource(type)} "${record.name}" is forbidden`
          : `${qualifiedResource(type)} is forbidden`;
        const group = type.group;
        throw new ApiError(
          403,
          'Forbidden',
          `${what}: User "${record.user}" cannot ${record.verb} resource "${record.resource.split('/')[0]}"${record.resource.includes('/') ? ` subresource ...` : ''} in API group "${group}" in the namespace "${record.namespace}"`,
          { name: record.name, group, kind: record.resource },
        );
      }
    }
  }

  // ---- request handling ---------------------------------------------------------------------------

  interface Route {
    type: ResourceType;
    namespace: string | undefined;
    name: string | undefined;
    subresource: string | undefined;
  }

  function route(path: string): Route | undefined {
    // Core types under /api/v1; every group (built in or registered custom resources) under /apis/<group>/<version>.
    const m =
      /^\/(?:api\/v1|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([^/]+)(?:\/([^/]+))?(?:\/([^/]+))?$/.exec(
        path,
      );
    if (!m) return undefined;
    const [, group = '', version = 'v1', namespace, plural, name, subresource] = m;
    const type = RESOURCE_TYPES.find((t) => t.plural === plural && t.group === group && t.version === version);
    if (!type) return undefined;
    return { type, namespace, name, subresource };
  }

  function verbOf(method: string, r: Route | undefined, query: Record<string, string>): string {
    if (!r) return 'discovery';
    if (method === 'GET') {
      if (r.name) return 'get';
      return query.watch === 'true' || query.watch === '1' ? 'watch' : 'list';
    }
    return { PATCH: 'patch', POST: 'create', DELETE: 'delete', PUT: 'update' }[method] ?? method.toLowerCase();
  }

  function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  function send(res: ServerResponse, code: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    res.writeHead(code, {
      'Content-Type': typeof body === 'string' ? 'text/plain' : 'application/json',
      'Content-Length': Buffer.byteLength(text),
      ...headers,
    });
    res.end(text);
  }

  function selectorFor(type: ResourceType, query: Record<string, string>): (o: Raw) => boolean {
    try {
      const labels = query.labelSelector ? parseLabelSelector(query.labelSelector) : () => true;
      if (query.fieldSelector) {
        const allowed = new Set(['metadata.name', 'metadata.namespace', ...type.fields]);
        for (const term of query.fieldSelector.split(',')) {
          const field = term.split(/!=|==|=/)[0]?.trim() ?? '';
          if (!allowed.has(field)) throw new ApiError(400, 'BadRequest', `field label not supported: ${field}`);
        }
      }
      const fields = query.fieldSelector ? parseFieldSelector(query.fieldSelector) : () => true;
      return (o) => labels(o.metadata.labels) && fields(o);
    } catch (error) {
      if (error instanceof SelectorError) throw new ApiError(400, 'BadRequest', error.message);
      throw error;
    }
  }

  const notFound = (type: ResourceType, name: string) =>
    new ApiError(404, 'NotFound', `${qualifiedResource(type)} "${name}" not found`, {
      name,
      group: type.group,
      kind: type.plural,
    });

  function startWatch(r: Route, record: RecordedRequest, res: ServerResponse): void {
    const query = record.query;
    const matches = selectorFor(r.type, query);
    const from = query.resourceVersion;
    const replayAll = from === undefined || from === '' || from === '0';
    if (!replayAll && Number(from) < compactedRv) {
      const message = `too old resource version: ${from} (${compactedRv})`;
      record.expired = true;
      if (goneAs === 'status') throw new ApiError(410, 'Expired', message);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
      res.flushHeaders();
      res.end(`${JSON.stringify({ type: 'ERROR', object: statusBody(410, 'Expired', message) })}\n`);
      return;
    }
    res.writeHead(200, { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' });
    res.flushHeaders();
    const w: Watcher = {
      type: r.type,
      namespace: r.namespace,
      matches,
      res,
      bookmarks: query.allowWatchBookmarks === 'true',
      sent: 0,
      dropAfter: futureDrop?.afterEvents,
    };
    if (futureDrop && --futureDrop.watches <= 0) futureDrop = undefined;
    watchers.add(w);
    res.on('close', () => watchers.delete(w));
    const timeout = Number(query.timeoutSeconds ?? 0);
    if (timeout > 0) {
      const timer = setTimeout(() => res.end(), timeout * 1000);
      res.on('close', () => clearTimeout(timer));
    }
    const visible = (o: Raw) => (r.namespace === undefined || o.metadata.namespace === r.namespace) && matches(o);
    if (replayAll) {
      for (const o of inNamespace(r.type, r.namespace)) if (matches(o)) sendEvent(w, 'ADDED', o);
    } else {
      for (const e of history) {
        if (e.rv > Number(from) && e.plural === r.type.plural && visible(e.object)) sendEvent(w, e.type, e.object);
      }
    }
    if (w.dropAfter !== undefined && w.sent >= w.dropAfter) res.end();
    record.status = 200;
    record.watching = true;
    events.emit('watch', record);
  }

  function handlePodLog(r: Route, query: Record<string, string>, res: ServerResponse): void {
    const namespace = r.namespace ?? 'default';
    const pod = objects.get(key(r.type, namespace, r.name ?? ''));
    if (!pod) throw notFound(r.type, r.name ?? '');
    const names: string[] = (pod.spec?.containers ?? []).map((c: Raw) => c.name);
    const initNames: string[] = (pod.spec?.initContainers ?? []).map((c: Raw) => c.name);
    let container = query.container;
    if (!container) {
      if (names.length !== 1) {
        throw new ApiError(
          400,
          'BadRequest',
          `a container name must be specified for pod ${pod.metadata.name}, choose one of: [${names.join(' ')}]`,
        );
      }
      container = names[0] ?? '';
    }
    if (!names.includes(container) && !initNames.includes(container)) {
      throw new ApiError(400, 'BadRequest', `container ${container} is not valid for pod ${pod.metadata.name}`);
    }
    const previous = query.previous === 'true';
    const text = logs.get(`${namespace}|${pod.metadata.name}|${container}|${previous}`);
    // As the kubelet answers through the API server for a container that never ran.
    if (text === undefined && !previous) {
      if (!pod.spec?.nodeName) {
        throw new ApiError(400, 'BadRequest', `pod ${pod.metadata.name} does not have a host assigned`);
      }
      const statuses: Raw[] = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
      const waiting = statuses.find((c) => c.name === container)?.state?.waiting?.reason;
      if (waiting && waiting !== 'CrashLoopBackOff') {
        const why = /ImagePull|ErrImage/.test(waiting) ? 'trying and failing to pull image' : waiting;
        throw new ApiError(
          400,
          'BadRequest',
          `container "${container}" in pod "${pod.metadata.name}" is waiting to start: ${why}`,
        );
      }
    }
    if (text === undefined && previous) {
      throw new ApiError(
        400,
        'BadRequest',
        `previous terminated container "${container}" in pod "${pod.metadata.name}" not found`,
      );
    }
    let lines = (text ?? '').split('\n');
    if (lines[lines.length - 1] === '') lines.pop();
    if (query.tailLines !== undefined) lines = lines.slice(Math.max(0, lines.length - Number(query.tailLines)));
    send(res, 200, lines.map((l) => `${l}\n`).join(''));
  }

  function applyPatch(contentType: string, current: Raw, body: Json, custom = false): Raw {
    const kind = contentType.split(';')[0]?.trim();
    // Custom resources have no strategic-merge schema: the API server refuses that patch type for them.
    if (custom && kind === 'application/strategic-merge-patch+json') {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
      );
    }
    try {
      if (kind === 'application/strategic-merge-patch+json') return strategicMergePatch(current, body);
      if (kind === 'application/merge-patch+json') return jsonMergePatch(current, body);
      if (kind === 'application/json-patch+json') return jsonPatch(current, body);
    } catch (error) {
      if (error instanceof PatchError) throw new ApiError(422, 'Invalid', error.message);
      throw error;
    }
    throw new ApiError(
      415,
      'UnsupportedMediaType',
      `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json`,
    );
  }

  function checkDryRun(query: Record<string, string>): boolean {
    if (query.dryRun === undefined) return false;
    if (query.dryRun !== 'All') throw new ApiError(400, 'BadRequest', `Invalid dryRun value: ${query.dryRun}`);
    return true;
  }

  function checkFieldManager(query: Record<string, string>): void {
    const manager = query.fieldManager;
    if (manager !== undefined && (manager.length > 128 || /[^\x20-\x7e]/.test(manager))) {
      throw new ApiError(
        422,
        'Invalid',
        `fieldManager: Invalid value: "${manager}": must be 128 printable characters or fewer`,
      );
    }
  }

  function invalid(type: ResourceType, object: Raw): void {
    const causes = validate(type, object);
    if (causes.length === 0) return;
    const message = `${qualifiedKind(type)} "${object.metadata.name}" is invalid: ${causes.map(([f, m]) => `${f}: ${m}`).join(', ')}`;
    throw new ApiError(422, 'Invalid', message, {
      name: object.metadata.name,
      group: type.group,
      kind: type.kind,
      causes: causes.map(([field, m]) => ({ reason: 'FieldValueRequired', message: m, field })),
    });
  }

  async function handleResource(
    r: Route,
    record: RecordedRequest,
    req: IncomingMessage,
    res: ServerResponse,
  ): Promise<void> {
    const { type } = r;
    const query = record.query;
    if (r.subresource === 'log' && type.plural === 'pods' && req.method === 'GET') return handlePodLog(r, query, res);
    if (r.subresource) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
    if (record.verb === 'watch') return startWatch(r, record, res);
    if (record.verb === 'list') {
      const matches = selectorFor(type, query);
      const items = inNamespace(type, r.namespace)
        .filter(matches)
        .sort((a, b) =>
          `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`),
        );
      return send(res, 200, {
        kind: `${type.kind}List`,
        apiVersion: apiVersionOf(type),
        metadata: { resourceVersion: String(rv) },
        items,
      });
    }
    const namespace = r.namespace ?? 'default';
    if (record.verb === 'get') {
      const object = objects.get(key(type, namespace, r.name ?? ''));
      if (!object) throw notFound(type, r.name ?? '');
      return send(res, 200, wire(type, object));
    }
    if (record.verb === 'delete') {
      const object = objects.get(key(type, namespace, r.name ?? ''));
      if (!object) throw notFound(type, r.name ?? '');
      const dryRun = checkDryRun(query);
      if (!dryRun) removeObject(type, object);
      return send(res, 200, wire(type, object));
    }
    const text = await readBody(req);
    if (/protobuf/.test(record.contentType ?? '')) {
      throw new ApiError(
        415,
        'UnsupportedMediaType',
        'fake-kube: protobuf request bodies are not supported (send JSON)',
      );
    }
    let body: Json;
    try {
      body = JSON.parse(text);
    } catch {
      throw new ApiError(400, 'BadRequest', 'the request body is not valid JSON');
    }
    record.body = body;
    const dryRun = checkDryRun(query);
    checkFieldManager(query);
    if (record.verb === 'create') {
      const object = prepareNew(type, body, false, namespace);
      if (objects.has(key(type, object.metadata.namespace, object.metadata.name))) {
        throw new ApiError(409, 'AlreadyExists', `${qualifiedResource(type)} "${object.metadata.name}" already exists`);
      }
      invalid(type, object);
      if (dryRun) return send(res, 201, wire(type, object));
      const stored = store(type, object, undefined);
      setImmediate(() => runController(type, object.metadata.namespace, object.metadata.name));
      return send(res, 201, wire(type, stored));
    }
    if (record.verb === 'patch') {
      const current = objects.get(key(type, namespace, r.name ?? ''));
      if (!current) throw notFound(type, r.name ?? '');
      const patched = applyPatch(record.contentType ?? '', wire(type, current), body, isCustom(type));
      const wanted = patched.metadata?.resourceVersion;
      if (wanted !== undefined && wanted !== current.metadata.resourceVersion) {
        throw new ApiError(
          409,
          'Conflict',
          `Operation cannot be fulfilled on ${qualifiedResource(type)} "${current.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`,
        );
      }
      delete patched.apiVersion;
      delete patched.kind;
      // Identity and server-owned fields are not the patch's to change; status has its own subresource.
      patched.metadata = {
        ...patched.metadata,
        name: current.metadata.name,
        namespace: current.metadata.namespace,
        uid: current.metadata.uid,
        creationTimestamp: current.metadata.creationTimestamp,
        generation: current.metadata.generation,
        resourceVersion: current.metadata.resourceVersion,
      };
      if (type.status) {
        if (current.status === undefined) delete patched.status;
        else patched.status = clone(current.status);
      }
      applyDefaults(type, patched);
      invalid(type, patched);
      if (dryRun) {
        const preview = clone(patched);
        if (type.generation && canonical(current.spec) !== canonical(preview.spec))
          preview.metadata.generation = current.metadata.generation + 1;
        return send(res, 200, wire(type, preview));
      }
      if (canonical(patched) === canonical(current)) return send(res, 200, wire(type, current));
      const stored = store(type, patched, current);
      setImmediate(() => runController(type, namespace, stored.metadata.name));
      return send(res, 200, wire(type, stored));
    }
    throw new ApiError(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`);
  }

  function removeObject(type: ResourceType, object: Raw): void {
    objects.delete(key(type, object.metadata.namespace, object.metadata.name));
    const gone = { ...clone(object), metadata: { ...object.metadata, resourceVersion: String(++rv) } };
    notify(type, 'DELETED', gone);
  }

  function matchFault(record: RecordedRequest): FaultAnswer | undefined {
    for (const rule of faults) {
      if (rule.times !== undefined && rule.used >= rule.times) continue;
      if (rule.match && !rule.match(record)) continue;
      rule.used++;
      return rule.answer;
    }
    return undefined;
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams.entries());
    const r = route(url.pathname);
    const verb = verbOf(req.method ?? 'GET', r, query);
    const record: RecordedRequest = {
      id: requests.length,
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      verb: url.pathname === '/version' ? 'version' : verb,
      status: 0,
      at: Date.now() - started,
      ...(r
        ? {
            resource: r.subresource ? `${r.type.plural}/${r.subresource}` : r.type.plural,
            namespace: r.namespace,
            name: r.name,
          }
        : {}),
      ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
      ...(req.headers['content-type'] ? { contentType: req.headers['content-type'] } : {}),
    };
    requests.push(record);
    res.on('finish', () => {
      record.status = res.statusCode;
    });
    try {
      record.user = authenticate(req);
      const fault = matchFault(record);
      events.emit('request', record);
      if (fault === 'hang') {
        hanging.add(res);
        res.on('close', () => hanging.delete(res));
        return;
      }
      if (fault === 'reset') {
        req.socket.destroy();
        return;
      }
      if (fault) {
        const headers: Record<string, string> =
          fault.retryAfter !== undefined ? { 'Retry-After': String(fault.retryAfter) } : {};
        const message = fault.message ?? 'fake-kube: injected failure';
        return send(res, fault.status, statusBody(fault.status, reasonFor(fault.status), message), headers);
      }
      authorize(record);
      const doc = discovery(port)[url.pathname];
      if (req.method === 'GET' && doc) return send(res, 200, doc);
      if (!r) throw new ApiError(404, 'NotFound', 'the server could not find the requested resource');
      await handleResource(r, record, req, res);
    } catch (error) {
      if (!(error instanceof ApiError)) {
        send(res, 500, statusBody(500, 'InternalError', `fake-kube: ${String(error)}`));
        return;
      }
      if (error.code === 401) events.emit('request', record);
      send(res, error.code, statusBody(error.code, error.reason, error.message, error.details));
    }
  }

  const listener = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch(() => res.destroy());
  };
  const server: Server = pki
    ? createHttpsServer(
        {
          key: pki.server.key,
          cert: pki.server.cert,
          ca: pki.ca,
          requestCert: auth.clientCert === true,
          rejectUnauthorized: false,
        },
        listener,
      )
    : createHttpServer(listener);
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  server.on('secureConnection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  if (port === 8080) throw new Error('fake-kube: refusing port 8080 (kubectl with no kubeconfig talks to it)');
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;

  function waitForRequest(
    match: (r: RecordedRequest) => boolean,
    since = 0,
    event = 'request',
  ): Promise<RecordedRequest> {
    const seen = requests.slice(since).find(match);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => {
      const on = (r: RecordedRequest) => {
        if (r.id >= since && match(r)) {
          events.off(event, on);
          resolve(r);
        }
      };
      events.on(event, on);
    });
  }

  const fake: FakeKube = {
    url,
    port,
    tls,
    caFile: pki?.caFile,
    dir,
    token: defaultToken,
    requests,
    get resourceVersion() {
      return rv;
    },
    get watchCount() {
      return watchers.size;
    },

    create(input, createOptions = {}) {
      const type = resourceType(String(input.kind ?? ''));
      const object = prepareNew(type, input, createOptions.raw === true);
      const stored = store(type, object, objects.get(key(type, object.metadata.namespace, object.metadata.name)));
      runController(type, stored.metadata.namespace, stored.metadata.name);
      return clone(objects.get(key(type, stored.metadata.namespace, stored.metadata.name)));
    },
    get(kind, name, namespace = 'default') {
      const object = objects.get(key(resourceType(kind), namespace, name));
      return object ? clone(object) : undefined;
    },
    list(kind, namespace) {
      return inNamespace(resourceType(kind), namespace).map(clone);
    },
    update(kind, name, change, namespace = 'default') {
      const type = resourceType(kind);
      const current = objects.get(key(type, namespace, name));
      if (!current) throw new Error(`fake-kube: no ${type.plural} ${namespace}/${name}`);
      const next = clone(current);
      change(next);
      store(type, next, current);
      if (
        canonical(next.spec) !== canonical(current.spec) ||
        JSON.stringify(next.metadata.annotations) !== JSON.stringify(current.metadata.annotations)
      ) {
        runController(type, namespace, name);
      }
      return clone(objects.get(key(type, namespace, name)));
    },
    delete(kind, name, namespace = 'default') {
      const type = resourceType(kind);
      const object = objects.get(key(type, namespace, name));
      if (!object) throw new Error(`fake-kube: no ${type.plural} ${namespace}/${name}`);
      removeObject(type, object);
    },
    revisions(kind, name, namespace = 'default') {
      const type = resourceType(kind);
      const owner = objects.get(key(type, namespace, name));
      if (!owner) return [];
      const ownedType = resourceType(type.kind === 'Deployment' ? 'replicasets' : 'controllerrevisions');
      return inNamespace(ownedType, namespace)
        .filter(ownedBy(owner))
        .sort((a, b) => (type.kind === 'Deployment' ? revisionOf(a) - revisionOf(b) : a.revision - b.revision))
        .map(clone);
    },

    script(more) {
      steps.push(...more);
    },
    step() {
      const next = steps.shift();
      if (!next) return false;
      next(fake);
      return true;
    },
    async play(intervalMs) {
      while (steps.length > 0) {
        await new Promise((resolve) => setTimeout(resolve, intervalMs));
        fake.step();
      }
    },

    setLog(pod, container, text, logOptions = {}) {
      logs.set(`${logOptions.namespace ?? 'default'}|${pod}|${container}|${logOptions.previous === true}`, text);
    },

    inject(rule) {
      const entry = { ...rule, used: 0 };
      faults.add(entry);
      return { remove: () => faults.delete(entry) };
    },
    dropWatches(dropOptions = {}) {
      if (dropOptions.afterEvents !== undefined) {
        futureDrop = { afterEvents: dropOptions.afterEvents, watches: dropOptions.watches ?? 1 };
        return;
      }
      for (const w of watchers) {
        if (dropOptions.mode === 'reset') w.res.socket?.destroy();
        else w.res.end();
      }
    },
    compact() {
      compactedRv = rv;
      history.length = 0;
    },
    bookmark() {
      for (const w of watchers) {
        if (!w.bookmarks || w.res.writableEnded) continue;
        w.res.write(
          `${JSON.stringify({ type: 'BOOKMARK', object: { apiVersion: apiVersionOf(w.type), kind: w.type.kind, metadata: { resourceVersion: String(rv) } } })}\n`,
        );
      }
    },
    forbid(verb, resource, user) {
      const rule = { verb, resource, ...(user ? { user } : {}) };
      forbidden.add(rule);
      return { remove: () => forbidden.delete(rule) };
    },

    waitForRequest(match, since = 0) {
      return waitForRequest(match, since);
    },
    waitForWatch(resource, since = 0) {
      const plural = resourceType(resource).plural;
      return waitForRequest((r) => r.watching === true && r.resource === plural, since, 'watch');
    },

    async kubeconfig(k = {}) {
      return writeKubeconfig(k);
    },

    async close() {
      for (const w of watchers) w.res.destroy();
      for (const res of hanging) res.destroy();
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      rmSync(dir, { recursive: true, force: true });
    },
  };

  let kubeconfigs = 0;
  function writeKubeconfig(k: KubeconfigOptions): Promise<string> {
    const file = k.file ?? join(dir, `kubeconfig-${++kubeconfigs}.yaml`);
    return writeFakeKubeconfig({ url, auth, pki, file }, k);
  }

  return fake;
}

/** The label selector string of a workload, for LIST calls in tests. */
export function selectorOf(workload: Raw): string {
  return labelSelectorString(workload.spec?.selector ?? {});
}

/** The pod template a workload runs (CronJobs included). */
export { podTemplateOf };
