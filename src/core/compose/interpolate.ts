/**
 * Compose's variable interpolation (`$VAR`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?err}`,
 * `${VAR?err}`, `${VAR:+alt}`, `${VAR+alt}`, `$$`), enough to see which variable an `image:` takes its value
 * from and what to set it to. Nested expressions in a default (`${A:-${B}}`) are not supported.
 */

export type Part =
  | { kind: 'text'; text: string }
  | { kind: 'var'; name: string; op: '' | ':-' | '-' | ':?' | '?' | ':+' | '+'; arg: string };

const nameRe = /^[_a-zA-Z][_a-zA-Z0-9]*/;

/** The parts of a template, or an error message. */
export function parseTemplate(template: string): Part[] | { error: string } {
  const parts: Part[] = [];
  let text = '';
  let i = 0;
  const flush = () => {
    if (text) parts.push({ kind: 'text', text });
    text = '';
  };
  while (i < template.length) {
    const c = template[i];
    if (c !== '$') {
      text += c;
      i++;
      continue;
    }
    const next = template[i + 1];
    if (next === '$') {
      text += '$';
      i += 2;
      continue;
    }
    if (next === '{') {
      const close = template.indexOf('}', i + 2);
      if (close < 0) return { error: `unclosed '\${' in '${template}'` };
      const body = template.slice(i + 2, close);
      const name = nameRe.exec(body)?.[0];
      if (!name) return { error: `'\${${body}}' does not start with a variable name` };
      const rest = body.slice(name.length);
      const op = (['', ':-', '-', ':?', '?', ':+', '+'] as const).find((o) =>
        o === '' ? rest === '' : rest.startsWith(o),
      );
      if (op === undefined) return { error: `'\${${body}}' is not a supported substitution` };
      const arg = rest.slice(op.length);
      if (arg.includes('$')) return { error: `nested substitution in '\${${body}}' is not supported` };
      flush();
      parts.push({ kind: 'var', name, op, arg });
      i = close + 1;
      continue;
    }
    const name = nameRe.exec(template.slice(i + 1))?.[0];
    if (!name) {
      text += '$'; // a lone `$` stays as it is, as in compose
      i++;
      continue;
    }
    flush();
    parts.push({ kind: 'var', name, op: '', arg: '' });
    i += 1 + name.length;
  }
  flush();
  return parts;
}

export function variablesOf(parts: Part[]): string[] {
  return [...new Set(parts.flatMap((p) => (p.kind === 'var' ? [p.name] : [])))];
}

type Env = ReadonlyMap<string, string>;

/** One part's value; undefined for a required (`?`) variable that is unset. */
function partValue(p: Part, env: Env): string | undefined {
  if (p.kind === 'text') return p.text;
  const value = env.get(p.name);
  const unsetOrEmpty = value === undefined || value === '';
  switch (p.op) {
    case '':
      return value ?? '';
    case ':-':
      return unsetOrEmpty ? p.arg : value;
    case '-':
      return value === undefined ? p.arg : value;
    case ':?':
      return unsetOrEmpty ? undefined : value;
    case '?':
      return value;
    case ':+':
      return unsetOrEmpty ? '' : p.arg;
    case '+':
      return value === undefined ? '' : p.arg;
  }
}

/** The template's value with `env`, or undefined when a required variable is unset. */
export function resolveTemplate(parts: Part[], env: Env): string | undefined {
  let out = '';
  for (const p of parts) {
    const v = partValue(p, env);
    if (v === undefined) return undefined;
    out += v;
  }
  return out;
}

export type Solution =
  | { kind: 'unchanged' }
  | { kind: 'set'; name: string; value: string }
  | { kind: 'impossible'; reason: string };

/**
 * Which one variable to set so that the template yields `target`, all others keeping their values. Only
 * variables whose value is used as it is (`$V`, `${V}`, `${V:-d}`, `${V-d}`, `${V:?e}`, `${V?e}`) appearing
 * once qualify; when several would do, the last one wins (tags come last in an image reference).
 */
export function solveTemplate(parts: Part[], env: Env, target: string): Solution {
  if (resolveTemplate(parts, env) === target) return { kind: 'unchanged' };
  const names = variablesOf(parts);
  const candidates: { name: string; value: string }[] = [];
  for (const name of names) {
    const uses = parts.filter((p) => p.kind === 'var' && p.name === name);
    const use = uses[0];
    if (uses.length !== 1 || use?.kind !== 'var' || use.op === ':+' || use.op === '+') continue;
    const at = parts.indexOf(use);
    const prefix = resolveTemplate(parts.slice(0, at), env);
    const suffix = resolveTemplate(parts.slice(at + 1), env);
    if (prefix === undefined || suffix === undefined) continue;
    if (target.length < prefix.length + suffix.length + 1) continue;
    if (!target.startsWith(prefix) || !target.endsWith(suffix)) continue;
    candidates.push({ name, value: target.slice(prefix.length, target.length - suffix.length) });
  }
  const chosen = candidates[candidates.length - 1];
  if (chosen) return { kind: 'set', ...chosen };
  return {
    kind: 'impossible',
    reason: `no single variable of it (${names.join(', ') || 'none'}) can make it '${target}'`,
  };
}
