import type { Log } from './log';

/**
 * How long and how often to retry: the one option shape for every retry loop (registry calls, build
 * tool registry steps, GitOps pushes). `sleep` and `random` are injectable so tests need not wait.
 */
export interface RetryOptions {
  /** Total attempts, the first included. */
  attempts: number;
  /** Upper bound of the first wait when the failure names none; doubled each attempt. */
  baseDelayMs: number;
  /** No single wait is longer, a server's Retry-After included. */
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
}

/** What to do with one failed attempt: give up, or retry (after `waitMs` when the other side asked for it). */
export type RetryVerdict = { retry: false } | { retry: true; reason: string; waitMs?: number };

export interface RetryHooks {
  /** Reads a failure: retryable (429, 5xx, a dropped connection, a moved remote) or final. */
  judge(error: unknown): RetryVerdict;
  /** Turns the last failure into the error the caller sees (it knows how many attempts were made). */
  fail?(error: unknown, attempts: number): unknown;
  log?: Log;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The wait before attempt `attempt + 1`: "full jitter" exponential backoff, a random wait in
 * [0, min(maxDelayMs, baseDelayMs·2^(attempt-1))]. Clients that failed together spread out instead
 * of retrying in step (20 pipelines racing for one GitOps branch, a rate-limited registry).
 */
export function backoffDelay(
  attempt: number,
  options: Pick<RetryOptions, 'baseDelayMs' | 'maxDelayMs' | 'random'>,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round((options.random ?? Math.random)() * ceiling);
}

/**
 * Runs `attempt` until it returns, fails for good, or the attempts are spent. A wait the other side
 * asked for (Retry-After) is honoured as asked, capped; otherwise `backoffDelay`. Every retry is logged.
 */
export async function retry<T>(
  what: string,
  attempt: (n: number) => Promise<T>,
  options: RetryOptions,
  hooks: RetryHooks,
): Promise<T> {
  const sleep = options.sleep ?? realSleep;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const verdict = hooks.judge(error);
      if (!verdict.retry || n >= options.attempts) throw hooks.fail ? hooks.fail(error, n) : error;
      const wait =
        verdict.waitMs !== undefined ? Math.min(verdict.waitMs, options.maxDelayMs) : backoffDelay(n, options);
      hooks.log?.warn(
        `${what}: ${verdict.reason}; retrying in ${Math.ceil(wait / 1000)} s (attempt ${n + 1} of ${options.attempts})`,
      );
      await sleep(wait);
    }
  }
}
