import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { gunzipSync, gzipSync } from 'node:zlib';
import { runScan } from '../../../src/actions/scan/action';
import type { Finding } from '../../../src/core/scan/finding';
import { evaluate } from '../../../src/core/scan/gate';
import { parseReport } from '../../../src/core/scan/report';
import { buildSarif, GITHUB_SARIF_LIMITS, securitySeverity } from '../../../src/core/scan/sarif';
import type { Severity } from '../../../src/core/scan/severity';
import { recordingPlatform } from './fake-platform';
import { ORACLES, sarifSchemaErrors } from './oracle-helpers';

const image = 'ghcr.io/example/app@sha256:' + 'b'.repeat(64);
const target = (scanner: 'trivy' | 'grype' = 'trivy') => ({
  image,
  scanner: { name: scanner, version: '0.69.3' },
  os: 'alpine 3.9.4',
});

type SarifDoc = {
  runs: {
    tool: { driver: { rules: { id: string; properties: Record<string, unknown>; help: { markdown: string } }[] } };
    results: {
      ruleId: string;
      level: string;
      suppressions?: { kind: string; status: string; justification: string }[];
      locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
      partialFingerprints: Record<string, string>;
    }[];
    properties: Record<string, unknown>;
  }[];
};

function defined<T>(value: T | undefined, what: string): T {
  assert.ok(value !== undefined, `${what} not found`);
  return value;
}

function firstRun(doc: SarifDoc): SarifDoc['runs'][number] {
  return defined(doc.runs[0], 'run');
}

function finding(i: number, severity: Severity, extra: Partial<Finding> = {}): Finding {
  return {
    id: `CVE-2024-${String(i).padStart(5, '0')}`,
    aliases: [],
    package: `pkg-${i % 97}`,
    installedVersion: '1.0.0',
    fixedVersion: '1.0.1',
    severity,
    title: `Issue ${i}`,
    description: `Description of issue ${i}`,
    primaryUrl: `https://avd.aquasec.com/nvd/cve-2024-${i}`,
    references: [],
    packageType: 'npm',
    locations: [{ target: 'app/package-lock.json' }],
    ...extra,
  };
}

describe('SARIF levels and suppressions follow the gate', () => {
  const findings = parseReport(
    readFileSync(join(ORACLES, 'trivy/integration-golden/alpine-39.json.golden'), 'utf8'),
  ).findings;
  const ev = evaluate(findings, {
    threshold: 'high',
    ignoreUnfixed: true,
    allowlist: [{ id: 'CVE-2019-14697', package: 'musl', reason: 'not reachable', expires: '2030-01-01', line: 1 }],
    today: '2026-01-01',
  });
  const doc = JSON.parse(buildSarif(ev, target()).text) as SarifDoc;
  const run = firstRun(doc);
  const byKey = (id: string, pkg: string) =>
    defined(
      run.results.find((r) => r.ruleId === id && JSON.stringify(r).includes(`"package":"${pkg}"`)),
      `${id} ${pkg}`,
    );

  it('validates against the SARIF 2.1.0 schema', () => {
    assert.equal(sarifSchemaErrors(doc), undefined);
  });
  it('one rule per vulnerability id, every finding a result', () => {
    assert.deepEqual(run.tool.driver.rules.map((r) => r.id).sort(), [
      'CVE-2019-14697',
      'CVE-2019-1549',
      'CVE-2019-1551',
    ]);
    assert.equal(run.results.length, 6);
  });
  it('error for what fails the gate, warning below the threshold, note + suppression when allowlisted', () => {
    assert.equal(byKey('CVE-2019-14697', 'musl-utils').level, 'error');
    assert.equal(byKey('CVE-2019-1549', 'libssl1.1').level, 'warning');
    const musl = byKey('CVE-2019-14697', 'musl');
    assert.equal(musl.level, 'note');
    assert.deepEqual(musl.suppressions, [
      { kind: 'external', status: 'accepted', justification: 'not reachable (accepted until 2030-01-01)' },
    ]);
    assert.equal(run.results.filter((r) => r.level === 'error').length, ev.gating);
  });
  it('security-severity lands in the band of the severity the gate used', () => {
    const rule = (id: string) =>
      defined(
        run.tool.driver.rules.find((r) => r.id === id),
        id,
      );
    assert.equal(rule('CVE-2019-14697').properties['security-severity'], '9.8');
    assert.equal(rule('CVE-2019-1549').properties['security-severity'], '5.3');
    assert.equal(securitySeverity('high', 9.8), '8.0');
    assert.equal(securitySeverity('low', 8.2), '2.0');
    assert.equal(securitySeverity('critical', undefined), '9.5');
    assert.equal(securitySeverity('unknown', 5), undefined);
  });
  it('results are located on the image (repository as a relative URI) and fingerprinted per package', () => {
    assert.ok(
      run.results.every((r) => r.locations[0]?.physicalLocation.artifactLocation.uri === 'ghcr.io/example/app'),
    );
    const prints = new Set(run.results.map((r) => r.partialFingerprints.primaryLocationLineHash));
    assert.equal(prints.size, 6);
  });
  it('a registry port is percent-encoded so the URI has no scheme', () => {
    const out = JSON.parse(buildSarif(ev, { ...target(), image: 'localhost:5000/app:1' }).text) as SarifDoc;
    assert.equal(firstRun(out).results[0]?.locations[0]?.physicalLocation.artifactLocation.uri, 'localhost%3A5000/app');
  });
});

describe('SARIF stays within GitHub upload limits', () => {
  it('documents the limits it applies', () => {
    assert.deepEqual(GITHUB_SARIF_LIMITS, { maxResults: 25_000, maxRules: 25_000, maxGzipBytes: 10_000_000 });
  });
  it('30,000 findings: the 5,000 lowest-severity results are left out, the rest is valid', () => {
    const severities: Severity[] = ['critical', 'high', 'medium', 'low', 'unknown'];
    const findings = Array.from({ length: 30_000 }, (_, i) => finding(i, severities[i % 5] as Severity));
    const ev = evaluate(findings, { threshold: 'high', ignoreUnfixed: true, allowlist: [], today: '2026-01-01' });
    const out = buildSarif(ev, target());
    assert.equal(out.written, 25_000);
    assert.equal(out.total, 30_000);
    // 6,000 of each severity: critical..low all kept, 1,000 of the 6,000 unknown
    assert.deepEqual(out.trimmed, { dropped: 5000, lowestKept: 'unknown', reason: 'more than 25000 results or rules' });
    const doc = JSON.parse(out.text) as SarifDoc;
    const kept = firstRun(doc).results;
    assert.equal(kept.length, 25_000);
    assert.ok(firstRun(doc).tool.driver.rules.length <= 25_000);
    // lowest severity first: only unknowns were dropped, every low is kept
    assert.equal(kept.filter((r) => JSON.stringify(r).includes('"severity":"UNKNOWN"')).length, 1000);
    assert.equal(kept.filter((r) => JSON.stringify(r).includes('"severity":"LOW"')).length, 6000);
    assert.equal(kept.filter((r) => r.level === 'error').length, 12_000);
    assert.ok(gzipSync(out.text).length <= GITHUB_SARIF_LIMITS.maxGzipBytes);
    assert.equal(firstRun(doc).properties.resultsLeftOut, 5000);
    // The schema's uniqueItems checks are quadratic in ajv (25,000 results take minutes): validate the
    // document's shape on its first and last 250 results and rules, which are built by the same code.
    const run = firstRun(doc);
    const edges = <T>(items: T[]) => [...items.slice(0, 250), ...items.slice(-250)];
    const sample = {
      ...doc,
      runs: [
        {
          ...run,
          results: edges(run.results),
          tool: { driver: { ...run.tool.driver, rules: edges(run.tool.driver.rules) } },
        },
      ],
    };
    assert.equal(sarifSchemaErrors(sample), undefined);
  });
  it('trims to the gzip size limit, keeping the most severe results', () => {
    const severities: Severity[] = ['low', 'critical', 'medium'];
    const noise = (i: number) =>
      Array.from({ length: 40 }, (_, k) => ((i * 7919 + k * 104729) % 1e9).toString(36)).join(' ');
    const findings = Array.from({ length: 3000 }, (_, i) =>
      finding(i, severities[i % 3] as Severity, { description: noise(i) }),
    );
    const ev = evaluate(findings, { threshold: 'critical', ignoreUnfixed: true, allowlist: [], today: '2026-01-01' });
    const limits = { maxResults: 25_000, maxRules: 25_000, maxGzipBytes: 400_000 };
    assert.ok(gzipSync(buildSarif(ev, target(), { ...limits, maxGzipBytes: 1e12 }).text).length > 400_000);
    const out = buildSarif(ev, target(), limits);
    const size = gzipSync(out.text).length;
    assert.ok(size <= 400_000, `gzip size ${size}`);
    assert.ok(out.written > 1000 && out.written < 3000, `written ${out.written}`);
    assert.match(out.trimmed?.reason ?? '', /more than 400000 bytes gzip-compressed/);
    // the largest prefix that fits: one more result would not
    const doc = JSON.parse(gunzipSync(gzipSync(out.text)).toString()) as SarifDoc;
    const levels = firstRun(doc).results.map((r) => r.level);
    assert.equal(levels.filter((l) => l === 'error').length, 1000, 'every critical kept');
    const order = { CRITICAL: 4, MEDIUM: 2, LOW: 1 } as Record<string, number>;
    const ranks = firstRun(doc).results.map(
      (r) => order[JSON.stringify(r).match(/"severity":"([A-Z]+)"/)?.[1] ?? ''] ?? 0,
    );
    assert.ok(
      ranks.every((r, i) => i === 0 || r <= (ranks[i - 1] ?? 0)),
      'most severe first, lowest left out',
    );
  });
  it('the action warns when it trims and the gate still counts everything', async () => {
    const vulns = Array.from({ length: 26_000 }, (_, i) => ({
      VulnerabilityID: `CVE-2023-${i}`,
      PkgName: `p${i}`,
      InstalledVersion: '1',
      FixedVersion: '2',
      Severity: i < 10 ? 'CRITICAL' : 'LOW',
    }));
    const platform = recordingPlatform({});
    const reportFile = join(platform.tempDir, 'big.json');
    writeFileSync(
      reportFile,
      JSON.stringify({ SchemaVersion: 2, ArtifactName: 'big:1', Results: [{ Target: 't', Vulnerabilities: vulns }] }),
    );
    const sarifFile = join(platform.tempDir, 'out', 'scan.sarif');
    Object.assign(platform, {
      input: (n: string) =>
        ({ report: reportFile, 'sarif-file': sarifFile, 'severity-threshold': 'high', 'summary-limit': '5' })[n] ?? '',
    });
    await runScan(platform, { now: () => new Date('2026-01-01T00:00:00Z') });
    assert.equal(platform.outputs.low, '25990');
    assert.equal(platform.outputs.critical, '10');
    assert.equal(platform.outputs.verdict, 'fail');
    const warning = platform.warnings.find((w) => w.message.includes('SARIF holds'));
    assert.ok(warning, 'a warning about trimming');
    assert.match(warning.message, /SARIF holds 25000 of 26000 findings: the 1000 lowest-severity ones were left out/);
    const doc = JSON.parse(readFileSync(sarifFile, 'utf8')) as SarifDoc;
    assert.equal(firstRun(doc).results.length, 25_000);
    assert.match(platform.summaries[0] ?? '', /SARIF holds 25000 of 26000/);
  });
});
