import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { silentLog } from '../../../src/core/log';
import { grypeArgs, grypeEnv, runGrype } from '../../../src/tools/scanners/grype';
import { locateScanner } from '../../../src/tools/scanners/install';
import { PINNED_VERSIONS, scannerRelease } from '../../../src/tools/scanners/releases';
import { runTrivy, trivyArgs } from '../../../src/tools/scanners/trivy';
import { ORACLES } from './oracle-helpers';

const digestRef = `registry.example.com/team/web@sha256:${'c'.repeat(64)}`;
const tmp = (prefix: string) => mkdtempSync(join(tmpdir(), prefix));

/**
 * A stand-in scanner: answers the version query, records its argv (one per line), its cwd and
 * the Grype env it was given, then writes a real report (to --output for Trivy, stdout for Grype).
 */
function standIn(tool: 'trivy' | 'grype', version: string, fixture: string): { dir: string; log: string } {
  const dir = tmp(`cdpack-standin-${tool}-`);
  const log = join(dir, 'argv.log');
  const versionArg = tool === 'trivy' ? '--version' : 'version';
  const script = `#!/bin/sh
if [ "$1" = "${versionArg}" ]; then echo "Version: ${version}"; exit 0; fi
: > '${log}'
for a in "$@"; do printf '%s\\n' "$a" >> '${log}'; done
printf 'cwd=%s\\n' "$(pwd)" > '${log}.env'
printf 'GRYPE_DB_CACHE_DIR=%s\\nGRYPE_DB_AUTO_UPDATE=%s\\nGRYPE_CHECK_FOR_APP_UPDATE=%s\\nTRIVY_SEVERITY=%s\\n' "$GRYPE_DB_CACHE_DIR" "\${GRYPE_DB_AUTO_UPDATE-unset}" "$GRYPE_CHECK_FOR_APP_UPDATE" "\${TRIVY_SEVERITY-unset}" >> '${log}.env'
out=""; prev=""
for a in "$@"; do [ "$prev" = "--output" ] && out="$a"; prev="$a"; done
if [ -n "$out" ]; then cat '${fixture}' > "$out"; else cat '${fixture}'; fi
`;
  writeFileSync(join(dir, tool), script);
  chmodSync(join(dir, tool), 0o755);
  return { dir, log };
}

const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);

describe('scanner arguments', () => {
  const run = { image: digestRef, cacheDir: '/cache/trivy', offline: false, workDir: '/tmp/w' };
  it('trivy: JSON to a file, vulnerabilities only, no severity or unfixed filter', () => {
    assert.deepEqual(trivyArgs(run, '/tmp/w/r.json'), [
      'image',
      '--format',
      'json',
      '--output',
      '/tmp/w/r.json',
      '--scanners',
      'vuln',
      '--cache-dir',
      '/cache/trivy',
      '--no-progress',
      digestRef,
    ]);
  });
  it('trivy offline: no DB or Java DB update, no online look-ups', () => {
    assert.deepEqual(trivyArgs({ ...run, offline: true }, '/o.json').slice(-4), [
      '--skip-db-update',
      '--skip-java-db-update',
      '--offline-scan',
      digestRef,
    ]);
  });
  it('grype: image and JSON output; DB cache in env, auto-update off only offline', () => {
    assert.deepEqual(grypeArgs(run), [digestRef, '-o', 'json']);
    assert.equal(grypeEnv(run).GRYPE_DB_CACHE_DIR, '/cache/trivy');
    assert.equal(grypeEnv(run).GRYPE_DB_AUTO_UPDATE, undefined);
    assert.equal(grypeEnv({ ...run, offline: true }).GRYPE_DB_AUTO_UPDATE, 'false');
    assert.equal(grypeEnv(run).GRYPE_CHECK_FOR_APP_UPDATE, 'false');
  });
});

describe('stand-in scanners on PATH', () => {
  it('trivy is run with the exact arguments and its --output file is read back', async () => {
    const fixture = join(ORACLES, 'trivy/integration-golden/alpine-39.json.golden');
    const s = standIn('trivy', PINNED_VERSIONS.trivy, fixture);
    const work = tmp('cdpack-work-');
    process.env.TRIVY_SEVERITY = 'CRITICAL';
    try {
      const text = await runTrivy(
        join(s.dir, 'trivy'),
        { image: digestRef, cacheDir: '/c', offline: true, workDir: work },
        join(work, 'out.json'),
        silentLog,
      );
      assert.equal(text, readFileSync(fixture, 'utf8'));
    } finally {
      delete process.env.TRIVY_SEVERITY;
    }
    assert.deepEqual(lines(s.log), [
      'image',
      '--format',
      'json',
      '--output',
      join(work, 'out.json'),
      '--scanners',
      'vuln',
      '--cache-dir',
      '/c',
      '--no-progress',
      '--skip-db-update',
      '--skip-java-db-update',
      '--offline-scan',
      digestRef,
    ]);
    const env = lines(`${s.log}.env`);
    assert.ok(env.includes(`cwd=${work}`), 'runs in its own work dir, away from .trivyignore / trivy.yaml');
    assert.ok(env.includes('TRIVY_SEVERITY=unset'), 'a severity filter in the environment is removed');
  });
  it('grype is run with the image and -o json, offline env, report from stdout', async () => {
    const fixture = join(ORACLES, 'grype/json/TestJsonImgsPresenter.golden');
    const s = standIn('grype', PINNED_VERSIONS.grype, fixture);
    const work = tmp('cdpack-work-');
    const text = await runGrype(
      join(s.dir, 'grype'),
      { image: digestRef, cacheDir: '/db', offline: true, workDir: work },
      silentLog,
    );
    assert.equal(text, readFileSync(fixture, 'utf8'));
    assert.deepEqual(lines(s.log), [digestRef, '-o', 'json']);
    assert.deepEqual(lines(`${s.log}.env`).slice(1, 4), [
      'GRYPE_DB_CACHE_DIR=/db',
      'GRYPE_DB_AUTO_UPDATE=false',
      'GRYPE_CHECK_FOR_APP_UPDATE=false',
    ]);
  });
  it('a failing scanner is an error with its stderr', async () => {
    const dir = tmp('cdpack-fail-');
    writeFileSync(join(dir, 'trivy'), '#!/bin/sh\necho "FATAL unable to find the image" >&2\nexit 1\n');
    chmodSync(join(dir, 'trivy'), 0o755);
    await assert.rejects(
      runTrivy(
        join(dir, 'trivy'),
        { image: digestRef, cacheDir: '/c', offline: false, workDir: dir },
        join(dir, 'o.json'),
        silentLog,
      ),
      /trivy exited with code 1: FATAL unable to find the image/,
    );
  });
});

describe('locating and installing a scanner', () => {
  let server: Server;
  let base = '';
  const requests: string[] = [];
  const files = new Map<string, Buffer>();

  /** A release archive holding a stand-in `<tool>` that reports `version`. */
  function publish(tool: 'trivy' | 'grype', version: string, opts: { badChecksum?: boolean } = {}): void {
    const release = scannerRelease(tool, version, 'linux', 'x64', base);
    const dir = tmp('cdpack-archive-');
    const flag = tool === 'trivy' ? '--version' : 'version';
    writeFileSync(join(dir, tool), `#!/bin/sh\n[ "$1" = "${flag}" ] && echo "Version: ${version}"\n`);
    chmodSync(join(dir, tool), 0o755);
    writeFileSync(join(dir, 'LICENSE'), 'license\n');
    const archive = join(dir, release.asset);
    execFileSync('tar', ['-czf', archive, '-C', dir, tool, 'LICENSE']);
    const bytes = readFileSync(archive);
    const sum = opts.badChecksum ? 'f'.repeat(64) : createHash('sha256').update(bytes).digest('hex');
    files.set(new URL(release.url).pathname, bytes);
    files.set(
      new URL(release.checksumsUrl).pathname,
      Buffer.from(`${'0'.repeat(64)}  other_asset.tar.gz\n${sum}  ${release.asset}\n`),
    );
  }

  before(async () => {
    server = createServer((req, res) => {
      requests.push(req.url ?? '');
      const body = files.get(req.url ?? '');
      res.writeHead(body ? 200 : 404).end(body ?? 'not found');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/releases/download`;
  });
  after(() => server.close());

  const options = (cache: string, extra: Partial<Parameters<typeof locateScanner>[0]> = {}) => ({
    tool: 'trivy' as const,
    version: '0.70.1',
    toolCacheDir: cache,
    offline: false,
    log: silentLog,
    searchPath: '',
    platform: 'linux',
    arch: 'x64',
    downloadBase: base,
    ...extra,
  });

  it('downloads, verifies against the release checksums and installs into the tool cache; then reuses it', async () => {
    publish('trivy', '0.70.1');
    const cache = tmp('cdpack-toolcache-');
    requests.length = 0;
    const first = await locateScanner(options(cache));
    assert.deepEqual(first, { file: join(cache, 'trivy', '0.70.1', 'trivy'), version: '0.70.1', source: 'download' });
    assert.deepEqual(requests, [
      '/releases/download/v0.70.1/trivy_0.70.1_Linux-64bit.tar.gz',
      '/releases/download/v0.70.1/trivy_0.70.1_checksums.txt',
    ]);
    assert.match(execFileSync(first.file, ['--version']).toString(), /Version: 0.70.1/);
    requests.length = 0;
    const second = await locateScanner(options(cache));
    assert.equal(second.source, 'tool-cache');
    assert.deepEqual(requests, [], 'nothing downloaded the second time');
  });
  it('grype archives use their own names', async () => {
    publish('grype', '0.111.0');
    const cache = tmp('cdpack-toolcache-');
    const got = await locateScanner(options(cache, { tool: 'grype', version: '0.111.0' }));
    assert.equal(got.file, join(cache, 'grype', '0.111.0', 'grype'));
    assert.match(execFileSync(got.file, ['version']).toString(), /Version: 0.111.0/);
  });
  it('refuses an archive whose sha256 does not match, and installs nothing', async () => {
    publish('trivy', '0.70.2', { badChecksum: true });
    const cache = tmp('cdpack-toolcache-');
    await assert.rejects(
      locateScanner(options(cache, { version: '0.70.2' })),
      /sha256 [0-9a-f]{64} does not match the expected f{64}; not installing it/,
    );
    assert.equal(existsSync(join(cache, 'trivy', '0.70.2', 'trivy')), false);
  });
  it('the pinned version is checked against the sha256 pinned in code, not the download source', async () => {
    publish('trivy', PINNED_VERSIONS.trivy);
    const cache = tmp('cdpack-toolcache-');
    requests.length = 0;
    await assert.rejects(
      locateScanner(options(cache, { version: PINNED_VERSIONS.trivy })),
      /does not match the expected 1816b632/,
    );
    assert.equal(requests.filter((r) => r.endsWith('checksums.txt')).length, 0);
  });
  it('uses a PATH binary of the wanted version without downloading; another version is not used', async () => {
    const fixture = join(ORACLES, 'trivy/integration-golden/alpine-39.json.golden');
    const right = standIn('trivy', '0.70.1', fixture);
    const got = await locateScanner(
      options(tmp('cdpack-toolcache-'), { searchPath: `/nonexistent${delimiter}${right.dir}` }),
    );
    assert.deepEqual(got, { file: join(right.dir, 'trivy'), version: '0.70.1', source: 'path' });
    const wrong = standIn('trivy', '0.50.0', fixture);
    publish('trivy', '0.70.1');
    const installed = await locateScanner(options(tmp('cdpack-toolcache-'), { searchPath: wrong.dir }));
    assert.equal(installed.source, 'download');
    const anyVersion = await locateScanner(
      options(tmp('cdpack-toolcache-'), { searchPath: wrong.dir, version: 'path' }),
    );
    assert.deepEqual(anyVersion, { file: join(wrong.dir, 'trivy'), version: '0.50.0', source: 'path' });
  });
  it('offline: never downloads; says what to do instead', async () => {
    requests.length = 0;
    await assert.rejects(
      locateScanner(options(tmp('cdpack-toolcache-'), { offline: true })),
      /trivy 0\.70\.1 is neither in the tool cache .* nor on PATH, and offline mode forbids downloading it; install it, or set scanner-version to 'path'/,
    );
    assert.deepEqual(requests, []);
  });
  it('a missing release is a clear error', async () => {
    await assert.rejects(
      locateScanner(options(tmp('cdpack-toolcache-'), { version: '9.9.9' })),
      /download of .*trivy_9\.9\.9_Linux-64bit\.tar\.gz failed: HTTP 404/,
    );
  });
  describe('a tool cache inside the workspace (repository-writable): only verified archives, run from a private copy', () => {
    const messages: string[] = [];
    const log = {
      ...silentLog,
      info: (m: string) => messages.push(m),
      warn: (m: string) => messages.push(`warning: ${m}`),
    };
    const inWorkspace = (extra: Partial<Parameters<typeof locateScanner>[0]> = {}) => {
      const workspace = tmp('cdpack-ws-');
      const cache = join(workspace, '.cdpack-cache', 'bin');
      const temp = tmp('cdpack-runner-temp-');
      return { workspace, cache, temp, opts: options(cache, { workspace, tempDir: temp, log, ...extra }) };
    };
    const planted = (file: string, version: string, marker: string) => {
      mkdirSync(join(file, '..'), { recursive: true });
      writeFileSync(
        file,
        `#!/bin/sh
echo ran >> '${marker}'
echo "Version: ${version}"
`,
      );
      chmodSync(file, 0o755);
    };

    it('a download keeps the archive in the cache and runs a copy outside the workspace; the next run re-verifies it', async () => {
      publish('trivy', '0.70.1');
      const { workspace, cache, temp, opts } = inWorkspace();
      requests.length = 0;
      const first = await locateScanner(opts);
      assert.equal(first.source, 'download');
      assert.ok(first.file.startsWith(`${temp}/cdpack-trivy-`), first.file);
      assert.match(execFileSync(first.file, ['--version']).toString(), /Version: 0.70.1/);
      assert.deepEqual(readdirSync(join(cache, 'trivy', '0.70.1')), ['trivy_0.70.1_Linux-64bit.tar.gz']);
      await first.dispose?.();
      assert.equal(existsSync(first.file), false, 'the private copy is removed');
      requests.length = 0;
      const second = await locateScanner(opts);
      assert.equal(second.source, 'tool-cache');
      assert.ok(!second.file.startsWith(workspace));
      assert.deepEqual(
        requests,
        ['/releases/download/v0.70.1/trivy_0.70.1_checksums.txt'],
        'only the checksums, to verify',
      );
      await second.dispose?.();
    });
    it('a binary planted in the cache is never run, and a tampered archive is not used', async () => {
      publish('trivy', '0.70.1');
      const { cache, opts } = inWorkspace();
      const marker = join(tmp('cdpack-marker-'), 'ran');
      planted(join(cache, 'trivy', '0.70.1', 'trivy'), '0.70.1', marker);
      writeFileSync(join(cache, 'trivy', '0.70.1', 'trivy_0.70.1_Linux-64bit.tar.gz'), 'not the release');
      messages.length = 0;
      const got = await locateScanner(opts);
      assert.equal(got.source, 'download');
      assert.equal(existsSync(marker), false, 'the planted binary ran');
      assert.ok(messages.some((m) => /0\.70\.1\/trivy is not run: a binary in a cache inside the workspace/.test(m)));
      assert.ok(
        messages.some((m) =>
          /^warning: .*trivy_0\.70\.1_Linux-64bit\.tar\.gz: sha256 [0-9a-f]{64} does not match/.test(m),
        ),
      );
      await got.dispose?.();
    });
    it('the pinned version: only an archive matching the sha256 pinned in code; offline, nothing else runs', async () => {
      const version = PINNED_VERSIONS.trivy;
      const { cache, opts } = inWorkspace({ version, offline: true });
      const marker = join(tmp('cdpack-marker-'), 'ran');
      const dir = join(cache, 'trivy', version);
      planted(join(dir, 'trivy'), version, marker);
      execFileSync('tar', ['-czf', join(dir, `trivy_${version}_Linux-64bit.tar.gz`), '-C', dir, 'trivy']);
      await assert.rejects(locateScanner(opts), /is neither in the tool cache .*verified.* nor on PATH/);
      assert.equal(existsSync(marker), false, 'the planted binary ran');
    });
    it('offline, a version without a pinned sha256 cannot be verified: its cached archive is not used', async () => {
      publish('trivy', '0.70.1');
      const { opts } = inWorkspace();
      await (await locateScanner(opts)).dispose?.();
      messages.length = 0;
      requests.length = 0;
      await assert.rejects(locateScanner({ ...opts, offline: true }), /offline mode forbids downloading it/);
      assert.deepEqual(requests, []);
      assert.ok(
        messages.some((m) => /cdpack pins no sha256 for trivy 0\.70\.1, and offline mode cannot fetch/.test(m)),
      );
    });
  });
  it('release asset names per platform', () => {
    const names = [
      ['trivy', 'linux', 'x64'],
      ['trivy', 'linux', 'arm64'],
      ['trivy', 'darwin', 'arm64'],
      ['grype', 'linux', 'x64'],
      ['grype', 'darwin', 'arm64'],
    ].map(([t, p, a]) => scannerRelease(t as 'trivy', '1.2.3', p as string, a as string).asset);
    assert.deepEqual(names, [
      'trivy_1.2.3_Linux-64bit.tar.gz',
      'trivy_1.2.3_Linux-ARM64.tar.gz',
      'trivy_1.2.3_macOS-ARM64.tar.gz',
      'grype_1.2.3_linux_amd64.tar.gz',
      'grype_1.2.3_darwin_arm64.tar.gz',
    ]);
    assert.equal(
      scannerRelease('trivy', '1.2.3', 'linux', 'x64').url,
      'https://github.com/aquasecurity/trivy/releases/download/v1.2.3/trivy_1.2.3_Linux-64bit.tar.gz',
    );
    assert.throws(() => scannerRelease('trivy', '1.2.3', 'win32', 'x64'), /no trivy release for win32\/x64/);
  });
});
