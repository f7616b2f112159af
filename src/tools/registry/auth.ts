/**
 * Registry authentication: Basic, and the Bearer token flow of the distribution token spec
 * (`WWW-Authenticate: Bearer realm=…,service=…,scope=…` → GET realm?service=…&scope=… with the
 * user's Basic credentials, if any → a token). Tokens are cached per host and scope set and are
 * never logged.
 */
import { CdpackError } from '../../core/errors';
import type { Log } from '../../core/log';
import type { RetryOptions } from '../../core/retry';
import type { HttpClient } from '../http/client';
import { registryRetryDefaults, retryableAnswer, retryRegistryCall } from './retryable';

export interface Credentials {
  username: string;
  password: string;
}

/** Credentials for a registry host as written in image references (`docker.io`, `ghcr.io`, `127.0.0.1:5000`). */
export type CredentialsLookup = (registryHost: string) => Credentials | undefined;

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses a `WWW-Authenticate` value into its challenges: `Bearer realm="…",service="…"`,
 * `Basic realm="…"`, several separated by commas; quoted values may hold commas.
 */
export function parseWwwAuthenticate(header: string): Challenge[] {
  const challenges: Challenge[] = [];
  let i = 0;
  const skip = (re: RegExp) => {
    while (i < header.length && re.test(header[i] as string)) i++;
  };
  while (i < header.length) {
    skip(/[\s,]/);
    const scheme = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+/.exec(header.slice(i))?.[0];
    if (!scheme) break;
    i += scheme.length;
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    for (;;) {
      skip(/[\s,]/);
      const m = /^([A-Za-z0-9!#$%&'*+.^_`|~-]+)\s*=\s*/.exec(header.slice(i));
      if (!m?.[1]) break;
      i += m[0].length;
      let value = '';
      if (header[i] === '"') {
        i++;
        while (i < header.length && header[i] !== '"') {
          if (header[i] === '\\') i++;
          value += header[i] ?? '';
          i++;
        }
        i++;
      } else {
        const token = /^[^\s,]*/.exec(header.slice(i))?.[0] ?? '';
        value = token;
        i += token.length;
      }
      challenge.params[m[1].toLowerCase()] = value;
    }
  }
  return challenges;
}

/** A repository scope: `repository:<name>:<actions>`. */
export interface Scope {
  repository: string;
  actions: string[];
}

/** Merges scopes per repository and formats them in a stable order. */
export function formatScopes(scopes: Scope[]): string[] {
  const byRepo = new Map<string, Set<string>>();
  for (const s of scopes) {
    const set = byRepo.get(s.repository) ?? new Set<string>();
    for (const a of s.actions) set.add(a);
    byRepo.set(s.repository, set);
  }
  return [...byRepo.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([repo, actions]) => `repository:${repo}:${[...actions].sort().join(',')}`);
}

/** `repository:a/b:pull,push` → a Scope (other resource types are ignored). */
export function parseScope(text: string): Scope[] {
  return text
    .split(' ')
    .map((s) => /^repository:(.+):([a-z*,]+)$/.exec(s))
    .flatMap((m) => (m?.[1] && m[2] ? [{ repository: m[1], actions: m[2].split(',') }] : []));
}

interface CachedToken {
  token: string;
  expiresAt: number;
}

export interface AuthenticatorOptions {
  credentials?: CredentialsLookup;
  log?: Log;
  retry?: RetryOptions;
  now?: () => number;
}

/** One registry host's auth state, keyed by the API host; `registry` is the name for credentials. */
export class Authenticator {
  private readonly challenges = new Map<string, Challenge>();
  private readonly tokens = new Map<string, CachedToken>();
  private readonly pending = new Map<string, Promise<CachedToken>>();
  private readonly now: () => number;

  constructor(
    private readonly http: HttpClient,
    private readonly options: AuthenticatorOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /**
   * Records the challenge of a 401 answer. Returns true when the host now has a usable scheme
   * (so the request is worth repeating with an Authorization header).
   */
  learn(apiHost: string, wwwAuthenticate: string | undefined): boolean {
    const challenges = parseWwwAuthenticate(wwwAuthenticate ?? '');
    const chosen = challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
    if (!chosen) return false;
    this.challenges.set(apiHost, chosen);
    return true;
  }

  /** The scheme a host asked for, once known. */
  scheme(apiHost: string): string | undefined {
    return this.challenges.get(apiHost)?.scheme;
  }

  /** Drops the cached token for these scopes (after the registry refused it). */
  forget(apiHost: string, scopes: Scope[]): void {
    this.tokens.delete(this.cacheKey(apiHost, scopes));
  }

  /** The Authorization header for a request needing `scopes`, or undefined when the host asked for none. */
  async header(apiHost: string, registry: string, scopes: Scope[]): Promise<string | undefined> {
    const challenge = this.challenges.get(apiHost);
    if (!challenge) return undefined;
    const creds = this.options.credentials?.(registry);
    if (challenge.scheme === 'basic') {
      if (!creds) return undefined;
      return `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    }
    const token = await this.bearerToken(apiHost, registry, challenge, scopes, creds);
    return `Bearer ${token}`;
  }

  private cacheKey(apiHost: string, scopes: Scope[]): string {
    return `${apiHost} ${formatScopes(scopes).join(' ')}`;
  }

  private async bearerToken(
    apiHost: string,
    registry: string,
    challenge: Challenge,
    scopes: Scope[],
    creds: Credentials | undefined,
  ): Promise<string> {
    const key = this.cacheKey(apiHost, scopes);
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > this.now()) return cached.token;
    let pending = this.pending.get(key);
    if (!pending) {
      pending = this.fetchToken(registry, challenge, scopes, creds).finally(() => this.pending.delete(key));
      this.pending.set(key, pending);
    }
    const fresh = await pending;
    this.tokens.set(key, fresh);
    return fresh.token;
  }

  private async fetchToken(
    registry: string,
    challenge: Challenge,
    scopes: Scope[],
    creds: Credentials | undefined,
  ): Promise<CachedToken> {
    const realm = challenge.params.realm;
    if (!realm) throw new CdpackError(`${registry}: Bearer challenge without a realm`);
    const url = new URL(realm);
    if (challenge.params.service) url.searchParams.set('service', challenge.params.service);
    const wanted = formatScopes([...parseScope(challenge.params.scope ?? ''), ...scopes]);
    for (const s of wanted) url.searchParams.append('scope', s);
    const headers: Record<string, string> = {};
    if (creds) headers.authorization = `Basic ${Buffer.from(`${creds.username}:${creds.password}`).toString('base64')}`;
    const who = creds ? `as '${creds.username}'` : 'anonymously';
    this.options.log?.debug(`${registry}: token from ${url.host} ${who} for ${wanted.join(' ') || '(no scope)'}`);
    const what = `login to ${registry} (token service ${url.host})`;
    const body = await retryRegistryCall(
      what,
      async () => {
        const res = await this.http.request({ method: 'GET', url: url.href, headers });
        if (res.status === 200) return res.text();
        const text = await res.text().catch(() => '');
        const retryable = retryableAnswer(res);
        if (retryable) throw retryable;
        const hint =
          res.status === 401 || res.status === 403
            ? creds
              ? '; check the username and password'
              : '; no credentials were given for this registry'
            : '';
        throw new CdpackError(`${what} ${who} refused (HTTP ${res.status})${hint}${errorSummary(text)}`);
      },
      this.options.retry ?? registryRetryDefaults,
      this.options.log,
    );
    let parsed: { token?: string; access_token?: string; expires_in?: number };
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new CdpackError(`${what}: the answer is not JSON`);
    }
    const token = parsed.token ?? parsed.access_token;
    if (!token) throw new CdpackError(`${what}: the answer has no token`);
    // The spec's default lifetime is 60 s; renew a little early.
    const lifetime = typeof parsed.expires_in === 'number' && parsed.expires_in > 0 ? parsed.expires_in : 60;
    return { token, expiresAt: this.now() + Math.max(lifetime - 10, 1) * 1000 };
  }
}

/** `: CODE message` from a registry/token error body, or ''. Never echoes anything but codes and messages. */
export function errorSummary(body: string): string {
  try {
    const json = JSON.parse(body) as { errors?: { code?: string; message?: string }[]; details?: string };
    const first = json.errors?.[0];
    if (first) return `: ${[first.code, first.message].filter(Boolean).join(' ')}`;
    if (typeof json.details === 'string') return `: ${json.details}`;
  } catch {
    // not JSON
  }
  return '';
}
