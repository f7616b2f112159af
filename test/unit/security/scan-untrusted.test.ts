// scan reads untrusted files: reports and ignore files are data (issue 7 items 1, 3 and 7).
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { REPORT_SIZE_LIMIT, runScan } from '../../../src/actions/scan/action';
import { parseIgnoreFile } from '../../../src/core/scan/allowlist';
import { parseReport } from '../../../src/core/scan/report';
import { FileTooLargeError, readTextCapped, resolveInside } from '../../../src/tools/files';
import { recordingPlatform } from '../scan/fake-platform';
import { brokenTableLines, HOSTILE_URLS, hostileGrype, hostileTrivy, linkTargets, rawHtml } from './hostile-report';

const CANARY = 'CANARY_7f3a9c';
const now = () => new Date('2026-01-15T10:00:00Z');

function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'cdpack-sec-'));
}

describe('a hostile report cannot rewrite the summary or the SARIF alerts', () => {
  for (const [name, doc] of [
    ['trivy', hostileTrivy()],
    ['grype', hostileGrype()],
  ] as const) {
    it(name, async () => {
      const dir = tempDir();
      writeFileSync(join(dir, 'report.json'), JSON.stringify(doc));
      const p = recordingPlatform(
        { report: join(dir, 'report.json'), 'sarif-file': join(dir, 'scan.sarif'), 'severity-threshold': 'critical' },
        { workspace: dir },
      );
      await runScan(p, { now });
      const summary = p.summaries.join('\n');
      assert.deepEqual(rawHtml(summary), [], 'no raw HTML');
      assert.deepEqual(brokenTableLines(summary), [], 'no added cells or rows');
      for (const target of linkTargets(summary)) assert.match(target, /^https:\/\/[^\s()|<>]+$/, target);
      assert.ok(!linkTargets(summary).includes(HOSTILE_URLS.javascript));
      assert.ok(summary.includes(`](${HOSTILE_URLS.good})`), 'a good https URL still becomes a link');
      const headings = summary.split('\n').filter((l) => /^\s{0,3}#/.test(l));
      for (const h of headings) assert.match(h, /^#{3,4} (cdpack scan: ❌ fail|Top findings)/, h);
      assert.ok(!summary.includes('\x1b') && !summary.includes('\r'));

      const sarif = JSON.parse(readFileSync(join(dir, 'scan.sarif'), 'utf8'));
      const run = sarif.runs[0];
      for (const rule of run.tools?.driver?.rules ?? run.tool.driver.rules) {
        if (rule.helpUri !== undefined) assert.match(rule.helpUri, /^https:\/\/[^\s()|<>]+$/);
        const md: string = rule.help.markdown;
        assert.deepEqual(rawHtml(md), [], md);
        assert.deepEqual(brokenTableLines(md), [], md);
        for (const target of linkTargets(md)) assert.match(target, /^https:\/\/[^\s()|<>]+$/, target);
        for (const l of md.split('\n')) assert.ok(!/^\s{0,3}#/.test(l), l);
        assert.ok(!/(?<!\\)\[/.test(rule.shortDescription.text), rule.shortDescription.text);
      }
      for (const result of run.results) {
        assert.ok(!/(?<!\\)\[/.test(result.message.text), result.message.text);
        assert.ok(!result.message.text.includes('\x1b'));
      }
    });
  }
});

describe('parse errors quote no file content', () => {
  const environ = `HOME=/root\0ACTIONS_RUNTIME_TOKEN=${CANARY}\0PATH=/usr/bin\0`;
  it('a file that is not JSON', () => {
    for (const text of [environ, `{"a": ${CANARY}}`, `${CANARY}`, `{"SchemaVersion": 2, "Results": [${CANARY}`]) {
      assert.throws(
        () => parseReport(text),
        (e: Error) => /not valid JSON/.test(e.message) && !e.message.includes(CANARY),
      );
    }
  });
  it('JSON that is not a report, or an unsupported version', () => {
    assert.throws(
      () => parseReport(JSON.stringify({ token: CANARY })),
      (e: Error) => !e.message.includes(CANARY),
    );
    assert.throws(
      () => parseReport(JSON.stringify({ SchemaVersion: `${'x'.repeat(30)}${CANARY}`, Results: [] })),
      (e: Error) => /schema version/.test(e.message) && !e.message.includes(CANARY),
    );
  });
  it('a file that is not an ignore file', () => {
    for (const text of [environ, `https://user:${CANARY}@github.com\n`, `[credential]\n\thelper = ${CANARY}\n`]) {
      assert.throws(
        () => parseIgnoreFile(text),
        (e: Error) => /is this an ignore file\?/.test(e.message) && !e.message.includes(CANARY),
      );
    }
  });
  it('an ignore file with a bad later line: a short, escaped excerpt only', () => {
    assert.throws(
      () => parseIgnoreFile(`CVE-2024-1\nnot an id\r\x1b[2K ${'x'.repeat(80)}${CANARY}\n`),
      (e: Error) => /line 2: 'not an id\\r\\x1b\[2K x+…'/.test(e.message) && !e.message.includes(CANARY),
    );
  });
});

describe('files named by relative inputs stay inside the workspace', () => {
  it('resolveInside follows symlinks, .. and dangling links', async () => {
    const ws = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'secret'), CANARY);
    mkdirSync(join(ws, 'sub'));
    writeFileSync(join(ws, 'sub', 'ok.json'), '{}');
    symlinkSync(join(outside, 'secret'), join(ws, 'link-out'));
    symlinkSync('../../', join(ws, 'sub', 'up'));
    symlinkSync(join(outside, 'not-yet'), join(ws, 'dangling'));
    symlinkSync('sub/ok.json', join(ws, 'link-in'));
    assert.equal(await resolveInside(ws, 'link-out'), undefined);
    assert.equal(await resolveInside(ws, 'sub/up/etc/passwd'), undefined);
    assert.equal(await resolveInside(ws, '../x'), undefined);
    assert.equal(await resolveInside(ws, 'dangling'), undefined);
    assert.equal(await resolveInside(ws, 'link-in'), join(ws, 'link-in'));
    assert.equal(await resolveInside(ws, 'new/dir/out.sarif'), join(ws, 'new/dir/out.sarif'));
  });
  it('the action refuses a relative report or ignore file that leads out, naming the input', async () => {
    const ws = tempDir();
    const outside = tempDir();
    writeFileSync(join(outside, 'secret'), `ACTIONS_RUNTIME_TOKEN=${CANARY}\n`);
    symlinkSync(join(outside, 'secret'), join(ws, 'report.json'));
    symlinkSync(join(outside, 'secret'), join(ws, '.trivyignore'));
    for (const [input, value] of [
      ['report', 'report.json'],
      ['ignore-file', '.trivyignore'],
      ['sarif-file', '../out.sarif'],
    ] as const) {
      const p = recordingPlatform({ report: 'r.json', [input]: value }, { workspace: ws });
      await assert.rejects(
        runScan(p, { now }),
        (e: Error) =>
          e.message.startsWith(`input '${input}': '${value}' resolves outside the workspace`) &&
          !e.message.includes(CANARY),
      );
      assert.deepEqual(p.outputs, {});
    }
  });
});

describe('size limit', () => {
  it('reads stop at the limit, also for files that report no size', async () => {
    await assert.rejects(readTextCapped('/dev/zero', 1024), FileTooLargeError);
    const dir = tempDir();
    writeFileSync(join(dir, 'small'), 'abc');
    assert.equal(await readTextCapped(join(dir, 'small'), 3), 'abc');
    await assert.rejects(readTextCapped(join(dir, 'small'), 2), FileTooLargeError);
  });
  it('a report over the limit fails naming the file and the limit, before it is read', async () => {
    const dir = tempDir();
    const big = join(dir, 'big.json');
    writeFileSync(big, '');
    truncateSync(big, REPORT_SIZE_LIMIT + 1); // sparse: no disk or memory used
    const p = recordingPlatform({ report: big }, { workspace: dir });
    await assert.rejects(
      runScan(p, { now }),
      new RegExp(
        `^InputError: input 'report': ${big.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is larger than the 128 MiB limit`,
      ),
    );
  });
});
