/**
 * The proxy for the API server from the environment, as Go's net/http (and so kubectl) picks it:
 * HTTPS_PROXY / HTTP_PROXY by the server's scheme, NO_PROXY exceptions, loopback never proxied.
 */
import { isIP } from 'node:net';
import type { Env } from './config';

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

function ipv4ToNumber(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + Number(part), 0);
}

function inCidr(host: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  if (!base || bits === undefined || isIP(base) !== 4 || isIP(host) !== 4) return false;
  const size = Number(bits);
  if (!Number.isInteger(size) || size < 0 || size > 32) return false;
  const mask = size === 0 ? 0 : (0xffffffff << (32 - size)) >>> 0;
  return (ipv4ToNumber(host) & mask) >>> 0 === (ipv4ToNumber(base) & mask) >>> 0;
}

/** True when NO_PROXY exempts `host:port`. */
export function noProxyMatches(noProxy: string, host: string, port: string): boolean {
  for (const raw of noProxy.split(',')) {
    let entry = raw.trim().toLowerCase();
    if (!entry) continue;
    if (entry === '*') return true;
    if (entry.includes('/')) {
      if (inCidr(host, entry)) return true;
      continue;
    }
    const portMatch = /^(.*):(\d+)$/.exec(entry);
    if (portMatch && !entry.startsWith('[') && isIP(entry) !== 6) {
      if (portMatch[2] !== port) continue;
      entry = portMatch[1] ?? '';
    }
    entry = entry.replace(/^\[|\]$/g, '');
    if (entry.startsWith('*.')) entry = entry.slice(1);
    if (entry.startsWith('.')) {
      if (host.endsWith(entry) || host === entry.slice(1)) return true;
    } else if (host === entry || host.endsWith(`.${entry}`)) return true;
  }
  return false;
}

/** The proxy URL for `server`, or undefined for a direct connection. */
export function proxyForServer(server: string, env: Env): string | undefined {
  const url = new URL(server);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopback(host)) return undefined;
  const proxy = url.protocol === 'https:' ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
  if (!proxy) return undefined;
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  if (noProxyMatches(env.NO_PROXY || env.no_proxy || '', host, port)) return undefined;
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(proxy) ? proxy : `http://${proxy}`;
}
