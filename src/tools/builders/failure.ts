import { CdpackError } from '../../core/errors';
import { tail } from '../tail';

export type RegistryFailure = 'unauthorized' | 'forbidden' | 'rate-limited' | 'server' | 'other';

/** A build tool's registry step that failed, with what the registry answered when we can tell. */
export class RegistryToolError extends CdpackError {
  override name = 'RegistryToolError';
  constructor(
    readonly kind: RegistryFailure,
    message: string,
  ) {
    super(message);
  }
}

/** Tells registry answers apart in buildah/docker/buildx error output. */
export function classifyRegistryFailure(output: string): RegistryFailure {
  if (/\b429\b|toomanyrequests|too many requests/i.test(output)) return 'rate-limited';
  if (
    /(?:status(?: code)?:? ?|HTTP\/[\d.]+ |HTTP status: )5\d\d\b|internal server error|bad gateway|service unavailable|gateway time-?out/i.test(
      output,
    )
  )
    return 'server';
  if (
    /\b401\b|unauthorized|authentication required|invalid username\/password|incorrect username or password/i.test(
      output,
    )
  )
    return 'unauthorized';
  if (/\b403\b|forbidden|requested access to the resource is denied|\bdenied:/i.test(output)) return 'forbidden';
  return 'other';
}

/** Seconds from a `Retry-After: N` (or "retry after N s") that a tool printed, if any. */
export function retryAfterSeconds(output: string): number | undefined {
  const m = /retry[- ]after:?\s*(\d{1,5})/i.exec(output);
  return m ? Number(m[1]) : undefined;
}

/** A clear message for a failed registry step: what failed, on which registry, and what to check. */
export function registryError(what: string, registry: string, output: string): RegistryToolError {
  const kind = classifyRegistryFailure(output);
  const hint = {
    unauthorized: `authentication failed (401) at ${registry}: check username/password, or log in first`,
    forbidden: `access denied (403) at ${registry}: the credentials lack push/pull rights on this repository`,
    'rate-limited': `${registry} kept answering 429 Too Many Requests (rate limit)`,
    server: `${registry} kept answering with a server error (5xx)`,
    other: `${registry}`,
  }[kind];
  return new RegistryToolError(kind, `${what} failed: ${hint}: ${tail(output)}`);
}

/** The registry a tool's error names (`docker://host/…`, `https://host/v2/…`, `… in host/repo`), if any. */
export function registryInOutput(output: string): string | undefined {
  const m =
    /docker:\/\/([^/\s"']+)\//.exec(output) ??
    /https?:\/\/([^/\s"']+)\/v2\//.exec(output) ??
    /\bin ([a-z0-9.-]+(?::\d+)?)\/[a-z0-9]/i.exec(output);
  return m?.[1];
}
