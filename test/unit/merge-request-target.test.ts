// merge-request mode: which forge, API root and project a request goes to.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type PlatformEnv,
  type RequestTargetInputs,
  remoteLocation,
  resolveRequestTarget,
} from '../../src/core/gitops/request-target';

const resolve = (over: Partial<RequestTargetInputs>, env: PlatformEnv = {}) =>
  resolveRequestTarget(
    { forge: 'auto', apiUrl: '', project: '', remoteUrl: '', workspaceRepository: false, ...over },
    env,
  );

test('remote URLs: https, ssh and scp forms; credentials and .git dropped; local paths are none', () => {
  assert.deepEqual(remoteLocation('https://x-access-token:s3cret@github.com/acme/gitops.git'), {
    scheme: 'https',
    hostname: 'github.com',
    host: 'github.com',
    path: 'acme/gitops',
  });
  assert.equal(remoteLocation('git@gitlab.example.com:group/sub/proj.git')?.path, 'group/sub/proj');
  assert.equal(remoteLocation('ssh://git@gitlab.example.com:2222/group/proj.git')?.hostname, 'gitlab.example.com');
  assert.equal(remoteLocation('http://127.0.0.1:8418/acme/gitops.git')?.host, '127.0.0.1:8418');
  assert.equal(remoteLocation('/srv/git/gitops.git'), undefined);
  assert.equal(remoteLocation('C:/repos/gitops'), undefined);
});

test('github.com remotes: the public API and owner/repo from the URL', () => {
  assert.deepEqual(resolve({ remoteUrl: 'https://github.com/acme/gitops.git' }), {
    forge: 'github',
    apiUrl: 'https://api.github.com',
    project: 'acme/gitops',
  });
  assert.deepEqual(resolve({ remoteUrl: 'git@github.com:acme/gitops.git' }, { GITLAB_CI: 'true' }), {
    forge: 'github',
    apiUrl: 'https://api.github.com',
    project: 'acme/gitops',
  });
});

test('GitLab: CI_API_V4_URL when the remote is on that server, else from the remote host', () => {
  const env = {
    GITLAB_CI: 'true',
    CI_SERVER_URL: 'https://code.example.com',
    CI_API_V4_URL: 'https://code.example.com/api/v4',
    CI_PROJECT_PATH: 'acme/app',
  };
  assert.deepEqual(resolve({ remoteUrl: 'https://code.example.com/acme/gitops.git' }, env), {
    forge: 'gitlab',
    apiUrl: 'https://code.example.com/api/v4',
    project: 'acme/gitops',
  });
  // Another GitLab host: its own API, not the job's.
  assert.equal(
    resolve({ remoteUrl: 'https://gitlab.other.org/a/b/c.git' }, env).apiUrl,
    'https://gitlab.other.org/api/v4',
  );
  // The workspace repository (a path without a URL): the platform's project.
  assert.equal(resolve({ remoteUrl: '/builds/acme/app', workspaceRepository: true }, env).project, 'acme/app');
  // A GitLab under a path prefix: the prefix is not part of the project path.
  assert.equal(
    resolve({
      remoteUrl: 'https://code.example.com/gitlab/acme/gitops.git',
      apiUrl: 'https://code.example.com/gitlab/api/v4',
    }).project,
    'acme/gitops',
  );
});

test('GitHub Enterprise: GITHUB_API_URL for its own server, /api/v3 derived otherwise', () => {
  const env = {
    GITHUB_ACTIONS: 'true',
    GITHUB_SERVER_URL: 'https://ghe.example.com',
    GITHUB_API_URL: 'https://ghe.example.com/api/v3',
    GITHUB_REPOSITORY: 'acme/app',
  };
  assert.deepEqual(resolve({ remoteUrl: 'https://ghe.example.com/acme/gitops.git' }, env), {
    forge: 'github',
    apiUrl: 'https://ghe.example.com/api/v3',
    project: 'acme/gitops',
  });
  assert.equal(resolve({ remoteUrl: '/w/app', workspaceRepository: true }, env).project, 'acme/app');
});

test('explicit inputs win, trailing slashes dropped', () => {
  assert.deepEqual(
    resolve({
      forge: 'gitlab',
      apiUrl: 'http://127.0.0.1:9/api/v4/',
      project: '1234',
      remoteUrl: 'https://github.com/acme/gitops.git',
    }),
    { forge: 'gitlab', apiUrl: 'http://127.0.0.1:9/api/v4', project: '1234' },
  );
  assert.equal(resolve({ apiUrl: 'http://127.0.0.1:9/api/v4', remoteUrl: '/x', project: 'g/p' }).forge, 'gitlab');
});

test('what cannot be known or is malformed names the input', () => {
  const cases: [Partial<RequestTargetInputs>, PlatformEnv, RegExp][] = [
    [{ remoteUrl: 'https://git.example.com/a/b.git' }, {}, /input 'forge': cannot tell/],
    [{ forge: 'gitlab', remoteUrl: '/srv/gitops.git' }, {}, /input 'api-url': cannot derive/],
    [{ forge: 'github', remoteUrl: '/srv/gitops.git' }, {}, /input 'project': cannot tell the project/],
    // A path given as `repository` is not the workspace: the platform's project would be the wrong one.
    [{ forge: 'github', remoteUrl: '/srv/gitops.git' }, { GITHUB_REPOSITORY: 'acme/app' }, /input 'project'/],
    [
      { forge: 'github', remoteUrl: 'https://github.com/acme/sub/gitops.git' },
      {},
      /input 'project': the remote URL's path 'acme\/sub\/gitops' is not owner\/repo/,
    ],
    [
      { forge: 'gitlab', apiUrl: 'https://g.example/api/v4', remoteUrl: 'https://g.example/gitops.git' },
      {},
      /input 'project'/,
    ],
    [{ forge: 'github', project: 'acme/x y' }, {}, /input 'project': 'acme\/x y' is not owner\/repo/],
    [{ forge: 'github', apiUrl: 'ftp://x', project: 'a/b' }, {}, /input 'api-url': expected an http\(s\) URL/],
    [{ forge: 'github', apiUrl: 'https://u:tok@x', project: 'a/b' }, {}, /input 'api-url': must not carry credentials/],
    [{ forge: 'github', apiUrl: 'not a url', project: 'a/b' }, {}, /input 'api-url': 'not a url' is not a URL/],
  ];
  for (const [inputs, env, expected] of cases) {
    assert.throws(() => resolve(inputs, env), expected, JSON.stringify(inputs));
  }
});

test('a token in the api-url never reaches the message', () => {
  assert.throws(
    () => resolve({ forge: 'github', apiUrl: 'gopher://user:tok_secret@x', project: 'a/b' }),
    (e: Error) => !e.message.includes('tok_secret'),
  );
});
