import { InputError } from '../errors';
import { parseReference } from '../image/reference';
import type { CacheSpec } from './types';

/**
 * A `cache-from`/`cache-to` entry: a plain image reference, or `type=registry,ref=…[,mode=…]`.
 * Other `type=` specs (gha, local, s3…) are kept as written; only buildx can use them.
 */
export function parseCacheSpec(input: CacheSpec['input'], text: string): CacheSpec {
  if (!text.includes('=')) return { input, ref: checkRef(input, text, text), mode: undefined, text };
  const fields = new Map<string, string>();
  for (const part of text.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 1) throw new InputError(input, `'${text}': expected key=value pairs, got '${part}'`);
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  if (fields.get('type') !== 'registry') return { input, ref: undefined, mode: undefined, text };
  const ref = fields.get('ref');
  if (!ref) throw new InputError(input, `'${text}': type=registry needs ref=<image reference>`);
  const mode = fields.get('mode');
  if (mode !== undefined && mode !== 'min' && mode !== 'max') {
    throw new InputError(input, `'${text}': mode must be min or max, got '${mode}'`);
  }
  return { input, ref: checkRef(input, text, ref), mode, text };
}

function checkRef(input: string, text: string, ref: string): string {
  const parsed = parseReference(ref);
  if (!parsed.ok) throw new InputError(input, `'${text}': '${ref}' is not an image reference (${parsed.reason})`);
  if (parsed.ref.digest) throw new InputError(input, `'${text}': a cache reference takes a tag, not a digest`);
  return ref;
}
