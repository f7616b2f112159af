// set-image target compose against a real host: sshd on 127.0.0.1 whose sessions reach a real dockerd, compose
// v1 (Debian bookworm has no v2 plugin, so the fallback is what runs here), images from a local registry.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { SshSession } from '../../src/tools/ssh';
import { type DockerHostFixture, dockerHostUnavailable, startDockerHost } from '../support/docker-host-fixture';
import { HOSTILE } from '../support/hostile';
import { skipIfMissing, skipUnlessAvailable } from '../support/requirements';
import {
  CLI_ENTRY,
  cleanEnv,
  type Inputs,
  REPO_ROOT,
  runCli,
  runGithubBundle,
  TSX_LOADER,
  toFlags,
} from '../support/run';

let skip: string | false = dockerHostUnavailable();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Pids of live (non-zombie) processes whose command line mentions `text`. */
function processesMentioning(text: string): number[] {
  return readdirSync('/proc').flatMap((entry) => {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) return [];
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const zombie = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) === 'Z';
      return !zombie && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text) ? [Number(entry)] : [];
    } catch {
      return [];
    }
  });
}
let fx: DockerHostFixture | undefined;

before(async () => {
  if (skip) return;
  const started = await startDockerHost();
  if ('reason' in started) skip = skipUnlessAvailable(started.reason);
  else fx = started;
});
after(async () => {
  await fx?.stop();
});

const COMPOSE = (app: string, plain: string) => `# shop on the test host
services:
  web:
    image: ${app}:\${APP_TAG}
    network_mode: none
  worker:
    image: "${plain}:1" # literal
    network_mode: none
`;
const ENV = '# release\nCOMPOSE_PROJECT_NAME=shop\nAPP_TAG=1   # set by CI\n';

/** A compose project in its own directory (named `name`), started with v1 at app:1 / plain:1. */
function project(f: DockerHostFixture, name: string) {
  const parent = mkdtempSync(join(f.work, 'project-'));
  const dir = join(parent, name);
  mkdirSync(dir);
  const file = join(dir, 'compose.yaml');
  writeFileSync(file, COMPOSE(f.app, f.plain));
  const projectName = `p${Math.random().toString(36).slice(2, 8)}`;
  writeFileSync(join(dir, '.env'), ENV.replace('shop', projectName));
  f.compose([`--file=${file}`, 'up', '-d'], dir);
  const container = (service: string) => {
    const ids = f
      .docker([
        'ps',
        '-aq',
        '--filter',
        `label=com.docker.compose.project=${projectName}`,
        '--filter',
        `label=com.docker.compose.service=${service}`,
      ])
      .trim()
      .split('\n')
      .filter(Boolean);
    assert.equal(ids.length, 1, `one container for ${service}`);
    const [info] = JSON.parse(f.docker(['inspect', ids[0] as string])) as {
      Id: string;
      Config: { Image: string };
      State: { Status: string; Health?: { Status: string } };
    }[];
    const { Id: id, Config, State } = info as NonNullable<typeof info>;
    const [image, status, health] = [Config.Image, State.Status, State.Health?.Status];
    return { id, image, status, health };
  };
  return { dir, file, envFile: join(dir, '.env'), container, read: (p: string) => readFileSync(p, 'utf8') };
}

/** Runs the CLI; inputs named `ENV:NAME` go to the environment instead (overriding the key and known-hosts). */
async function setImage(f: DockerHostFixture, inputs: Inputs) {
  const temp = mkdtempSync(join(f.work, 'temp-'));
  const flags: Inputs = {};
  const env: Record<string, string> = {
    // The key and known-hosts travel in the environment, as a CI secret would (never on a command line).
    CDPACK_SSH_KEY: f.sshd.clientKey,
    CDPACK_KNOWN_HOSTS: f.sshd.knownHosts,
    CDPACK_TEMP: temp,
  };
  for (const [k, v] of Object.entries(inputs)) {
    if (v === undefined) continue;
    if (k.startsWith('ENV:')) env[k.slice(4)] = v;
    else flags[k] = v;
  }
  const r = await runCli(
    'set-image',
    { target: 'compose', host: '127.0.0.1', port: String(f.sshd.port), user: f.sshd.user, timeout: '90s', ...flags },
    { env, timeoutMs: 300_000 },
  );
  return { ...r, temp, tempLeft: readdirSync(temp) };
}

describe('set-image target compose', { timeout: 900_000 }, () => {
  test('the .env variable the image uses is set, the service restarts on the new image, healthy', async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    const p = project(f, 'shop');
    const composeBefore = p.read(p.file);
    const before = p.container('web');
    assert.equal(before.image, `${f.app}:1`);
    const r = await setImage(f, { image: `${f.app}:2`, 'compose-file': p.file, service: 'web' });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(r.outputs.result, 'success');
    assert.equal(r.outputs.changed, 'true');
    assert.equal(r.outputs['previous-image'], `${f.app}:1`);
    assert.deepEqual(JSON.parse(r.outputs.workloads ?? ''), [
      { workload: 'web', container: 'web', previous: `${f.app}:1`, image: `${f.app}:2` },
    ]);
    // One value token changed; the comment and the other lines stay. The compose file is untouched.
    assert.equal(p.read(p.envFile), p.read(`${p.envFile}.cdpack-previous`).replace('APP_TAG=1 ', 'APP_TAG=2 '));
    assert.match(p.read(`${p.envFile}.cdpack-previous`), /^APP_TAG=1 {3}# set by CI$/m);
    assert.equal(p.read(p.file), composeBefore);
    const now = p.container('web');
    assert.notEqual(now.id, before.id, 'the container was recreated');
    assert.deepEqual([now.image, now.status, now.health], [`${f.app}:2`, 'running', 'healthy']);
    assert.match(r.stderr + r.stdout, /docker-compose/);
    assert.deepEqual(r.tempLeft, [], 'the key file and known_hosts are removed');
    assert.ok(!(r.stdout + r.stderr).includes('PRIVATE KEY'), 'the key is never printed');
  });

  test('a literal image: is rewritten in the compose file (quoting and comment kept); no healthcheck: it settles', async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    const p = project(f, 'literal');
    const before = p.read(p.file);
    const r = await setImage(f, { image: `${f.plain}:2`, 'compose-file': p.file });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(r.outputs.result, 'success');
    // Default selection: the services of that repository (only worker).
    assert.deepEqual(
      JSON.parse(r.outputs.workloads ?? '').map((w: { workload: string }) => w.workload),
      ['worker'],
    );
    assert.equal(p.read(p.file), before.replace(`"${f.plain}:1" # literal`, `"${f.plain}:2" # literal`));
    assert.equal(p.read(`${p.file}.cdpack-previous`), before);
    const now = p.container('worker');
    assert.deepEqual([now.image, now.status], [`${f.plain}:2`, 'running']);
  });

  test('an image that exits at once is rolled back: previous files, previous container image, step fails', async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    const p = project(f, 'crash');
    const envBefore = p.read(p.envFile);
    const r = await setImage(f, { image: `${f.app}:crash`, 'compose-file': p.file, service: 'web' });
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.outputs.result, 'rolled-back');
    assert.equal(r.outputs.changed, 'true');
    assert.match(r.stderr, /rolled back: service web: .* exited with code 3/);
    assert.match(r.stderr, /cannot open config/, 'the log tail is in the diagnosis');
    assert.equal(p.read(p.envFile), envBefore);
    const now = p.container('web');
    assert.deepEqual([now.image, now.status, now.health], [`${f.app}:1`, 'running', 'healthy']);
  });

  test('an image that fails its healthcheck is rolled back', async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    const p = project(f, 'unhealthy');
    const r = await setImage(f, { image: `${f.app}:unhealthy`, 'compose-file': p.file, service: 'web' });
    assert.equal(r.code, 1, r.stdout);
    assert.equal(r.outputs.result, 'rolled-back');
    assert.match(r.stderr, /rolled back: service web: .* is unhealthy/);
    const now = p.container('web');
    assert.deepEqual([now.image, now.status, now.health], [`${f.app}:1`, 'running', 'healthy']);
  });

  test('a wrong host key is refused before anything runs: no login, nothing changed on the host', async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    const p = project(f, 'mitm');
    const files = () => [readdirSync(p.dir).sort(), p.read(p.file), p.read(p.envFile)];
    const { id, image, status } = p.container('web');
    const before = { files: files(), container: { id, image, status } };
    const logBefore = f.sshd.log().length;
    const r = await setImage(f, {
      image: `${f.app}:2`,
      'compose-file': p.file,
      service: 'web',
      'ENV:CDPACK_KNOWN_HOSTS': f.sshd.wrongKnownHosts,
    });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /host key does not match known-hosts .*nothing was run/);
    assert.equal(r.outputs.result, undefined, 'no outputs: nothing was done');
    assert.deepEqual(files(), before.files);
    const after = p.container('web');
    assert.deepEqual({ id: after.id, image: after.image, status: after.status }, before.container);
    assert.doesNotMatch(f.sshd.log().slice(logBefore), /Accepted publickey/);
    assert.deepEqual(r.tempLeft, []);
  });

  test('known-hosts is required; insecure-ignore-host-key connects with a warning', async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    const p = project(f, 'insecure');
    const missing = await setImage(f, { image: `${f.app}:2`, 'compose-file': p.file, 'ENV:CDPACK_KNOWN_HOSTS': '' });
    assert.equal(missing.code, 1);
    assert.match(missing.stderr, /input 'known-hosts': is required/);
    const r = await setImage(f, {
      image: `${f.app}:2`,
      'compose-file': p.file,
      service: 'web',
      'dry-run': 'true',
      'insecure-ignore-host-key': 'true',
      'ENV:CDPACK_KNOWN_HOSTS': '',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr + r.stdout, /host key of 127\.0\.0\.1 is NOT checked/);
    assert.equal(r.outputs.changed, 'true');
    assert.equal(p.read(p.envFile).includes('APP_TAG=1 '), true, 'dry run: nothing written');
  });

  test('hostile service names are refused before connecting; hostile paths arrive literally and run nothing', async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    const logBefore = f.sshd.log().length;
    for (const service of [
      'web;touch /tmp/cdpack-pwned',
      '$(touch /tmp/cdpack-pwned)',
      '-d',
      'web x',
      '`id`',
      "w'eb",
    ]) {
      const r = await setImage(f, { image: `${f.app}:2`, 'compose-file': '/srv/compose.yaml', service });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /input 'service': .* is not a service name/, JSON.stringify(service));
    }
    assert.doesNotMatch(f.sshd.log().slice(logBefore), /Accepted publickey/, 'no connection for refused inputs');
    const newline = await setImage(f, { image: `${f.app}:2`, 'compose-file': '/srv/a\nb/compose.yaml' });
    // readInputs refuses line breaks in single-line inputs before the step's own path check sees them.
    assert.match(newline.stderr, /input 'compose-file': must be a single line/);

    // Paths full of shell syntax, absolute and relative (leading '-'): read literally, never executed.
    const marker = join(f.work, 'PWNED');
    const hostile = `$(touch ${marker}) \`touch ${marker}\`; touch ${marker} 'q' "d" *`;
    for (const path of [join(f.work, hostile, 'compose.yaml'), `-${hostile}/compose.yaml`]) {
      const r = await setImage(f, { image: `${f.app}:2`, 'ENV:CDPACK_COMPOSE_FILE': path, service: 'web' });
      assert.equal(r.code, 1);
      assert.match(r.stderr, /input 'compose-file': .*compose\.yaml does not exist on /);
      assert.ok(r.stderr.includes(path), 'the path is named as given');
    }
    assert.equal(existsSync(marker), false);

    // A real project in a directory with such a name: the whole run works there. Relative markers would land
    // in the ssh session's working directory (the home directory) or the project's.
    const name = `cdpack-pwned-${process.pid}`;
    const p = project(f, `it's a "dir" $(touch ${name}) \`touch ${name}\`; touch ${name}`);
    const r = await setImage(f, { image: `${f.app}:2`, 'compose-file': p.file, service: 'web' });
    assert.equal(r.code, 0, r.stderr + r.stdout);
    assert.equal(p.container('web').image, `${f.app}:2`);
    for (const dir of [homedir(), p.dir, dirname(p.dir), f.work]) assert.equal(existsSync(join(dir, name)), false, dir);
    assert.equal(existsSync(marker), false);
  });

  test('the quoting against the real sshd: every hostile argument arrives as itself', async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    const temp = mkdtempSync(join(f.work, 'ssh-'));
    const session = await SshSession.open(
      {
        host: '127.0.0.1',
        port: f.sshd.port,
        user: f.sshd.user,
        privateKey: f.sshd.clientKey,
        knownHosts: f.sshd.knownHosts,
      },
      temp,
    );
    try {
      const cwd = mkdtempSync(join(f.work, 'cwd-'));
      const r = await session.run(['sh', '-c', 'cd "$1" && shift && printf "%s\\0" "$@"', 'sh', cwd, ...HOSTILE]);
      assert.equal(r.code, 0, r.stderr);
      assert.deepEqual(r.stdout.split('\0').slice(0, -1), HOSTILE);
      assert.deepEqual(readdirSync(cwd), []);
      const stdin = await session.run(['cat'], { stdin: "line 1\n$(id) 'x'\n" });
      assert.equal(stdin.stdout, "line 1\n$(id) 'x'\n");
    } finally {
      await session.close();
    }
    assert.deepEqual(readdirSync(temp), []);
  });

  test('SIGTERM while a remote command hangs: ssh is stopped, the key is removed, exit 143', async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    const dir = mkdtempSync(join(f.work, 'fifo-'));
    const fifo = join(dir, 'compose.yaml');
    execFileSync('mkfifo', [fifo]); // `cat` of it blocks: the step hangs on the host, connected
    const temp = mkdtempSync(join(f.work, 'temp-'));
    const inputs = {
      target: 'compose',
      image: `${f.app}:2`,
      host: '127.0.0.1',
      port: String(f.sshd.port),
      user: f.sshd.user,
      'compose-file': fifo,
    };
    const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI_ENTRY, 'set-image', ...toFlags(inputs)], {
      cwd: REPO_ROOT,
      env: {
        ...cleanEnv(),
        CDPACK_SSH_KEY: f.sshd.clientKey,
        CDPACK_KNOWN_HOSTS: f.sshd.knownHosts,
        CDPACK_TEMP: temp,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (b: Buffer) => {
      stderr += b.toString();
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    // Wait until ssh runs the read of the FIFO (its command line names the key in the temp dir).
    const sshRunning = () =>
      readdirSync(temp).length === 1 && processesMentioning(join(temp, readdirSync(temp)[0] as string)).length > 0;
    for (let i = 0; i < 600 && !(sshRunning() && /compose project/.test(stderr)); i++) await sleep(100);
    assert.ok(sshRunning(), `ssh did not start: ${stderr}`);
    const key = readdirSync(temp)[0] as string;
    child.kill('SIGTERM');
    assert.equal(await exited, 143, stderr);
    assert.deepEqual(readdirSync(temp), [], 'the key and known_hosts are removed');
    assert.deepEqual(processesMentioning(join(temp, key)), [], 'no ssh left running');
  });

  test('the GitHub bundle (dist/set-image): outputs in GITHUB_OUTPUT, a summary, the key masked line by line', async (t) => {
    if (skipIfMissing(t, skip)) return;
    const f = fx as DockerHostFixture;
    const p = project(f, 'bundle');
    const r = await runGithubBundle(
      'set-image',
      {
        target: 'compose',
        image: `${f.app}:2`,
        host: '127.0.0.1',
        port: String(f.sshd.port),
        user: f.sshd.user,
        'ssh-key': f.sshd.clientKey,
        'known-hosts': f.sshd.knownHosts,
        'compose-file': p.file,
        service: 'web',
        timeout: '90s',
      },
      { timeoutMs: 300_000 },
    );
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.equal(r.outputs.result, 'success');
    assert.equal(r.outputs['previous-image'], `${f.app}:1`);
    assert.equal(p.container('web').image, `${f.app}:2`);
    assert.match(r.summary, /success.*compose on root@127\.0\.0\.1/);
    // Every line of the key body (the BEGIN/END markers are no secret).
    const keyLines = f.sshd.clientKey.split('\n').filter((l) => l.length >= 8 && !l.startsWith('-----'));
    assert.ok(keyLines.length >= 3);
    const printed = (r.stdout + r.stderr).split('\n').filter((l) => !l.startsWith('::add-mask::'));
    for (const line of keyLines) {
      assert.ok(!printed.some((l) => l.includes(line)), 'no line of the key is printed');
      assert.ok(r.stdout.includes(`::add-mask::${line}`), 'each line of the key is registered for masking');
    }
  });
});
