/**
 * The proxy for the API server as kubectl (Go's net/http ProxyFromEnvironment) picks it, which differs
 * from curl's rules in tools/http/proxy: HTTPS_PROXY before https_proxy, HTTP_PROXY honoured for http
 * servers, and loopback hosts never proxied. A kubeconfig `proxy-url` wins over all of it.
 */
import { bypassesProxy } from '../http/proxy';
import type { Env } from './config';

function isLoopback(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127\./.test(host);
}

/** The proxy URL for `server` from the environment, or undefined for a direct connection. */
export function proxyForServer(server: string, env: Env): string | undefined {
  const url = new URL(server);
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  if (isLoopback(host)) return undefined;
  const proxy = url.protocol === 'https:' ? env.HTTPS_PROXY || env.https_proxy : env.HTTP_PROXY || env.http_proxy;
  if (!proxy) return undefined;
  if (bypassesProxy(url, env.NO_PROXY || env.no_proxy)) return undefined;
  return proxy;
}
