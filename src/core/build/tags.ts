import { InputError } from '../errors';
import { isValidTag } from '../image/reference';
import type { Log } from '../log';
import { parseSemver, type SemVer, versionString } from './semver';

export type TagRuleType = 'plain' | 'sha' | 'short-sha' | 'branch' | 'semver' | 'pr' | 'raw';

export interface TagRule {
  type: TagRuleType;
  /** The rule as written, for messages. */
  text: string;
  /** plain and raw: the tag itself. */
  value?: string;
  /** short-sha: characters kept (default 7). */
  length?: number;
  /** semver: a template of {{version}}, {{major}}, {{minor}}, {{patch}}, {{raw}}. */
  pattern?: string;
  prefix: string;
  suffix: string;
}

/** What tag rules are evaluated against. */
export interface TagContext {
  commit: string;
  branch: string | undefined;
  gitTag: string | undefined;
  pullRequest: number | undefined;
}

export interface TagResult {
  /** Tags in order, no duplicates; the full commit SHA first. */
  tags: string[];
  /** The semantic version being released, when the build is for a semver git tag. */
  version: string | undefined;
}

const attributes: Record<Exclude<TagRuleType, 'plain'>, string[]> = {
  sha: [],
  'short-sha': ['length'],
  branch: [],
  semver: ['pattern'],
  pr: [],
  raw: ['value'],
};
const placeholderRe = /\{\{\s*([a-z]+)\s*\}\}/g;
const placeholders = ['version', 'major', 'minor', 'patch', 'raw'];

/**
 * The `tags` input: one entry per line; a line starting with `type=` is one rule (its commas
 * separate attributes), any other line may hold several comma-separated plain tags.
 */
export function parseTagRules(text: string): TagRule[] {
  const rules: TagRule[] = [];
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('type=')) rules.push(parseRule(line));
    else {
      for (const tag of line.split(',').map((t) => t.trim())) {
        if (tag !== '') rules.push({ type: 'plain', text: tag, value: tag, prefix: '', suffix: '' });
      }
    }
  }
  return rules;
}

function parseRule(text: string): TagRule {
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    const key = (eq < 0 ? part : part.slice(0, eq)).trim();
    if (eq < 0 || key === '') throw new InputError('tags', `'${text}': expected key=value pairs, got '${part}'`);
    if (fields.has(key)) throw new InputError('tags', `'${text}': '${key}' given twice`);
    fields.set(key, part.slice(eq + 1).trim());
  }
  const type = fields.get('type') as string;
  if (!(type in attributes)) {
    throw new InputError(
      'tags',
      `'${text}': unknown type '${type}'; expected one of ${Object.keys(attributes).join(', ')}`,
    );
  }
  const allowed = ['type', 'prefix', 'suffix', ...attributes[type as keyof typeof attributes]];
  for (const key of fields.keys()) {
    if (!allowed.includes(key)) {
      throw new InputError('tags', `'${text}': type=${type} takes ${allowed.slice(1).join(', ')}, not '${key}'`);
    }
  }
  const rule: TagRule = {
    type: type as TagRuleType,
    text,
    prefix: fields.get('prefix') ?? '',
    suffix: fields.get('suffix') ?? '',
  };
  if (type === 'raw') {
    rule.value = fields.get('value') ?? '';
    if (rule.value === '') throw new InputError('tags', `'${text}': type=raw needs value=<tag>`);
  }
  if (type === 'short-sha') {
    const length = fields.get('length') ?? '7';
    if (!/^\d+$/.test(length) || Number(length) < 4 || Number(length) > 39) {
      throw new InputError('tags', `'${text}': length must be a whole number from 4 to 39, got '${length}'`);
    }
    rule.length = Number(length);
  }
  if (type === 'semver' && fields.has('pattern')) {
    const pattern = fields.get('pattern') as string;
    const names = [...pattern.matchAll(placeholderRe)].map((m) => m[1] as string);
    const unknown = names.find((n) => !placeholders.includes(n));
    if (names.length === 0 || unknown) {
      throw new InputError(
        'tags',
        `'${text}': pattern needs placeholders among ${placeholders.map((p) => `{{${p}}}`).join(', ')}${unknown ? `, not {{${unknown}}}` : ''}`,
      );
    }
    rule.pattern = pattern;
  }
  return rule;
}

/** A branch name in tag grammar: other characters become `-`, no leading `.` or `-`, at most `max`. */
export function sanitizeTag(name: string, max = 128): string {
  return name
    .replace(/[^A-Za-z0-9_.-]/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, max);
}

/**
 * Evaluates the rules. The full commit SHA tag always comes first. Rules that do not apply
 * (type=branch on a tag build, …) produce nothing and say so; every produced tag is checked
 * against the OCI tag grammar, so a bad one fails before anything is built.
 */
export function computeTags(rules: TagRule[], ctx: TagContext, log: Log): TagResult {
  const tags = [ctx.commit];
  const semver = ctx.gitTag ? parseSemver(ctx.gitTag) : undefined;
  const add = (rule: TagRule, tag: string, derived: boolean) => {
    const full = `${rule.prefix}${tag}${rule.suffix}`;
    if (derived && full === 'latest') {
      log.warn(`tags: '${rule.text}' would produce 'latest', which is only pushed when listed explicitly; skipped`);
      return;
    }
    if (!isValidTag(full)) {
      throw new InputError(
        'tags',
        `'${rule.text}' gives '${full}', not a valid tag (1-128 of [A-Za-z0-9_.-], not starting with '.' or '-')`,
      );
    }
    if (!tags.includes(full)) tags.push(full);
  };
  const skip = (rule: TagRule, why: string) => log.info(`tags: '${rule.text}' skipped: ${why}`);

  for (const rule of rules) {
    switch (rule.type) {
      case 'plain':
      case 'raw':
        add(rule, rule.value as string, false);
        break;
      case 'sha':
        add(rule, ctx.commit, false);
        break;
      case 'short-sha':
        add(rule, ctx.commit.slice(0, rule.length ?? 7), false);
        break;
      case 'branch': {
        if (!ctx.branch) {
          skip(rule, 'not a branch build');
          break;
        }
        const room = 128 - rule.prefix.length - rule.suffix.length;
        const tag = sanitizeTag(ctx.branch, Math.max(room, 1));
        if (tag === '') skip(rule, `branch '${ctx.branch}' has no character usable in a tag`);
        else add(rule, tag, true);
        break;
      }
      case 'pr':
        if (ctx.pullRequest === undefined) skip(rule, 'not a pull/merge request build');
        else add(rule, `pr-${ctx.pullRequest}`, true);
        break;
      case 'semver':
        if (!ctx.gitTag) skip(rule, 'not a git tag build');
        else if (!semver) skip(rule, `git tag '${ctx.gitTag}' is not a semantic version (v1.2.3)`);
        else for (const tag of semverTags(semver, rule.pattern)) add(rule, tag, true);
        break;
    }
  }
  return { tags, version: semver ? versionString(semver) : undefined };
}

/**
 * Without a pattern: `1.2.3`, plus `1.2` and `1` for a release (not a pre-release, and no bare
 * `0` for 0.x). A pattern that drops the pre-release part gives nothing for pre-releases, so an
 * `-rc` never moves a `1.2` tag.
 */
function semverTags(v: SemVer, pattern: string | undefined): string[] {
  if (!pattern) {
    if (v.prerelease) return [versionString(v)];
    return [versionString(v), `${v.major}.${v.minor}`, ...(v.major > 0 ? [String(v.major)] : [])];
  }
  const names = [...pattern.matchAll(placeholderRe)].map((m) => m[1]);
  if (v.prerelease && !names.includes('version') && !names.includes('raw')) return [];
  if (v.major === 0 && names.every((n) => n === 'major')) return [];
  const values: Record<string, string> = {
    version: versionString(v),
    major: String(v.major),
    minor: String(v.minor),
    patch: String(v.patch),
    raw: v.raw,
  };
  return [pattern.replace(placeholderRe, (_, name: string) => values[name] as string)];
}
