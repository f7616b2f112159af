/**
 * API content (pod messages, events, logs) is untrusted: control characters escaped (core/text/control), the bidi
 * controls that would reorder what is shown escaped too, lengths capped.
 */
import { escapeControlLine } from '../text/control';

const isBidiControl = (code: number) => (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);

/** One line of text: control characters (newlines included) shown as escapes, at most `max` characters. */
export function sanitizeLine(text: unknown, max = 300): string {
  let s = '';
  for (const c of escapeControlLine(String(text ?? ''))) {
    const code = c.charCodeAt(0);
    s += isBidiControl(code) ? `\\u${code.toString(16).padStart(4, '0')}` : c;
    if (s.length > max) return `${s.slice(0, max)}…`;
  }
  return s;
}

/** The last `lines` lines of a log, each sanitised. */
export function tailLines(text: string, lines: number, maxLine = 200): string[] {
  const all = text.replace(/\r?\n$/, '').split(/\r?\n/);
  return (all.length === 1 && all[0] === '' ? [] : all.slice(-lines)).map((l) => sanitizeLine(l, maxLine));
}
