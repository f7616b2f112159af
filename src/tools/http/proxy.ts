/**
 * Which proxy a request goes through, by curl's documented rules:
 * - `https_proxy`/`HTTPS_PROXY` for https URLs, `http_proxy` for http URLs, `all_proxy`/`ALL_PROXY` for both
 *   when the specific one is unset; the lower-case name wins. Upper-case `HTTP_PROXY` is ignored, as curl
 *   ignores it (a CGI server sets it from a request's `Proxy:` header: "httpoxy").
 * - `no_proxy`/`NO_PROXY`: a comma (or space) separated list. `*` matches every host; `example.com` and
 *   `.example.com` match that host and every name under it; an IP matches exactly, `10.0.0.0/8` by CIDR;
 *   `host:port` limits an entry to one port (an extension over curl, as Go and kubectl have it).
 * - A proxy URL without a scheme is `http://`; without a port, curl's 1080. Only http proxies are supported.
 * An explicit proxy (kubeconfig `proxy-url`) overrides the environment and ignores `no_proxy`, as kubectl does.
 */
import { BlockList, isIP } from 'node:net';
import { CdpackError } from '../../core/errors';

export type Env = Readonly<Record<string, string | undefined>>;

export interface ProxyEndpoint {
  host: string;
  port: number;
  /** `Basic …` from the proxy URL's user-info; sent as Proxy-Authorization, never logged. */
  authorization: string | undefined;
  /** `http://host:port`, without credentials: the only form that may appear in messages. */
  display: string;
}

const DEFAULT_PROXY_PORT = 1080;

function firstSet(env: Env, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value) return value;
  }
  return undefined;
}

/** Parses a proxy URL (`[http://][user:pass@]host[:port]`). */
export function parseProxyUrl(raw: string): ProxyEndpoint {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new CdpackError('the proxy URL is not a valid URL (expected http://[user:password@]host[:port])');
  }
  const display = `${url.protocol}//${url.host}`;
  if (url.protocol !== 'http:') {
    throw new CdpackError(`proxy ${display}: only http:// proxies are supported`);
  }
  const username = decodeURIComponent(url.username);
  const password = decodeURIComponent(url.password);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: url.port ? Number(url.port) : DEFAULT_PROXY_PORT,
    authorization:
      username || password ? `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}` : undefined,
    display: `http://${url.hostname}:${url.port || DEFAULT_PROXY_PORT}`,
  };
}

/** Host without brackets or trailing dot, lower case; port as a number (the scheme's default when absent). */
function hostAndPort(target: URL): { host: string; port: number } {
  const host = target.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
  const port = target.port ? Number(target.port) : target.protocol === 'https:' ? 443 : 80;
  return { host, port };
}

/** Splits a no_proxy entry into host and optional port (`host:port`, `[v6]:port`, bare IPv6). */
function splitEntry(entry: string): { host: string; port: number | undefined } {
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(entry);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] ? Number(bracketed[2]) : undefined };
  const hostPort = /^([^:]+):(\d+)$/.exec(entry);
  if (hostPort) return { host: hostPort[1] ?? '', port: Number(hostPort[2]) };
  return { host: entry, port: undefined };
}

function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const family = isIP(base ?? '');
  if (!family || family !== isIP(ip) || !/^\d+$/.test(bits ?? '')) return false;
  const list = new BlockList();
  const type = family === 4 ? 'ipv4' : 'ipv6';
  try {
    list.addSubnet(base as string, Number(bits), type);
  } catch {
    return false;
  }
  return list.check(ip, type);
}

/** True when `noProxy` exempts the URL from proxying. */
export function bypassesProxy(target: URL, noProxy: string | undefined): boolean {
  if (!noProxy) return false;
  const { host, port } = hostAndPort(target);
  const hostIsIp = isIP(host) !== 0;
  for (const raw of noProxy.split(/[\s,]+/)) {
    const entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    const split = splitEntry(entry);
    if (split.port !== undefined && split.port !== port) continue;
    const name = split.host.replace(/^\*?\./, '').replace(/\.$/, '');
    if (!name) continue;
    if (name.includes('/')) {
      if (hostIsIp && inCidr(host, name)) return true;
    } else if (host === name || (!hostIsIp && host.endsWith(`.${name}`))) {
      return true;
    }
  }
  return false;
}

/** The proxy for one request URL: the explicit one, else the environment's (curl rules), else none. */
export function proxyFor(target: URL, options: { proxy?: string | undefined; env?: Env }): ProxyEndpoint | undefined {
  if (options.proxy) return parseProxyUrl(options.proxy);
  const env = options.env ?? {};
  if (bypassesProxy(target, firstSet(env, 'no_proxy', 'NO_PROXY'))) return undefined;
  const specific =
    target.protocol === 'https:' ? firstSet(env, 'https_proxy', 'HTTPS_PROXY') : firstSet(env, 'http_proxy');
  const raw = specific ?? firstSet(env, 'all_proxy', 'ALL_PROXY');
  return raw ? parseProxyUrl(raw) : undefined;
}

/**
 * The secrets in the proxy variables' user-info (password as written and decoded, the Basic token),
 * for the platform to mask before the first log line: a tool's error may quote its proxy URL.
 */
export function proxySecrets(env: Env): string[] {
  const secrets = new Set<string>();
  for (const name of ['https_proxy', 'HTTPS_PROXY', 'http_proxy', 'HTTP_PROXY', 'all_proxy', 'ALL_PROXY']) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    try {
      const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `http://${raw}`);
      if (!url.password) continue;
      secrets.add(url.password);
      secrets.add(decodeURIComponent(url.password));
      const basic = parseProxyUrl(raw).authorization;
      if (basic) secrets.add(basic.slice('Basic '.length));
    } catch {}
  }
  return [...secrets];
}
