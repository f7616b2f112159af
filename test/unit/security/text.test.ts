// The pure escapers every log line, summary and SARIF file goes through (src/core/text).
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { escapeControl, excerpt, neutraliseWorkflowCommand } from '../../../src/core/text/control';
import { escapeMarkdown, markdownCode, markdownLink, safeHttpsUrl, sarifText } from '../../../src/core/text/markdown';

describe('escapeControl', () => {
  it('shows CR, ESC, NUL, DEL, C1 and line separators as visible escapes; keeps LF, TAB and CRLF line ends', () => {
    assert.equal(escapeControl('a\r::error::x'), 'a\\r::error::x');
    assert.equal(escapeControl('\x1b[0Ksection_start:1:x\r\x1b[0K'), '\\x1b[0Ksection_start:1:x\\r\\x1b[0K');
    assert.equal(escapeControl('a\0b\x7fc\x85d\x9be\u2028f'), 'a\\0b\\x7fc\\x85d\\x9be\\u2028f');
    assert.equal(escapeControl('one\r\ntwo\n\tthree'), 'one\ntwo\n\tthree');
    assert.equal(escapeControl('plain ünïcode ✅'), 'plain ünïcode ✅');
  });
  it('excerpt: one line, escaped, clipped', () => {
    assert.equal(excerpt('a\nb\rc'), 'a\\nb\\rc');
    assert.equal(excerpt('x'.repeat(100), 10), `${'x'.repeat(9)}…`);
  });
});

describe('neutraliseWorkflowCommand', () => {
  it('a line the runner would parse as a command is shown, not run', () => {
    assert.equal(neutraliseWorkflowCommand('::error title=X::pwned'), '\\x3a:error title=X::pwned');
    assert.equal(neutraliseWorkflowCommand('   ::add-mask::x'), '   \\x3a:add-mask::x');
    assert.equal(neutraliseWorkflowCommand('log ##[error]x ##[warning]y'), 'log #\\x23[error]x #\\x23[warning]y');
  });
  it('leaves ordinary lines alone', () => {
    for (const line of ['+  newTag: "2.0.0"', 'a::b', 'image: x::y', '# heading', ''])
      assert.equal(neutraliseWorkflowCommand(line), line);
  });
});

describe('escapeMarkdown', () => {
  it('no new cells, rows, HTML, links, code or headings', () => {
    const out = escapeMarkdown('a|b\n| x | y |\n<img src=x onerror=alert(1)><script>alert(1)</script>');
    assert.ok(!/(^|[^\\])\|/.test(out), out);
    assert.ok(!out.includes('\n') && !out.includes('<') && !out.includes('>'), out);
    assert.match(out, /&lt;img src=x onerror=alert\(1\)&gt;&lt;script&gt;/);
    assert.equal(escapeMarkdown('## ✅ pass'), '\\## ✅ pass');
    assert.equal(escapeMarkdown('[x](javascript:alert(1))'), '\\[x\\](javascript:alert(1))');
    assert.equal(
      escapeMarkdown('`code` *em* _em_ ~~s~~ ![i]'),
      '\\`code\\` \\*em\\* \\_em\\_ \\~\\~s\\~\\~ \\!\\[i\\]',
    );
    assert.equal(escapeMarkdown('a & b'), 'a &amp; b');
    assert.equal(escapeMarkdown('a\rb\x1bc'), 'a\\\\rb\\\\x1bc');
  });
});

describe('markdownCode', () => {
  it('shows anything literally in one code span that a table cell cannot split', () => {
    assert.equal(markdownCode('registry/app:1'), '`registry/app:1`');
    assert.equal(markdownCode('a`b'), '``a`b``');
    assert.equal(markdownCode('`x'), '`` `x ``');
    assert.equal(markdownCode('a|b\nc'), '`a\\|b\\nc`');
  });
});

describe('links', () => {
  it('only https URLs that cannot break out of the link become links', () => {
    assert.equal(
      safeHttpsUrl('https://avd.aquasec.com/nvd/cve-2019-14697'),
      'https://avd.aquasec.com/nvd/cve-2019-14697',
    );
    for (const bad of [
      'javascript:alert(1)',
      'http://example.com/x',
      'JAVASCRIPT://%0aalert(1)',
      'https://x.test/a b',
      'https://x.test/a)b',
      'https://x.test/a|b',
      'https://x.test/<script>',
      'https://x.test/\r',
      'data:text/html,<b>',
      'https://',
      '',
    ])
      assert.equal(safeHttpsUrl(bad), undefined, bad);
    assert.equal(markdownLink('CVE-1', 'https://x.test/c'), '[CVE-1](https://x.test/c)');
    assert.equal(markdownLink('CVE-1', 'javascript:alert(1)'), 'CVE-1');
    assert.equal(markdownLink('[a](b)', 'https://x.test/c'), '[\\[a\\](b)](https://x.test/c)');
  });
});

describe('sarifText', () => {
  it('escapes embedded-link syntax and control characters, keeps line breaks', () => {
    assert.equal(sarifText('see [here](1)\nnext\r\x1b'), 'see \\[here\\](1)\nnext\\r\\x1b');
    assert.equal(sarifText('a\\b'), 'a\\\\b');
  });
});
