import { isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import { CdpackError } from '../errors';
import { excerpt } from '../text/control';

/** One allowlist entry: a vulnerability (optionally only in one package) accepted for a reason. */
export interface AllowEntry {
  id: string;
  package?: string;
  reason: string;
  /** Last day (inclusive, UTC) the entry suppresses, `YYYY-MM-DD`; none means no expiry. */
  expires?: string;
  /** 1-based line of the entry in the ignore file. */
  line: number;
}

/** A problem in the ignore file, with the line it is on. */
export class IgnoreFileError extends CdpackError {
  override name = 'IgnoreFileError';
  constructor(
    readonly line: number | undefined,
    detail: string,
  ) {
    super(`${line ? `line ${line}: ` : ''}${detail}`);
  }
}

const KEYS = new Set(['id', 'package', 'reason', 'expires']);
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Parses an ignore file: a YAML list of `{id, package?, reason, expires?}` or a plain
 * `.trivyignore` (one id per line, optional `exp:YYYY-MM-DD`, the `#` comment lines just above
 * an id are its reason). Returns the entries and warnings (e.g. plain entries without a reason).
 */
export function parseIgnoreFile(text: string): { entries: AllowEntry[]; warnings: string[] } {
  const firstLine = text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('#')) ?? '';
  return /^\s*-(\s|$)/.test(firstLine) ? parseYamlList(text) : parsePlain(text);
}

function parseYamlList(text: string): { entries: AllowEntry[]; warnings: string[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? undefined : lineCounter.linePos(offset).line);
  const firstError = doc.errors[0];
  if (firstError) {
    throw new IgnoreFileError(lineOf(firstError.pos[0]), `invalid YAML: ${excerpt(firstError.message, 120)}`);
  }
  if (!isSeq(doc.contents)) {
    throw new IgnoreFileError(undefined, 'expected a YAML list of {id, package?, reason, expires?} entries');
  }
  const entries: AllowEntry[] = [];
  for (const item of doc.contents.items) {
    const line = lineOf(isMap(item) || isScalar(item) ? item.range?.[0] : undefined) ?? 0;
    if (!isMap(item)) throw new IgnoreFileError(line, 'each entry must be a mapping with id and reason');
    const fields: Record<string, unknown> = {};
    for (const pair of item.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      if (!KEYS.has(key)) {
        throw new IgnoreFileError(line, `unknown key '${excerpt(key)}' (known: id, package, reason, expires)`);
      }
      fields[key] = isScalar(pair.value) ? pair.value.value : pair.value;
    }
    const id = text1(fields.id);
    if (!id) throw new IgnoreFileError(line, 'entry has no id');
    const reason = text1(fields.reason);
    if (!reason) throw new IgnoreFileError(line, `entry ${excerpt(id)} has no reason: say why it is accepted`);
    const pkg = fields.package === undefined || fields.package === null ? undefined : text1(fields.package);
    if (pkg === '') throw new IgnoreFileError(line, `entry ${excerpt(id)}: package must be a package name`);
    const expires = parseExpires(fields.expires, line, id);
    entries.push({ id, ...(pkg ? { package: pkg } : {}), reason, ...(expires ? { expires } : {}), line });
  }
  return { entries, warnings: [] };
}

function text1(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  return '';
}

function parseExpires(value: unknown, line: number, id: string): string | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const v = value instanceof Date ? value.toISOString().slice(0, 10) : String(value).trim();
  if (
    !DATE.test(v) ||
    Number.isNaN(Date.parse(`${v}T00:00:00Z`)) ||
    new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v
  ) {
    throw new IgnoreFileError(line, `entry ${excerpt(id)}: expires '${excerpt(v, 20)}' is not a date (YYYY-MM-DD)`);
  }
  return v;
}

function parsePlain(text: string): { entries: AllowEntry[]; warnings: string[] } {
  const entries: AllowEntry[] = [];
  const warnings: string[] = [];
  let comment: string[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '') {
      comment = [];
      return;
    }
    if (trimmed.startsWith('#')) {
      comment.push(trimmed.replace(/^#+\s*/, ''));
      return;
    }
    const m = /^([A-Za-z0-9][\w.:/-]*)(?:\s+exp:(\S+))?\s*$/.exec(trimmed);
    if (!m?.[1]) {
      // Before the first entry, this may be any file at all (a symlink, a wrong path): quote none of it.
      const what = entries.length ? `'${excerpt(trimmed)}' is` : 'this is';
      throw new IgnoreFileError(
        line,
        `${what} not a vulnerability id (optionally followed by exp:YYYY-MM-DD)${entries.length ? '' : '; is this an ignore file?'}`,
      );
    }
    const expires = m[2] ? parseExpires(m[2], line, m[1]) : undefined;
    const reason = comment.filter(Boolean).join(' ');
    if (!reason) warnings.push(`line ${line}: ${m[1]} has no reason (add a # comment line above it)`);
    entries.push({ id: m[1], reason: reason || '(no reason given)', ...(expires ? { expires } : {}), line });
    comment = [];
  });
  return { entries, warnings };
}
