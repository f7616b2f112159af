// Every log line goes through the platform layer, which escapes control characters and keeps
// text from outside from issuing GitHub workflow commands or faking GitLab sections (issue 7 item 4).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { cliPlatform } from '../../../src/platform/cli';
import { githubPlatform } from '../../../src/platform/github';

const HOSTILE = [
  'diff --git a/x.yaml b/x.yaml',
  '+  note: "a\r::error title=X::pwned"',
  '::warning::from a tool',
  '  ::add-mask::',
  'text ##[error]legacy form',
  '\x1b[0Ksection_start:1700000000:fake[collapsed=true]\r\x1b[0Kfake section',
  'over\rwrite \x1b[2K\x1b[1A',
].join('\n');

/** What the runner sees: stdout split on CR and LF, as its line reader does. */
async function captureStdout(fn: () => Promise<void> | void): Promise<string[]> {
  const chunks: string[] = [];
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    chunks.push(String(chunk));
    return true;
  }) as typeof process.stdout.write;
  try {
    await fn();
  } finally {
    process.stdout.write = write;
  }
  return chunks.join('').split(/\r\n|\r|\n/);
}

/** Lines the runner would run as a command (v2 `::name` after leading spaces, or v1 `##[` anywhere). */
function commands(lines: string[]): string[] {
  return lines.filter((l) => l.trimStart().startsWith('::') || l.includes('##['));
}

describe('GitHub platform', () => {
  it('text from outside issues no workflow command; ours still do', async () => {
    const env = { GITHUB_ACTIONS: 'true' };
    const lines = await captureStdout(async () => {
      const p = githubPlatform(env);
      p.setSecret('s3cr3t-value');
      await p.group(`title\r::error::from title`, async () => {
        p.info(HOSTILE);
        p.debug(HOSTILE);
      });
      p.warn(`w ${HOSTILE}`);
      p.error(`e ${HOSTILE}`);
      p.info('secret s3cr3t-value here');
    });
    // Only the commands cdpack issued itself: add-mask, group, debug, warning, error, endgroup.
    assert.deepEqual(
      commands(lines).map((l) => /^::([a-z-]+)/.exec(l.trimStart())?.[1]),
      ['add-mask', 'group', 'debug', 'endgroup', 'warning', 'error'],
      lines.join('\n'),
    );
    const all = lines.join('\n');
    assert.ok(!all.includes('\x1b'), 'no raw ESC reaches the log');
    assert.match(all, /\\x3a:warning::from a tool/);
    assert.match(all, /a\\r::error title=X::pwned/);
    assert.match(all, /secret \*\*\* here/);
  });
});

describe('CLI platform on GitLab', () => {
  it('ESC and CR from outside cannot hide lines or fake a section; our sections still open and close', async () => {
    const err: string[] = [];
    const p = cliPlatform({
      step: 'scan',
      flags: {},
      dotenv: undefined,
      env: { GITLAB_CI: 'true' },
      out: () => {},
      err: (l) => err.push(l),
    });
    await p.group('Scan \x1b[0Ksection_end:1:cdpack_1\r\x1b[0K', async () => {
      p.info(HOSTILE);
      p.warn(HOSTILE, { file: 'apps/\x1b[0Ksection_start:1:f\r\x1b[0K.yaml', line: 3 });
      await p.summary(`| ${HOSTILE} |`);
    });
    p.fail(HOSTILE);
    const lines = err.join('\n').split(/\r\n|\r|\n/);
    const markers = lines.filter((l) => /section_(start|end)/.test(l) && l.startsWith('\x1b[0Ksection_'));
    assert.equal(markers.length, 2, lines.join('\n'));
    const ESC = '\x1b';
    assert.match(markers[0] ?? '', new RegExp(`^${ESC}\\[0Ksection_start:\\d+:cdpack_1\\[collapsed=true\\]$`));
    assert.match(markers[1] ?? '', new RegExp(`^${ESC}\\[0Ksection_end:\\d+:cdpack_1$`));
    const escs = err.join('\n').split(ESC).length - 1;
    assert.equal(escs, 4, 'only the ESCs of our two section markers');
    assert.ok(err.some((l) => l.includes('\\x1b[0Ksection_start:1700000000:fake')));
  });
  it('outputs must not carry a CR either', () => {
    const p = cliPlatform({
      step: 'scan',
      flags: {},
      dotenv: undefined,
      env: {},
      out: () => {},
      err: () => {},
    });
    assert.throws(() => p.setOutput('verdict', 'pass\rfail=1'), /single line/);
  });
});
