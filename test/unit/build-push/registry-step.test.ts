import assert from 'node:assert/strict';
import { test } from 'node:test';
import { silentLog } from '../../../src/core/log';
import { classifyRegistryFailure, registryInOutput, retryAfterSeconds } from '../../../src/tools/builders/failure';
import { retryRegistryStep } from '../../../src/tools/builders/registry-step';
import type { ExecResult } from '../../../src/tools/exec';

test('registry failures are told apart from tool output', () => {
  const cases: [string, string][] = [
    ['Error: pushing image: toomanyrequests: You have reached your pull rate limit', 'rate-limited'],
    ['received unexpected HTTP status: 429 Too Many Requests', 'rate-limited'],
    ['received unexpected HTTP status: 503 Service Unavailable', 'server'],
    ['Error response from daemon: received unexpected HTTP status: 500 Internal Server Error', 'server'],
    ['Error: authenticating creds for "r.example.com": unauthorized: authentication required', 'unauthorized'],
    ['Error response from daemon: Get "https://r/v2/": unauthorized: incorrect username or password', 'unauthorized'],
    ['denied: requested access to the resource is denied', 'forbidden'],
    ['writing blob: initiating layer upload: 403 Forbidden', 'forbidden'],
    ['error building at STEP "RUN false": exit status 1', 'other'],
    ['5f70bf18a086: Pushed size: 500', 'other'],
  ];
  for (const [text, kind] of cases) assert.equal(classifyRegistryFailure(text), kind, text);
  assert.equal(retryAfterSeconds('HTTP 429, Retry-After: 7'), 7);
  assert.equal(retryAfterSeconds('no hint'), undefined);
});

const result = (code: number, stderr = ''): ExecResult => ({ code, stdout: '', stderr });

test('429 and 5xx are retried with backoff (Retry-After when shown), then succeed', async () => {
  const answers = [
    result(1, '429 Too Many Requests, Retry-After: 3'),
    result(1, '502 Bad Gateway status: 502'),
    result(0),
  ];
  const waits: number[] = [];
  const r = await retryRegistryStep(
    'push',
    'r.example.com',
    async () => answers.shift() as ExecResult,
    {
      attempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 2500,
      random: () => 1,
      sleep: async (ms) => {
        waits.push(ms);
      },
    },
    silentLog,
  );
  assert.equal(r.code, 0);
  assert.deepEqual(waits, [2500, 200]);
});

test('retries are bounded, then a clear error names the registry', async () => {
  let calls = 0;
  await assert.rejects(
    retryRegistryStep(
      'buildah push r.example.com/a:1',
      'r.example.com',
      async () => {
        calls++;
        return result(1, 'toomanyrequests: slow down');
      },
      {
        attempts: 3,
        baseDelayMs: 1,
        maxDelayMs: 1,
        sleep: async () => {},
      },
      silentLog,
    ),
    /buildah push r.example.com\/a:1 \(after 3 attempts\) failed: r.example.com kept answering 429 Too Many Requests/,
  );
  assert.equal(calls, 3);
});

test('401/403 fail at once with what to check', async () => {
  let calls = 0;
  const policy = { attempts: 5, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} };
  await assert.rejects(
    retryRegistryStep(
      'login',
      'r.example.com',
      async () => {
        calls++;
        return result(1, 'unauthorized: authentication required');
      },
      policy,
      silentLog,
    ),
    /login failed: authentication failed \(401\) at r.example.com: check username\/password/,
  );
  assert.equal(calls, 1);
  await assert.rejects(
    retryRegistryStep(
      'push',
      'r.example.com',
      async () => result(1, 'denied: requested access to the resource is denied'),
      policy,
      silentLog,
    ),
    /push failed: access denied \(403\) at r.example.com/,
  );
});

test('the registry named in a tool error', () => {
  assert.equal(
    registryInOutput(
      'initializing source docker://127.0.0.1:5000/base:1: reading manifest 1 in 127.0.0.1:5000/base: unauthorized',
    ),
    '127.0.0.1:5000',
  );
  assert.equal(registryInOutput('Get "https://ghcr.io/v2/acme/base/manifests/1": unauthorized'), 'ghcr.io');
  assert.equal(registryInOutput('reading manifest 1 in quay.io/acme/base: denied'), 'quay.io');
  assert.equal(registryInOutput('exit status 1'), undefined);
});
