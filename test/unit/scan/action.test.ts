import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { runScan } from '../../../src/actions/scan/action';
import { parseSettings, type SettingsContext } from '../../../src/actions/scan/settings';
import { readInputs } from '../../../src/inputs/read';
import { scan as spec } from '../../../src/inputs/scan';
import { recordingPlatform } from './fake-platform';
import { gitlabSchemaErrors, ORACLES, sarifSchemaErrors } from './oracle-helpers';

const fixture = (p: string) => join(ORACLES, p);
const now = () => new Date('2026-01-15T10:00:00Z');
const ctx = { workspace: '/ws', env: {} };
/** Settings as the action reads them: readInputs (defaults, generic checks) then parseSettings. */
const settingsOf = (values: Record<string, string>, context: SettingsContext = ctx) =>
  parseSettings(readInputs(spec, { input: (n) => values[n] ?? '', setSecret() {} }), context);

describe('settings: bad input names the input', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{}, /^InputError: input 'image': is required unless 'report'/],
    [{ image: 'Not A Ref' }, /^InputError: input 'image': 'Not A Ref' is not an image reference/],
    [{ image: 'app:1', scanner: 'clair' }, /^InputError: input 'scanner': expected one of trivy, grype, got 'clair'/],
    [
      { image: 'app:1', 'severity-threshold': 'severe' },
      /^InputError: input 'severity-threshold': expected one of critical, high, medium, low, none/,
    ],
    [{ image: 'app:1', 'ignore-unfixed': 'maybe' }, /^InputError: input 'ignore-unfixed': expected true or false/],
    [
      { image: 'app:1', 'scanner-version': 'latest' },
      /^InputError: input 'scanner-version': expected a release version/,
    ],
    [
      { image: 'app:1', 'scanner-version': '0.69.4' },
      /^InputError: input 'scanner-version': trivy 0\.69\.4 is a release reported as compromised/,
    ],
    [{ image: 'app:1', 'summary-limit': 'ten' }, /^InputError: input 'summary-limit': expected a whole number/],
  ];
  for (const [raw, message] of cases) {
    it(JSON.stringify(raw), () => assert.throws(() => settingsOf(raw), message));
  }
  it('defaults: pinned version, high, ignore-unfixed, cache in the workspace (or the runner tool cache)', () => {
    const s = settingsOf({ image: 'app:1', 'sarif-file': 'out/scan.sarif' }, ctx);
    assert.equal(s.scannerVersion, '0.69.3');
    assert.equal(s.threshold, 'high');
    assert.equal(s.ignoreUnfixed, true);
    assert.equal(s.sarifFile, '/ws/out/scan.sarif');
    assert.equal(s.cacheDir, '/ws/.cdpack-cache');
    assert.equal(settingsOf({ image: 'app:1', scanner: 'grype' }, ctx).scannerVersion, '0.110.0');
    assert.equal(
      settingsOf({ image: 'app:1' }, { workspace: '/ws', env: { RUNNER_TOOL_CACHE: '/opt/hostedtoolcache' } }).cacheDir,
      '/opt/hostedtoolcache/cdpack',
    );
    assert.equal(settingsOf({ image: 'app:1', 'scanner-version': 'v0.70.0' }, ctx).scannerVersion, '0.70.0');
  });
});

describe('the action', () => {
  it('fail: every output and report is written before the step is failed', async () => {
    const p = recordingPlatform({});
    const inputs: Record<string, string> = {
      report: fixture('trivy/integration-golden/alpine-39.json.golden'),
      'sarif-file': 'reports/scan.sarif',
      'gitlab-report-file': 'reports/gl-container-scanning-report.json',
      'severity-threshold': 'high',
      'ignore-unfixed': 'true',
    };
    p.input = (n) => inputs[n] ?? '';
    await runScan(p, { now });
    assert.deepEqual(p.outputs, {
      verdict: 'fail',
      critical: '2',
      high: '0',
      medium: '4',
      low: '0',
      unknown: '0',
      suppressed: '0',
      'sarif-file': join(p.workspace, 'reports/scan.sarif'),
      'gitlab-report-file': join(p.workspace, 'reports/gl-container-scanning-report.json'),
    });
    assert.equal(p.events.at(-1), 'fail', 'failed last');
    assert.match(
      p.failure ?? '',
      /^2 finding\(s\) at or above severity-threshold high in testdata\/fixtures\/images\/alpine-39\.tar\.gz/,
    );
    const sarif = JSON.parse(readFileSync(p.outputs['sarif-file'] as string, 'utf8'));
    assert.equal(sarifSchemaErrors(sarif), undefined);
    const gitlab = JSON.parse(readFileSync(p.outputs['gitlab-report-file'] as string, 'utf8'));
    assert.equal(gitlabSchemaErrors(gitlab), undefined);
    assert.equal(gitlab.scan.type, 'container_scanning');
    assert.equal(gitlab.scan.start_time, '2026-01-15T10:00:00');
    assert.deepEqual(gitlab.scan.scanner.id, 'trivy');
  });
  it('pass at threshold critical with the criticals allowlisted; expired and stale entries are warned about with their lines', async () => {
    const p = recordingPlatform({});
    const ignore = join(p.tempDir, 'cdpack-ignore.yaml');
    writeFileSync(
      ignore,
      '- id: CVE-2019-14697\n  reason: patched musl build in use\n  expires: 2026-02-01\n- id: CVE-2019-1549\n  reason: old\n  expires: 2026-01-14\n- id: CVE-1999-9999\n  reason: gone\n',
    );
    const inputs: Record<string, string> = {
      report: fixture('trivy/integration-golden/alpine-39.json.golden'),
      'ignore-file': ignore,
      'severity-threshold': 'critical',
      'gitlab-report-file': 'gl.json',
    };
    p.input = (n) => inputs[n] ?? '';
    await runScan(p, { now });
    assert.equal(p.failure, undefined);
    assert.equal(p.outputs.verdict, 'pass');
    assert.equal(p.outputs.critical, '0');
    assert.equal(p.outputs.suppressed, '2');
    assert.equal(p.outputs['sarif-file'], '');
    assert.deepEqual(
      p.warnings.map((w) => [w.where?.line, w.message.split(' and ')[0]?.split(';')[0]]),
      [
        [4, 'ignore-file entry CVE-2019-1549 expired on 2026-01-14'],
        [7, 'ignore-file entry CVE-1999-9999 matches no finding (stale)'],
      ],
    );
    const summary = p.summaries[0] ?? '';
    assert.match(summary, /### cdpack scan: ✅ pass/);
    assert.match(
      summary,
      /\| CRITICAL \| HIGH \| MEDIUM \| LOW \| UNKNOWN \| Suppressed \|\n.*\n\| 0 \| 0 \| 4 \| 0 \| 0 \| 2 \|/,
    );
    assert.match(
      summary,
      /\| CRITICAL \| \[CVE-2019-14697\]\(https:\/\/avd\.aquasec\.com\/nvd\/cve-2019-14697\) \| musl \| 1\.1\.20-r4 → 1\.1\.20-r5 \| patched musl build in use \(until 2026-02-01\) \|/,
    );
    assert.match(
      summary,
      /#### Expired ignore-file entries[\s\S]*\| CVE-2019-1549 \| any \| 2026-01-14 \| old \| 4 \|/,
    );
    assert.match(summary, /#### Stale ignore-file entries[\s\S]*\| CVE-1999-9999 \| any \| never \| gone \| 7 \|/);
    const gitlab = JSON.parse(readFileSync(join(p.workspace, 'gl.json'), 'utf8'));
    assert.equal(gitlabSchemaErrors(gitlab), undefined);
    const flagged = gitlab.vulnerabilities.filter((v: { flags?: unknown[] }) => v.flags);
    assert.equal(flagged.length, 2);
    assert.deepEqual(flagged[0].flags[0], {
      type: 'flagged-as-likely-false-positive',
      origin: 'cdpack ignore-file',
      description: 'Accepted: patched musl build in use (until 2026-02-01)',
    });
    assert.equal(gitlab.vulnerabilities.length, 6, 'suppressed findings are still in the report');
    assert.deepEqual(
      gitlab.scan.messages.map((m: { level: string }) => m.level),
      ['warn', 'info'],
    );
  });
  it('summary-limit caps the top findings', async () => {
    const p = recordingPlatform({});
    const inputs: Record<string, string> = {
      report: fixture('defectdojo/anchore_grype/issue_9618.json'),
      'summary-limit': '3',
      'severity-threshold': 'none',
    };
    p.input = (n) => inputs[n] ?? '';
    await runScan(p, { now });
    const top = (p.summaries[0] ?? '').split('#### Top findings')[1]?.split('####')[0] ?? '';
    const rows = top.split('\n').filter((l) => /^\| (CRITICAL|HIGH|MEDIUM|LOW|UNKNOWN) \|/.test(l));
    assert.equal(rows?.length, 3);
    assert.match(p.summaries[0] ?? '', /#### Top findings \(3 of 23\)/);
    assert.equal(p.outputs.verdict, 'pass');
  });
  it('bad report and ignore files: clear errors naming the input, nothing written', async () => {
    const p = recordingPlatform({});
    const bad = join(p.tempDir, 'bad.json');
    writeFileSync(bad, '{"hello": "world"}');
    const brokenIgnore = join(p.tempDir, 'ignore.yaml');
    writeFileSync(brokenIgnore, '- id: CVE-1\n');
    const run = (inputs: Record<string, string>) => {
      p.input = (n) => ({ 'sarif-file': 'never.sarif', ...inputs })[n] ?? '';
      return runScan(p, { now });
    };
    await assert.rejects(
      run({ report: bad }),
      /^InputError: input 'report': .*bad\.json: not a Trivy or Grype JSON report/,
    );
    await assert.rejects(
      run({ report: join(p.tempDir, 'missing.json') }),
      /^InputError: input 'report': cannot read .*missing\.json: ENOENT/,
    );
    await assert.rejects(
      run({ report: fixture('defectdojo/trivy/legacy_trivy_mix.json') }),
      /input 'report': .*legacy_trivy_mix\.json: this is a legacy Trivy report/,
    );
    await assert.rejects(
      run({ report: fixture('trivy/integration-golden/alpine-39.json.golden'), 'ignore-file': brokenIgnore }),
      /^InputError: input 'ignore-file': .*ignore\.yaml: line 1: entry CVE-1 has no reason/,
    );
    assert.equal(existsSync(join(p.workspace, 'never.sarif')), false);
    assert.deepEqual(p.outputs, {});
  });
});
