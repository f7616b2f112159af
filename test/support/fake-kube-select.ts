/**
 * Label and field selectors as the API server parses them from `labelSelector` / `fieldSelector`.
 * Labels: `a=b`, `a==b`, `a!=b`, `a in (x,y)`, `a notin (x,y)`, `a`, `!a`. Fields: `path=value`,
 * `path==value`, `path!=value` on dotted paths (`metadata.name`, `involvedObject.uid`, …).
 */

export class SelectorError extends Error {}

type Test = (value: string | undefined, present: boolean) => boolean;
interface Requirement {
  key: string;
  test: Test;
}

/** Splits on commas that are not inside parentheses. */
function splitTerms(selector: string): string[] {
  const terms: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < selector.length; i++) {
    const c = selector[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      terms.push(selector.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(selector.slice(start));
  return terms.map((t) => t.trim()).filter((t) => t !== '');
}

function parseLabelTerm(term: string): Requirement {
  let m = /^([^\s!=()]+)\s+(in|notin)\s+\(([^)]*)\)$/.exec(term);
  if (m) {
    const [, key = '', op, list = ''] = m;
    const values = list
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v !== '');
    return op === 'in'
      ? { key, test: (v, present) => present && values.includes(v ?? '') }
      : { key, test: (v, present) => !present || !values.includes(v ?? '') };
  }
  m = /^([^\s!=()]+)\s*(!=|==|=)\s*([^\s!=()]*)$/.exec(term);
  if (m) {
    const [, key = '', op, value = ''] = m;
    return op === '!='
      ? { key, test: (v, present) => !present || v !== value }
      : { key, test: (v, present) => present && v === value };
  }
  m = /^(!?)([^\s!=()]+)$/.exec(term);
  if (m) {
    const [, not, key = ''] = m;
    return { key, test: (_v, present) => (not ? !present : present) };
  }
  throw new SelectorError(`unable to parse requirement: ${JSON.stringify(term)}`);
}

export function parseLabelSelector(selector: string): (labels: Record<string, string> | undefined) => boolean {
  const requirements = splitTerms(selector).map(parseLabelTerm);
  return (labels) => requirements.every((r) => r.test(labels?.[r.key], labels !== undefined && r.key in labels));
}

function fieldValue(object: unknown, path: string): string | undefined {
  let node: unknown = object;
  for (const part of path.split('.')) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string, unknown>)[part];
  }
  return node === undefined || node === null ? undefined : String(node);
}

export function parseFieldSelector(selector: string): (object: unknown) => boolean {
  const requirements = splitTerms(selector).map((term) => {
    const m = /^([A-Za-z0-9_.]+)\s*(!=|==|=)\s*(.*)$/.exec(term);
    if (!m) throw new SelectorError(`invalid selector: '${selector}'; can't understand '${term}'`);
    const [, path = '', op, value = ''] = m;
    return { path, negate: op === '!=', value };
  });
  return (object) =>
    requirements.every((r) => {
      const v = fieldValue(object, r.path) ?? '';
      return r.negate ? v !== r.value : v === r.value;
    });
}

/** The selector a workload's `spec.selector` (matchLabels + matchExpressions) stands for, as a string. */
export function labelSelectorString(selector: {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}): string {
  const terms = Object.entries(selector.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector.matchExpressions ?? []) {
    const values = `(${(e.values ?? []).join(',')})`;
    if (e.operator === 'In') terms.push(`${e.key} in ${values}`);
    else if (e.operator === 'NotIn') terms.push(`${e.key} notin ${values}`);
    else if (e.operator === 'Exists') terms.push(e.key);
    else if (e.operator === 'DoesNotExist') terms.push(`!${e.key}`);
  }
  return terms.join(',');
}
