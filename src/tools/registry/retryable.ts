/**
 * Which registry answers are worth retrying — 429 (`toomanyrequests`), 5xx and transient network
 * errors — and how long the registry asked us to wait (`Retry-After`, seconds or an HTTP date).
 * The loop itself is core/retry's.
 */
import { CdpackError } from '../../core/errors';
import type { Log } from '../../core/log';
import { type RetryOptions, retry } from '../../core/retry';
import { NetworkError } from '../http/client';

/** Registry calls: 5 attempts, jittered waits from up to 1 s doubling to at most 60 s. */
export const registryRetryDefaults: RetryOptions = { attempts: 5, baseDelayMs: 1000, maxDelayMs: 60_000 };

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

/** The retryable failure an HTTP answer stands for (429, 5xx, with the wait it asked), else undefined. */
export function retryableAnswer(
  res: { status: number; headers: { 'retry-after'?: string | string[] | undefined } },
  detail = '',
): RetryableStatus | undefined {
  return isRetryableStatus(res.status)
    ? new RetryableStatus(res.status, parseRetryAfter(res.headers['retry-after']), detail)
    : undefined;
}

function retryable(e: unknown): boolean {
  return e instanceof RetryableStatus || (e instanceof NetworkError && transientNetworkCodes.has(e.code ?? ''));
}

function reasonOf(e: unknown): string {
  return e instanceof RetryableStatus ? e.message : `network error (${(e as Error).message})`;
}

/**
 * Runs a registry call with core/retry; once the attempts are spent the error names `what`, the
 * last status and the number of attempts. Other errors pass through at once.
 */
export function retryRegistryCall<T>(
  what: string,
  attempt: (n: number) => Promise<T>,
  options: RetryOptions,
  log?: Log,
): Promise<T> {
  return retry(what, attempt, options, {
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
    ...(log ? { log } : {}),
  });
}
