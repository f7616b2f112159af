import assert from 'node:assert/strict';
import { test } from 'node:test';
import { backoffDelay, retry } from '../../../src/core/retry';

const policy = (waits: number[]) => ({
  attempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1000,
  random: () => 1,
  sleep: async (ms: number) => {
    waits.push(ms);
  },
});

test('backs off exponentially, honours an asked wait up to the cap, then succeeds', async () => {
  const waits: number[] = [];
  const value = await retry(
    'op',
    async (n) => {
      if (n < 4) throw new Error(`try ${n}`);
      return 'done';
    },
    policy(waits),
    { judge: () => ({ retry: true, reason: 'busy' }) },
  );
  assert.equal(value, 'done');
  assert.deepEqual(waits, [100, 200, 400]);
});

test('a final failure stops at once; an exhausted budget reports the attempts', async () => {
  let calls = 0;
  await assert.rejects(
    retry(
      'op',
      async () => {
        calls++;
        throw new Error('401');
      },
      policy([]),
      { judge: () => ({ retry: false }) },
    ),
    /401/,
  );
  assert.equal(calls, 1);
  const waits: number[] = [];
  await assert.rejects(
    retry(
      'op',
      async () => {
        throw new Error('429');
      },
      policy(waits),
      {
        judge: () => ({ retry: true, reason: '429', waitMs: 5000 }),
        fail: (e, n) => new Error(`${(e as Error).message} after ${n} attempts`),
      },
    ),
    /429 after 4 attempts/,
  );
  assert.deepEqual(waits, [1000, 1000, 1000]);
});

test('backoffDelay: full jitter below an exponential ceiling, capped', () => {
  const at = (attempt: number, random: number) =>
    backoffDelay(attempt, { baseDelayMs: 500, maxDelayMs: 15_000, random: () => random });
  assert.deepEqual([at(1, 1), at(2, 1), at(3, 1), at(20, 1)], [500, 1000, 2000, 15_000]);
  assert.deepEqual([at(3, 0), at(3, 0.5), at(20, 0.5)], [0, 1000, 7500]);
  const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(4, { baseDelayMs: 1000, maxDelayMs: 60_000 })));
  assert.ok(spread.size > 10, 'without an injected source the waits differ (jitter)');
  for (const wait of spread) assert.ok(wait >= 0 && wait <= 8000);
});

test('every computed wait is jittered; a wait the server asked for is kept (capped)', async () => {
  const waits: number[] = [];
  const asked = [undefined, 700, undefined, 5000];
  await retry(
    'op',
    async (n) => {
      if (n <= asked.length) throw new Error(`try ${n}`);
      return n;
    },
    { attempts: 5, baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.25, sleep: async (ms) => void waits.push(ms) },
    {
      judge: (e) => {
        const waitMs = asked[Number((e as Error).message.slice(4)) - 1];
        return { retry: true, reason: 'busy', ...(waitMs !== undefined ? { waitMs } : {}) };
      },
    },
  );
  assert.deepEqual(waits, [25, 700, 100, 1000]);
});
