// build-push through the CLI and the GitHub entry with real buildah builds (chroot isolation)
// against real registries on loopback: plain, htpasswd + TLS, and behind a fault proxy.
import assert from 'node:assert/strict';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  buildahUnavailable,
  imageConfig,
  imageFiles,
  prepareArm64,
  recordArgv,
  registryManifest,
  writeBaseContext,
} from '../support/build-fixtures';
import { registryUnavailable, startFaultProxy, startRegistry, type TestRegistry } from '../support/registry';
import { skipUnlessAvailable } from '../support/requirements';
import { cleanEnv, parseGithubOutput, REPO_ROOT, runCli, runProcess, TSX_LOADER } from '../support/run';

const unavailable = skipUnlessAvailable(registryUnavailable() ?? buildahUnavailable());
const commit = '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c';
let work = '';
let plain: TestRegistry;
let baseRef = '';
let appDigest = '';

/** GitLab-style job variables, reproducible labels and a temp dir we can check is left clean. */
function jobEnv(temp: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    CI_COMMIT_SHA: commit,
    CI_COMMIT_BRANCH: 'feature/Login',
    CI_COMMIT_REF_NAME: 'feature/Login',
    CI_PROJECT_URL: 'https://gitlab.example.com/team/app',
    SOURCE_DATE_EPOCH: '1700000000',
    CDPACK_TEMP: temp,
    ...extra,
  };
}

function freshTemp(): string {
  return mkdtempSync(join(work, 'temp-'));
}

before(async () => {
  if (unavailable) return;
  work = mkdtempSync(join(tmpdir(), 'cdpack-bp-buildah-'));
  plain = await startRegistry();
  writeBaseContext(join(work, 'base'));
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'app.txt'), 'hello from the app\n');
  writeFileSync(
    join(app, 'Dockerfile'),
    'ARG BASE\nFROM ${BASE}\nARG GREETING=none\nRUN echo "$GREETING from $(uname -m)" > /hello\nCOPY app.txt /app/app.txt\nCMD ["cat", "/app/app.txt"]\n',
  );
});

after(async () => {
  await plain?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

const plainAccess = { tlsVerify: false };

test('base image FROM scratch + busybox, built and pushed through the CLI', { skip: unavailable }, async () => {
  const temp = freshTemp();
  const r = await runCli(
    'build-push',
    { image: `${plain.host}/base`, builder: 'buildah', 'tls-verify': 'false', context: join(work, 'base'), tags: '1' },
    { env: jobEnv(temp) },
  );
  assert.equal(r.code, 0, r.stderr);
  baseRef = `${plain.host}/base:1`;
  assert.equal(registryManifest(baseRef, plainAccess).digest, r.outputs.digest);
  assert.deepEqual(readdirSync(temp), [], 'work dirs and buildah storage removed');
});

test('app image FROM the base with RUN and COPY: tags, labels, digest equal to the registry', {
  skip: unavailable,
}, async () => {
  assert.ok(baseRef, 'the base image test ran first');
  const temp = freshTemp();
  const image = `${plain.host}/team/app`;
  const r = await runCli(
    'build-push',
    {
      image,
      builder: 'buildah',
      'tls-verify': 'false',
      context: join(work, 'app'),
      tags: 'type=short-sha\ntype=branch\nstable',
      'build-args': `BASE=${baseRef}\nGREETING=hi`,
      labels: 'org.opencontainers.image.version=9.9.9\ncom.example.team=web',
    },
    { env: jobEnv(temp) },
  );
  assert.equal(r.code, 0, r.stderr);
  const refs = [commit, commit.slice(0, 7), 'feature-Login', 'stable'].map((t) => `${image}:${t}`);
  assert.deepEqual(JSON.parse(r.outputs.tags ?? ''), refs);
  assert.match(r.outputs.digest ?? '', /^sha256:[a-f0-9]{64}$/);
  for (const ref of refs) assert.equal(registryManifest(ref, plainAccess).digest, r.outputs.digest, ref);
  assert.equal(r.outputs['image-ref'], `${image}@${r.outputs.digest}`);
  appDigest = r.outputs.digest as string;

  const labels = (imageConfig(refs[0] as string, plainAccess).config as { Labels: Record<string, string> }).Labels;
  assert.equal(labels['org.opencontainers.image.revision'], commit);
  assert.equal(labels['org.opencontainers.image.source'], 'https://gitlab.example.com/team/app');
  assert.equal(labels['org.opencontainers.image.created'], '2023-11-14T22:13:20Z');
  assert.equal(labels['org.opencontainers.image.version'], '9.9.9', 'user labels override the defaults');
  assert.equal(labels['com.example.team'], 'web');

  const files = imageFiles(refs[3] as string, plainAccess, ['hello', 'app/app.txt']);
  assert.equal(files.hello, 'hi from x86_64\n', 'the RUN step ran with the build arg');
  assert.equal(files['app/app.txt'], 'hello from the app\n');

  const meta = JSON.parse(r.outputs.metadata ?? '');
  assert.equal(meta.builder, 'buildah');
  assert.equal(meta.commit, commit);
  assert.equal(meta.commitOrigin, 'CI_COMMIT_SHA');
  assert.equal(meta.digest, r.outputs.digest);
  assert.deepEqual(readdirSync(temp), []);
});

test('registry cache: cache-to pushes layers, a later build of another commit pulls them', {
  skip: unavailable,
}, async () => {
  const ctx = join(work, 'cached');
  writeBaseContext(ctx);
  writeFileSync(
    join(ctx, 'Dockerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "sh", "-c", "/bin/busybox head -c 16 /dev/urandom | /bin/busybox md5sum > /stamp"]\n',
  );
  const cache = `${plain.host}/team/cached-cache`;
  const build = (sha: string) =>
    runCli(
      'build-push',
      {
        image: `${plain.host}/team/cached`,
        builder: 'buildah',
        'tls-verify': 'false',
        context: ctx,
        'cache-from': cache,
        'cache-to': cache,
      },
      { env: jobEnv(freshTemp(), { CI_COMMIT_SHA: sha }) },
    );
  const first = await build('3'.repeat(40));
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, /Pushing cache/);
  const second = await build('4'.repeat(40));
  assert.equal(second.code, 0, second.stderr);
  assert.match(
    second.stderr,
    /STEP 3\/\d+: RUN[^\n]*\n--> Cache pulled from remote/,
    'the RUN layer came from the registry cache',
  );
  const stamp = (sha: string) => imageFiles(`${plain.host}/team/cached:${sha}`, plainAccess, ['stamp']).stamp;
  assert.equal(stamp('4'.repeat(40)), stamp('3'.repeat(40)), 'the RUN step was not re-run');
});

test('multi-platform amd64 + arm64: an index is pushed and its digest reported', { skip: unavailable }, async (t) => {
  const arm = prepareArm64(work);
  if ('reason' in arm) {
    t.skip(arm.reason);
    return;
  }
  const ctx = join(work, 'multi');
  mkdirSync(join(ctx, 'amd64'), { recursive: true });
  mkdirSync(join(ctx, 'arm64'), { recursive: true });
  copyFileSync('/bin/busybox', join(ctx, 'amd64/busybox'));
  copyFileSync(arm.busybox, join(ctx, 'arm64/busybox'));
  writeFileSync(
    join(ctx, 'Dockerfile'),
    'FROM scratch\nARG TARGETARCH\nCOPY ${TARGETARCH}/busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\nRUN uname -m > /arch.txt\n',
  );
  const temp = freshTemp();
  const image = `${plain.host}/multi`;
  const r = await runCli(
    'build-push',
    {
      image,
      builder: 'buildah',
      'tls-verify': 'false',
      context: ctx,
      platforms: 'linux/amd64,linux/arm64',
      tags: 'v1',
    },
    { env: jobEnv(temp), timeoutMs: 300_000 },
  );
  assert.equal(r.code, 0, r.stderr);
  for (const tag of [commit, 'v1']) {
    const m = registryManifest(`${image}:${tag}`, plainAccess);
    assert.equal(m.digest, r.outputs.digest, tag);
    const platforms = (m.json.manifests as { platform: { architecture: string } }[]).map(
      (x) => x.platform.architecture,
    );
    assert.deepEqual(platforms.sort(), ['amd64', 'arm64']);
  }
  assert.equal(imageFiles(`${image}:v1`, plainAccess, ['arch.txt'], 'arm64')['arch.txt'], 'aarch64\n');
  assert.equal(imageFiles(`${image}:v1`, plainAccess, ['arch.txt'], 'amd64')['arch.txt'], 'x86_64\n');
  assert.deepEqual(readdirSync(temp), []);
});

test('htpasswd + TLS registry: login with username/password, password never in output or argv', {
  skip: unavailable,
}, async () => {
  const password = `pw-${Math.random().toString(36).slice(2)}-secret`;
  const secure = await startRegistry({ tls: true, htpasswd: [{ username: 'ci', password }] });
  try {
    const certDir = join(work, 'certs');
    mkdirSync(certDir, { recursive: true });
    copyFileSync(secure.caFile as string, join(certDir, 'ca.crt'));
    const argv = recordArgv(['buildah'], work);
    const temp = freshTemp();
    const image = `${secure.host}/team/secure`;
    const r = await runCli(
      'build-push',
      {
        image,
        builder: 'buildah',
        context: join(work, 'base'),
        username: 'ci',
        password,
        'ca-file': secure.caFile,
      },
      { env: { ...jobEnv(temp), PATH: `${argv.dir}:${process.env.PATH}` } },
    );
    assert.equal(r.code, 0, r.stderr);
    const access = { tlsVerify: true, certDir, creds: `ci:${password}` };
    assert.equal(registryManifest(`${image}:${commit}`, access).digest, r.outputs.digest);

    const basic = Buffer.from(`ci:${password}`).toString('base64');
    for (const text of [r.stdout, r.stderr]) {
      assert.ok(!text.includes(password), 'password not printed');
      assert.ok(!text.includes(basic), 'basic auth not printed');
    }
    const calls = argv.read();
    assert.ok(calls.length >= 3, `buildah login, bud, push recorded: ${calls.length}`);
    for (const call of calls) assert.ok(!call.join(' ').includes(password), `password in argv: ${call.join(' ')}`);
    const login = calls.find((c) => c.includes('login'));
    assert.ok(login?.includes('--password-stdin'));
    const authFile = login?.[login.indexOf('--authfile') + 1] as string;
    assert.ok(authFile.startsWith(temp), authFile);
    assert.ok(!existsSync(authFile), 'the temporary auth file is removed');
    assert.deepEqual(readdirSync(temp), []);
  } finally {
    await secure.stop();
  }
});

test('wrong password: a clear 401 error naming the registry, nothing left behind', { skip: unavailable }, async () => {
  const secure = await startRegistry({ htpasswd: [{ username: 'ci', password: 'right' }] });
  try {
    const temp = freshTemp();
    const r = await runCli(
      'build-push',
      {
        image: `${secure.host}/team/app`,
        builder: 'buildah',
        'tls-verify': 'false',
        context: join(work, 'base'),
        username: 'ci',
        password: 'wrong-password-123',
      },
      { env: jobEnv(temp) },
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`authentication failed \\(401\\) at ${secure.host.replace(/\./g, '\\.')}`));
    assert.ok(!r.stderr.includes('wrong-password-123'));
    assert.deepEqual(readdirSync(temp), []);
  } finally {
    await secure.stop();
  }
});

// buildah retries a 429 itself (up to 3 times) before giving up: 5 refusals outlast its retries, so
// the push only succeeds through build-push's own retry.
test('429 Too Many Requests on the push: retried with backoff, then pushed', { skip: unavailable }, async () => {
  let faults = 0;
  const proxy = await startFaultProxy({
    target: plain.url,
    plan: (req) => {
      if (req.method === 'PUT' && req.url?.includes('/manifests/') && faults < 5) {
        faults++;
        return {
          status: 429,
          headers: { 'retry-after': '1' },
          body: JSON.stringify({ errors: [{ code: 'TOOMANYREQUESTS', message: 'slow down' }] }),
        };
      }
      return undefined;
    },
  });
  try {
    const temp = freshTemp();
    const image = `${proxy.host}/team/limited`;
    const r = await runCli(
      'build-push',
      { image, builder: 'buildah', 'tls-verify': 'false', context: join(work, 'base') },
      { env: jobEnv(temp), timeoutMs: 180_000 },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(faults, 5);
    assert.match(r.stderr, /answered 429 Too Many Requests; retrying in \d+ s \(attempt 2 of 4\)/);
    assert.equal(registryManifest(`${plain.host}/team/limited:${commit}`, plainAccess).digest, r.outputs.digest);
  } finally {
    await proxy.stop();
  }
});

test('403 on the push: a clear error naming the registry, no retries', { skip: unavailable }, async () => {
  const proxy = await startFaultProxy({
    target: plain.url,
    plan: (req) =>
      req.method !== 'GET' && req.method !== 'HEAD'
        ? {
            status: 403,
            body: JSON.stringify({
              errors: [{ code: 'DENIED', message: 'requested access to the resource is denied' }],
            }),
          }
        : undefined,
  });
  try {
    const r = await runCli(
      'build-push',
      { image: `${proxy.host}/team/denied`, builder: 'buildah', 'tls-verify': 'false', context: join(work, 'base') },
      { env: jobEnv(freshTemp()) },
    );
    assert.equal(r.code, 1);
    assert.match(r.stderr, new RegExp(`access denied \\(403\\) at ${proxy.host.replace(/\./g, '\\.')}`));
    assert.doesNotMatch(r.stderr, /retrying/);
  } finally {
    await proxy.stop();
  }
});

test('invalid tags and image names are rejected before anything is built', { skip: unavailable }, async () => {
  const argv = recordArgv(['buildah', 'docker'], work);
  const env = { ...jobEnv(freshTemp()), PATH: `${argv.dir}:${process.env.PATH}` };
  const bad = await runCli(
    'build-push',
    {
      image: `${plain.host}/app`,
      builder: 'buildah',
      'tls-verify': 'false',
      context: join(work, 'base'),
      tags: 'ok\n-bad',
    },
    { env },
  );
  assert.equal(bad.code, 1);
  assert.match(bad.stderr, /input 'tags': '-bad' gives '-bad', not a valid tag/);
  const name = await runCli('build-push', { image: `${plain.host}/App`, builder: 'buildah', context: '.' }, { env });
  assert.equal(name.code, 1);
  assert.match(name.stderr, /input 'image': .* must be lowercase/);
  assert.deepEqual(argv.read(), [], 'no build tool was run');
});

test('push: false builds without pushing and reports no digest', { skip: unavailable }, async () => {
  const image = `${plain.host}/team/local-only`;
  const r = await runCli(
    'build-push',
    { image, builder: 'buildah', 'tls-verify': 'false', context: join(work, 'base'), push: 'false' },
    { env: jobEnv(freshTemp()) },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.outputs.digest, '');
  assert.deepEqual(JSON.parse(r.outputs.tags ?? ''), [`${image}:${commit}`]);
  assert.ok(!plain.accessLog().some((e) => e.path.includes('/team/local-only/')), 'nothing reached the registry');
});

test('promote mode: the app image copied to new tags by digest, no build', { skip: unavailable }, async () => {
  assert.ok(appDigest, 'the app image test ran first');
  const argv = recordArgv(['buildah', 'docker'], work);
  const image = `${plain.host}/team/app-prod`;
  const r = await runCli(
    'build-push',
    { image, source: `${plain.host}/team/app@${appDigest}`, tags: 'prod', 'tls-verify': 'false' },
    { env: { ...jobEnv(freshTemp()), PATH: `${argv.dir}:${process.env.PATH}` } },
  );
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.outputs.digest, appDigest);
  assert.equal(registryManifest(`${image}:prod`, plainAccess).digest, appDigest);
  assert.equal(JSON.parse(r.outputs.metadata ?? '').builder, 'promote');
  assert.deepEqual(argv.read(), [], 'no build tool was run');
});

test('GitHub runner: main.run() with INPUT_* env; a pull request tags the head SHA, not the merge commit', {
  skip: unavailable,
}, async () => {
  const dir = mkdtempSync(join(work, 'runner-'));
  const head = 'abcdefabcdefabcdefabcdefabcdefabcdef1234';
  const event = join(dir, 'event.json');
  writeFileSync(event, JSON.stringify({ number: 5, pull_request: { number: 5, head: { sha: head } } }));
  const output = join(dir, 'output');
  const summary = join(dir, 'summary');
  writeFileSync(output, '');
  writeFileSync(summary, '');
  mkdirSync(join(dir, 'temp'));
  const image = `${plain.host}/team/gh`;
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    GITHUB_ACTIONS: 'true',
    GITHUB_SHA: 'f'.repeat(40),
    GITHUB_REF: 'refs/pull/5/merge',
    GITHUB_EVENT_NAME: 'pull_request',
    GITHUB_EVENT_PATH: event,
    GITHUB_REPOSITORY: 'acme/app',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_OUTPUT: output,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_WORKSPACE: work,
    RUNNER_TEMP: join(dir, 'temp'),
    INPUT_IMAGE: image,
    INPUT_BUILDER: 'buildah',
    'INPUT_TLS-VERIFY': 'false',
    INPUT_CONTEXT: 'base',
    INPUT_TAGS: 'type=pr\ntype=branch',
    INPUT_PUSH: 'true',
  };
  const r = await runProcess(
    process.execPath,
    ['--import', TSX_LOADER, '-e', "import('./src/actions/build-push/main.ts').then((m) => m.run())"],
    { env, cwd: REPO_ROOT, timeoutMs: 180_000 },
  );
  assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
  const outputs = parseGithubOutput(readFileSync(output, 'utf8'));
  assert.deepEqual(JSON.parse(outputs.tags ?? ''), [`${image}:${head}`, `${image}:pr-5`]);
  assert.equal(registryManifest(`${image}:${head}`, plainAccess).digest, outputs.digest);
  assert.equal(outputs['image-ref'], `${image}@${outputs.digest}`);
  const labels = (imageConfig(`${image}:pr-5`, plainAccess).config as { Labels: Record<string, string> }).Labels;
  assert.equal(labels['org.opencontainers.image.revision'], head);
  assert.equal(labels['org.opencontainers.image.source'], 'https://github.com/acme/app');
  assert.match(readFileSync(summary, 'utf8'), /### cdpack build-push/);
  assert.deepEqual(readdirSync(join(dir, 'temp')), []);
});
