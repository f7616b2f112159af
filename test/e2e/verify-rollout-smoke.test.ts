/**
 * verify-rollout's smoke checks against a real HTTP server on loopback, after a rollout on the fake API server:
 * retries until the expected answer, and a failing check counts as a failed rollout that triggers the rollback.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, describe, test } from 'node:test';
import { type FakeKube, startFakeKube } from '../support/fake-kube-api';
import { deploymentManifest, setTemplateImage } from '../support/fake-kube-workloads';
import { cleanupTempDirs } from '../support/gitops-fixture';
import { runCli } from '../support/run';

const closers: (() => Promise<void>)[] = [];
after(async () => {
  for (const close of closers) await close();
  cleanupTempDirs();
});

/** Answers each request with the next of `answers` (the last one repeats); counts the requests. */
async function httpServer(answers: { status: number; body: string }[]): Promise<{ url: string; hits: () => number }> {
  let hits = 0;
  const server: Server = createServer((_req, res) => {
    const answer = answers[Math.min(hits, answers.length - 1)] ?? { status: 500, body: '' };
    hits++;
    res.writeHead(answer.status, { 'content-type': 'text/plain' }).end(answer.body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`, hits: () => hits };
}

/** A Deployment released at 1.0.0 and then 2.0.0, both rolled out (the fake's controller completes at once). */
async function released(): Promise<FakeKube> {
  const fake = await startFakeKube();
  closers.push(() => fake.close());
  fake.create(deploymentManifest({ image: 'registry.example/web:1.0.0' }));
  setTemplateImage(fake, 'deployment', 'web', 'registry.example/web:2.0.0');
  await new Promise((resolve) => setImmediate(resolve));
  return fake;
}

describe('verify-rollout smoke checks', { timeout: 300_000 }, () => {
  test('retried until the status and body match: success', async () => {
    const fake = await released();
    const server = await httpServer([
      { status: 503, body: 'starting' },
      { status: 200, body: 'starting' },
      { status: 200, body: '{"version": "2.0.0"}' },
    ]);
    const r = await runCli(
      'verify-rollout',
      {
        workloads: 'deployment/web',
        'smoke-url': server.url,
        'smoke-body': '/"version":\\s*"2\\./',
        'smoke-retries': '5',
        'smoke-interval': '50ms',
      },
      { env: { KUBECONFIG: await fake.kubeconfig() }, timeoutMs: 120_000 },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs.result, 'success');
    assert.equal(server.hits(), 3);
  });

  test('a failing smoke check fails the rollout and, with rollback, restores 1.0.0', async () => {
    const fake = await released();
    const server = await httpServer([{ status: 500, body: 'boom\u001b[2J' }]);
    const r = await runCli(
      'verify-rollout',
      {
        workloads: 'deployment/web',
        'smoke-url': server.url,
        'smoke-retries': '1',
        'smoke-interval': '10ms',
        rollback: 'true',
      },
      { env: { KUBECONFIG: await fake.kubeconfig() }, timeoutMs: 120_000 },
    );
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.outputs.result, 'rolled-back', r.stderr);
    assert.equal(server.hits(), 2);
    assert.match(
      r.outputs.diagnosis ?? '',
      new RegExp(`^smoke check ${server.url.replace(/[/.]/g, '\\$&')}: answered HTTP 500, expected 200`),
    );
    assert.equal(fake.get('deployment', 'web').spec.template.spec.containers[0].image, 'registry.example/web:1.0.0');
    assert.equal(r.outputs.revision, '3');
  });
});
