import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { IgnoreFileError, parseIgnoreFile } from '../../../src/core/scan/allowlist';
import { evaluate } from '../../../src/core/scan/gate';
import { parseReport } from '../../../src/core/scan/report';
import { ORACLES } from './oracle-helpers';

// alpine 3.9: CVE-2019-14697 (CRITICAL) in musl and musl-utils; CVE-2019-1549 and CVE-2019-1551
// (MEDIUM) in libcrypto1.1 and libssl1.1. Every one has a fixed version.
const alpine39 = () =>
  parseReport(readFileSync(join(ORACLES, 'trivy/integration-golden/alpine-39.json.golden'), 'utf8')).findings;

const ignoreYaml = `# accepted risks
- id: CVE-2019-14697
  package: musl
  reason: musl is not reachable from the app (tracked in SEC-12)
  expires: 2026-03-31
- id: CVE-2019-1549
  reason: no fork() in our process model
  expires: 2025-12-31
- id: CVE-2000-0001
  reason: left over from the old base image
`;

describe('ignore file: YAML list', () => {
  it('parses entries with their lines', () => {
    const { entries, warnings } = parseIgnoreFile(ignoreYaml);
    assert.deepEqual(warnings, []);
    assert.deepEqual(entries, [
      {
        id: 'CVE-2019-14697',
        package: 'musl',
        reason: 'musl is not reachable from the app (tracked in SEC-12)',
        expires: '2026-03-31',
        line: 2,
      },
      { id: 'CVE-2019-1549', reason: 'no fork() in our process model', expires: '2025-12-31', line: 6 },
      { id: 'CVE-2000-0001', reason: 'left over from the old base image', line: 9 },
    ]);
  });
  it('an entry without a reason is an error naming the line', () => {
    assert.throws(
      () => parseIgnoreFile('- id: CVE-1\n  reason: ok\n- id: CVE-2\n  package: x\n'),
      (e: Error) =>
        e instanceof IgnoreFileError && e.message === 'line 3: entry CVE-2 has no reason: say why it is accepted',
    );
  });
  it('rejects unknown keys, bad dates, missing ids, non-lists and broken YAML', () => {
    assert.throws(() => parseIgnoreFile('- id: CVE-1\n  reson: typo\n'), /line 1: unknown key 'reson'/);
    assert.throws(() => parseIgnoreFile('- id: CVE-1\n  reason: r\n  expires: 2025-02-30\n'), /not a date/);
    assert.throws(() => parseIgnoreFile('- id: CVE-1\n  reason: r\n  expires: next week\n'), /not a date/);
    assert.throws(() => parseIgnoreFile('- reason: r\n'), /line 1: entry has no id/);
    assert.throws(() => parseIgnoreFile('- CVE-1\n'), /must be a mapping/);
    assert.throws(() => parseIgnoreFile('- id: [unclosed\n'), /invalid YAML/);
  });
});

describe('ignore file: plain .trivyignore', () => {
  it('takes ids, exp: dates and the comment above as the reason', () => {
    const { entries, warnings } = parseIgnoreFile(
      '# base image, fixed upstream in 3.10\nCVE-2019-14697 exp:2026-06-30\n\nCVE-2019-1549\n',
    );
    assert.deepEqual(entries, [
      { id: 'CVE-2019-14697', reason: 'base image, fixed upstream in 3.10', expires: '2026-06-30', line: 2 },
      { id: 'CVE-2019-1549', reason: '(no reason given)', line: 4 },
    ]);
    assert.deepEqual(warnings, ['line 4: CVE-2019-1549 has no reason (add a # comment line above it)']);
  });
  it('rejects lines that are not ids', () => {
    assert.throws(() => parseIgnoreFile('CVE-1\nid: CVE-2\n'), /line 2: 'id: CVE-2' is not a vulnerability id/);
    assert.throws(() => parseIgnoreFile('CVE-1 exp:tomorrow\n'), /line 1: .*not a date/);
  });
  it('an empty file suppresses nothing', () => {
    assert.deepEqual(parseIgnoreFile('# nothing yet\n').entries, []);
  });
});

describe('gate with an allowlist: valid, expired and stale entries', () => {
  const allowlist = parseIgnoreFile(ignoreYaml).entries;
  const gate = (today: string, threshold: 'high' | 'medium' = 'high') =>
    evaluate(alpine39(), { threshold, ignoreUnfixed: true, allowlist, today });

  it('a valid entry suppresses only its package; an expired one suppresses nothing; an unmatched one is stale', () => {
    const ev = gate('2026-01-15');
    const status = Object.fromEntries(ev.findings.map((e) => [`${e.finding.id} ${e.finding.package}`, e.status]));
    assert.deepEqual(status, {
      'CVE-2019-14697 musl': 'allowlisted',
      'CVE-2019-14697 musl-utils': 'gating',
      'CVE-2019-1549 libcrypto1.1': 'below-threshold',
      'CVE-2019-1549 libssl1.1': 'below-threshold',
      'CVE-2019-1551 libcrypto1.1': 'below-threshold',
      'CVE-2019-1551 libssl1.1': 'below-threshold',
    });
    assert.deepEqual(ev.counts, { critical: 1, high: 0, medium: 4, low: 0, unknown: 0 });
    assert.equal(ev.suppressed, 1);
    assert.equal(ev.verdict, 'fail');
    assert.deepEqual(
      ev.expired.map((e) => e.id),
      ['CVE-2019-1549'],
    );
    assert.deepEqual(
      ev.stale.map((e) => e.id),
      ['CVE-2000-0001'],
    );
  });
  it('expires is inclusive: the entry still suppresses on its date, not the day after', () => {
    assert.equal(gate('2025-12-31').findings.filter((e) => e.status === 'allowlisted').length, 3);
    assert.deepEqual(
      gate('2026-01-01').expired.map((e) => e.id),
      ['CVE-2019-1549'],
    );
    const after = gate('2026-04-01');
    assert.equal(after.findings.filter((e) => e.status === 'allowlisted').length, 0);
    assert.deepEqual(
      after.expired.map((e) => e.id),
      ['CVE-2019-14697', 'CVE-2019-1549'],
    );
    assert.deepEqual(after.counts, { critical: 2, high: 0, medium: 4, low: 0, unknown: 0 });
  });
  it('an entry without package covers every package; ids match case-insensitively and through aliases', () => {
    const findings = alpine39();
    const ev = evaluate(findings, {
      threshold: 'medium',
      ignoreUnfixed: false,
      allowlist: [
        { id: 'cve-2019-1551', reason: 'r', line: 1 },
        { id: 'GHSA-xxxx', reason: 'alias', line: 2 },
      ],
      today: '2026-01-01',
    });
    assert.equal(ev.allowlisted, 2);
    assert.deepEqual(
      ev.stale.map((e) => e.id),
      ['GHSA-xxxx'],
    );
    const withAlias = findings.map((f) => (f.id === 'CVE-2019-1549' ? { ...f, aliases: ['GHSA-xxxx'] } : f));
    const ev2 = evaluate(withAlias, {
      threshold: 'medium',
      ignoreUnfixed: false,
      allowlist: [{ id: 'GHSA-xxxx', reason: 'alias', line: 2 }],
      today: '2026-01-01',
    });
    assert.equal(ev2.allowlisted, 2);
    assert.deepEqual(ev2.stale, []);
  });
});

describe('ignore-unfixed on and off', () => {
  // ubuntu 18.04: four fixed findings and one still "affected" (no fixed version)
  const findings = () =>
    parseReport(readFileSync(join(ORACLES, 'trivy/integration-golden/ubuntu-1804.json.golden'), 'utf8')).findings;
  it('on: findings without a fix are suppressed, not counted', () => {
    const all = findings();
    const unfixed = all.filter((f) => !f.fixedVersion);
    assert.ok(unfixed.length > 0, 'fixture has an unfixed finding');
    const on = evaluate(all, { threshold: 'low', ignoreUnfixed: true, allowlist: [], today: '2026-01-01' });
    const off = evaluate(all, { threshold: 'low', ignoreUnfixed: false, allowlist: [], today: '2026-01-01' });
    assert.equal(on.unfixedIgnored, unfixed.length);
    assert.equal(off.unfixedIgnored, 0);
    const total = (c: typeof on.counts) => Object.values(c).reduce((a, b) => a + b, 0);
    assert.equal(total(off.counts) - total(on.counts), unfixed.length);
    assert.ok(on.findings.filter((e) => e.status === 'unfixed').every((e) => !e.finding.fixedVersion));
  });
});
