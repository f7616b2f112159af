// scan through the CLI as users run it: `cdpack scan --report …` (bring your own report) and
// with a stand-in `trivy` / `grype` on PATH that records its argv and prints a real report.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanupTempDirs, makeTempDir } from '../support/gitops-fixture';
import { REPO_ROOT, runCli } from '../support/run';
import { gitlabSchemaErrors, independentCount, ORACLES, sarifSchemaErrors } from '../unit/scan/oracle-helpers';

const ALPINE39 = join(ORACLES, 'trivy/integration-golden/alpine-39.json.golden');
const IGNORE = join(REPO_ROOT, 'test/fixtures/scan/cdpack-ignore.yaml');
const DIGEST_REF = `127.0.0.1:5000/team/web@sha256:${'d'.repeat(64)}`;

/** A stand-in scanner on PATH: prints the pinned version, records argv, writes `fixture` as its report. */
function standIn(tool: 'trivy' | 'grype', version: string, fixture: string): { path: string; argv: () => string[] } {
  const dir = makeTempDir(`cdpack-standin-${tool}-`);
  const log = join(dir, 'argv.log');
  const versionArg = tool === 'trivy' ? '--version' : 'version';
  writeFileSync(
    join(dir, tool),
    `#!/bin/sh
if [ "$1" = "${versionArg}" ]; then echo "Version: ${version}"; exit 0; fi
for a in "$@"; do printf '%s\\n' "$a" >> '${log}'; done
printf 'GRYPE_DB_AUTO_UPDATE=%s\\n' "\${GRYPE_DB_AUTO_UPDATE-unset}" >> '${log}'
out=""; prev=""
for a in "$@"; do [ "$prev" = "--output" ] && out="$a"; prev="$a"; done
if [ -n "$out" ]; then cat '${fixture}' > "$out"; else cat '${fixture}'; fi
`,
  );
  chmodSync(join(dir, tool), 0o755);
  return {
    path: `${dir}${delimiter}${process.env.PATH ?? ''}`,
    argv: () => (existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter(Boolean) : []),
  };
}

after(cleanupTempDirs);

describe('cdpack scan --report (bring your own report)', { timeout: 120_000 }, () => {
  test('fail: exit 1 after outputs, dotenv and both reports are written', async () => {
    const dir = makeTempDir('cdpack-scan-e2e-');
    const dotenv = join(dir, 'scan.env');
    const r = await runCli(
      'scan',
      {
        report: ALPINE39,
        'sarif-file': join(dir, 'out/scan.sarif'),
        'gitlab-report-file': join(dir, 'out/gl-container-scanning-report.json'),
      },
      { extraArgs: ['--dotenv', dotenv] },
    );
    assert.equal(r.code, 1, r.stderr);
    const expected = independentCount(JSON.parse(readFileSync(ALPINE39, 'utf8')), true);
    assert.deepEqual(r.outputs, {
      verdict: 'fail',
      critical: String(expected.counts.critical),
      high: String(expected.counts.high),
      medium: String(expected.counts.medium),
      low: String(expected.counts.low),
      unknown: String(expected.counts.unknown),
      suppressed: String(expected.suppressed),
      'sarif-file': join(dir, 'out/scan.sarif'),
      'gitlab-report-file': join(dir, 'out/gl-container-scanning-report.json'),
    });
    assert.equal(r.outputs.critical, '2');
    assert.deepEqual(readFileSync(dotenv, 'utf8').split('\n').filter(Boolean), [
      'CDPACK_SCAN_VERDICT=fail',
      'CDPACK_SCAN_CRITICAL=2',
      'CDPACK_SCAN_HIGH=0',
      'CDPACK_SCAN_MEDIUM=4',
      'CDPACK_SCAN_LOW=0',
      'CDPACK_SCAN_UNKNOWN=0',
      'CDPACK_SCAN_SUPPRESSED=0',
      `CDPACK_SCAN_SARIF_FILE=${join(dir, 'out/scan.sarif')}`,
      `CDPACK_SCAN_GITLAB_REPORT_FILE=${join(dir, 'out/gl-container-scanning-report.json')}`,
    ]);
    assert.equal(sarifSchemaErrors(JSON.parse(readFileSync(join(dir, 'out/scan.sarif'), 'utf8'))), undefined);
    const gitlab = JSON.parse(readFileSync(join(dir, 'out/gl-container-scanning-report.json'), 'utf8'));
    assert.equal(gitlabSchemaErrors(gitlab), undefined);
    assert.equal(gitlab.vulnerabilities.length, 6);
    assert.match(r.stderr, /### cdpack scan: ❌ fail/);
    assert.match(
      r.stderr.trimEnd().split('\n').at(-1) ?? '',
      /^error: 2 finding\(s\) at or above severity-threshold high/,
    );
  });

  test('pass: allowlisted criticals, expired and stale entries warned about', async () => {
    const r = await runCli('scan', {
      report: ALPINE39,
      'ignore-file': IGNORE,
      'severity-threshold': 'medium',
      'ignore-unfixed': 'false',
    });
    // CVE-2019-1549's entry expired in 2020, so its two medium findings count and fail at medium.
    assert.equal(r.code, 1, r.stderr);
    assert.equal(r.outputs.critical, '0');
    assert.equal(r.outputs.medium, '4');
    assert.equal(r.outputs.suppressed, '2');
    assert.match(r.stderr, /warning: .*cdpack-ignore\.yaml:10: ignore-file entry CVE-2019-1549 expired on 2020-01-31/);
    assert.match(
      r.stderr,
      /warning: .*cdpack-ignore\.yaml:13: ignore-file entry CVE-2018-0000 matches no finding \(stale\)/,
    );
    const pass = await runCli('scan', { report: ALPINE39, 'ignore-file': IGNORE, 'severity-threshold': 'high' });
    assert.equal(pass.code, 0, pass.stderr);
    assert.equal(pass.outputs.verdict, 'pass');
    assert.equal(pass.outputs['sarif-file'], '');
  });

  test('inputs from CDPACK_* environment; Grype reports are detected', async () => {
    const grype = join(ORACLES, 'defectdojo/anchore_grype/issue_9618.json');
    const r = await runCli('scan', {}, { env: { CDPACK_REPORT: grype, CDPACK_SEVERITY_THRESHOLD: 'critical' } });
    const expected = independentCount(JSON.parse(readFileSync(grype, 'utf8')), true);
    assert.equal(r.outputs.critical, String(expected.counts.critical));
    assert.equal(r.outputs.high, String(expected.counts.high));
    assert.equal(r.outputs.verdict, expected.counts.critical > 0 ? 'fail' : 'pass');
    assert.equal(r.code, expected.counts.critical > 0 ? 1 : 0);
  });

  const bad: [string, Record<string, string>, RegExp][] = [
    [
      'unknown scanner',
      { image: DIGEST_REF, scanner: 'clair' },
      /error: input 'scanner': expected one of trivy, grype, got 'clair'/,
    ],
    [
      'bad severity',
      { report: ALPINE39, 'severity-threshold': 'severe' },
      /error: input 'severity-threshold': expected one of critical, high, medium, low, none, got 'severe'/,
    ],
    [
      'unreadable report',
      { report: '/nonexistent/report.json' },
      /error: input 'report': cannot read \/nonexistent\/report\.json: ENOENT/,
    ],
    [
      'legacy report',
      { report: join(ORACLES, 'defectdojo/trivy/legacy_many_vulns.json') },
      /error: input 'report': .*legacy Trivy report/,
    ],
    [
      'malformed ignore file',
      { report: ALPINE39, 'ignore-file': join(REPO_ROOT, 'package.json') },
      /error: input 'ignore-file': .*package\.json: line 1: this is not a vulnerability id .*; is this an ignore file\?/,
    ],
    ['no image and no report', {}, /error: input 'image': is required unless 'report'/],
  ];
  for (const [name, inputs, message] of bad) {
    test(`bad input: ${name}`, async () => {
      const dir = makeTempDir('cdpack-scan-bad-');
      const r = await runCli('scan', { ...inputs, 'sarif-file': join(dir, 'x.sarif') });
      assert.equal(r.code, 1);
      assert.match(r.stderr, message);
      assert.deepEqual(r.outputs, {});
      assert.equal(existsSync(join(dir, 'x.sarif')), false);
    });
  }
});

describe('cdpack scan with a stand-in scanner on PATH', { timeout: 120_000 }, () => {
  test('trivy: exact arguments (image by digest, JSON, offline flags, DB cache), report evaluated', async () => {
    const fixture = join(ORACLES, 'trivy/integration-golden/gomod.json.golden');
    const trivy = standIn('trivy', '0.69.3', fixture);
    const cache = makeTempDir('cdpack-scan-cache-');
    const out = makeTempDir('cdpack-scan-out-');
    const r = await runCli(
      'scan',
      {
        image: DIGEST_REF,
        offline: 'true',
        'cache-dir': cache,
        'sarif-file': join(out, 'scan.sarif'),
        'severity-threshold': 'medium',
      },
      { env: { PATH: trivy.path } },
    );
    const argv = trivy.argv();
    const outputFile = argv[argv.indexOf('--output') + 1] ?? '';
    assert.match(outputFile, /cdpack-scan-[^/]+\/trivy-report\.json$/);
    assert.deepEqual(argv, [
      'image',
      '--format',
      'json',
      '--output',
      outputFile,
      '--scanners',
      'vuln',
      '--cache-dir',
      join(cache, 'trivy'),
      '--no-progress',
      '--skip-db-update',
      '--skip-java-db-update',
      '--offline-scan',
      DIGEST_REF,
      'GRYPE_DB_AUTO_UPDATE=unset',
    ]);
    // gomod lists 5 vulnerabilities, the same CVE for the same module in several go.mod files: 3 findings.
    const expected = independentCount(JSON.parse(readFileSync(fixture, 'utf8')), true);
    assert.equal(expected.unique, 3);
    assert.equal(r.outputs.medium, String(expected.counts.medium));
    assert.equal(r.outputs.unknown, String(expected.counts.unknown));
    assert.equal(r.outputs.verdict, 'fail');
    assert.equal(r.code, 1, r.stderr);
    assert.match(r.stderr, /using trivy 0\.69\.3 \(path: /);
    const sarif = JSON.parse(readFileSync(join(out, 'scan.sarif'), 'utf8'));
    assert.equal(
      sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri,
      '127.0.0.1%3A5000/team/web',
    );
    assert.equal(sarif.runs[0].properties.image, DIGEST_REF);
  });

  test('grype: image and -o json; DB auto-update off when offline', async () => {
    const fixture = join(ORACLES, 'defectdojo/anchore_grype/check_all_fields.json');
    const grype = standIn('grype', '0.110.0', fixture);
    const r = await runCli(
      'scan',
      { image: DIGEST_REF, scanner: 'grype', offline: 'true', 'cache-dir': makeTempDir('cdpack-scan-cache-') },
      { env: { PATH: grype.path } },
    );
    assert.deepEqual(grype.argv(), [DIGEST_REF, '-o', 'json', 'GRYPE_DB_AUTO_UPDATE=false']);
    const expected = independentCount(JSON.parse(readFileSync(fixture, 'utf8')), true);
    assert.equal(r.outputs.high, String(expected.counts.high));
    assert.equal(r.outputs.suppressed, String(expected.suppressed));
    assert.equal(r.code, expected.counts.high + expected.counts.critical > 0 ? 1 : 0, r.stderr);
  });

  test('offline with no scanner of the pinned version: clear error, nothing downloaded', async () => {
    const trivy = standIn('trivy', '0.50.0', ALPINE39);
    const r = await runCli(
      'scan',
      { image: DIGEST_REF, offline: 'true', 'cache-dir': makeTempDir('cdpack-scan-cache-') },
      { env: { PATH: trivy.path } },
    );
    assert.equal(r.code, 1);
    assert.match(
      r.stderr,
      /trivy 0\.69\.3 is neither in the tool cache .* nor on PATH \(PATH has 0\.50\.0\), and offline mode forbids downloading it/,
    );
    assert.deepEqual(trivy.argv(), [], 'the wrong version was never run for a scan');
    const anyVersion = await runCli(
      'scan',
      { image: DIGEST_REF, offline: 'true', 'scanner-version': 'path', 'cache-dir': makeTempDir('cdpack-scan-cache-') },
      { env: { PATH: trivy.path } },
    );
    assert.equal(anyVersion.outputs.critical, '2');
  });
});
