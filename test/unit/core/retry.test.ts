import assert from 'node:assert/strict';
import { test } from 'node:test';
import { retry } from '../../../src/core/retry';

const policy = (waits: number[]) => ({
  attempts: 4,
  baseDelayMs: 100,
  maxDelayMs: 1000,
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
