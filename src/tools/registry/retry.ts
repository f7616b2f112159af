/**
 * Bounded retry for registry calls: 429 (`toomanyrequests`), 5xx and transient network errors are
 * retried, waiting what `Retry-After` asks (seconds or an HTTP date), capped; without the header
 * the wait doubles from one second.
 */
import { CdpackError } from '../../core/errors';
import type { Log } from '../../core/log';
import { retry } from '../../core/retry';
import { NetworkError } from '../http/client';

/** Thrown by an attempt whose answer is worth retrying. */
export class RetryableStatus extends Error {
  override name = 'RetryableStatus';
  constructor(
    readonly status: number,
    /** Wait asked by the server, in ms. */
    readonly retryAfterMs: number | undefined,
    /** Error code and message of the registry's error body, when it gave one. */
    readonly detail: string,
  ) {
    super(`HTTP ${status}${detail ? ` ${detail}` : ''}`);
  }
}

export function isRetryableStatus(status: number): boolean {
  return status === 429 || (status >= 500 && status <= 599 && status !== 501);
}

const transientNetworkCodes = new Set(['ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN']);

/** `Retry-After` as milliseconds from `now`: delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  if (!/^[A-Za-z]{3},/.test(text)) return undefined;
  const date = Date.parse(text);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

export interface RetryOptions {
  /** Retries after the first attempt (default 4). */
  maxRetries?: number;
  /** Longest single wait (default 60 s). */
  maxDelayMs?: number;
  sleep?: (ms: number) => Promise<void>;
  log?: Log;
}

/**
 * Runs `attempt` until it returns, throws something that is not retryable, or the budget is spent;
 * then the error names `what`, the last status and the number of attempts.
 */
export function withRetry<T>(what: string, attempt: (n: number) => Promise<T>, options: RetryOptions = {}): Promise<T> {
  const retryable = (e: unknown) =>
    e instanceof RetryableStatus || (e instanceof NetworkError && transientNetworkCodes.has(e.code ?? ''));
  const reasonOf = (e: unknown) =>
    e instanceof RetryableStatus ? e.message : `network error (${(e as Error).message})`;
  return retry(
    what,
    attempt,
    {
      attempts: (options.maxRetries ?? 4) + 1,
      baseDelayMs: 1000,
      maxDelayMs: options.maxDelayMs ?? 60_000,
      ...(options.sleep ? { sleep: options.sleep } : {}),
    },
    {
      judge: (e) =>
        retryable(e)
          ? {
              retry: true,
              reason: reasonOf(e),
              ...(e instanceof RetryableStatus && e.retryAfterMs !== undefined ? { waitMs: e.retryAfterMs } : {}),
            }
          : { retry: false },
      fail(e, attempts) {
        if (!retryable(e)) return e;
        const hint = e instanceof RetryableStatus && e.status === 429 ? ' (rate limited: toomanyrequests)' : '';
        return new CdpackError(`${what} failed: ${reasonOf(e)}${hint} after ${attempts} attempts`);
      },
      ...(options.log ? { log: options.log } : {}),
    },
  );
}
