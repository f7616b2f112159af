/**
 * A compose `.env` file read and edited line by line: one assignment's value is rewritten in place (its quoting,
 * `export ` prefix and trailing comment kept), or a line is added. Every other byte stays as it was.
 */

interface Assignment {
  key: string;
  value: string;
  /** Offsets of the value token in the file (quotes included). */
  start: number;
  end: number;
  quote: '' | "'" | '"';
}

const assignRe = /^([ \t]*(?:export[ \t]+)?)([A-Za-z_][A-Za-z0-9_.-]*)([ \t]*=[ \t]*)/;

function unescapeDouble(text: string): string {
  return text.replace(/\\(.)/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
}

function assignments(text: string): Assignment[] {
  const found: Assignment[] = [];
  let offset = 0;
  for (const rawLine of text.split('\n')) {
    const line = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
    const m = assignRe.exec(line);
    if (m?.[2]) {
      const valueStart = offset + m[0].length;
      const rest = line.slice(m[0].length);
      const q = rest[0];
      if (q === '"' || q === "'") {
        // The closing quote on the same line (multi-line values are left alone: never ours to edit).
        let close = -1;
        for (let i = 1; i < rest.length; i++) {
          if (q === '"' && rest[i] === '\\') {
            i++;
            continue;
          }
          if (rest[i] === q) {
            close = i;
            break;
          }
        }
        if (close > 0) {
          const inner = rest.slice(1, close);
          found.push({
            key: m[2],
            value: q === '"' ? unescapeDouble(inner) : inner,
            start: valueStart,
            end: valueStart + close + 1,
            quote: q,
          });
        }
      } else {
        // Unquoted: up to an inline comment (` #`) or the end of the line, trailing blanks trimmed.
        const comment = rest.search(/[ \t]#/);
        const raw = (comment >= 0 ? rest.slice(0, comment) : rest).replace(/[ \t]+$/, '');
        found.push({ key: m[2], value: raw, start: valueStart, end: valueStart + raw.length, quote: '' });
      }
    }
    offset += rawLine.length + 1;
  }
  return found;
}

/** The variables a `.env` sets (the last assignment of a key wins, as in compose). */
export function parseDotenv(text: string): Map<string, string> {
  const env = new Map<string, string>();
  for (const a of assignments(text)) env.set(a.key, a.value);
  return env;
}

const plainValueRe = /^[A-Za-z0-9_.:@/+-]+$/;

/** `text` with `key` set to `value`: the last assignment edited, or a line `KEY=value` appended. */
export function setDotenv(text: string, key: string, value: string): string {
  if (!plainValueRe.test(value)) throw new Error(`refusing to write '${key}' with a value that needs quoting`);
  const last = assignments(text)
    .filter((a) => a.key === key)
    .pop();
  if (last) {
    const token = last.quote ? `${last.quote}${value}${last.quote}` : value;
    return text.slice(0, last.start) + token + text.slice(last.end);
  }
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const sep = text === '' || text.endsWith('\n') ? '' : eol;
  return `${text}${sep}${key}=${value}${eol}`;
}
