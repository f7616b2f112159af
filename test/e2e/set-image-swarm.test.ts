// set-image target swarm against a real engine in swarm mode (`docker swarm init` on the test dockerd): through
// the docker CLI here (docker-host unix://…) and on the host over ssh; a crashing image is rolled back.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { type DockerHostFixture, dockerHostUnavailable, startDockerHost } from '../support/docker-host-fixture';
import { skipIfMissing, skipUnlessAvailable } from '../support/requirements';
import { type Inputs, runCli } from '../support/run';

let skip: string | false = dockerHostUnavailable();
let fx: DockerHostFixture | undefined;

before(async () => {
  if (skip) return;
  const started = await startDockerHost();
  if ('reason' in started) {
    skip = skipUnlessAvailable(started.reason);
    return;
  }
  fx = started;
  // If the engine cannot run swarm mode here, this fails with the engine's own words (never a fake swarm).
  fx.docker(['swarm', 'init', '--advertise-addr', '127.0.0.1']);
});
after(async () => {
  await fx?.stop();
});

/** A replicated service at `image`, failures paused (swarm's default), a short monitor window. */
function createService(f: DockerHostFixture, name: string, image: string, extra: string[] = []): void {
  f.docker([
    'service',
    'create',
    '--detach',
    '--quiet',
    '--name',
    name,
    '--replicas',
    '1',
    '--update-monitor',
    '3s',
    '--with-registry-auth',
    ...extra,
    image,
  ]);
  // Wait until its task runs (the test's own setup; the step under test does its own waiting).
  for (let i = 0; i < 300; i++) {
    const state = f.docker([
      'service',
      'ps',
      '--format',
      '{{.CurrentState}}',
      '--filter',
      'desired-state=running',
      name,
    ]);
    if (/^Running/m.test(state)) return;
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
  }
  throw new Error(`service ${name} did not start`);
}

function specImage(f: DockerHostFixture, name: string): string {
  return f.docker(['service', 'inspect', '--format', '{{.Spec.TaskTemplate.ContainerSpec.Image}}', name]).trim();
}

async function setImage(f: DockerHostFixture, inputs: Inputs, env: Record<string, string> = {}) {
  const temp = mkdtempSync(join(f.work, 'temp-'));
  const r = await runCli(
    'set-image',
    { target: 'swarm', timeout: '2m', ...inputs },
    { env: { CDPACK_TEMP: temp, ...env }, timeoutMs: 300_000 },
  );
  return { ...r, tempLeft: readdirSync(temp) };
}

describe('set-image target swarm', { timeout: 900_000 }, () => {
  test('docker service update through the local CLI: completed, outputs as for Kubernetes', async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    createService(f, 'web', `${f.app}:1`);
    assert.match(specImage(f, 'web'), new RegExp(`^${f.app}:1@sha256:`));
    const r = await setImage(f, { image: `${f.app}:2`, service: 'web', 'docker-host': f.dockerd.host });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(r.outputs.result, 'success');
    assert.equal(r.outputs.changed, 'true');
    assert.match(r.outputs['previous-image'] ?? '', new RegExp(`^${f.app}:1@sha256:`));
    assert.match(specImage(f, 'web'), new RegExp(`^${f.app}:2@sha256:`));
    const tasks = f.docker([
      'service',
      'ps',
      '--format',
      '{{.Image}} {{.CurrentState}}',
      '--filter',
      'desired-state=running',
      'web',
    ]);
    assert.match(tasks, new RegExp(`^${f.app}:2(@sha256:[a-f0-9]+)? Running`, 'm'));
    // Again: it already runs that image, nothing is sent.
    const again = await setImage(f, { image: `${f.app}:2`, service: 'web', 'docker-host': f.dockerd.host });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.outputs.changed, 'false');
    assert.match(again.stderr, /already runs/);
  });

  test('an image that exits at once: the paused update is rolled back, step fails with rolled-back', async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    createService(f, 'api', `${f.app}:1`);
    const before = specImage(f, 'api');
    const r = await setImage(f, { image: `${f.app}:crash`, service: 'api', 'docker-host': f.dockerd.host });
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.outputs.result, 'rolled-back');
    assert.match(r.stderr, /rolled back: service api: update paused/);
    assert.match(r.stderr, /task .*non-zero exit \(3\)/, 'the failed tasks are in the diagnosis');
    assert.equal(specImage(f, 'api'), before);
  });

  test("swarm's own rollback (update-failure-action rollback) is waited for and reported", async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    createService(f, 'auto', `${f.app}:1`, ['--update-failure-action', 'rollback']);
    const before = specImage(f, 'auto');
    const r = await setImage(f, { image: `${f.app}:crash`, service: 'auto', 'docker-host': f.dockerd.host });
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.outputs.result, 'rolled-back');
    assert.match(r.stderr, /swarm rolled the update back/);
    assert.equal(specImage(f, 'auto'), before);
  });

  test('on the manager over ssh (ssh-key, known-hosts), the docker CLI there; a missing service fails first', async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    createService(f, 'remote', `${f.plain}:1`);
    const ssh = { host: '127.0.0.1', port: String(f.sshd.port), user: f.sshd.user };
    const env = { CDPACK_SSH_KEY: f.sshd.clientKey, CDPACK_KNOWN_HOSTS: f.sshd.knownHosts };
    const missing = await setImage(f, { ...ssh, image: `${f.plain}:2`, service: 'remote,nope' }, env);
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /docker service inspect nope on root@127\.0\.0\.1:\d+: .*no such service/i);
    assert.match(
      specImage(f, 'remote'),
      new RegExp(`^${f.plain}:1@`),
      'nothing updated before every service was found',
    );
    const r = await setImage(f, { ...ssh, image: `${f.plain}:2`, service: 'remote' }, env);
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(r.outputs.result, 'success');
    assert.match(specImage(f, 'remote'), new RegExp(`^${f.plain}:2@`));
    assert.deepEqual(r.tempLeft, []);
    const wrongKey = await setImage(
      f,
      { ...ssh, image: `${f.plain}:1`, service: 'remote' },
      {
        ...env,
        CDPACK_KNOWN_HOSTS: f.sshd.wrongKnownHosts,
      },
    );
    assert.equal(wrongKey.code, 1);
    assert.match(wrongKey.stderr, /host key does not match/);
    assert.match(specImage(f, 'remote'), new RegExp(`^${f.plain}:2@`));
  });
});
