import type { Log } from '../../core/log';
import type { ExecResult } from '../exec';
import { classifyRegistryFailure, registryError, retryAfterSeconds } from './failure';

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  /** First wait when the registry gives no Retry-After; doubled each time. */
  baseDelayMs: number;
  /** No single wait is longer, Retry-After included. */
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export const defaultRetry: RetryPolicy = { attempts: 4, baseDelayMs: 2000, maxDelayMs: 60_000 };

/**
 * Runs a registry step (push, login) until it succeeds; retries only 429 and 5xx answers, waiting
 * Retry-After when the tool shows it, else an exponential backoff. Other failures throw at once.
 */
export async function withRegistryRetry(
  what: string,
  registry: string,
  step: () => Promise<ExecResult>,
  policy: RetryPolicy,
  log: Log,
): Promise<ExecResult> {
  const sleep = policy.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 1; ; attempt++) {
    const result = await step();
    if (result.code === 0) return result;
    const output = `${result.stderr}\n${result.stdout}`;
    const kind = classifyRegistryFailure(output);
    if ((kind !== 'rate-limited' && kind !== 'server') || attempt >= policy.attempts) {
      throw registryError(attempt > 1 ? `${what} (after ${attempt} attempts)` : what, registry, output);
    }
    const after = retryAfterSeconds(output);
    const wait = Math.min(
      after !== undefined ? after * 1000 : policy.baseDelayMs * 2 ** (attempt - 1),
      policy.maxDelayMs,
    );
    log.warn(
      `${what}: ${registry} answered ${kind === 'rate-limited' ? '429 Too Many Requests' : 'a server error'}; retrying in ${Math.round(wait / 1000)} s (attempt ${attempt + 1} of ${policy.attempts})`,
    );
    await sleep(wait);
  }
}
