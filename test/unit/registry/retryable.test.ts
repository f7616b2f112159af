import assert from 'node:assert/strict';
import { test } from 'node:test';
import { NetworkError } from '../../../src/tools/http/client';
import {
  isRetryableStatus,
  parseRetryAfter,
  RetryableStatus,
  registryRetryDefaults,
  retryRegistryCall,
} from '../../../src/tools/registry/retryable';

/** The defaults with waits recorded instead of slept and jitter at its ceiling. */
const fast = (extra: Partial<typeof registryRetryDefaults> = {}) => ({
  ...registryRetryDefaults,
  sleep: async () => {},
  random: () => 1,
  ...extra,
});

test('Retry-After: delta seconds, HTTP date, absent or unreadable', () => {
  const now = Date.parse('Tue, 03 Jun 2025 10:00:00 GMT');
  assert.equal(parseRetryAfter('12', now), 12_000);
  assert.equal(parseRetryAfter(['3', '9'], now), 3_000);
  assert.equal(parseRetryAfter('Tue, 03 Jun 2025 10:00:42 GMT', now), 42_000);
  assert.equal(parseRetryAfter('Tue, 03 Jun 2025 09:00:00 GMT', now), 0, 'a date in the past waits nothing');
  assert.equal(parseRetryAfter(undefined, now), undefined);
  assert.equal(parseRetryAfter('soon', now), undefined);
  assert.equal(parseRetryAfter('-5', now), undefined);
});

test('retryable statuses: 429 and 5xx except 501', () => {
  assert.deepEqual(
    [200, 400, 401, 403, 404, 429, 500, 501, 502, 503, 504].filter(isRetryableStatus),
    [429, 500, 502, 503, 504],
  );
});

test('waits what the server asked, doubles from 1 s otherwise, capped', async () => {
  const sleeps: number[] = [];
  const asked = [undefined, 4_000, undefined, 90_000];
  const value = await retryRegistryCall(
    'pull of r/app:1',
    async (n) => {
      if (n <= asked.length) throw new RetryableStatus(503, asked[n - 1], '');
      return n;
    },
    fast({ sleep: async (ms) => void sleeps.push(ms), attempts: 5, maxDelayMs: 60_000 }),
  );
  assert.equal(value, 5);
  assert.deepEqual(sleeps, [1_000, 4_000, 4_000, 60_000]);
});

test('gives up after the attempts with the status, the registry detail and the attempts', async () => {
  let attempts = 0;
  await assert.rejects(
    retryRegistryCall(
      'push to r/app (manifest 1)',
      async () => {
        attempts++;
        throw new RetryableStatus(429, 0, 'TOOMANYREQUESTS slow down');
      },
      fast({ attempts: 3 }),
    ),
    (e: Error) => {
      assert.equal(e.name, 'CdpackError');
      assert.equal(
        e.message,
        'push to r/app (manifest 1) failed: HTTP 429 TOOMANYREQUESTS slow down (rate limited: toomanyrequests) after 3 attempts',
      );
      return true;
    },
  );
  assert.equal(attempts, 3);
});

test('other errors pass through at once; transient network errors are retried, refusals are not', async () => {
  let n = 0;
  await assert.rejects(
    retryRegistryCall(
      'x',
      async () => {
        n++;
        throw new Error('boom');
      },
      fast(),
    ),
    /boom/,
  );
  assert.equal(n, 1);

  const seen: number[] = [];
  const ok = await retryRegistryCall(
    'x',
    async (attempt) => {
      seen.push(attempt);
      if (attempt === 1) throw new NetworkError('http://r:1/v2/', 'ECONNRESET', 'socket hang up');
      return 'fine';
    },
    fast(),
  );
  assert.deepEqual([ok, seen], ['fine', [1, 2]]);

  n = 0;
  await assert.rejects(
    retryRegistryCall(
      'x',
      async () => {
        n++;
        throw new NetworkError('http://r:1/v2/', 'ECONNREFUSED', 'connect ECONNREFUSED');
      },
      fast(),
    ),
    /ECONNREFUSED/,
  );
  assert.equal(n, 1);
});

test('each retry is logged as a warning with the attempt number', async () => {
  const warnings: string[] = [];
  const log = {
    info() {},
    debug() {},
    warn: (m: string) => void warnings.push(m),
    group: <T>(_: string, fn: () => Promise<T>) => fn(),
  };
  await retryRegistryCall(
    'pull of r/app:1',
    async (n) => {
      if (n === 1) throw new RetryableStatus(429, 2_000, '');
      return true;
    },
    fast(),
    log,
  );
  assert.deepEqual(warnings, ['pull of r/app:1: HTTP 429; retrying in 2 s (attempt 2 of 5)']);
});
