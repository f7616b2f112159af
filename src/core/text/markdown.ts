import { escapeControl, escapeControlLine } from './control';

/**
 * Markdown for step summaries and SARIF `help.markdown` built from untrusted text (report
 * fields, repository paths, registry answers). Every value goes through one of these, so a
 * report cannot add table cells or rows, raw HTML, headings or links of its own.
 */

const HTML: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * Inline text safe anywhere in a Markdown line, including a table cell: one line (line breaks
 * become spaces, other control characters are shown as escapes), `&`, `<`, `>` as entities, and
 * the characters that could start emphasis, a link, an image, code, strikethrough, a new cell or
 * a heading backslash-escaped.
 */
export function escapeMarkdown(text: string): string {
  return escapeControlLine(text.replace(/[ \t]*\r?\n[ \t]*/g, ' '))
    .replace(/[&<>]/g, (c) => HTML[c] as string)
    .replace(/[\\`*_[\]|~!]/g, '\\$&')
    .replace(/^(\s*)#/, '$1\\#');
}

/**
 * An inline code span that shows `text` literally, whatever it holds: the fence is longer than
 * any backtick run inside, `|` is escaped (GFM splits table cells before reading code spans),
 * and control characters and line breaks are shown as escapes.
 */
export function markdownCode(text: string): string {
  const line = escapeControlLine(text).replace(/\|/g, '\\|');
  const longest = Math.max(0, ...(line.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longest + 1);
  const pad = line.startsWith('`') || line.endsWith('`') || line === '' ? ' ' : '';
  return `${fence}${pad}${line}${pad}${fence}`;
}

/**
 * The URL when it may become a link: `https://` only, no whitespace or characters that end a
 * Markdown link or table cell or start HTML (`(`, `)`, `|`, `<`, `>`, quotes, backslash,
 * backtick, brackets), and a host the URL parser accepts. Anything else is not a link.
 */
export function safeHttpsUrl(url: string): string | undefined {
  if (url.length > 2048 || !/^https:\/\/[^\s()|<>"'\\`[\]{}]+$/i.test(url)) return undefined;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters disqualify a URL
  if (/[\x00-\x1f\x7f-\x9f]/.test(url)) return undefined;
  try {
    return new URL(url).protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** `[text](url)` when the URL is a safe https link, else the text alone; the text is always escaped. */
export function markdownLink(text: string, url: string): string {
  const safe = safeHttpsUrl(url);
  return safe ? `[${escapeMarkdown(text)}](${safe})` : escapeMarkdown(text);
}

/**
 * SARIF plain-text messages (`message.text`, `shortDescription.text`…): one logical text with
 * control characters escaped, and `[`, `]`, `\` escaped because SARIF reads `[text](n)` in a
 * plain-text message as an embedded link.
 */
export function sarifText(text: string): string {
  return escapeControl(text.replace(/[\\[\]]/g, '\\$&'));
}

/** A `#### Diagnosis` block for a step summary: one escaped line each, kept as lines with `<br>`. */
export function markdownDiagnosis(lines: readonly string[]): string[] {
  if (lines.length === 0) return [];
  return ['#### Diagnosis', '', ...lines.map((line) => `${escapeMarkdown(line.trimStart())}<br>`), ''];
}
