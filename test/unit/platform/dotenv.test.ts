// The --dotenv report as GitLab reads it: `$` written as `$$` (GitLab expands dotenv values), and never over GitLab's
// 5120-byte limit (a larger report fails the upload and the job): the largest outputs are left out, with a warning.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { DOTENV_MAX_BYTES, DotenvReport, dotenvLine } from '../../../src/platform/dotenv';

const file = () => join(mkdtempSync(join(tmpdir(), 'cdpack-dotenv-')), 'step.env');

test('a `$` is doubled, which GitLab reads back as one literal `$`', () => {
  assert.equal(dotenvLine('K', 'pod says $CI_JOB_TOKEN and $$'), 'K=pod says $$CI_JOB_TOKEN and $$$$\n');
  assert.equal(dotenvLine('K', 'no dollar'), 'K=no dollar\n');
});

test('outputs that fit are written in the order they were set, rewritten at each output', () => {
  const path = file();
  const warnings: string[] = [];
  const report = new DotenvReport(path, (m) => warnings.push(m));
  assert.equal(readFileSync(path, 'utf8'), '');
  report.set('A_DIGEST', 'digest', 'sha256:1');
  report.set('A_TAGS', 'tags', '["x"]');
  report.set('A_DIGEST', 'digest', 'sha256:2');
  assert.equal(readFileSync(path, 'utf8'), 'A_DIGEST=sha256:2\nA_TAGS=["x"]\n');
  assert.deepEqual(warnings, []);
});

test('over the limit, the largest outputs are left out (each warned about once) and the small ones kept', () => {
  const path = file();
  const warnings: string[] = [];
  const report = new DotenvReport(path, (m) => warnings.push(m));
  report.set('B_METADATA', 'metadata', JSON.stringify({ labels: 'x'.repeat(3000) }));
  report.set(
    'B_FILES',
    'files',
    JSON.stringify(Array.from({ length: 80 }, (_, i) => `apps/app-${i}/kustomization.yaml`)),
  );
  report.set('B_DIGEST', 'digest', `sha256:${'a'.repeat(64)}`);
  report.set('B_COMMIT', 'commit', 'c'.repeat(40));
  const text = readFileSync(path, 'utf8');
  assert.ok(Buffer.byteLength(text) <= DOTENV_MAX_BYTES, `${Buffer.byteLength(text)} bytes`);
  assert.match(text, /^B_DIGEST=sha256:a{64}$/m);
  assert.match(text, /^B_COMMIT=c{40}$/m);
  assert.match(text, /^B_FILES=/m, 'the second largest still fits');
  assert.doesNotMatch(text, /B_METADATA/);
  assert.equal(warnings.length, 1);
  assert.match(warnings[0] ?? '', /output 'metadata' \(\d+ bytes\) is left out of the dotenv report .*5120 bytes/);
  report.set('B_RESULT', 'result', 'success');
  assert.equal(warnings.length, 1, 'not warned again');
});

test('the limit counts bytes, not characters', () => {
  const path = file();
  const warnings: string[] = [];
  const report = new DotenvReport(path, (m) => warnings.push(m), 20);
  report.set('K', 'k', 'ééééééééé'); // 2 + 18 bytes + newline = 21 > 20
  assert.equal(readFileSync(path, 'utf8'), '');
  assert.equal(warnings.length, 1);
});
