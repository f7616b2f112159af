// update-gitops-tag end to end through the CLI, against a real git smart-HTTP server with Basic auth.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  appImage,
  cleanupTempDirs,
  type GitopsEnv,
  HELM_IMAGE,
  HELM_VALUES,
  MANIFEST,
  MANIFEST_IMAGE,
  makeTempDir,
  overlayPath,
  readRemoteFile,
  remoteCommit,
  remoteRevCount,
  remoteTip,
  startGitopsEnv,
} from '../support/gitops-fixture';
import { gitArgvRecorder, type RunResult, runCli } from '../support/run';

const ACTION = 'update-gitops-tag';
const DIGEST = `sha256:${'ab12'.repeat(16)}`;

/** Every place a secret could leak into, for one run. */
function assertNoSecret(r: RunResult, secrets: string[]): void {
  for (const s of secrets) {
    assert.ok(!r.stdout.includes(s), 'secret in stdout');
    assert.ok(!r.stderr.includes(s), 'secret in stderr');
    assert.ok(!r.argv.some((a) => a.includes(s)), 'secret in the cdpack process argv');
  }
}

describe('update-gitops-tag over smart HTTP (CLI)', { timeout: 300_000 }, () => {
  let env: GitopsEnv;
  let secrets: string[];

  before(async () => {
    env = await startGitopsEnv({ apps: 3 });
    secrets = [env.token, Buffer.from(`${env.user}:${env.token}`).toString('base64')];
  });
  after(async () => {
    await env?.close();
    cleanupTempDirs();
  });

  test('bumps one overlay, one commit, outputs match the remote; a second run is a no-op', async () => {
    const file = overlayPath(1);
    const before = readRemoteFile(env.repo.bare, file);
    const staging = readRemoteFile(env.repo.bare, overlayPath(1, 'staging'));
    const tipBefore = remoteTip(env.repo.bare);
    const countBefore = remoteRevCount(env.repo.bare);
    const recorder = gitArgvRecorder();
    const dotenv = join(makeTempDir(), 'gitops.env');
    const inputs = {
      repository: env.url,
      branch: 'main',
      username: env.user,
      files: file,
      image: appImage(1),
      tag: '2.0.0',
      'commit-message': 'deploy {image}:{tag} ({files})',
      'author-name': 'Deploy Bot',
      'author-email': 'deploy-bot@example.test',
    };
    // The token goes through the environment (CDPACK_TOKEN), as a CI job would pass a secret.
    const runEnv = { CDPACK_TOKEN: env.token, PATH: recorder.path };
    const requestsBefore = env.server.requests.length;

    const r = await runCli(ACTION, inputs, { env: runEnv, extraArgs: ['--dotenv', dotenv] });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs.changed, 'true');
    const tip = remoteTip(env.repo.bare);
    assert.match(r.outputs.commit ?? '', /^[0-9a-f]{40}$/);
    assert.equal(r.outputs.commit, tip);
    assert.deepEqual(JSON.parse(r.outputs.files ?? 'null'), [file]);
    assert.deepEqual(JSON.parse(r.outputs.previous ?? 'null'), { [file]: `${appImage(1)}:1.0.0` });

    // Exactly the tag scalar changed, byte for byte; nothing else in the repo moved.
    assert.equal(readRemoteFile(env.repo.bare, file), before.replace('newTag: "1.0.0"', 'newTag: "2.0.0"'));
    assert.notEqual(readRemoteFile(env.repo.bare, file), before);
    assert.equal(readRemoteFile(env.repo.bare, overlayPath(1, 'staging')), staging);
    assert.equal(remoteRevCount(env.repo.bare), countBefore + 1);
    const commit = remoteCommit(env.repo.bare);
    assert.deepEqual(commit.parents, [tipBefore]);
    assert.deepEqual(commit.files, [file]);
    assert.equal(commit.authorName, 'Deploy Bot');
    assert.equal(commit.authorEmail, 'deploy-bot@example.test');
    assert.equal(commit.subject, `deploy ${appImage(1)}:2.0.0 (${file})`);

    // GitLab dotenv report.
    const dot = readFileSync(dotenv, 'utf8');
    assert.match(dot, /^CDPACK_UPDATE_GITOPS_TAG_CHANGED=true$/m);
    assert.match(dot, new RegExp(`^CDPACK_UPDATE_GITOPS_TAG_COMMIT=${tip}$`, 'm'));
    assert.match(dot, /^CDPACK_UPDATE_GITOPS_TAG_FILES=\[/m);
    assert.match(dot, /^CDPACK_UPDATE_GITOPS_TAG_PREVIOUS=\{/m);

    // The credential travelled as a header only: never in output, argv or the URL.
    assertNoSecret(r, secrets);
    const gitArgv = recorder.read();
    assert.ok(gitArgv.length > 0, 'the git wrapper recorded nothing: is git resolved through PATH?');
    assert.ok(gitArgv.some((l) => /^git clone /.test(l)));
    assert.ok(gitArgv.some((l) => /^git push /.test(l)));
    for (const line of gitArgv) {
      for (const s of secrets) assert.ok(!line.includes(s), `secret in git argv: ${line.replace(s, '***')}`);
      assert.ok(!/:\/\/[^/]*@/.test(line), `credentials in a URL in git argv: ${line}`);
    }
    // The clone's .git/config (as git saw it before each command): no credential, plain remote URL.
    const configs = recorder.configs();
    assert.ok(
      configs.some((c) => c.includes(`url = ${env.url}`)),
      'no .git/config with the remote was seen',
    );
    for (const c of configs) {
      for (const s of secrets) assert.ok(!c.includes(s), "secret in the clone's .git/config");
      assert.doesNotMatch(c, /extraheader|authorization/i);
    }
    const requests = env.server.requests.slice(requestsBefore);
    assert.ok(requests.some((q) => q.method === 'POST' && q.path.endsWith('/git-receive-pack') && q.status === 200));
    for (const q of requests) {
      assert.equal(q.authorization, true, `request without Authorization: ${q.method} ${q.path}`);
      assert.notEqual(q.status, 401);
      for (const s of secrets) assert.ok(!q.path.includes(s));
    }

    // Same inputs again: nothing to do, nothing pushed.
    const again = await runCli(ACTION, inputs, { env: runEnv });
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.outputs.changed, 'false');
    assert.equal(again.outputs.commit, '');
    assert.deepEqual(JSON.parse(again.outputs.files ?? 'null'), []);
    assert.match(again.stderr, /already/);
    assert.equal(remoteTip(env.repo.bare), tip);
    assert.equal(remoteRevCount(env.repo.bare), countBefore + 1);
    assertNoSecret(again, secrets);
  });

  test('token as a flag, any user name: accepted; the flag value never reaches git or the logs', async () => {
    const file = overlayPath(2, 'staging');
    const recorder = gitArgvRecorder();
    const r = await runCli(
      ACTION,
      { repository: env.url, token: env.token, files: file, image: appImage(2), tag: 'v2.1.0-rc.1' },
      { env: { PATH: recorder.path } },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs.changed, 'true');
    assert.equal(r.outputs.commit, remoteTip(env.repo.bare));
    assert.match(readRemoteFile(env.repo.bare, file), /newTag: "v2\.1\.0-rc\.1" # bumped by CI/);
    // Defaults: author cdpack, message template chore(deploy): {image} -> {tag}{digest}.
    const commit = remoteCommit(env.repo.bare);
    assert.equal(commit.authorName, 'cdpack');
    assert.ok(commit.subject.includes(appImage(2)) && commit.subject.includes('v2.1.0-rc.1'), commit.subject);
    // The default user name (x-access-token) with the token is what the server saw.
    assert.equal(env.server.requests.at(-1)?.user, 'x-access-token');
    for (const s of secrets) {
      assert.ok(!r.stdout.includes(s) && !r.stderr.includes(s));
      for (const line of recorder.read()) assert.ok(!line.includes(s), 'secret in git argv');
    }
  });

  test('Helm values by key and a multi-container manifest, tag + digest, one commit', async () => {
    const countBefore = remoteRevCount(env.repo.bare);
    const values = readRemoteFile(env.repo.bare, HELM_VALUES);
    const r = await runCli(ACTION, {
      repository: env.url,
      token: env.token,
      username: env.user,
      files: `${HELM_VALUES}\n`,
      key: 'image.tag',
      image: HELM_IMAGE,
      tag: '3.1.4',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs.changed, 'true');
    assert.equal(readRemoteFile(env.repo.bare, HELM_VALUES), values.replace('  tag: 1.0.0\n', '  tag: 3.1.4\n'));

    const manifest = readRemoteFile(env.repo.bare, MANIFEST);
    const m = await runCli(ACTION, {
      repository: env.url,
      token: env.token,
      username: env.user,
      files: 'manifests/*.yaml, charts/web/values.yaml',
      image: MANIFEST_IMAGE,
      tag: '2.0.0',
      digest: DIGEST,
    });
    assert.equal(m.code, 0, m.stderr);
    assert.equal(m.outputs.changed, 'true');
    assert.deepEqual(JSON.parse(m.outputs.files ?? 'null'), [MANIFEST]);
    assert.deepEqual(JSON.parse(m.outputs.previous ?? 'null'), { [MANIFEST]: `${MANIFEST_IMAGE}:1.0.0` });
    assert.equal(
      readRemoteFile(env.repo.bare, MANIFEST),
      manifest.replaceAll(`${MANIFEST_IMAGE}:1.0.0`, `${MANIFEST_IMAGE}:2.0.0@${DIGEST}`),
    );
    assert.equal(m.outputs.commit, remoteTip(env.repo.bare));
    assert.equal(remoteRevCount(env.repo.bare), countBefore + 2);
  });

  test('dry-run: reports the change and shows the diff, pushes nothing', async () => {
    const file = overlayPath(0);
    const tip = remoteTip(env.repo.bare);
    const before = readRemoteFile(env.repo.bare, file);
    const requestsBefore = env.server.requests.length;
    const r = await runCli(ACTION, {
      repository: env.url,
      token: env.token,
      username: env.user,
      files: file,
      image: appImage(0),
      tag: '9.9.9',
      'dry-run': 'true',
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs.changed, 'true');
    assert.equal(r.outputs.commit, '');
    assert.deepEqual(JSON.parse(r.outputs.files ?? 'null'), [file]);
    assert.deepEqual(JSON.parse(r.outputs.previous ?? 'null'), { [file]: `${appImage(0)}:1.0.0` });
    assert.match(r.stderr, new RegExp(`^\\+\\+\\+ b/${file}$`, 'm'));
    assert.match(r.stderr, /^- {4}newTag: "1\.0\.0" # bumped by CI$/m);
    assert.match(r.stderr, /^\+ {4}newTag: "9\.9\.9" # bumped by CI$/m);
    assert.equal(remoteTip(env.repo.bare), tip);
    assert.equal(readRemoteFile(env.repo.bare, file), before);
    const requests = env.server.requests.slice(requestsBefore);
    assert.ok(requests.length > 0, 'dry-run did not even clone');
    assert.ok(!requests.some((q) => q.path.includes('git-receive-pack')), 'dry-run talked to receive-pack');
  });
});
