// update-gitops-tag in merge-request mode against GitHub's REST + GraphQL API (scripted, on
// loopback) through @actions/github, with a real git smart-HTTP server: from source (CLI) and as
// the built bundle, whose Octokit chunk loads only in this mode.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import {
  appImage,
  cleanupTempDirs,
  type GitopsEnv,
  overlayPath,
  readRemoteFile,
  remoteCommit,
  remoteRevCount,
  remoteTip,
  startGitopsEnv,
} from '../support/gitops-fixture';
import { branchTip, type FakeGithub, startFakeGithub } from '../support/merge-request-forges';
import { skipUnlessAvailable } from '../support/requirements';
import { bundlePath, type Inputs, runCli, runGithubBundle } from '../support/run';

const ACTION = 'update-gitops-tag';
const REPOSITORY = 'acme/gitops';
const bundle = bundlePath(ACTION);
const noBundle = skipUnlessAvailable(existsSync(bundle) ? false : `${bundle} is missing: run 'npm run build' first`);

describe('update-gitops-tag mode: merge-request on GitHub', { timeout: 300_000 }, () => {
  let env: GitopsEnv;
  let github: FakeGithub;
  let base: Inputs;
  let mainTip: string;
  let mainCount: number;

  before(async () => {
    env = await startGitopsEnv({ apps: 3, name: `${REPOSITORY}.git` });
    github = await startFakeGithub({ bare: env.repo.bare, repository: REPOSITORY, token: env.token });
    base = {
      repository: env.url,
      mode: 'merge-request',
      forge: 'github',
      'api-url': github.url,
      image: appImage(1),
      files: overlayPath(1),
    };
    mainTip = remoteTip(env.repo.bare);
    mainCount = remoteRevCount(env.repo.bare);
  });
  after(async () => {
    // Nothing we did reached the target branch: no merge, no push (checked after the servers are closed).
    const main = env ? { tip: remoteTip(env.repo.bare), count: remoteRevCount(env.repo.bare) } : undefined;
    await github?.close();
    await env?.close();
    cleanupTempDirs();
    assert.deepEqual(main, { tip: mainTip, count: mainCount }, 'main moved');
  });

  const run = (inputs: Inputs) => runCli(ACTION, { ...base, ...inputs }, { env: { CDPACK_TOKEN: env.token } });

  test('first run opens one pull request from the pushed branch; a second run updates it', async () => {
    const first = await run({ tag: '2.0.0' });
    assert.equal(first.code, 0, first.stderr);
    assert.equal(github.pulls.length, 1);
    const pr = github.pulls[0];
    assert.ok(pr);
    assert.equal(first.outputs['merge-request-number'], '1');
    assert.equal(first.outputs['merge-request-url'], `${github.url}/${REPOSITORY}/pull/1`);
    assert.equal(pr.base.ref, 'main');
    assert.match(pr.head.ref, /^cdpack\/team-app-01-[0-9a-f]{8}$/);
    assert.equal(pr.title, `chore(deploy): set ${appImage(1)} to 2.0.0`);
    assert.match(pr.body ?? '', /\| `apps\/app-01\/overlays\/prod\/kustomization\.yaml`:\d+ \| kustomize \|/);
    // Octokit's token header; the list asked for our branch in this repository only.
    const list = github.calls.find((c) => c.method === 'GET');
    assert.equal(list?.authorization, `token ${env.token}`);
    assert.match(list?.path ?? '', /head=acme%3Acdpack%2Fteam-app-01-/);
    assert.equal(first.outputs.commit, branchTip(env.repo.bare, pr.head.ref));
    assert.deepEqual(remoteCommit(env.repo.bare, pr.head.ref).parents, [mainTip]);
    assert.match(readRemoteFile(env.repo.bare, overlayPath(1)), /newTag: "1\.0\.0"/);
    assert.ok(!first.stdout.includes(env.token) && !first.stderr.includes(env.token), 'token in the log');

    const second = await run({ tag: '2.1.0' });
    assert.equal(second.code, 0, second.stderr);
    assert.equal(github.pulls.length, 1, 'a duplicate pull request was opened');
    assert.equal(second.outputs['merge-request-number'], '1');
    assert.equal(pr.title, `chore(deploy): set ${appImage(1)} to 2.1.0`);
    assert.match(pr.body ?? '', /:2\.1\.0`/);
    assert.equal(github.calls.filter((c) => c.method === 'PATCH').length, 1);
    assert.equal(github.calls.filter((c) => c.method === 'POST' && c.path.includes('/pulls')).length, 1);
    assert.match(readRemoteFile(env.repo.bare, overlayPath(1), pr.head.ref), /newTag: "2\.1\.0"/);
    assert.deepEqual(remoteCommit(env.repo.bare, pr.head.ref).parents, [mainTip]);
    assert.equal(github.autoMerges.length, 0);
  });

  test('auto-merge through GraphQL for the pushed head; a repository that forbids it names the input', async () => {
    const ok = await run({ tag: '2.2.0', 'auto-merge': 'true' });
    assert.equal(ok.code, 0, ok.stderr);
    const pr = github.pulls[0];
    assert.ok(pr);
    assert.deepEqual(github.autoMerges.at(-1), { id: pr.node_id, sha: branchTip(env.repo.bare, pr.head.ref) });
    assert.ok(pr.auto_merge, 'auto-merge was not enabled');
    assert.equal(pr.merged, false);

    github.allowAutoMerge = false;
    const refused = await run({ tag: '2.3.0', 'auto-merge': 'true' });
    github.allowAutoMerge = true;
    assert.equal(refused.code, 1);
    assert.match(
      refused.stderr,
      /input 'auto-merge': .*does not allow auto-merge.*stays open at http:\/\/127\.0\.0\.1:\d+\/acme\/gitops\/pull\/1/,
    );
    assert.equal(github.pulls.length, 1);
  });

  test('API 401 names token, 404 names api-url; nothing pushed', async () => {
    const pushes = () => env.server.requests.filter((q) => q.path.includes('git-receive-pack')).length;
    const before = pushes();
    const fresh = { image: appImage(2), files: overlayPath(2), tag: '9.9.9' };
    github.setToken('another-token');
    const unauthorized = await run(fresh);
    github.setToken(env.token);
    assert.equal(unauthorized.code, 1);
    assert.match(
      unauthorized.stderr,
      /input 'token': listing open pull requests: GitHub API .* answered 401 Unauthorized \(the server said: Bad credentials/,
    );
    assert.ok(!unauthorized.stderr.includes(env.token));

    const missing = await run({ ...fresh, project: 'acme/elsewhere' });
    assert.equal(missing.code, 1);
    assert.match(
      missing.stderr,
      /input 'api-url': listing open pull requests: .* answered 404 Not Found .*check 'api-url' and 'project'/,
    );
    assert.equal(pushes(), before, 'something was pushed');
  });

  test('the built bundle: GitHub runner defaults (GITHUB_API_URL, forge from the runner), Octokit loaded on demand', {
    skip: noBundle,
  }, async () => {
    // The Octokit chunk ships in the shared bundle (dist/lib, next to the entry's directory), not in the entry.
    const lib = join(dirname(dirname(bundle)), 'lib');
    const files = readdirSync(lib);
    assert.ok(
      files.some((f) => /^\d+\.index\.js$/.test(f) && readFileSync(join(lib, f), 'utf8').includes('@octokit')),
      `no lazy chunk with Octokit in ${files.join(', ')}`,
    );
    assert.ok(!readFileSync(join(lib, 'index.js'), 'utf8').includes('@octokit'), 'Octokit in the entry chunk');
    const r = await runGithubBundle(
      ACTION,
      {
        ...base,
        forge: undefined,
        'api-url': undefined,
        token: env.token,
        image: appImage(0),
        files: overlayPath(0),
        tag: '4.0.0',
      },
      {
        env: {
          GITHUB_API_URL: github.url,
          GITHUB_SERVER_URL: `http://127.0.0.1:${env.server.port}`,
          GITHUB_RUN_ID: '77',
        },
      },
    );
    assert.equal(r.code, 0, `${r.stdout}\n${r.stderr}`);
    const pr = github.pulls.find((p) => p.head.ref.startsWith('cdpack/team-app-00-'));
    assert.ok(pr, 'no pull request for app-00');
    assert.equal(r.outputs['merge-request-url'], pr.html_url);
    assert.equal(r.outputs['merge-request-number'], String(pr.number));
    assert.equal(r.outputs.commit, branchTip(env.repo.bare, pr.head.ref));
    assert.match(pr.body ?? '', /this run/);
    assert.match(r.summary, /Opened request/);
    const leaks = r.stdout.split('\n').filter((l) => l.includes(env.token) && l !== `::add-mask::${env.token}`);
    assert.deepEqual(leaks, [], 'token in stdout');
    assert.ok(!r.stderr.includes(env.token) && !r.summary.includes(env.token));
  });
});
