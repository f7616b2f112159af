/**
 * A parsed YAML file that can be edited without re-serialising it: rules look at the AST and
 * record splices (start, end, replacement) against the original text, applied at the end.
 */
import {
  type Alias,
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

/** A scalar the rules want to change: `site` is where it was reached (the scalar, or an alias of it). */
interface Write {
  site: Scalar | Alias;
  target: Scalar;
  value: string;
}

/** Where a rule reads or writes a scalar: the scalar itself, or an alias that stands for it. */
export type ScalarSite = Scalar | Alias;

export class YamlSource {
  readonly path: string;
  readonly text: string;
  readonly eol: '\n' | '\r\n';
  readonly docs: Document.Parsed[];
  readonly targets: ImageTarget[] = [];
  /** Places that refer to the image but cannot take this update, as `path:line: why`. */
  readonly misses: string[] = [];
  private readonly lines = new LineCounter();
  private readonly splices: Splice[] = [];
  private readonly writes: Write[] = [];
  /** Start offsets of scalars a rule already handled (aliases reach the same node twice). */
  private readonly claimed = new Set<number>();
  private readonly anchors = new Map<Document, Map<string, Node[]>>();
  private readonly aliasIndex = new Map<Document, Map<Scalar, Alias[]>>();
  private derefs = 0;
  private doc: Document.Parsed | undefined;

  constructor(file: SourceFile) {
    this.path = file.path;
    this.text = file.text;
    this.eol = file.text.includes('\r\n') ? '\r\n' : '\n';
    // Duplicate keys are checked below in one pass: the parser's own check is quadratic in a map's size.
    const parsed = parseAllDocuments(file.text, { lineCounter: this.lines, prettyErrors: true, uniqueKeys: false });
    this.docs = Array.isArray(parsed) ? parsed : [];
    for (const doc of this.docs) {
      const err = doc.errors[0];
      if (err) {
        const detail = err.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '') ?? err.code;
        throw new FileError(this.path, err.linePos?.[0].line, `YAML syntax error: ${detail}`);
      }
      this.checkUniqueKeys(doc);
    }
  }

  private checkUniqueKeys(doc: Document.Parsed): void {
    visit(doc, {
      Map: (_, map) => {
        const seen = new Set<unknown>();
        for (const pair of map.items) {
          if (!isScalar(pair.key)) continue;
          if (seen.has(pair.key.value)) {
            const line = this.line(pair.key.range?.[0] ?? 0);
            throw new FileError(this.path, line, 'YAML syntax error: Map keys must be unique');
          }
          seen.add(pair.key.value);
        }
      },
    });
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

  /**
   * Like resolve, but an alias of a scalar is returned as is: writing through it must change
   * only this place, not every other alias of the anchor.
   */
  site(node: unknown): Node | undefined {
    const resolved = this.resolve(node);
    return isAlias(node) && isScalar(resolved) ? node : resolved;
  }

  /** The scalar behind a site (no dereference budget: one lookup, no expansion). */
  private scalarOf(node: unknown): Scalar | undefined {
    if (isScalar(node)) return node;
    if (!isAlias(node)) return undefined;
    const candidates = this.anchorsOf().get(node.source) ?? [];
    const at = node.range?.[0] ?? Number.MAX_SAFE_INTEGER;
    let found: Node | undefined;
    for (const c of candidates) if ((c.range?.[0] ?? 0) < at) found = c;
    return isScalar(found) ? found : undefined;
  }

  /** Aliases (in text order) that refer to this anchored scalar. */
  aliasesOf(target: Scalar): Alias[] {
    const doc = this.doc;
    if (!target.anchor || !doc) return [];
    let index = this.aliasIndex.get(doc);
    if (!index) {
      const built = new Map<Scalar, Alias[]>();
      visit(doc, {
        Alias: (_, alias) => {
          const scalar = this.scalarOf(alias);
          if (!scalar) return;
          const list = built.get(scalar);
          if (list) list.push(alias);
          else built.set(scalar, [alias]);
        },
      });
      index = built;
      this.aliasIndex.set(doc, index);
    }
    return index.get(target) ?? [];
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

  /** The value at `key`, when `node` is a mapping: collections resolved, scalars as a site (see site()). */
  get(node: unknown, key: string): Node | undefined {
    return isMap(node) ? this.site(this.pair(node, key)?.value) : undefined;
  }

  /** The text of a scalar as a string (`1.10` stays `1.10`; null is ''); undefined for collections. */
  str(site: unknown): string | undefined {
    const node = this.scalarOf(site);
    if (!node) return undefined;
    if (typeof node.value === 'string') return node.value;
    if (node.value === null || node.value === undefined) return '';
    return node.source ?? String(node.value);
  }

  /** A non-empty string scalar (an image reference candidate). */
  stringValue(site: unknown): string | undefined {
    const node = this.scalarOf(site);
    return node && typeof node.value === 'string' && node.value !== '' ? node.value : undefined;
  }

  /** Marks a scalar (site) as handled by a rule; false when a rule already handled it. */
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

  miss(line: number, why: string): void {
    this.misses.push(`${this.path}:${line}: ${why}`);
  }

  /** True when the scalar's text can be rewritten in place (block scalars cannot). */
  editable(site: Node | undefined): site is ScalarSite {
    const node = this.scalarOf(site);
    return !!node && node.type !== 'BLOCK_LITERAL' && node.type !== 'BLOCK_FOLDED' && !!node.range && !!site?.range;
  }

  /** True when other places alias this scalar (so removing its line would break them). */
  aliased(site: Node | undefined): boolean {
    return isScalar(site) && !!site.anchor && this.aliasesOf(site).length > 0;
  }

  /**
   * Sets a scalar to `value` at this site only. Applied in result(): an alias site becomes a
   * literal; an anchored scalar that others alias is rewritten and its anchor, with the old
   * value, moves to the first alias that keeps it, so nothing else changes.
   */
  setScalar(site: ScalarSite, value: string): void {
    const target = this.scalarOf(site);
    if (!target || this.str(target) === value) return;
    this.writes.push({ site, target, value });
  }

  /** Rewrites the scalar's own text, keeping its quoting style when it reads back as the same string. */
  private rewrite(node: Scalar, value: string): void {
    if (this.str(node) === value || !node.range) return;
    const [start, end] = node.range;
    let text: string;
    if (node.type === 'QUOTE_DOUBLE') text = JSON.stringify(value);
    else if (node.type === 'QUOTE_SINGLE') text = `'${value.replaceAll("'", "''")}'`;
    else text = renderValue(value);
    // An empty value (`tag:`) sits right after the colon: keep a space before the new text.
    if (start === end && this.text[start - 1] === ':') text = ` ${text}`;
    this.splices.push({ start, end, text });
  }

  private applyWrites(): void {
    const byTarget = new Map<Scalar, Write[]>();
    for (const w of this.writes) {
      const list = byTarget.get(w.target);
      if (list) list.push(w);
      else byTarget.set(w.target, [w]);
    }
    for (const [target, writes] of byTarget) {
      if (!target.anchor) {
        this.rewrite(target, (writes[writes.length - 1] as Write).value);
        continue;
      }
      const docOf = this.docs.find((d) => this.contains(d, target));
      if (docOf) this.use(docOf);
      const aliases = this.aliasesOf(target);
      const sites: ScalarSite[] = [target, ...aliases];
      const old = this.str(target) ?? '';
      const wanted = (site: ScalarSite) => {
        let value = old;
        for (const w of writes) if (w.site === site) value = w.value;
        return value;
      };
      const values = new Set(sites.map(wanted));
      if (values.size === 1) {
        this.rewrite(target, wanted(target)); // every user of the anchor wants the same value
        continue;
      }
      const keeper = sites.find((s) => wanted(s) === old);
      if (keeper !== target) this.moveAnchor(target, keeper as Alias | undefined, wanted(target));
      const keeperAt = keeper?.range?.[0] ?? Number.MAX_SAFE_INTEGER;
      for (const alias of aliases) {
        if (alias === keeper) continue;
        const value = wanted(alias);
        // Unchanged aliases before the anchor's new place cannot refer to it any more.
        if (value !== old) this.literal(alias, renderValue(value));
        else if ((alias.range?.[0] ?? 0) < keeperAt) this.literal(alias, this.sourceOf(target));
      }
    }
  }

  private contains(doc: Document.Parsed, node: Node): boolean {
    const [s, e] = doc.range;
    const at = node.range?.[0] ?? -1;
    return at >= s && at <= e;
  }

  /** `&a value` → `value` at the anchor (rewritten), `*a` → `&a old` at `keeper`. */
  private moveAnchor(target: Scalar, keeper: Alias | undefined, value: string): void {
    const start = target.range?.[0] ?? 0;
    const at = this.text.lastIndexOf(`&${target.anchor}`, start);
    const between = at >= 0 ? this.text.slice(at + 1 + (target.anchor?.length ?? 0), start) : '';
    if (at < 0 || !/^(?:[ \t]+!\S*)?[ \t]*$/.test(between)) {
      throw new FileError(this.path, this.line(start), `cannot locate the anchor &${target.anchor} to move it`);
    }
    const old = this.sourceOf(target);
    this.splice(at, start, between.trimStart());
    this.rewrite(target, value);
    if (keeper) this.literal(keeper, `&${target.anchor} ${old}`);
  }

  /** The scalar's text as written (tag included), when it fits on one line: it will be copied. */
  private sourceOf(target: Scalar): string {
    const [start, end] = target.range ?? [0, 0];
    const text = this.text.slice(start, end);
    if (/[\r\n]/.test(text) || start === end) {
      throw new FileError(
        this.path,
        this.line(start),
        `the value of anchor &${target.anchor} is shared with other entries and spans several lines or is empty; ` +
          'it cannot be split without rewriting the file: replace the aliases with literal values',
      );
    }
    const at = this.text.lastIndexOf(`&${target.anchor}`, start);
    const tag = /^[ \t]+(!\S*)[ \t]+$/.exec(this.text.slice(at + 1 + (target.anchor?.length ?? 0), start));
    return tag ? `${tag[1]} ${text}` : text;
  }

  private literal(alias: Alias, text: string): void {
    const [start, end] = alias.range ?? [0, 0];
    this.splice(start, end, text);
  }

  /** Any edit beyond rewriting a scalar in place (lines added or removed, anchors moved). */
  structural = false;

  splice(start: number, end: number, text: string): void {
    this.structural = true;
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
    this.applyWrites();
    this.writes.length = 0;
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
