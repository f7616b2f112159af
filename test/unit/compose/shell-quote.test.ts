// The one quoting function for remote command lines, checked against a real POSIX shell (dash/bash as /bin/sh):
// every hostile value must come back as one literal argument, and nothing in it may run.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { posixCommandLine, quotePosix } from '../../../src/tools/shell-quote';
import { HOSTILE } from '../../support/hostile';

/** Runs the command line with sh and prints each argument NUL-terminated. */
function roundTrip(args: string[], cwd: string): string[] {
  const line = posixCommandLine(['printf', '%s\\0', ...args]);
  const out = execFileSync('sh', ['-c', line], { cwd, encoding: 'utf8' });
  return out.split('\0').slice(0, -1);
}

test('quotePosix: hostile values reach the program as themselves, and nothing runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-quote-'));
  try {
    for (const value of HOSTILE) {
      assert.deepEqual(roundTrip([value], dir), [value], JSON.stringify(value));
    }
    assert.deepEqual(roundTrip(HOSTILE, dir), HOSTILE);
    assert.deepEqual(readdirSync(dir), [], 'a quoted value created a file');
    assert.equal(existsSync(join(dir, 'PWNED')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('quotePosix: safe words stay readable, everything else is single-quoted', () => {
  assert.equal(quotePosix('docker'), 'docker');
  assert.equal(quotePosix('--file=/srv/app/compose.yaml'), '--file=/srv/app/compose.yaml');
  assert.equal(quotePosix('127.0.0.1:5000/app:1@sha256:ab'), '127.0.0.1:5000/app:1@sha256:ab');
  assert.equal(quotePosix(''), "''");
  assert.equal(quotePosix('a b'), "'a b'");
  assert.equal(quotePosix("it's"), `'it'\\''s'`);
  assert.equal(quotePosix('$(x)'), "'$(x)'");
  assert.equal(posixCommandLine(['cat', '--', 'my file']), "cat -- 'my file'");
});

test('quotePosix: a NUL is refused, not truncated', () => {
  assert.throws(() => quotePosix('a\0b'), /NUL/);
  assert.throws(() => posixCommandLine([]), /empty/);
});
