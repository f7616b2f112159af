import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseBodyMatcher, runSmokeCheck, smokeMismatch } from '../../../src/core/rollout/smoke';

test('body matchers: substring or /regex/', () => {
  assert.deepEqual(parseBodyMatcher('smoke-body', 'ok'), { kind: 'substring', text: 'ok' });
  const re = parseBodyMatcher('smoke-body', '/"version":\\s*"\\d+"/i');
  assert.equal(re?.kind, 'regex');
  assert.equal(parseBodyMatcher('smoke-body', ''), undefined);
  assert.throws(
    () => parseBodyMatcher('smoke-body', '/(/'),
    /input 'smoke-body': '\/\(\/' is not a valid regular expression/,
  );
});

test('mismatch reasons', () => {
  assert.equal(smokeMismatch({ status: 200, body: 'x' }, { status: 200 }), undefined);
  assert.equal(smokeMismatch({ status: 503, body: '' }, { status: 200 }), 'answered HTTP 503, expected 200');
  const body = parseBodyMatcher('smoke-body', '/VERSION: \\d+/i');
  assert.equal(smokeMismatch({ status: 200, body: 'version: 42' }, { status: 200, body }), undefined);
  assert.match(
    smokeMismatch({ status: 200, body: 'nope\x1b' }, { status: 200, body }) ?? '',
    /body does not match .*\\u001b/,
  );
});

test('retries with the interval, then gives up with the last failure', async () => {
  const answers = [503, 503, 200];
  const slept: number[] = [];
  const calls: string[] = [];
  const fetch = async (url: string) => {
    calls.push(url);
    return { status: answers.shift() ?? 500, body: '' };
  };
  const sleep = async (ms: number) => {
    slept.push(ms);
  };
  assert.equal(
    await runSmokeCheck('http://a/', { expect: { status: 200 }, retries: 3, intervalMs: 5, fetch, sleep }),
    undefined,
  );
  assert.deepEqual(slept, [5, 5]);
  const failed = await runSmokeCheck('http://b/', {
    expect: { status: 200 },
    retries: 1,
    intervalMs: 1,
    fetch: async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:1');
    },
    sleep,
  });
  assert.equal(failed, 'smoke check http://b/: connect ECONNREFUSED 127.0.0.1:1');
});
