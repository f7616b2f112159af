/**
 * Exec credential plugins (client.authentication.k8s.io/v1 and v1beta1), as client-go runs them: the
 * command (relative to the kubeconfig's directory when it contains a path separator, else from PATH), its
 * args and env on top of ours, KUBERNETES_EXEC_INFO (with the cluster when provideClusterInfo), never
 * interactive. The answer is validated, every secret in it handed to `setSecret` before anything is logged,
 * and cached until its expirationTimestamp.
 */
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join, sep } from 'node:path';
import type { Log } from '../../core/log';
import { type ExecResult, execTool } from '../exec';
import type { ClusterConnection, Env, ExecConfig } from './config';
import { ExecPluginError, safeText } from './errors';

export interface ExecCredential {
  token?: string;
  /** PEM. */
  clientCertificate?: string;
  /** PEM. */
  clientKey?: string;
  /** Epoch ms; undefined when the plugin gave no expiry (then it is cached for the process's life). */
  expiresAt?: number;
}

export type RunPlugin = (
  file: string,
  args: readonly string[],
  options: { env: Record<string, string | undefined> },
) => Promise<ExecResult>;

export interface ExecCredentialOptions {
  env: Env;
  cluster: ClusterConnection;
  setSecret: (value: string) => void;
  /** Runs the program (the default collects its output; a plugin's stdout holds the token, it is never streamed). */
  run?: RunPlugin;
  /** Where the plugin's stderr goes, line by line at debug level (kubectl shows it too); its stdout never. */
  log?: Log;
  now?: () => number;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Where client-go would find the plugin: a path with a separator is relative to the kubeconfig; a bare name is looked up on PATH. */
export function resolvePluginCommand(exec: ExecConfig, env: Env): string | undefined {
  if (exec.command.includes(sep) || exec.command.includes('/')) {
    const full = isAbsolute(exec.command) ? exec.command : join(exec.baseDir, exec.command);
    return isExecutable(full) ? full : undefined;
  }
  for (const dir of (env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    const full = join(dir, exec.command);
    if (isExecutable(full)) return full;
  }
  return undefined;
}

/** The KUBERNETES_EXEC_INFO value: always `interactive: false` (CI has no terminal), the cluster when asked for. */
export function execInfo(exec: ExecConfig, cluster: ClusterConnection): string {
  const spec: Record<string, unknown> = { interactive: false };
  if (exec.provideClusterInfo) {
    const c: Record<string, unknown> = { server: cluster.server };
    if (cluster.tlsServerName) c['tls-server-name'] = cluster.tlsServerName;
    if (cluster.insecureSkipTlsVerify) c['insecure-skip-tls-verify'] = true;
    if (cluster.certificateAuthority) {
      c['certificate-authority-data'] = Buffer.from(cluster.certificateAuthority).toString('base64');
    }
    if (cluster.proxyUrl) c['proxy-url'] = cluster.proxyUrl;
    if (cluster.disableCompression) c['disable-compression'] = true;
    if (cluster.execExtension !== undefined) c.config = cluster.execExtension;
    spec.cluster = c;
  }
  return JSON.stringify({ apiVersion: exec.apiVersion, kind: 'ExecCredential', spec });
}

/** Masks a secret whole and, when it spans lines (a PEM key), each line too: logs show text line by line. */
export function maskMultiline(setSecret: (value: string) => void, secret: string): void {
  setSecret(secret);
  if (!secret.includes('\n')) return;
  for (const raw of secret.split('\n')) {
    const line = raw.trim();
    if (line.length >= 8 && !line.startsWith('-----')) setSecret(line);
  }
}

function pluginName(exec: ExecConfig): string {
  return `exec plugin '${safeText(exec.command, 200)}'`;
}

/**
 * Reads a plugin's stdout. Every secret in it goes to `setSecret` first, so that no later error or log
 * line can show it; errors never quote the output.
 */
export function parseExecCredential(
  stdout: string,
  exec: ExecConfig,
  setSecret: (value: string) => void,
): ExecCredential {
  const name = pluginName(exec);
  let doc: unknown;
  try {
    doc = JSON.parse(stdout);
  } catch {
    if (stdout.trim()) setSecret(stdout.trim());
    throw new ExecPluginError(`${name}: its output is not an ExecCredential (not JSON)`);
  }
  const d = (typeof doc === 'object' && doc !== null ? doc : {}) as {
    apiVersion?: unknown;
    kind?: unknown;
    status?: {
      token?: unknown;
      clientCertificateData?: unknown;
      clientKeyData?: unknown;
      expirationTimestamp?: unknown;
    };
  };
  const status = d.status;
  for (const secret of [status?.token, status?.clientKeyData, status?.clientCertificateData]) {
    if (typeof secret === 'string' && secret) maskMultiline(setSecret, secret);
  }
  if (d.kind !== 'ExecCredential')
    throw new ExecPluginError(
      `${name}: its output is not an ExecCredential (kind '${safeText(String(d.kind ?? ''), 60)}')`,
    );
  if (d.apiVersion !== exec.apiVersion) {
    throw new ExecPluginError(
      `${name}: it answered apiVersion '${safeText(String(d.apiVersion ?? ''), 80)}', the kubeconfig asks for '${exec.apiVersion}'`,
    );
  }
  if (typeof status !== 'object' || status === null)
    throw new ExecPluginError(`${name}: its ExecCredential has no status`);
  const token = typeof status.token === 'string' && status.token ? status.token : undefined;
  const cert =
    typeof status.clientCertificateData === 'string' && status.clientCertificateData
      ? status.clientCertificateData
      : undefined;
  const key = typeof status.clientKeyData === 'string' && status.clientKeyData ? status.clientKeyData : undefined;
  if (Boolean(cert) !== Boolean(key)) {
    throw new ExecPluginError(
      `${name}: it returned only ${cert ? 'clientCertificateData' : 'clientKeyData'}; a client certificate needs both`,
    );
  }
  if (!token && !cert)
    throw new ExecPluginError(`${name}: it returned neither a token nor a client certificate and key`);
  const credential: ExecCredential = {};
  if (token) credential.token = token;
  if (cert && key) {
    credential.clientCertificate = cert;
    credential.clientKey = key;
  }
  if (status.expirationTimestamp !== undefined && status.expirationTimestamp !== null) {
    const at = typeof status.expirationTimestamp === 'string' ? Date.parse(status.expirationTimestamp) : Number.NaN;
    if (Number.isNaN(at)) throw new ExecPluginError(`${name}: expirationTimestamp is not an RFC 3339 time`);
    credential.expiresAt = at;
  }
  return credential;
}

/** Runs the plugin on demand and caches its answer until it expires or the server rejects it. */
export class ExecCredentialProvider {
  private cached: ExecCredential | undefined;
  private pending: Promise<ExecCredential> | undefined;
  /** How often the plugin ran (tests check the cache). */
  runs = 0;

  constructor(
    private readonly exec: ExecConfig,
    private readonly options: ExecCredentialOptions,
  ) {}

  /** The cached credential while it is valid, else a fresh one (concurrent callers share one run). */
  get(): Promise<ExecCredential> {
    const now = (this.options.now ?? Date.now)();
    if (this.cached && (this.cached.expiresAt === undefined || this.cached.expiresAt > now)) {
      return Promise.resolve(this.cached);
    }
    this.pending ??= this.runPlugin().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  /** Forgets the cached credential (after a 401 with it). */
  invalidate(credential: ExecCredential): void {
    if (this.cached === credential) this.cached = undefined;
  }

  private async runPlugin(): Promise<ExecCredential> {
    const { exec, options } = this;
    const name = pluginName(exec);
    if (exec.interactiveMode === 'Always') {
      throw new ExecPluginError(
        `${name}: interactiveMode is Always, but this step runs without a terminal; use a plugin (or its options) that runs with interactiveMode Never or IfAvailable`,
      );
    }
    const file = resolvePluginCommand(exec, options.env);
    if (!file) {
      const hint = exec.installHint ? `; ${safeText(exec.installHint, 400)}` : '';
      throw new ExecPluginError(`${name}: executable not found${hint}`);
    }
    const env: Record<string, string | undefined> = { ...options.env };
    for (const { name: key, value } of exec.env) env[key] = value;
    env.KUBERNETES_EXEC_INFO = execInfo(exec, options.cluster);
    const run =
      options.run ??
      ((f, a, o) =>
        execTool(f, a, {
          ...o,
          ...(options.log ? { output: { log: options.log, stdout: 'none', stderr: 'debug' } } : {}),
        }));
    this.runs++;
    let result: ExecResult;
    try {
      result = await run(file, exec.args, { env });
    } catch (e) {
      throw new ExecPluginError(`${name}: could not be started (${safeText((e as Error).message, 200)})`);
    }
    if (result.code !== 0) {
      // stdout may hold a partial credential: mask it, never show it.
      if (result.stdout.trim()) options.setSecret(result.stdout.trim());
      const stderr = result.stderr.trim();
      throw new ExecPluginError(
        `${name}: exited with code ${result.code}${stderr ? `: ${safeText(stderr.slice(-400), 400)}` : ''}`,
      );
    }
    // The whole answer too (its secrets are masked one by one below; its other lines are ordinary words).
    if (result.stdout.trim()) options.setSecret(result.stdout.trim());
    const credential = parseExecCredential(result.stdout, exec, options.setSecret);
    this.cached = credential;
    return credential;
  }
}
