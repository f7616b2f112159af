/**
 * Log-safe text. Repository files, scanner reports, tool output and server responses may carry
 * control characters: a lone CR lets the GitHub runner start a new line (and so a workflow
 * command) in the middle of ours; ESC sequences let a GitLab log hide, overwrite or fake lines
 * (`section_start` markers). Everything we print goes through `escapeControl` first.
 */

const NAMED: Record<string, string> = { '\r': '\\r', '\b': '\\b', '\f': '\\f', '\v': '\\v', '\0': '\\0' };

// C0 except TAB and LF, DEL, C1 (which includes NEL, U+0085), and the Unicode line/paragraph separators.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]/g;

function visible(c: string): string {
  const named = NAMED[c];
  if (named) return named;
  const code = c.charCodeAt(0);
  return code > 0xff ? `\\u${code.toString(16).padStart(4, '0')}` : `\\x${code.toString(16).padStart(2, '0')}`;
}

/**
 * Shows every control character as a visible escape (`\r`, `\x1b`, `\x85`, `\u2028`), keeping
 * LF (the line breaks we split on) and TAB. A CR directly before LF is a Windows line end, not
 * an overwrite, so `\r\n` becomes `\n`.
 */
export function escapeControl(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(CONTROL, visible);
}

/** `escapeControl` for one line: LF is escaped too (`\n`). */
export function escapeControlLine(text: string): string {
  return escapeControl(text).replace(/\n/g, '\\n');
}

/**
 * A short, log-safe excerpt of an untrusted token for an error message: control characters
 * escaped, at most `max` characters. Never use it on a file that is not the kind we expected.
 */
export function excerpt(text: string, max = 40): string {
  const line = escapeControlLine(text);
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/**
 * Lines the GitHub runner would read as a workflow command: `::name …::` at the start of a
 * line (leading whitespace ignored), or the legacy `##[name …]` anywhere in it.
 */
const COMMAND_START = /^(\s*):/;
const LEGACY_COMMAND = /##\[/g;

/**
 * Neutralises workflow commands in text we did not write (one log line, already split on LF):
 * the first `:` of a leading `::` becomes `\x3a` and `##[` becomes `#\x23[`, so the runner
 * shows the line instead of executing it, and a reader still sees what was there.
 */
export function neutraliseWorkflowCommand(line: string): string {
  const out = /^\s*::/.test(line) ? line.replace(COMMAND_START, '$1\\x3a') : line;
  return out.replace(LEGACY_COMMAND, '#\\x23[');
}
