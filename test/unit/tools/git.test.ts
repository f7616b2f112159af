import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { classifyGitFailure } from '../../../src/tools/git';
import { redactUrl, sparsePatterns } from '../../../src/tools/git-config-repo';

test('git failures are classified from what git prints', () => {
  assert.equal(
    classifyGitFailure("fatal: unable to access 'http://h/r.git/': The requested URL returned error: 403"),
    'auth-403',
  );
  assert.equal(classifyGitFailure("fatal: Authentication failed for 'http://h/r.git/'"), 'auth-401');
  assert.equal(
    classifyGitFailure("fatal: could not read Username for 'http://h': terminal prompts disabled"),
    'auth-401',
  );
  assert.equal(
    classifyGitFailure(
      'warning: Could not find remote branch nope to clone.\nfatal: Remote branch nope not found in upstream origin',
    ),
    'branch-missing',
  );
  assert.equal(
    classifyGitFailure(' ! [rejected]        HEAD -> main (fetch first)\nerror: failed to push some refs'),
    'rejected',
  );
  assert.equal(classifyGitFailure('fatal: something else entirely'), 'other');
});

test('credentials in a URL never reach a message', () => {
  assert.equal(
    redactUrl('https://x-access-token:s3cret@github.com/acme/gitops.git'),
    'https://github.com/acme/gitops.git',
  );
  assert.equal(redactUrl('git@github.com:acme/gitops.git'), 'git@github.com:acme/gitops.git');
});

test('sparse patterns select exactly the listed paths, special characters included', () => {
  const repo = mkdtempSync(join(tmpdir(), 'cdpack-sparse-'));
  const paths = ['a/kustomization.yaml', 'b/we*rd [1]!.yaml', '#c.yaml'];
  for (const p of [...paths, 'a/other.yaml', 'b/weXrd 1!.yaml', 'd/kustomization.yaml']) {
    mkdirSync(join(repo, p, '..'), { recursive: true });
    writeFileSync(join(repo, p), 'x: 1\n');
  }
  const git = (args: string[], input?: string) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@e', ...args], {
      cwd: repo,
      ...(input ? { input } : {}),
    });
  git(['init', '-q', '-b', 'main']);
  git(['add', '.']);
  git(['commit', '-qm', 'seed']);
  git(['sparse-checkout', 'set', '--no-cone', '--stdin'], sparsePatterns(paths));
  const present = ['a', 'b', 'd', '.'].flatMap((d) => {
    try {
      return readdirSync(join(repo, d))
        .filter((f) => f !== '.git' && !['a', 'b', 'd'].includes(f))
        .map((f) => (d === '.' ? f : `${d}/${f}`));
    } catch {
      return [];
    }
  });
  assert.deepEqual(present.sort(), [...paths].sort());
});
