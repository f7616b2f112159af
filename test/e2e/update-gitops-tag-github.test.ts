// update-gitops-tag as GitHub runs it: the built bundle with INPUT_* env, GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY; and the source through @github/local-action.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import {
  appImage,
  BROKEN_YAML,
  cleanupTempDirs,
  type GitopsEnv,
  gitopsTree,
  overlayPath,
  readRemoteFile,
  remoteCommit,
  remoteRevCount,
  remoteTip,
  startGitopsEnv,
} from '../support/gitops-fixture';
import { skipUnlessAvailable } from '../support/requirements';
import { bundlePath, type Inputs, LOCAL_ACTION_BIN, REPO_ROOT, runGithubBundle, runLocalAction } from '../support/run';

const ACTION = 'update-gitops-tag';
const ENTRY = 'src/actions/update-gitops-tag/main.ts';
const bundle = bundlePath(ACTION);
const noBundle = skipUnlessAvailable(existsSync(bundle) ? false : `${bundle} is missing: run 'npm run build' first`);
const noLocalAction = skipUnlessAvailable(
  existsSync(LOCAL_ACTION_BIN) && existsSync(`${REPO_ROOT}/actions/${ACTION}/action.yml`)
    ? false
    : '@github/local-action or actions/update-gitops-tag/action.yml is missing',
);

describe('update-gitops-tag on the GitHub runner (built bundle)', { timeout: 300_000, skip: noBundle }, () => {
  let env: GitopsEnv;
  let base: Inputs;
  let secrets: string[];

  before(async () => {
    env = await startGitopsEnv({
      tree: { ...gitopsTree({ apps: 3 }), [BROKEN_YAML.path]: BROKEN_YAML.text },
    });
    secrets = [env.token, Buffer.from(`${env.user}:${env.token}`).toString('base64')];
    base = { repository: env.url, token: env.token, username: env.user, image: appImage(1) };
  });
  after(async () => {
    await env?.close();
    cleanupTempDirs();
  });

  test('outputs in GITHUB_OUTPUT, a summary table, secrets masked before anything is logged', async (t) => {
    const files = [overlayPath(1), overlayPath(1, 'staging')];
    const count = remoteRevCount(env.repo.bare);
    const r = await runGithubBundle(ACTION, {
      ...base,
      // A multi-line `files: |` block as written in a workflow.
      files: `${files.join('\n')}\n`,
      tag: '2.0.0',
      // Hyphenated names: the runner sets INPUT_COMMIT-MESSAGE etc., hyphens kept.
      'commit-message': 'gh: {image} -> {tag}',
      'author-name': 'GitHub Runner Bot',
      'author-email': 'runner@example.test',
    });
    t.diagnostic(`bundle run with ${r.node}`);
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.ok(!r.entry.startsWith(REPO_ROOT), 'the bundle ran inside the repository');

    // GITHUB_OUTPUT, written with the runner's heredoc format.
    assert.match(r.outputFile, /^changed<<ghadelimiter_[0-9a-f-]+$/m);
    assert.equal(r.outputs.changed, 'true');
    assert.equal(r.outputs.commit, remoteTip(env.repo.bare));
    assert.deepEqual(JSON.parse(r.outputs.files ?? 'null'), files);
    assert.deepEqual(JSON.parse(r.outputs.previous ?? 'null'), {
      [files[0] as string]: `${appImage(1)}:1.0.0`,
      [files[1] as string]: `${appImage(1)}:1.0.0`,
    });
    assert.equal(remoteRevCount(env.repo.bare), count + 1);
    const commit = remoteCommit(env.repo.bare);
    assert.equal(commit.subject, `gh: ${appImage(1)} -> 2.0.0`);
    assert.equal(commit.authorName, 'GitHub Runner Bot');
    assert.equal(commit.authorEmail, 'runner@example.test');
    assert.deepEqual(commit.files.sort(), [...files].sort());
    for (const f of files) assert.match(readRemoteFile(env.repo.bare, f), /newTag: "2\.0\.0" # bumped by CI/);

    // Step summary: a Markdown table with a row per changed place.
    assert.match(r.summary, /^\| Place \| Kind \| Before \| After \|$/m);
    assert.match(r.summary, /^\| --- \| --- \| --- \| --- \|$/m);
    for (const f of files) assert.match(r.summary, new RegExp(`^\\| \`${f}\`:\\d+ \\| kustomize \\|.*2\\.0\\.0`, 'm'));
    assert.ok(r.summary.includes(r.outputs.commit?.slice(0, 12) ?? '<none>'));

    // Masking: ::add-mask:: for the token and the Basic credential comes before any other line,
    // and the secrets appear nowhere else (stdout, stderr, outputs, summary).
    const lines = r.stdout.split('\n');
    const firstOther = lines.findIndex((l) => !l.startsWith('::add-mask::'));
    for (const s of secrets) {
      const mask = lines.indexOf(`::add-mask::${s}`);
      assert.ok(mask >= 0, 'a secret was never masked');
      assert.ok(mask < firstOther, `::add-mask:: came after line ${firstOther}: ${lines[firstOther]}`);
      const leaks = lines.filter((l) => l.includes(s) && l !== `::add-mask::${s}`);
      assert.deepEqual(leaks, [], 'secret in stdout');
      assert.ok(!r.stderr.includes(s) && !r.outputFile.includes(s) && !r.summary.includes(s));
    }
    assert.match(r.stdout, /^::group::Clone /m);
  });

  test('underscored input names are not read (the runner keeps hyphens)', async () => {
    const file = overlayPath(2);
    const r = await runGithubBundle(
      ACTION,
      { ...base, image: appImage(2), files: file, tag: '2.2.2' },
      { env: { INPUT_AUTHOR_NAME: 'Underscore Name' } },
    );
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.outputs.changed, 'true');
    assert.equal(remoteCommit(env.repo.bare).authorName, 'cdpack');
  });

  test('dry-run through INPUT_DRY-RUN: changed=true, no commit, remote unchanged', async () => {
    const tip = remoteTip(env.repo.bare);
    const r = await runGithubBundle(ACTION, { ...base, files: overlayPath(1), tag: '7.7.7', 'dry-run': 'true' });
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.equal(r.outputs.changed, 'true');
    assert.equal(r.outputs.commit, '');
    assert.match(r.stdout, /^\+ {4}newTag: "7\.7\.7" # bumped by CI$/m);
    assert.equal(remoteTip(env.repo.bare), tip);
  });

  test('a bad input: ::error:: naming the input, exit 1, nothing pushed', async () => {
    const tip = remoteTip(env.repo.bare);
    const r = await runGithubBundle(ACTION, { ...base, files: overlayPath(1), tag: '-bad' });
    assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, /^::error::input 'tag': '-bad' is not a valid tag/m);
    assert.equal(r.outputs.changed, undefined);
    assert.equal(remoteTip(env.repo.bare), tip);
  });

  test('a YAML error: an ::error file=…,line=…:: annotation, exit 1', async () => {
    const tip = remoteTip(env.repo.bare);
    const r = await runGithubBundle(ACTION, { ...base, files: BROKEN_YAML.path, tag: '2.0.0' });
    assert.equal(r.code, 1, `${r.stdout}\n${r.stderr}`);
    assert.match(
      r.stdout,
      new RegExp(`^::error file=${BROKEN_YAML.path},line=${BROKEN_YAML.line}::.*YAML syntax error`, 'm'),
    );
    assert.equal(remoteTip(env.repo.bare), tip);
  });

  test('a wrong token: ::error:: with 401 and the remote, exit 1', async () => {
    const r = await runGithubBundle(ACTION, { ...base, files: overlayPath(1), tag: '2.0.9', token: 'nope-nope' });
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^::error::.*401.*/m);
    assert.ok(r.stdout.includes(env.url));
    assert.match(r.stdout, /^::add-mask::nope-nope$/m);
  });
});

describe('update-gitops-tag through @github/local-action (source)', { timeout: 300_000, skip: noLocalAction }, () => {
  let env: GitopsEnv;

  before(async () => {
    env = await startGitopsEnv({ apps: 2 });
  });
  after(async () => {
    await env?.close();
    cleanupTempDirs();
  });

  test('inputs from a .env file (INPUT_* with hyphens), outputs printed, remote bumped', async () => {
    const file = overlayPath(0);
    const r = await runLocalAction(ACTION, ENTRY, {
      repository: env.url,
      token: env.token,
      username: env.user,
      files: `${file}\n`,
      image: appImage(0),
      tag: '4.0.0',
      'commit-message': 'local-action {tag}',
      'max-attempts': '3',
    });
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    assert.doesNotMatch(r.stdout, /::error::/);
    assert.equal(r.outputs.changed, 'true');
    assert.equal(r.outputs.commit, remoteTip(env.repo.bare));
    assert.deepEqual(JSON.parse(r.outputs.files ?? 'null'), [file]);
    assert.equal(remoteCommit(env.repo.bare).subject, 'local-action 4.0.0');
    assert.match(readRemoteFile(env.repo.bare, file), /newTag: "4\.0\.0"/);
    assert.ok(!r.stdout.includes(env.token) && !r.stderr.includes(env.token));
  });

  test('a bad input: ::error:: in its output (it exits 0 on setFailed), nothing pushed', async () => {
    const tip = remoteTip(env.repo.bare);
    const r = await runLocalAction(ACTION, ENTRY, {
      repository: env.url,
      token: env.token,
      files: overlayPath(0),
      image: appImage(0),
      digest: 'sha256:xyz',
    });
    assert.match(r.stdout, /::error::input 'digest': 'sha256:xyz' is not a digest/);
    assert.equal(r.outputs.changed, undefined);
    assert.equal(remoteTip(env.repo.bare), tip);
  });
});
