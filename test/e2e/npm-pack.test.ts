// The npm package as users get it: `npm pack` contents (bundles, action metadata, GitLab templates, README; no
// sources, tests or dev files), and the `cdpack` bin working when installed from the tarball into an empty prefix,
// offline, outside the repository (so nothing of the repository's node_modules is in reach).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { specs } from '../../src/inputs/index';
import { cleanupTempDirs, makeTempDir } from '../support/gitops-fixture';
import { cleanEnv, REPO_ROOT, runProcess } from '../support/run';

interface PackResult {
  filename: string;
  files: { path: string }[];
}

let work = '';
let tarball = '';
let packed: string[] = [];

before(() => {
  work = makeTempDir('cdpack-npm-pack-');
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', work], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const [result] = JSON.parse(out) as PackResult[];
  assert.ok(result, 'npm pack reported no package');
  tarball = join(work, result.filename);
  packed = result.files.map((f) => f.path).sort();
});
after(() => cleanupTempDirs());

test('the package holds the bundles, action metadata, GitLab templates and README', () => {
  const expected = [
    'package.json',
    'README.md',
    'action.yml',
    'dist/cli/index.js',
    'dist/cdpack/index.js',
    ...specs.flatMap((s) => [
      `actions/${s.name}/action.yml`,
      `dist/${s.name}/index.js`,
      `gitlab-components/templates/${s.name}/template.yml`,
      `gitlab-components/templates/${s.name}/README.md`,
    ]),
    ...(existsSync(join(REPO_ROOT, 'LICENSE')) ? ['LICENSE'] : []),
  ];
  for (const path of expected) assert.ok(packed.includes(path), `${path} is not in the package`);
});

test('the package holds no sources, tests, benchmarks, CI files, caches or dependencies', () => {
  const allowed =
    /^(dist\/|actions\/[^/]+\/action\.yml$|gitlab-components\/(templates\/|README\.md$)|action\.yml$|package\.json$|README\.md$|LICENSE$)/;
  const stray = packed.filter((path) => !allowed.test(path));
  assert.deepEqual(stray, [], 'files outside the published set');
  for (const dev of ['src/', 'test/', 'bench/', 'scripts/', '.ci/', '.github/', '.cache/', 'node_modules/', 'docs/']) {
    assert.ok(!packed.some((p) => p.startsWith(dev) || p.includes(`/${dev}`)), `${dev} is in the package`);
  }
  assert.ok(!packed.some((p) => p.endsWith('.ts') && !p.endsWith('.d.ts')), 'TypeScript sources in the package');
});

test('the package has no runtime dependencies, so installing it needs no registry', () => {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
  for (const field of ['dependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) {
    const deps = (pkg[field] ?? {}) as Record<string, string>;
    assert.deepEqual(Object.keys(deps), [], `package.json ${field}`);
  }
  assert.deepEqual(pkg.bin, { cdpack: 'dist/cli/index.js' });
});

test('the cdpack bin installed from the tarball runs: --help and scan --help', { timeout: 180_000 }, async () => {
  const prefix = join(work, 'prefix');
  const env = { ...cleanEnv(), npm_config_cache: join(work, 'npm-cache') };
  const install = await runProcess(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--no-package-lock', '--prefix', prefix, tarball],
    { env, cwd: work, timeoutMs: 150_000 },
  );
  assert.equal(install.code, 0, `npm install from the tarball failed:\n${install.stdout}\n${install.stderr}`);
  const bin = join(prefix, 'node_modules/.bin/cdpack');
  assert.ok(existsSync(bin), 'npm did not link the cdpack bin');

  const help = await runProcess(bin, ['--help'], { env, cwd: work });
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /usage: cdpack <action>/);
  for (const spec of specs) assert.match(help.stdout, new RegExp(`\\b${spec.name}\\b`), `${spec.name} not listed`);

  const scan = await runProcess(bin, ['scan', '--help'], { env, cwd: work });
  assert.equal(scan.code, 0, scan.stderr);
  assert.match(scan.stdout, /cdpack scan /);
  assert.match(scan.stdout, /--severity-threshold/);

  const unknown = await runProcess(bin, ['no-such-step'], { env, cwd: work });
  assert.notEqual(unknown.code, 0, 'an unknown step must fail');
});
