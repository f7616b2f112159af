import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { describe, it } from 'node:test';
import { evaluate } from '../../../src/core/scan/gate';
import { buildGitlabReport } from '../../../src/core/scan/gitlab-report';
import { parseReport } from '../../../src/core/scan/report';
import { ReportFormatError } from '../../../src/core/scan/report-error';
import { buildSarif } from '../../../src/core/scan/sarif';
import {
  gitlabSchemaErrors,
  independentCount,
  independentVerdict,
  LEGACY_TRIVY_REPORTS,
  SUPPORTED_REPORTS,
  sarifSchemaErrors,
} from './oracle-helpers';

const THRESHOLDS = ['critical', 'high', 'medium', 'low', 'none'] as const;

describe('real Trivy and Grype reports: counts and verdicts equal an independent count', () => {
  it('has the expected oracle files', () => {
    assert.ok(SUPPORTED_REPORTS.length >= 30, `only ${SUPPORTED_REPORTS.length} oracle reports found`);
  });
  for (const file of SUPPORTED_REPORTS) {
    it(basename(file), () => {
      const text = readFileSync(file, 'utf8');
      const raw = JSON.parse(text);
      const report = parseReport(text);
      for (const ignoreUnfixed of [true, false]) {
        const expected = independentCount(raw, ignoreUnfixed);
        assert.equal(report.findings.length, expected.unique, 'unique findings');
        for (const threshold of THRESHOLDS) {
          const ev = evaluate(report.findings, { threshold, ignoreUnfixed, allowlist: [], today: '2026-01-01' });
          const where = `threshold ${threshold}, ignore-unfixed ${ignoreUnfixed}`;
          assert.deepEqual(ev.counts, expected.counts, `counts (${where})`);
          assert.equal(ev.suppressed, expected.suppressed, `suppressed (${where})`);
          assert.equal(ev.verdict, independentVerdict(expected.counts, threshold), `verdict (${where})`);
        }
      }
    });
  }
});

describe('reports for every oracle validate against the official schemas', () => {
  for (const file of SUPPORTED_REPORTS) {
    it(basename(file), () => {
      const report = parseReport(readFileSync(file, 'utf8'));
      const ev = evaluate(report.findings, {
        threshold: 'medium',
        ignoreUnfixed: true,
        allowlist: report.findings[0] ? [{ id: report.findings[0].id, reason: 'accepted in test', line: 1 }] : [],
        today: '2026-01-01',
      });
      const target = {
        image: 'registry.example.com:5000/team/web@sha256:' + 'a'.repeat(64),
        scanner: report.scanner,
        os: report.os,
      };
      const sarif = JSON.parse(buildSarif(ev, target).text);
      assert.equal(sarifSchemaErrors(sarif), undefined);
      assert.equal(sarif.runs[0].results.length, report.findings.length);
      const gitlab = JSON.parse(
        buildGitlabReport(ev, target, { analyzerVersion: '0.1.0', startTime: new Date(0), endTime: new Date(1000) }),
      );
      assert.equal(gitlabSchemaErrors(gitlab), undefined);
      assert.equal(gitlab.vulnerabilities.length, report.findings.length);
    });
  }
});

describe('unsupported reports are rejected with a clear message', () => {
  for (const file of LEGACY_TRIVY_REPORTS) {
    it(basename(file), () => {
      const text = readFileSync(file, 'utf8');
      assert.throws(
        () => parseReport(text),
        (e: Error) =>
          e instanceof ReportFormatError && /legacy Trivy report|not a Trivy or Grype JSON report/.test(e.message),
      );
    });
  }
  it('a legacy list says which Trivy wrote it and what to run instead', () => {
    assert.throws(
      () => parseReport('[{"Target":"x","Vulnerabilities":[]}]'),
      /Trivy before v0\.20.*trivy image --format json/,
    );
  });
  it('other JSON and non-JSON', () => {
    assert.throws(() => parseReport('{"foo": 1}'), /not a Trivy or Grype JSON report/);
    assert.throws(() => parseReport('not json'), /not valid JSON/);
    assert.throws(() => parseReport('{"SchemaVersion": 1, "Results": []}'), /schema version 1 is not supported/);
  });
});
