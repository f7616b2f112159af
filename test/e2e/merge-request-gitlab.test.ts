// update-gitops-tag in merge-request mode against GitLab's REST API (scripted, on loopback) and a
// real git smart-HTTP server: one request per job, updated rather than duplicated, never merged by us.
import assert from 'node:assert/strict';
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
import { branchTip, type FakeGitlab, startFakeGitlab } from '../support/merge-request-forges';
import { type Inputs, runCli } from '../support/run';

const ACTION = 'update-gitops-tag';
const PROJECT = 'acme/gitops';

describe('update-gitops-tag mode: merge-request on GitLab (CLI)', { timeout: 300_000 }, () => {
  let env: GitopsEnv;
  let gitlab: FakeGitlab;
  let base: Inputs;
  let mainTip: string;
  let mainCount: number;

  before(async () => {
    env = await startGitopsEnv({ apps: 3, name: `${PROJECT}.git` });
    gitlab = await startFakeGitlab({ bare: env.repo.bare, path: PROJECT, id: 77, token: env.token });
    base = {
      repository: env.url,
      username: 'oauth2',
      mode: 'merge-request',
      forge: 'gitlab',
      'api-url': gitlab.apiUrl,
      image: appImage(1),
      files: overlayPath(1),
    };
    mainTip = remoteTip(env.repo.bare);
    mainCount = remoteRevCount(env.repo.bare);
  });
  after(async () => {
    // Nothing we did reached the target branch: no merge, no push (checked after the servers are closed).
    const main = env ? { tip: remoteTip(env.repo.bare), count: remoteRevCount(env.repo.bare) } : undefined;
    await gitlab?.close();
    await env?.close();
    cleanupTempDirs();
    assert.deepEqual(main, { tip: mainTip, count: mainCount }, 'main moved');
  });

  const run = (inputs: Inputs, extraEnv: NodeJS.ProcessEnv = {}) =>
    runCli(ACTION, { ...base, ...inputs }, { env: { CDPACK_TOKEN: env.token, ...extraEnv } });

  test('first run: branch pushed from the tip of main, one request opened, main untouched', async () => {
    const r = await run(
      { tag: '2.0.0' },
      { GITLAB_CI: 'true', CI_JOB_URL: 'https://gitlab.example.com/acme/app/-/jobs/9' },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.outputs.changed, 'true');
    assert.equal(gitlab.mergeRequests.length, 1);
    const mr = gitlab.mergeRequests[0];
    assert.ok(mr);
    assert.equal(r.outputs['merge-request-number'], String(mr.iid));
    assert.equal(r.outputs['merge-request-url'], `${gitlab.url}/${PROJECT}/-/merge_requests/1`);
    assert.equal(mr.target_branch, 'main');
    assert.match(mr.source_branch, /^cdpack\/team-app-01-[0-9a-f]{8}$/);
    assert.equal(mr.title, `chore(deploy): set ${appImage(1)} to 2.0.0`);
    assert.match(mr.description, /\| `apps\/app-01\/overlays\/prod\/kustomization\.yaml`:\d+ \| kustomize \|/);
    assert.match(mr.description, /\[this run\]\(https:\/\/gitlab\.example\.com\/acme\/app\/-\/jobs\/9\)/);
    const open = gitlab.calls.find((c) => c.method === 'POST');
    assert.ok(open);
    assert.deepEqual((open.body as Record<string, unknown>).remove_source_branch, true);
    assert.equal(open.authorization, `Bearer ${env.token}`);
    // The API was checked (listed) before anything was pushed, and the project went URL-encoded.
    assert.equal(gitlab.calls[0]?.method, 'GET');
    assert.match(
      gitlab.calls[0]?.path ?? '',
      /^\/api\/v4\/projects\/acme%2Fgitops\/merge_requests\?state=opened&source_branch=cdpack%2F/,
    );

    // The commit is on cdpack's branch, one commit on top of main; main holds what it held.
    const tip = branchTip(env.repo.bare, mr.source_branch);
    assert.equal(r.outputs.commit, tip);
    const commit = remoteCommit(env.repo.bare, mr.source_branch);
    assert.deepEqual(commit.parents, [mainTip]);
    assert.deepEqual(commit.files, [overlayPath(1)]);
    assert.match(readRemoteFile(env.repo.bare, overlayPath(1), mr.source_branch), /newTag: "2\.0\.0"/);
    assert.match(readRemoteFile(env.repo.bare, overlayPath(1)), /newTag: "1\.0\.0"/);
    assert.equal(remoteTip(env.repo.bare), mainTip);
    assert.equal(gitlab.merges.length, 0, 'auto-merge was not asked for');
    assert.ok(!r.stdout.includes(env.token) && !r.stderr.includes(env.token), 'token in the log');
  });

  test('a later run with a new tag updates the same request: new commit on its branch, text refreshed', async () => {
    const mr = gitlab.mergeRequests[0];
    assert.ok(mr);
    const before = branchTip(env.repo.bare, mr.source_branch);
    const r = await run({ tag: '2.1.0' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(gitlab.mergeRequests.length, 1, 'a duplicate request was opened');
    assert.equal(r.outputs['merge-request-number'], '1');
    assert.equal(mr.title, `chore(deploy): set ${appImage(1)} to 2.1.0`);
    assert.match(mr.description, /`registry\.example\.com\/team\/app-01:2\.1\.0`/);
    assert.doesNotMatch(mr.description, /2\.0\.0/);
    const tip = branchTip(env.repo.bare, mr.source_branch);
    assert.notEqual(tip, before);
    assert.equal(r.outputs.commit, tip);
    // Rewritten from main's tip (force-pushed), not stacked on the previous bump.
    assert.deepEqual(remoteCommit(env.repo.bare, mr.source_branch).parents, [mainTip]);
    assert.match(readRemoteFile(env.repo.bare, overlayPath(1), mr.source_branch), /newTag: "2\.1\.0"/);
    const puts = gitlab.calls.filter((c) => c.method === 'PUT');
    assert.equal(puts.length, 1);
    assert.equal(puts[0]?.path, `/api/v4/projects/acme%2Fgitops/merge_requests/1`);
  });

  test('the same run again: no new commit, no API write', async () => {
    const mr = gitlab.mergeRequests[0];
    assert.ok(mr);
    const tip = branchTip(env.repo.bare, mr.source_branch);
    const writes = gitlab.calls.filter((c) => c.method !== 'GET').length;
    const r = await run({ tag: '2.1.0' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(branchTip(env.repo.bare, mr.source_branch), tip, 'the branch was pushed again');
    assert.equal(r.outputs.commit, tip);
    assert.equal(r.outputs['merge-request-url'], mr.web_url);
    assert.equal(gitlab.calls.filter((c) => c.method !== 'GET').length, writes);
  });

  test('auto-merge: asked of GitLab for exactly the pushed commit; nothing merged by us', async () => {
    const r = await run({ tag: '2.2.0', 'auto-merge': 'true' });
    assert.equal(r.code, 0, r.stderr);
    const mr = gitlab.mergeRequests[0];
    assert.ok(mr);
    assert.equal(gitlab.merges.length, 1);
    const asked = gitlab.merges[0]?.body ?? {};
    assert.equal(asked.auto_merge, true);
    assert.equal(asked.merge_when_pipeline_succeeds, true);
    assert.equal(asked.sha, branchTip(env.repo.bare, mr.source_branch));
    assert.equal(asked.sha, r.outputs.commit);
    assert.equal(mr.merge_when_pipeline_succeeds, true);
    assert.match(r.stderr, /merges when its pipeline succeeds/);
    assert.equal(remoteTip(env.repo.bare), mainTip);
  });

  test('auto-merge while GitLab still checks mergeability: asked again; a conflict fails naming auto-merge', async () => {
    const asked = gitlab.merges.length;
    gitlab.notMergeable.push('checking', 'checking');
    const r = await run({ tag: '2.3.0', 'auto-merge': 'true' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(gitlab.merges.length, asked + 3);

    gitlab.notMergeable.push('conflict');
    const conflict = await run({ tag: '2.4.0', 'auto-merge': 'true' });
    assert.equal(conflict.code, 1);
    assert.match(
      conflict.stderr,
      /input 'auto-merge': GitLab would not set merge request !1 to merge \(conflict\); it stays open at http/,
    );
    assert.equal(gitlab.mergeRequests.length, 1);
    assert.equal(gitlab.mergeRequests[0]?.title, `chore(deploy): set ${appImage(1)} to 2.4.0`);
    assert.equal(remoteTip(env.repo.bare), mainTip);
  });

  test('another image (or files) is another branch and another request', async () => {
    const r = await run({ image: appImage(2), files: overlayPath(2), tag: '3.0.0' });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(gitlab.mergeRequests.length, 2);
    assert.notEqual(gitlab.mergeRequests[1]?.source_branch, gitlab.mergeRequests[0]?.source_branch);
    assert.equal(r.outputs['merge-request-number'], '2');
  });

  test('API 401: names token; 404: names api-url or project; nothing pushed', async () => {
    const branchesBefore = gitlab.mergeRequests.map((mr) => branchTip(env.repo.bare, mr.source_branch));
    const pushesBefore = env.server.requests.filter((q) => q.path.includes('git-receive-pack')).length;
    const fresh = { image: appImage(0), files: overlayPath(0), tag: '9.9.9' };

    gitlab.setToken('another-token');
    const unauthorized = await run(fresh);
    gitlab.setToken(env.token);
    assert.equal(unauthorized.code, 1);
    assert.match(
      unauthorized.stderr,
      /input 'token': listing open merge requests: GitLab API .* answered 401 Unauthorized/,
    );
    assert.ok(!unauthorized.stderr.includes(env.token));

    const wrongApi = await run({ ...fresh, 'api-url': `${gitlab.url}/gitlab/api/v4` });
    assert.equal(wrongApi.code, 1);
    assert.match(wrongApi.stderr, /input 'api-url': .*answered 404 Not Found/);

    const wrongProject = await run({ ...fresh, project: 'acme/nope' });
    assert.equal(wrongProject.code, 1);
    assert.match(wrongProject.stderr, /input 'project': .*404 Project Not Found/);

    const pushesAfter = env.server.requests.filter((q) => q.path.includes('git-receive-pack')).length;
    assert.equal(pushesAfter, pushesBefore, 'something was pushed');
    assert.equal(gitlab.mergeRequests.length, 2);
    assert.deepEqual(
      gitlab.mergeRequests.map((mr) => branchTip(env.repo.bare, mr.source_branch)),
      branchesBefore,
    );
  });

  test('bad mode, source branch or forge: refused before any request to git or the API', async () => {
    const gitBefore = env.server.requests.length;
    const apiBefore = gitlab.calls.length;
    const cases: [Inputs, RegExp][] = [
      [{ mode: 'pull-request' }, /input 'mode': expected one of push, merge-request, got 'pull-request'/],
      [{ 'source-branch': 'main' }, /input 'source-branch': 'main' is the target branch/],
      [{ 'source-branch': 'bad..name' }, /input 'source-branch'/],
      [{ forge: 'gitea' }, /input 'forge': expected one of auto, github, gitlab/],
      [{ forge: 'auto', 'api-url': '' }, /input 'forge': cannot tell/],
      [{ 'api-url': 'file:///etc/passwd' }, /input 'api-url': expected an http\(s\) URL/],
    ];
    for (const [inputs, expected] of cases) {
      const r = await run({ tag: '5.0.0', ...inputs });
      assert.equal(r.code, 1, JSON.stringify(inputs));
      assert.match(r.stderr, expected);
    }
    assert.equal(env.server.requests.length, gitBefore, 'git was contacted');
    assert.equal(gitlab.calls.length, apiBefore, 'the API was contacted');
  });
});
