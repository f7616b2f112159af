// Credentials in a repository URL, whatever its shape, are found and redacted (issue 7 item 5).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { redactCredentials } from '../../../src/core/text/url-credentials';
import { redactUrl } from '../../../src/tools/git-config-repo';
import { resolveRemote } from '../../../src/tools/git-remote';

describe('redactCredentials', () => {
  const cases: [string, string, string[]][] = [
    ['https://x-access-token:s3cret@github.com/a/b.git', 'https://github.com/a/b.git', ['s3cret']],
    ['http://user:pa/ss@host/repo.git', 'http://host/repo.git', ['pa/ss']],
    ['http://user:p@ss@host/repo.git', 'http://host/repo.git', ['p@ss']],
    ['https://user:p%40ss%2Fw@host/r.git', 'https://host/r.git', ['p%40ss%2Fw', 'p@ss/w']],
    ['https://ghp_tokenonly@github.com/a/b.git', 'https://github.com/a/b.git', ['ghp_tokenonly']],
    ['https://user:pa?ss#x@host/r.git', 'https://host/r.git', ['pa?ss#x']],
    ['user:secret@host:repo.git', 'host:repo.git', ['secret']],
    ['user:se@cret@host:org/repo.git', 'host:org/repo.git', ['se@cret']],
  ];
  for (const [url, shown, secrets] of cases) {
    it(url, () => {
      const r = redactCredentials(url);
      assert.equal(r.shown, shown);
      for (const s of secrets) assert.ok(r.secrets.includes(s), `${s} in ${JSON.stringify(r.secrets)}`);
      for (const s of secrets) assert.ok(!r.shown.includes(s));
      assert.equal(redactUrl(url), shown);
    });
  }
  it('leaves URLs without credentials (and ssh login names) as they are', () => {
    for (const url of [
      'https://github.com/a/b.git',
      'git@github.com:org/repo@v1.git',
      'ssh://git@host/repo.git',
      '/srv/git/gitops.git',
      'http://127.0.0.1:8080/x.git',
    ]) {
      assert.deepEqual(redactCredentials(url), { shown: url, secrets: [] }, url);
    }
  });
});

describe('resolveRemote', () => {
  it("the workspace's origin may carry a job token (GitLab's checkout): found, redacted, returned for masking", async () => {
    const ws = mkdtempSync(join(tmpdir(), 'cdpack-origin-'));
    execFileSync('git', ['init', '-q', ws]);
    const token = 'glcbt-64_notreal9f2a';
    execFileSync('git', [
      '-C',
      ws,
      'remote',
      'add',
      'origin',
      `https://gitlab-ci-token:${token}@gitlab.example/g/p.git`,
    ]);
    const remote = await resolveRemote('', ws);
    assert.equal(remote.shown, 'https://gitlab.example/g/p.git');
    assert.ok(remote.secrets.includes(token));
  });
  it('a malformed value that is neither URL nor path is not echoed with its secret', async () => {
    await assert.rejects(
      resolveRemote('user:s3cr3t-xyz@nowhere', '/nonexistent'),
      (e: Error) => !e.message.includes('s3cr3t-xyz'),
    );
  });
});
