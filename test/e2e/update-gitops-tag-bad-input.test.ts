// Bad input to update-gitops-tag: exit 1, a message naming the input or file:line and what was
// expected, and nothing pushed.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import {
  aliasBomb,
  appImage,
  BROKEN_YAML,
  cleanupTempDirs,
  type GitopsEnv,
  gitopsTree,
  HELM_VALUES,
  MANIFEST,
  overlayPath,
  REGISTRY,
  remoteRevCount,
  remoteTip,
  startGitopsEnv,
} from '../support/gitops-fixture';
import { type Inputs, type RunResult, runCli } from '../support/run';

const ACTION = 'update-gitops-tag';
const BOMB = 'bomb/values.yaml';

describe('update-gitops-tag rejects bad input and pushes nothing', { timeout: 300_000 }, () => {
  let env: GitopsEnv;
  let base: Inputs;

  before(async () => {
    env = await startGitopsEnv({
      tree: { ...gitopsTree({ apps: 2 }), [BROKEN_YAML.path]: BROKEN_YAML.text, [BOMB]: aliasBomb(`${REGISTRY}/bomb`) },
    });
    base = {
      repository: env.url,
      username: env.user,
      token: env.token,
      files: overlayPath(0),
      image: appImage(0),
      tag: '2.0.0',
    };
  });
  after(async () => {
    await env?.close();
    cleanupTempDirs();
  });

  /** Runs with `base` + overrides; asserts exit 1, the messages, no outputs and an untouched remote. */
  async function expectFailure(overrides: Inputs, messages: RegExp[]): Promise<RunResult> {
    const tip = remoteTip(env.repo.bare);
    const count = remoteRevCount(env.repo.bare);
    const pushesBefore = env.server.requests.filter((q) => q.method === 'POST' && q.path.endsWith('receive-pack'));
    const inputs = { ...base, ...overrides };
    const r = await runCli(ACTION, inputs);
    assert.equal(r.code, 1, `expected exit 1, got ${r.code}\n${r.stderr}`);
    assert.match(r.stderr, /^error: /m, r.stderr);
    for (const m of messages) assert.match(r.stderr, m);
    assert.notEqual(r.outputs.changed, 'true');
    assert.ok(!r.outputs.commit, 'a failed run reported a commit');
    assert.equal(remoteTip(env.repo.bare), tip, 'the remote moved');
    assert.equal(remoteRevCount(env.repo.bare), count);
    const pushesAfter = env.server.requests.filter(
      (q) => q.method === 'POST' && q.path.endsWith('receive-pack') && q.status === 200,
    );
    assert.ok(pushesAfter.length <= pushesBefore.length, 'a push was accepted');
    for (const s of [env.token, Buffer.from(`${env.user}:${env.token}`).toString('base64')]) {
      assert.ok(!r.stderr.includes(s) && !r.stdout.includes(s), 'secret in output');
    }
    return r;
  }

  test('a file that is not in the repository', async () => {
    await expectFailure({ files: 'apps/app-09/overlays/prod/kustomization.yaml' }, [
      /input 'files'/,
      /'apps\/app-09\/overlays\/prod\/kustomization\.yaml' is not a file in the repository/,
    ]);
  });

  test('a glob matching nothing', async () => {
    await expectFailure({ files: 'apps/*/overlays/qa/kustomization.yaml' }, [/input 'files'/, /matches no file/]);
  });

  test('a path escaping the repository (../x.yaml)', async () => {
    await expectFailure({ files: `${overlayPath(0)}\n../x.yaml` }, [
      /input 'files'/,
      /'\.\.\/x\.yaml' resolves outside the repository/,
    ]);
  });

  test('a path escaping the repository through a subdirectory (apps/../../x.yaml)', async () => {
    await expectFailure({ files: 'apps/../../x.yaml' }, [/input 'files'/, /outside the repository/]);
  });

  test('an absolute path', async () => {
    await expectFailure({ files: '/etc/passwd' }, [/input 'files'/, /'\/etc\/passwd' is absolute/, /relative/]);
  });

  test('a YAML syntax error names file:line', async () => {
    await expectFailure({ files: BROKEN_YAML.path }, [
      new RegExp(`${BROKEN_YAML.path}:${BROKEN_YAML.line}: YAML syntax error`),
    ]);
  });

  test('an alias bomb is refused, not expanded', async () => {
    const r = await expectFailure({ files: BOMB, image: `${REGISTRY}/bomb` }, [new RegExp(`${BOMB}:\\d+: `), /alias/i]);
    assert.match(r.stderr, /too many alias/);
  });

  // (A kustomization.yaml listed by name gets an images: entry added, so use files that cannot.)
  test('no listed file refers to the image', async () => {
    await expectFailure({ files: `${MANIFEST}, ${HELM_VALUES}`, image: `${REGISTRY}/not-deployed-anywhere` }, [
      /input 'image'/,
      /no listed file refers to 'registry\.example\.com\/team\/not-deployed-anywhere'/,
      urlPattern(MANIFEST),
      urlPattern(HELM_VALUES),
    ]);
  });

  test('no kustomization matched by a glob refers to the image', async () => {
    await expectFailure({ files: 'apps/*/overlays/*/kustomization.yaml', image: `${REGISTRY}/not-deployed-anywhere` }, [
      /input 'image'/,
      /no listed file refers to/,
    ]);
  });

  test('an image given with a tag', async () => {
    await expectFailure({ image: `${appImage(0)}:1.0.0` }, [/input 'image'/, /without tag or digest/]);
  });

  for (const tag of ['-bad', 'a+b', '.hidden', 'x'.repeat(129)]) {
    test(`an invalid tag: ${tag.length > 20 ? `${tag.slice(0, 8)}… (${tag.length} chars)` : tag}`, async () => {
      await expectFailure({ tag }, [/input 'tag'/, /is not a valid tag/, /\[A-Za-z0-9_\.-\]/]);
    });
  }

  for (const digest of ['sha256:xyz', `sha256:${'A'.repeat(64)}`, `sha256:${'a'.repeat(63)}`, 'md5:abcd']) {
    test(`an invalid digest: ${digest.slice(0, 16)}`, async () => {
      await expectFailure({ digest }, [/input 'digest'/, /sha256: followed by 64/]);
    });
  }

  test('neither tag nor digest', async () => {
    await expectFailure({ tag: undefined, digest: undefined }, [/input 'tag'/, /'tag', 'digest' or both/]);
  });

  test('max-attempts that is not a number', async () => {
    await expectFailure({ 'max-attempts': 'many' }, [/input 'max-attempts'/]);
  });

  test('a wrong token: 401, names the remote without credentials', async () => {
    const r = await expectFailure({ token: 'wrong-token' }, [/input 'token'/, /401/, urlPattern(env.url)]);
    assert.ok(!r.stderr.includes('wrong-token'), 'the (wrong) token was printed');
    assert.ok(!/:\/\/[^/\s]*@/.test(r.stderr), 'a URL with credentials was printed');
  });

  test('no token at all against an auth-only remote: 401', async () => {
    await expectFailure({ token: undefined }, [/401/, urlPattern(env.url)]);
  });

  test('a forbidden user: 403, names the remote', async () => {
    env.server.forbid(env.user);
    try {
      await expectFailure({}, [/input 'token'/, /403/, urlPattern(env.url)]);
    } finally {
      env.server.forbid(undefined);
    }
  });

  test('a read-only token (403 on push only): nothing pushed, says 403 and the remote', async () => {
    env.server.forbid(env.user, 'push');
    try {
      const r = await expectFailure({}, [/403/, urlPattern(env.url)]);
      assert.match(r.stderr, /push/);
    } finally {
      env.server.forbid(undefined);
    }
  });

  test('a missing branch is named', async () => {
    await expectFailure({ branch: 'release/does-not-exist' }, [
      /input 'branch'/,
      /'release\/does-not-exist'/,
      urlPattern(env.url),
    ]);
  });

  test('a repository that does not exist on the server', async () => {
    await expectFailure({ repository: env.server.url('nope.git') }, [/input 'repository'/, /nope\.git/]);
  });
});

function urlPattern(url: string): RegExp {
  return new RegExp(url.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
}
