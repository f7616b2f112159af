// update-gitops-tag against a config repository and server that want to do harm (issue 7
// items 4, 5 and 6): workflow commands in repository content, credentials in malformed URLs,
// a push refused by a server hook.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  appImage,
  cleanupTempDirs,
  type GitopsEnv,
  gitopsTree,
  overlayPath,
  REGISTRY,
  readRemoteFile,
  remoteRevCount,
  remoteTip,
  startGitopsEnv,
} from '../support/gitops-fixture';
import { skipUnlessAvailable } from '../support/requirements';
import { bundlePath, type Inputs, runCli, runGithubBundle } from '../support/run';

const ACTION = 'update-gitops-tag';
const bundle = bundlePath(ACTION);
const noBundle = skipUnlessAvailable(existsSync(bundle) ? false : `${bundle} is missing: run 'npm run build' first`);

const EVIL = 'apps/evil/kustomization.yaml';
const EVIL_IMAGE = `${REGISTRY}/evil`;
// A lone CR: the runner splits lines on it, so the rest would be a line of its own.
const EVIL_TEXT = `apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
commonAnnotations:
  note: "a\r::error title=X::pwned"
images:
  - name: ${EVIL_IMAGE}
    newTag: "1.0.0"
`;

/** Lines of stdout as the runner reads them (split on CR and LF) that it would run as commands. */
function runnerCommands(stdout: string): string[] {
  return stdout.split(/\r\n|\r|\n/).filter((l) => l.trimStart().startsWith('::') || l.includes('##['));
}

function receivePackPosts(env: GitopsEnv): number {
  return env.server.requests.filter((q) => q.method === 'POST' && q.path.endsWith('git-receive-pack')).length;
}

after(cleanupTempDirs);

describe('workflow commands in config-repo content (built bundle on the GitHub runner)', {
  timeout: 300_000,
  skip: noBundle,
}, () => {
  let env: GitopsEnv;
  before(async () => {
    env = await startGitopsEnv({ tree: { ...gitopsTree({ apps: 1 }), [EVIL]: EVIL_TEXT } });
  });
  after(async () => env?.close());

  test('a CR followed by ::error in a file: the diff is logged, no runner-visible command', async () => {
    const r = await runGithubBundle(ACTION, {
      repository: env.url,
      token: env.token,
      username: env.user,
      files: EVIL,
      image: EVIL_IMAGE,
      tag: '2.0.0',
    });
    assert.equal(r.code, 0, r.stdout);
    assert.match(readRemoteFile(env.repo.bare, EVIL), /newTag: "2\.0\.0"/);
    assert.match(r.stdout, /note: "a\\r::error title=X::pwned"/, 'the line is shown, its CR escaped');
    const ours = /^::(group|endgroup|add-mask|debug)::/;
    assert.deepEqual(
      runnerCommands(r.stdout).filter((l) => !ours.test(l)),
      [],
      'only cdpack issued workflow commands',
    );
    assert.ok(!runnerCommands(r.stdout).some((l) => l.includes('pwned')));
    assert.ok(!r.summary.includes('\r'));
  });
});

describe('credentials in malformed repository URLs', { timeout: 300_000 }, () => {
  let env: GitopsEnv;
  before(async () => {
    env = await startGitopsEnv({ apps: 1 });
  });
  after(async () => env?.close());

  const SECRET = 's3cr3t-9f2a';
  const SHAPES = [
    { name: 'a / in the password', url: (port: number) => `http://ci-bot:pa/${SECRET}@127.0.0.1:${port}/gitops.git` },
    { name: 'an @ in the password', url: (port: number) => `http://ci-bot:p@${SECRET}@127.0.0.1:${port}/gitops.git` },
    { name: 'scp form', url: () => `ci-bot:${SECRET}@127.0.0.1:gitops.git` },
    { name: 'percent-encoded', url: (port: number) => `http://ci-bot:x%2F${SECRET}%40y@127.0.0.1:${port}/gitops.git` },
  ];

  for (const shape of SHAPES) {
    test(`CLI: ${shape.name}`, async () => {
      const inputs: Inputs = {
        repository: shape.url(env.server.port),
        files: overlayPath(0),
        image: appImage(0),
        tag: '2.0.0',
      };
      const r = await runCli(ACTION, inputs, {
        env: { GIT_SSH_COMMAND: 'ssh -o BatchMode=yes -o ConnectTimeout=5 -o StrictHostKeyChecking=no' },
        timeoutMs: 60_000,
      });
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /^error: /m);
      assert.ok(!`${r.stdout}${r.stderr}`.includes(SECRET), `the secret leaked:\n${r.stderr}`);
    });
  }

  test("bundle: a / in the password, git's own error included", { skip: noBundle }, async () => {
    const r = await runGithubBundle(ACTION, {
      repository: `http://ci-bot:pa/${SECRET}@127.0.0.1:${env.server.port}/gitops.git`,
      files: overlayPath(0),
      image: appImage(0),
      tag: '2.0.0',
    });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.stdout, /::error::/);
    // `::add-mask::<secret>` lines are the runner's masking instructions: it consumes them and shows none.
    const shown = r.stdout
      .split('\n')
      .filter((l) => !l.startsWith('::add-mask::'))
      .join('\n');
    assert.match(r.stdout, /^::add-mask::/m);
    for (const text of [shown, r.stderr, r.summary, r.outputFile]) assert.ok(!text.includes(SECRET), text);
  });
});

describe('a push refused by a pre-receive hook', { timeout: 300_000 }, () => {
  let env: GitopsEnv;
  before(async () => {
    env = await startGitopsEnv({ apps: 1 });
    const hook = join(env.repo.bare, 'hooks', 'pre-receive');
    writeFileSync(
      hook,
      "#!/bin/sh\necho 'Policy: direct pushes to main are not allowed (ticket SEC-7)' >&2\nprintf 'x\\r::error title=X::from-hook\\n' >&2\nexit 1\n",
    );
    chmodSync(hook, 0o755);
  });
  after(async () => env?.close());

  test("one attempt, the hook's message shown, nothing pushed", async () => {
    const tip = remoteTip(env.repo.bare);
    const count = remoteRevCount(env.repo.bare);
    const posts = receivePackPosts(env);
    const r = await runCli(ACTION, {
      repository: env.url,
      token: env.token,
      username: env.user,
      files: overlayPath(0),
      image: appImage(0),
      tag: '2.0.0',
      'max-attempts': '5',
    });
    assert.equal(r.code, 1, r.stderr);
    assert.equal(receivePackPosts(env) - posts, 1, 'pushed exactly once');
    assert.match(r.stderr, /refused by the server \(pre-receive hook declined\)/);
    assert.match(r.stderr, /Policy: direct pushes to main are not allowed \(ticket SEC-7\)/);
    const refusal = r.stderr.split('\n').find((l) => l.startsWith('error: push to')) ?? '';
    assert.match(refusal, / \/ x \/ ::error title=X::from-hook\./, "the hook's lines, on one line of ours");
    assert.doesNotMatch(r.stderr, /retrying|kept moving/);
    assert.equal(remoteTip(env.repo.bare), tip);
    assert.equal(remoteRevCount(env.repo.bare), count);
  });
});
