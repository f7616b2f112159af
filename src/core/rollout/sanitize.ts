/** API content (pod messages, events, logs) is untrusted: control characters escaped, lengths capped. */

/** C0 controls except tab, DEL, C1 controls, and the bidi/line-separator marks that reorder or split what is shown. */
function isUnsafe(code: number): boolean {
  return (
    (code < 0x20 && code !== 0x09) ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** One line of text: control characters (newlines included) as `\xNN`/`\uNNNN`, at most `max` characters. */
export function sanitizeLine(text: unknown, max = 300): string {
  let s = '';
  for (const c of String(text ?? '')) {
    const code = c.charCodeAt(0);
    if (!isUnsafe(code)) s += c;
    else s += code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
    if (s.length > max) return `${s.slice(0, max)}…`;
  }
  return s;
}

/** The last `lines` lines of a log, each sanitised. */
export function tailLines(text: string, lines: number, maxLine = 200): string[] {
  const all = text.replace(/\r?\n$/, '').split(/\r?\n/);
  return (all.length === 1 && all[0] === '' ? [] : all.slice(-lines)).map((l) => sanitizeLine(l, maxLine));
}

/** Markdown-escapes text for the step summary (and neutralises HTML). */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>&~]/g, (c) => {
    if (c === '<') return '&lt;';
    if (c === '>') return '&gt;';
    if (c === '&') return '&amp;';
    return `\\${c}`;
  });
}
