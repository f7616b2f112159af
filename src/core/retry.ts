import type { Log } from './log';

/** How long and how often to retry; `sleep` is injectable so tests need not wait. */
export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number;
  /** First wait when the failure names none; doubled each time. */
  baseDelayMs: number;
  /** No single wait is longer, a server's Retry-After included. */
  maxDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/** What to do with one failed attempt: give up, or retry (after `waitMs` when the other side asked for it). */
export type RetryVerdict = { retry: false } | { retry: true; reason: string; waitMs?: number };

export interface RetryHooks {
  /** Reads a failure: retryable (429, 5xx, a dropped connection) or final. */
  judge(error: unknown): RetryVerdict;
  /** Turns the last failure into the error the caller sees (it knows how many attempts were made). */
  fail?(error: unknown, attempts: number): unknown;
  log?: Log;
}

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it returns, fails for good, or the policy's attempts are spent. Waits honour what the
 * other side asked for (Retry-After), else back off exponentially; every wait is capped and logged.
 */
export async function retry<T>(
  what: string,
  attempt: (n: number) => Promise<T>,
  policy: RetryPolicy,
  hooks: RetryHooks,
): Promise<T> {
  const sleep = policy.sleep ?? realSleep;
  for (let n = 1; ; n++) {
    try {
      return await attempt(n);
    } catch (error) {
      const verdict = hooks.judge(error);
      if (!verdict.retry || n >= policy.attempts) throw hooks.fail ? hooks.fail(error, n) : error;
      const wait = Math.min(verdict.waitMs ?? policy.baseDelayMs * 2 ** (n - 1), policy.maxDelayMs);
      hooks.log?.warn(
        `${what}: ${verdict.reason}; retrying in ${Math.ceil(wait / 1000)} s (attempt ${n + 1} of ${policy.attempts})`,
      );
      await sleep(wait);
    }
  }
}
