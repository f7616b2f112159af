// A push the server refuses is not a race (issue 7 item 6).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { classifyGitFailure, remoteLines } from '../../../src/tools/git';

describe('classifyGitFailure: refused vs rejected', () => {
  it('a hook, a protected branch or a push rule refuses', () => {
    for (const text of [
      ' ! [remote rejected] main -> main (pre-receive hook declined)\nerror: failed to push some refs to ...',
      '!\trefs/heads/main:refs/heads/main\t[remote rejected] (pre-receive hook declined)\nDone',
      'remote: error: GH006: Protected branch update failed for refs/heads/main.\n ! [remote rejected] HEAD -> main (protected branch hook declined)',
      'remote: GitLab: You are not allowed to push code to protected branches on this project.\n ! [remote rejected] HEAD -> main (pre-receive hook declined)',
    ])
      assert.equal(classifyGitFailure(text), 'refused', text);
  });
  it('a moved branch or a lost ref lock is a race', () => {
    for (const text of [
      ' ! [rejected]        HEAD -> main (fetch first)\nerror: failed to push some refs',
      '!\trefs/heads/main:refs/heads/main\t[rejected] (non-fast-forward)',
      " ! [remote rejected] HEAD -> main (cannot lock ref 'refs/heads/main': is at 1 but expected 2)",
      '!\tHEAD:refs/heads/main\t[remote rejected] (incorrect old value provided)',
    ])
      assert.equal(classifyGitFailure(text), 'rejected', text);
  });
  it('hook output cannot steer the decision', () => {
    const text =
      'remote: ! [rejected] main -> main (fetch first)\n ! [remote rejected] main -> main (pre-receive hook declined)';
    assert.equal(classifyGitFailure(text), 'refused');
    assert.equal(
      classifyGitFailure('remote: [remote rejected] x (hook)\n ! [rejected] main (fetch first)'),
      'rejected',
    );
  });
});

describe('remoteLines', () => {
  it("the server's words, colour codes removed, control characters escaped, bounded", () => {
    const stderr = [
      'remote: \x1b[31mPolicy: direct pushes to main are not allowed\x1b[0m',
      'remote: a\r::error title=X::pwned',
      'remote: b        \rremote: ::warning::c',
      'remote:',
      'To http://host/x.git',
      ...Array.from({ length: 20 }, (_, i) => `remote: line ${i} ${'x'.repeat(400)}`),
    ].join('\n');
    const lines = remoteLines(stderr);
    assert.equal(lines[0], 'Policy: direct pushes to main are not allowed');
    assert.equal(lines[1], 'a', 'a CR ends a side-band line; what follows is not a remote: line');
    assert.deepEqual(lines.slice(2, 4), ['b', '::warning::c']);
    assert.equal(lines.length, 10);
    assert.ok(lines.every((l) => l.length <= 300));
  });
});
