/**
 * A parsed YAML file that can be edited without re-serialising it: rules look at the AST and
 * record splices (start, end, replacement) against the original text, applied at the end.
 */
import {
  type Document,
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parse,
  parseAllDocuments,
  type Scalar,
  visit,
  type YAMLMap,
} from 'yaml';
import { FileError } from '../errors';
import type { ImageTarget, SourceFile, TargetKind } from './types';

/** Alias dereferences allowed per file while walking: a billion-laughs document hits this fast. */
export const MAX_ALIAS_DEREFS = 10_000;

interface Splice {
  start: number;
  end: number;
  text: string;
}

export class YamlSource {
  readonly path: string;
  readonly text: string;
  readonly eol: '\n' | '\r\n';
  readonly docs: Document.Parsed[];
  readonly targets: ImageTarget[] = [];
  private readonly lines = new LineCounter();
  private readonly splices: Splice[] = [];
  /** Start offsets of scalars a rule already handled (aliases reach the same node twice). */
  private readonly claimed = new Set<number>();
  private readonly anchors = new Map<Document, Map<string, Node[]>>();
  private derefs = 0;
  private doc: Document.Parsed | undefined;

  constructor(file: SourceFile) {
    this.path = file.path;
    this.text = file.text;
    this.eol = file.text.includes('\r\n') ? '\r\n' : '\n';
    const parsed = parseAllDocuments(file.text, { lineCounter: this.lines, prettyErrors: true });
    this.docs = Array.isArray(parsed) ? parsed : [];
    for (const doc of this.docs) {
      const err = doc.errors[0];
      if (err) {
        const detail = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? err.code;
        throw new FileError(this.path, err.linePos?.[0].line, `YAML syntax error: ${detail}`);
      }
    }
  }

  /** Sets the document that aliases are resolved against. */
  use(doc: Document.Parsed): void {
    this.doc = doc;
  }

  line(offset: number): number {
    return this.lines.linePos(offset).line;
  }

  /** Column (0-based) of an offset; a leading byte-order mark takes no column. */
  column(offset: number): number {
    let lineStart = this.text.lastIndexOf('\n', offset - 1) + 1;
    if (lineStart === 0 && this.text.startsWith('\uFEFF')) lineStart = 1;
    return offset - lineStart;
  }

  /** Follows an alias to its anchored node, counting dereferences against the alias budget. */
  resolve(node: unknown): Node | undefined {
    if (!isAlias(node)) return isScalar(node) || isMap(node) || isSeq(node) ? node : undefined;
    if (++this.derefs > MAX_ALIAS_DEREFS) {
      throw new FileError(
        this.path,
        this.line(node.range?.[0] ?? 0),
        `too many alias dereferences (more than ${MAX_ALIAS_DEREFS}); refusing to expand YAML aliases (alias bomb?)`,
      );
    }
    const candidates = this.anchorsOf().get(node.source) ?? [];
    const at = node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    // An anchor may be redefined: an alias refers to the latest definition before it.
    let found: Node | undefined;
    for (const c of candidates) if ((c.range?.[0] ?? 0) < at) found = c;
    return found && !isAlias(found) ? found : undefined;
  }

  private anchorsOf(): Map<string, Node[]> {
    const doc = this.doc;
    if (!doc) return new Map();
    let map = this.anchors.get(doc);
    if (!map) {
      const m = new Map<string, Node[]>();
      visit(doc, {
        Node(_, node) {
          if (!node.anchor) return;
          const list = m.get(node.anchor);
          if (list) list.push(node);
          else m.set(node.anchor, [node]);
        },
      });
      map = m;
      this.anchors.set(doc, map);
    }
    return map;
  }

  /** The pair of `map` whose key is the string `key`. */
  pair(map: YAMLMap, key: string): Pair | undefined {
    for (const pair of map.items) {
      const k = this.resolve(pair.key);
      if (isScalar(k) && String(k.value) === key) return pair;
    }
    return undefined;
  }

  /** The (alias-resolved) value at `key`, when `node` is a mapping. */
  get(node: unknown, key: string): Node | undefined {
    return isMap(node) ? this.resolve(this.pair(node, key)?.value) : undefined;
  }

  /** The text of a scalar as a string (`1.10` stays `1.10`; null is ''); undefined for collections. */
  str(node: unknown): string | undefined {
    if (!isScalar(node)) return undefined;
    if (typeof node.value === 'string') return node.value;
    if (node.value === null || node.value === undefined) return '';
    return node.source ?? String(node.value);
  }

  /** A non-empty string scalar (an image reference candidate). */
  stringValue(node: unknown): string | undefined {
    return isScalar(node) && typeof node.value === 'string' && node.value !== '' ? node.value : undefined;
  }

  /** Marks a scalar as handled by a rule; false when a rule already handled it. */
  claim(node: Node | undefined): boolean {
    const start = node?.range?.[0];
    if (start === undefined || this.claimed.has(start)) return false;
    this.claimed.add(start);
    return true;
  }

  isClaimed(node: Node): boolean {
    return this.claimed.has(node.range?.[0] ?? -1);
  }

  target(kind: TargetKind, line: number, previous: string, next: string): void {
    this.targets.push({ kind, line, previous, next });
  }

  /** True when the scalar's text can be rewritten in place (block scalars cannot). */
  editable(node: Node | undefined): node is Scalar {
    return isScalar(node) && node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED' && !!node.range;
  }

  /** Rewrites a scalar to `value`, keeping its quoting style when it reads back as the same string. */
  setScalar(node: Scalar, value: string): void {
    if (this.str(node) === value || !node.range) return;
    const [start, end] = node.range;
    let text: string;
    if (node.type === 'QUOTE_DOUBLE') text = JSON.stringify(value);
    else if (node.type === 'QUOTE_SINGLE') text = `'${value.replaceAll("'", "''")}'`;
    else text = renderValue(value);
    // An empty value (`tag:`) sits right after the colon: keep a space before the new text.
    if (start === end && this.text[start - 1] === ':') text = ` ${text}`;
    this.splice(start, end, text);
  }

  splice(start: number, end: number, text: string): void {
    this.splices.push({ start, end, text });
  }

  /** Offset of the last non-whitespace character before `offset` (plus one). */
  trimEnd(offset: number): number {
    let i = offset;
    while (i > 0 && /\s/.test(this.text[i - 1] as string)) i--;
    return i;
  }

  /** Inserts whole lines after the line holding `offset`, keeping the file's EOL and final-newline state. */
  insertLinesAfter(offset: number, lines: string[]): void {
    const nl = this.text.indexOf('\n', offset);
    if (nl >= 0) this.splice(nl + 1, nl + 1, lines.map((l) => l + this.eol).join(''));
    else this.splice(this.text.length, this.text.length, lines.map((l) => this.eol + l).join(''));
  }

  /** The text with all recorded splices applied. */
  result(): string {
    if (this.splices.length === 0) return this.text;
    const sorted = [...this.splices].sort((a, b) => a.start - b.start || a.end - b.end);
    let out = '';
    let pos = 0;
    for (const s of sorted) {
      if (s.start < pos) continue; // overlapping splice: the first one wins
      out += this.text.slice(pos, s.start) + s.text;
      pos = s.end;
    }
    return out + this.text.slice(pos);
  }
}

/** `value` as a YAML scalar: plain when it reads back as the same string, else double-quoted. */
export function renderValue(value: string): string {
  return plainSafe(value) ? value : JSON.stringify(value);
}

/** Plain is safe when the text reads back as this string under both YAML 1.2 and 1.1 (`on`, `1_0`). */
function plainSafe(value: string): boolean {
  if (!/^[\w][\w./@:+=~-]*$/.test(value) || value.endsWith(':')) return false;
  try {
    return parse(value) === value && parse(value, { version: '1.1' }) === value;
  } catch {
    return false;
  }
}
