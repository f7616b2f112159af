// scan with hostile files in the workspace, as users run it: the CLI (terminal and GitLab) and
// the built bundle as the GitHub runner runs it (issue 7 items 1, 3, 4 and 7).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { cleanupTempDirs, makeTempDir } from '../support/gitops-fixture';
import { skipUnlessAvailable } from '../support/requirements';
import { bundlePath, type RunResult, runCli, runGithubBundle } from '../support/run';
import { brokenTableLines, hostileTrivy, linkTargets, rawHtml } from '../unit/security/hostile-report';

const bundle = bundlePath('scan');
const noBundle = skipUnlessAvailable(existsSync(bundle) ? false : `${bundle} is missing: run 'npm run build' first`);

// Short enough that the JSON parser's own excerpt ("Zq8Kw3Lp=s"...) would contain it whole.
const CANARY = 'Zq8Kw3Lp';

/** A runner's environment, as /proc/self/environ holds it, starting with the canary. */
const SECRET_FILE = `${CANARY}=ghs_notreal\0ACTIONS_RUNTIME_TOKEN=${CANARY}-token\0HOME=/home/runner\0`;

const REPORT = JSON.stringify({
  SchemaVersion: 2,
  ArtifactName: 'registry.example/app:1',
  Results: [
    {
      Target: 'debian 12',
      Type: 'debian',
      Vulnerabilities: [
        { VulnerabilityID: 'CVE-2024-1', PkgName: 'a', InstalledVersion: '1', FixedVersion: '2', Severity: 'LOW' },
      ],
    },
  ],
});

after(cleanupTempDirs);

/** A workspace whose `report.json` and `.trivyignore` are symlinks to a file outside it holding the canary. */
function hostileWorkspace(): { ws: string; outside: string } {
  const outside = makeTempDir('cdpack-sec-outside-');
  const ws = makeTempDir('cdpack-sec-ws-');
  writeFileSync(join(outside, 'environ'), SECRET_FILE);
  symlinkSync(join(outside, 'environ'), join(ws, 'report.json'));
  symlinkSync(join(outside, 'environ'), join(ws, '.trivyignore'));
  mkdirSync(join(ws, 'reports'));
  writeFileSync(join(ws, 'reports', 'trivy.json'), REPORT);
  return { ws, outside };
}

function assertNoCanary(r: RunResult & { summary?: string; outputFile?: string }, extra: string[] = []): void {
  for (const [name, text] of Object.entries({
    stdout: r.stdout,
    stderr: r.stderr,
    outputs: JSON.stringify(r.outputs),
    summary: r.summary ?? '',
    outputFile: r.outputFile ?? '',
    ...Object.fromEntries(extra.map((t, i) => [`extra${i}`, t])),
  })) {
    assert.ok(!text.includes(CANARY), `the canary leaked into ${name}:\n${text}`);
  }
}

const CASES = [
  { input: 'report', inputs: { report: 'report.json' } },
  { input: 'ignore-file', inputs: { report: 'reports/trivy.json', 'ignore-file': '.trivyignore' } },
] as const;

describe('scan: symlinked report and ignore-file leading out of the workspace (CLI)', { timeout: 120_000 }, () => {
  for (const { input, inputs } of CASES) {
    test(`${input}: refused, naming the input; the canary appears nowhere`, async () => {
      const { ws } = hostileWorkspace();
      const dotenv = join(ws, 'scan.env');
      const r = await runCli(
        'scan',
        { ...inputs, 'sarif-file': 'out/scan.sarif' },
        {
          cwd: ws,
          extraArgs: ['--dotenv', dotenv],
        },
      );
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, new RegExp(`error: input '${input}': '[^']+' resolves outside the workspace`));
      assertNoCanary(r, [readFileSync(dotenv, 'utf8')]);
      assert.equal(existsSync(join(ws, 'out/scan.sarif')), false, 'nothing written');
    });
  }
  test("the same file given by absolute path (the workflow author's choice) is read, and still not quoted", async () => {
    const { outside } = hostileWorkspace();
    for (const inputs of [
      { report: join(outside, 'environ') },
      { report: join(hostileWorkspace().ws, 'reports/trivy.json'), 'ignore-file': join(outside, 'environ') },
    ]) {
      const r = await runCli('scan', inputs);
      assert.equal(r.code, 1, r.stderr);
      assert.match(r.stderr, /error: input '(report|ignore-file)': .*(not valid JSON|is this an ignore file\?)/);
      assertNoCanary(r);
    }
  });
  test('a report over the size limit: a clear error naming the file and the limit', async () => {
    const ws = makeTempDir('cdpack-sec-big-');
    writeFileSync(join(ws, 'big.json'), '');
    truncateSync(join(ws, 'big.json'), 128 * 1024 * 1024 + 1); // sparse
    const r = await runCli('scan', { report: 'big.json' }, { cwd: ws });
    assert.equal(r.code, 1);
    assert.match(r.stderr, /error: input 'report': \S*big\.json is larger than the 128 MiB limit for scanner reports/);
  });
});

describe('scan on the GitHub runner (built bundle)', { timeout: 120_000, skip: noBundle }, () => {
  for (const { input, inputs } of CASES) {
    test(`${input}: refused; the canary appears in no output, log or summary`, async () => {
      const { ws } = hostileWorkspace();
      const r = await runGithubBundle('scan', inputs, { workspace: ws });
      assert.equal(r.code, 1, r.stdout);
      assert.match(r.stdout, new RegExp(`::error::input '${input}': '[^']+' resolves outside the workspace`));
      assertNoCanary(r);
    });
  }

  test('a hostile report: the summary holds no raw HTML, no javascript: link, no added cell, row or heading', async () => {
    const ws = makeTempDir('cdpack-sec-ws-');
    writeFileSync(join(ws, 'report.json'), JSON.stringify(hostileTrivy()));
    const r = await runGithubBundle('scan', { report: 'report.json', 'sarif-file': 'scan.sarif' }, { workspace: ws });
    assert.equal(r.code, 1, r.stdout);
    assert.match(r.summary, /### cdpack scan: ❌ fail/);
    assert.deepEqual(rawHtml(r.summary), []);
    assert.deepEqual(brokenTableLines(r.summary), []);
    for (const target of linkTargets(r.summary)) assert.match(target, /^https:\/\//);
    assert.ok(!r.summary.split('\n').some((l) => /^\s{0,3}#+ ✅/.test(l)), 'no fake pass heading');
    const sarif = JSON.parse(readFileSync(join(ws, 'scan.sarif'), 'utf8'));
    for (const rule of sarif.runs[0].tool.driver.rules) {
      assert.ok(rule.helpUri === undefined || /^https:\/\//.test(rule.helpUri), rule.helpUri);
      assert.deepEqual(rawHtml(rule.help.markdown), []);
      for (const target of linkTargets(rule.help.markdown)) assert.match(target, /^https:\/\//);
    }
    const lines = r.stdout.split(/\r\n|\r|\n/);
    assert.deepEqual(
      lines.filter((l) => l.trimStart().startsWith('::') && !/^::(error|debug|group|endgroup|add-mask)::/.test(l)),
      [],
    );
  });
});

describe('scan in a GitLab job (CLI)', { timeout: 120_000 }, () => {
  test('ESC and CR in report fields cannot open, close or fake a section', async () => {
    const ws = makeTempDir('cdpack-sec-ws-');
    writeFileSync(join(ws, 'report.json'), JSON.stringify(hostileTrivy()));
    const r = await runCli(
      'scan',
      { report: 'report.json' },
      { cwd: ws, env: { GITLAB_CI: 'true', CI_PROJECT_DIR: ws } },
    );
    assert.equal(r.code, 1, r.stderr);
    const lines = `${r.stdout}\n${r.stderr}`.split(/\r\n|\r|\n/);
    assert.deepEqual(
      lines.filter((l) => l.includes('section_start') || l.includes('section_end')).filter((l) => l.includes('\x1b')),
      [],
      "no section marker at all: scan opens none here, and the report's are escaped",
    );
    assert.ok(!`${r.stdout}${r.stderr}`.includes('\x1b'), 'no raw ESC');
    assert.ok(r.stderr.includes('section\\_start:1:fake'), 'the marker is shown as text');
  });
});
