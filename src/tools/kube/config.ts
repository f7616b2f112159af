/**
 * Kubernetes credentials resolved as kubectl resolves them (client-go clientcmd):
 * the step's `kubeconfig` input (file content, plain or base64) > `KUBECONFIG` (several files, merged) >
 * `~/.kube/config` > the in-cluster service account. Merging follows clientcmd: for clusters, users and
 * contexts the first file to name an entry wins (the whole entry, no field merging); the first file that
 * sets `current-context` wins; relative paths in a file resolve against that file's directory.
 * The environment is a parameter: nothing here reads process.env.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { delimiter, dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import { parse } from 'yaml';
import { KubeConfigError, safeText } from './errors';

export type Env = Readonly<Record<string, string | undefined>>;

export type InteractiveMode = 'Never' | 'IfAvailable' | 'Always';

/** A user's `exec` section: an external program that prints an ExecCredential. */
export interface ExecConfig {
  apiVersion: 'client.authentication.k8s.io/v1' | 'client.authentication.k8s.io/v1beta1';
  /** As written; resolved against `baseDir` when it contains a path separator, else looked up on PATH. */
  command: string;
  args: string[];
  env: { name: string; value: string }[];
  interactiveMode: InteractiveMode;
  provideClusterInfo: boolean;
  installHint?: string;
  /** The kubeconfig's directory (for a relative command). */
  baseDir: string;
}

export interface UserAuth {
  token?: string;
  /** Read on use (and re-read after a minute), so a rotated token is picked up; wins over `token` when readable. */
  tokenFile?: string;
  /** PEM. */
  clientCertificate?: string;
  /** PEM. */
  clientKey?: string;
  username?: string;
  password?: string;
  exec?: ExecConfig;
}

export interface ClusterConnection {
  server: string;
  /** PEM bundle to trust instead of the system's roots. */
  certificateAuthority?: string;
  insecureSkipTlsVerify: boolean;
  tlsServerName?: string;
  proxyUrl?: string;
  disableCompression: boolean;
  /** `extensions[client.authentication.k8s.io/exec].extension`, handed to exec plugins with provideClusterInfo. */
  execExtension?: unknown;
}

/** Everything the client needs to reach and authenticate to one API server. */
export interface KubeConnection {
  /** Where the credentials came from (for log lines): the files, the input, or 'in-cluster'. */
  source: string;
  contextName: string;
  clusterName: string;
  userName: string;
  namespace: string;
  cluster: ClusterConnection;
  user: UserAuth;
}

export interface LoadOptions {
  env: Env;
  /** The step's `kubeconfig` input: file content, plain YAML/JSON or base64. Overrides every other source. */
  kubeconfig?: string;
  /** The step's `context` input: overrides current-context. */
  context?: string;
  /** Directory for relative paths inside the `kubeconfig` input (the workspace). */
  baseDir?: string;
  /** Root of the in-cluster service-account mount (tests point it elsewhere). */
  serviceAccountDir?: string;
}

export const defaultServiceAccountDir = '/var/run/secrets/kubernetes.io/serviceaccount';

// --- the raw kubeconfig shape (only the fields we use) ---

interface RawCluster {
  server?: string;
  'certificate-authority'?: string;
  'certificate-authority-data'?: string;
  'insecure-skip-tls-verify'?: boolean;
  'tls-server-name'?: string;
  'proxy-url'?: string;
  'disable-compression'?: boolean;
  extensions?: { name: string; extension: unknown }[];
}

interface RawExec {
  apiVersion?: string;
  command?: string;
  args?: string[];
  env?: { name: string; value: string }[] | null;
  installHint?: string;
  provideClusterInfo?: boolean;
  interactiveMode?: string;
}

interface RawUser {
  token?: string;
  tokenFile?: string;
  'client-certificate'?: string;
  'client-certificate-data'?: string;
  'client-key'?: string;
  'client-key-data'?: string;
  username?: string;
  password?: string;
  exec?: RawExec;
  'auth-provider'?: { name?: string };
}

interface RawContext {
  cluster?: string;
  user?: string;
  namespace?: string;
}

/** One kubeconfig file after reading: its entries by name (first one wins within a file too) and where it lives. */
export interface LoadedFile {
  /** File path, or the input's name. */
  origin: string;
  /** Directory that relative paths resolve against. */
  dir: string;
  currentContext?: string;
  clusters: Map<string, { origin: string; dir: string; value: RawCluster }>;
  users: Map<string, { origin: string; dir: string; value: RawUser }>;
  contexts: Map<string, { origin: string; dir: string; value: RawContext }>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Parses one kubeconfig document. Errors name `origin` and a line, never quote the content (it holds secrets). */
export function parseKubeconfig(text: string, origin: string, dir: string): LoadedFile {
  let doc: unknown;
  try {
    doc = parse(text, { prettyErrors: false });
  } catch (e) {
    const line = (e as { linePos?: { line: number }[] }).linePos?.[0]?.line;
    throw new KubeConfigError(`${origin}: not a valid kubeconfig (YAML error${line ? ` at line ${line}` : ''})`);
  }
  const file: LoadedFile = { origin, dir, clusters: new Map(), users: new Map(), contexts: new Map() };
  if (doc === null || doc === undefined) return file;
  if (!isRecord(doc)) throw new KubeConfigError(`${origin}: not a valid kubeconfig (expected a mapping at the top)`);
  if (typeof doc['current-context'] === 'string' && doc['current-context']) {
    file.currentContext = doc['current-context'];
  }
  const sections = [
    ['clusters', 'cluster', file.clusters],
    ['users', 'user', file.users],
    ['contexts', 'context', file.contexts],
  ] as const;
  for (const [key, field, into] of sections) {
    const list = doc[key];
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) throw new KubeConfigError(`${origin}: '${key}' must be a list`);
    for (const [i, entry] of list.entries()) {
      if (!isRecord(entry) || typeof entry.name !== 'string' || !entry.name) {
        throw new KubeConfigError(`${origin}: ${key}[${i}] has no name`);
      }
      const value = entry[field] ?? {};
      if (!isRecord(value))
        throw new KubeConfigError(
          `${origin}: ${key}[${i}] ('${safeText(entry.name, 100)}'): '${field}' must be a mapping`,
        );
      // clientcmd keeps the first entry of a name.
      if (!into.has(entry.name)) (into as Map<string, unknown>).set(entry.name, { origin, dir, value });
    }
  }
  return file;
}

/** Merges files with clientcmd's rules: the first file to set a key (or current-context) wins. */
export function mergeKubeconfigs(files: LoadedFile[]): LoadedFile {
  const merged: LoadedFile = {
    origin: files.map((f) => f.origin).join(':'),
    dir: files[0]?.dir ?? '.',
    clusters: new Map(),
    users: new Map(),
    contexts: new Map(),
  };
  for (const file of files) {
    merged.currentContext ??= file.currentContext;
    for (const [name, v] of file.clusters) if (!merged.clusters.has(name)) merged.clusters.set(name, v);
    for (const [name, v] of file.users) if (!merged.users.has(name)) merged.users.set(name, v);
    for (const [name, v] of file.contexts) if (!merged.contexts.has(name)) merged.contexts.set(name, v);
  }
  return merged;
}

function isEmpty(file: LoadedFile): boolean {
  return !file.currentContext && !file.clusters.size && !file.users.size && !file.contexts.size;
}

/** The kubeconfig input: plain YAML/JSON, or the same base64-encoded. */
export function decodeKubeconfigInput(value: string): string {
  const trimmed = value.trim();
  if (/^(\/|\.{1,2}\/|~\/)[^\n]*$/.test(trimmed)) {
    throw new KubeConfigError(
      "input 'kubeconfig': this looks like a file path; give the file's content (plain or base64, e.g. from a secret), or point the KUBECONFIG environment variable at the file",
    );
  }
  if (/^[A-Za-z0-9+/=\s_-]+$/.test(trimmed) && !trimmed.includes(':')) {
    const decoded = Buffer.from(trimmed.replace(/\s+/g, ''), 'base64').toString('utf8');
    if (decoded.includes(':') && !decoded.includes('\uFFFD')) return decoded;
    throw new KubeConfigError(
      "input 'kubeconfig': expected kubeconfig file content (YAML, or the same base64-encoded), got something else",
    );
  }
  return value;
}

/** The KUBECONFIG list as clientcmd reads it: ':'-separated (';' on Windows), empty entries and repeats dropped. */
export function kubeconfigPaths(env: Env): string[] | undefined {
  const value = env.KUBECONFIG;
  if (value === undefined || value === '') return undefined;
  return [...new Set(value.split(delimiter).filter((p) => p !== ''))];
}

function homeDir(env: Env): string | undefined {
  return env.HOME || env.USERPROFILE || undefined;
}

function readKubeconfigFile(path: string): LoadedFile | undefined {
  if (!existsSync(path)) return undefined;
  let text: string;
  try {
    if (statSync(path).isDirectory()) throw new KubeConfigError(`${path}: is a directory, expected a kubeconfig file`);
    text = readFileSync(path, 'utf8');
  } catch (e) {
    if (e instanceof KubeConfigError) throw e;
    throw new KubeConfigError(`${path}: cannot read the kubeconfig (${(e as NodeJS.ErrnoException).code ?? e})`);
  }
  const abs = resolvePath(path);
  return parseKubeconfig(text, path, dirname(abs));
}

/**
 * The kubeconfig files kubectl would read, merged. `undefined` when there are none (or all are empty):
 * then kubectl falls back to in-cluster credentials.
 */
export function loadKubeconfigFiles(env: Env): LoadedFile | undefined {
  const explicit = kubeconfigPaths(env);
  const home = homeDir(env);
  const paths = explicit ?? (home ? [join(home, '.kube', 'config')] : []);
  const files = paths.map((p) => readKubeconfigFile(p)).filter((f): f is LoadedFile => f !== undefined);
  const merged = mergeKubeconfigs(files);
  if (isEmpty(merged)) return undefined;
  merged.origin = explicit ? `KUBECONFIG=${explicit.join(delimiter)}` : (paths[0] ?? '');
  return merged;
}

function resolveIn(dir: string, path: string): string {
  return isAbsolute(path) ? path : join(dir, path);
}

function readReferenced(origin: string, what: string, dir: string, path: string): string {
  const full = resolveIn(dir, path);
  try {
    return readFileSync(full, 'utf8');
  } catch (e) {
    throw new KubeConfigError(
      `${origin}: cannot read ${what} '${safeText(full, 300)}' (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

function decodeData(origin: string, what: string, data: string): string {
  const text = Buffer.from(data, 'base64').toString('utf8');
  if (!text.includes('-----BEGIN')) throw new KubeConfigError(`${origin}: ${what} is not base64-encoded PEM`);
  return text;
}

const execApiVersions = ['client.authentication.k8s.io/v1', 'client.authentication.k8s.io/v1beta1'] as const;

function parseExec(origin: string, userName: string, dir: string, raw: RawExec): ExecConfig {
  const where = `${origin}: user '${safeText(userName, 100)}': exec`;
  if (!raw.command || typeof raw.command !== 'string') throw new KubeConfigError(`${where}: 'command' is required`);
  const apiVersion = execApiVersions.find((v) => v === raw.apiVersion);
  if (!apiVersion) {
    throw new KubeConfigError(
      `${where}: apiVersion '${safeText(String(raw.apiVersion ?? ''), 100)}' is not supported (expected ${execApiVersions.join(' or ')})`,
    );
  }
  let interactiveMode: InteractiveMode;
  if (raw.interactiveMode === undefined || raw.interactiveMode === '') {
    // v1 requires it; v1beta1 defaults to IfAvailable (as client-go does).
    if (apiVersion === 'client.authentication.k8s.io/v1') {
      throw new KubeConfigError(
        `${where}: interactiveMode must be specified (Never, IfAvailable or Always) for ${apiVersion}`,
      );
    }
    interactiveMode = 'IfAvailable';
  } else if (
    raw.interactiveMode === 'Never' ||
    raw.interactiveMode === 'IfAvailable' ||
    raw.interactiveMode === 'Always'
  ) {
    interactiveMode = raw.interactiveMode;
  } else {
    throw new KubeConfigError(
      `${where}: invalid interactiveMode '${safeText(String(raw.interactiveMode), 50)}' (expected Never, IfAvailable or Always)`,
    );
  }
  const args = raw.args ?? [];
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string')) {
    throw new KubeConfigError(`${where}: 'args' must be a list of strings`);
  }
  const env = raw.env ?? [];
  if (
    !Array.isArray(env) ||
    env.some((e) => !isRecord(e) || typeof e.name !== 'string' || typeof e.value !== 'string')
  ) {
    throw new KubeConfigError(`${where}: 'env' must be a list of {name, value} strings`);
  }
  return {
    apiVersion,
    command: raw.command,
    args,
    env,
    interactiveMode,
    provideClusterInfo: raw.provideClusterInfo === true,
    ...(raw.installHint ? { installHint: raw.installHint } : {}),
    baseDir: dir,
  };
}

function resolveUser(name: string, entry: { origin: string; dir: string; value: RawUser }): UserAuth {
  const { origin, dir, value: u } = entry;
  const where = `${origin}: user '${safeText(name, 100)}'`;
  const auth: UserAuth = {};
  if (u['auth-provider']) {
    throw new KubeConfigError(
      `${where}: auth-provider '${safeText(String(u['auth-provider'].name ?? ''), 50)}' is not supported (kubectl removed it too); use an exec credential plugin`,
    );
  }
  if (u.token) auth.token = String(u.token);
  if (u.tokenFile) auth.tokenFile = resolveIn(dir, u.tokenFile);
  if (u['client-certificate-data'])
    auth.clientCertificate = decodeData(where, 'client-certificate-data', u['client-certificate-data']);
  else if (u['client-certificate'])
    auth.clientCertificate = readReferenced(where, 'client-certificate', dir, u['client-certificate']);
  if (u['client-key-data']) auth.clientKey = decodeData(where, 'client-key-data', u['client-key-data']);
  else if (u['client-key']) auth.clientKey = readReferenced(where, 'client-key', dir, u['client-key']);
  if (Boolean(auth.clientCertificate) !== Boolean(auth.clientKey)) {
    throw new KubeConfigError(`${where}: a client certificate needs both the certificate and the key`);
  }
  if (u.username !== undefined || u.password !== undefined) {
    if (auth.token || auth.tokenFile) {
      throw new KubeConfigError(`${where}: username/password or a bearer token may be set, but not both`);
    }
    auth.username = String(u.username ?? '');
    auth.password = String(u.password ?? '');
  }
  if (u.exec) auth.exec = parseExec(origin, name, dir, u.exec);
  return auth;
}

function resolveCluster(name: string, entry: { origin: string; dir: string; value: RawCluster }): ClusterConnection {
  const { origin, dir, value: c } = entry;
  const where = `${origin}: cluster '${safeText(name, 100)}'`;
  if (!c.server) throw new KubeConfigError(`${where}: no server`);
  try {
    const url = new URL(c.server);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
  } catch {
    throw new KubeConfigError(`${where}: server '${safeText(c.server, 200)}' is not an http(s) URL`);
  }
  const cluster: ClusterConnection = {
    server: c.server.replace(/\/+$/, ''),
    insecureSkipTlsVerify: c['insecure-skip-tls-verify'] === true,
    disableCompression: c['disable-compression'] === true,
  };
  if (c['certificate-authority-data']) {
    cluster.certificateAuthority = decodeData(where, 'certificate-authority-data', c['certificate-authority-data']);
  } else if (c['certificate-authority']) {
    cluster.certificateAuthority = readReferenced(where, 'certificate-authority', dir, c['certificate-authority']);
  }
  if (cluster.insecureSkipTlsVerify && cluster.certificateAuthority) {
    // client-go refuses this combination too.
    throw new KubeConfigError(`${where}: insecure-skip-tls-verify and a certificate authority cannot both be set`);
  }
  if (c['tls-server-name']) cluster.tlsServerName = c['tls-server-name'];
  if (c['proxy-url']) cluster.proxyUrl = c['proxy-url'];
  const ext = c.extensions?.find((e) => e?.name === 'client.authentication.k8s.io/exec');
  if (ext) cluster.execExtension = ext.extension;
  return cluster;
}

/** Picks the context (the override, else current-context) and resolves its cluster and user. */
export function selectContext(config: LoadedFile, contextOverride?: string, contextInput = 'context'): KubeConnection {
  const contextName = contextOverride || config.currentContext;
  if (!contextName) {
    throw new KubeConfigError(
      `${config.origin}: no current-context is set; give the '${contextInput}' input (contexts: ${[...config.contexts.keys()].map((n) => safeText(n, 60)).join(', ') || 'none'})`,
    );
  }
  const ctx = config.contexts.get(contextName);
  if (!ctx) {
    const known = [...config.contexts.keys()].map((n) => safeText(n, 60)).join(', ') || 'none';
    const who = contextOverride ? `input '${contextInput}'` : 'current-context';
    throw new KubeConfigError(
      `${who}: context '${safeText(contextName, 100)}' was not found in ${config.origin} (contexts: ${known})`,
    );
  }
  const clusterName = ctx.value.cluster ?? '';
  const cluster = config.clusters.get(clusterName);
  if (!cluster) {
    throw new KubeConfigError(
      `${ctx.origin}: context '${safeText(contextName, 100)}' names cluster '${safeText(clusterName, 100)}', which is not defined`,
    );
  }
  const userName = ctx.value.user ?? '';
  const userEntry = userName ? config.users.get(userName) : undefined;
  if (userName && !userEntry) {
    throw new KubeConfigError(
      `${ctx.origin}: context '${safeText(contextName, 100)}' names user '${safeText(userName, 100)}', which is not defined`,
    );
  }
  return {
    source: config.origin,
    contextName,
    clusterName,
    userName,
    namespace: ctx.value.namespace || 'default',
    cluster: resolveCluster(clusterName, cluster),
    user: userEntry ? resolveUser(userName, userEntry) : {},
  };
}

/** In-cluster credentials (the pod's service account), as client-go's InClusterConfig reads them. */
export function inClusterConnection(
  env: Env,
  serviceAccountDir = defaultServiceAccountDir,
): KubeConnection | undefined {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) return undefined;
  const tokenFile = join(serviceAccountDir, 'token');
  if (!existsSync(tokenFile)) return undefined;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const caFile = join(serviceAccountDir, 'ca.crt');
  let namespace = env.POD_NAMESPACE || '';
  if (!namespace) {
    try {
      namespace = readFileSync(join(serviceAccountDir, 'namespace'), 'utf8').trim();
    } catch {
      // no namespace file: the default namespace
    }
  }
  return {
    source: 'in-cluster service account',
    contextName: 'in-cluster',
    clusterName: 'in-cluster',
    userName: 'service-account',
    namespace: namespace || 'default',
    cluster: {
      server: `https://${hostPart}:${port}`,
      insecureSkipTlsVerify: false,
      disableCompression: false,
      ...(existsSync(caFile)
        ? { certificateAuthority: readReferenced('in-cluster', 'ca.crt', serviceAccountDir, 'ca.crt') }
        : {}),
    },
    user: { tokenFile },
  };
}

/**
 * The connection a step uses: the `kubeconfig` input, else KUBECONFIG / ~/.kube/config, else in-cluster.
 * The `context` option overrides current-context.
 */
export function loadKubeConnection(options: LoadOptions): KubeConnection {
  if (options.kubeconfig !== undefined && options.kubeconfig.trim() !== '') {
    const text = decodeKubeconfigInput(options.kubeconfig);
    const file = parseKubeconfig(text, "input 'kubeconfig'", resolvePath(options.baseDir ?? '.'));
    return selectContext(file, options.context);
  }
  const files = loadKubeconfigFiles(options.env);
  if (files) return selectContext(files, options.context);
  const inCluster = inClusterConnection(options.env, options.serviceAccountDir);
  if (inCluster) {
    if (options.context) {
      throw new KubeConfigError(
        `input 'context': no kubeconfig was found (in-cluster service account credentials have no contexts)`,
      );
    }
    return inCluster;
  }
  const where = kubeconfigPaths(options.env)
    ? `KUBECONFIG (${kubeconfigPaths(options.env)?.join(delimiter)}) names no readable kubeconfig`
    : 'there is no ~/.kube/config';
  throw new KubeConfigError(
    `no Kubernetes credentials: the 'kubeconfig' input is empty, ${where}, and this is not a pod (KUBERNETES_SERVICE_HOST is not set)`,
  );
}
