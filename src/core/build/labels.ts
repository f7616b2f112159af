import { CdpackError, InputError } from '../errors';

export const OCI = 'org.opencontainers.image';

export interface LabelFacts {
  sourceUrl: string | undefined;
  commit: string;
  /** ISO 8601 creation time. */
  created: string;
  version: string;
}

/** The default `org.opencontainers.image.*` labels; the source label only when the URL is known. */
export function defaultLabels(facts: LabelFacts): Record<string, string> {
  return {
    ...(facts.sourceUrl ? { [`${OCI}.source`]: facts.sourceUrl } : {}),
    [`${OCI}.revision`]: facts.commit,
    [`${OCI}.created`]: facts.created,
    [`${OCI}.version`]: facts.version,
  };
}

/**
 * The creation time: SOURCE_DATE_EPOCH (seconds) when set, so rebuilding the same commit gives
 * the same labels, else `now`.
 */
export function createdTime(sourceDateEpoch: string | undefined, now: Date): string {
  const epoch = sourceDateEpoch?.trim();
  if (!epoch) return now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (!/^\d{1,12}$/.test(epoch)) {
    throw new CdpackError(`SOURCE_DATE_EPOCH is '${sourceDateEpoch}', expected seconds since 1970 (digits only)`);
  }
  return new Date(Number(epoch) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * `KEY=VALUE` per line (the value may hold `=` and commas) for `labels` and `build-args`.
 * Blank lines and `#` comments are ignored; a later key replaces an earlier one.
 */
export function parseKeyValues(input: string, text: string, keyRe: RegExp): Record<string, string> {
  const result: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const eq = trimmed.indexOf('=');
    const key = eq < 0 ? trimmed : trimmed.slice(0, eq).trim();
    if (eq < 0) throw new InputError(input, `'${trimmed}' is not KEY=VALUE`);
    if (!keyRe.test(key)) throw new InputError(input, `'${key}' is not a valid key`);
    result[key] = trimmed.slice(eq + 1).trim();
  }
  return result;
}

export const labelKeyRe = /^[A-Za-z0-9][A-Za-z0-9._/-]*$/;
export const buildArgKeyRe = /^[A-Za-z_][A-Za-z0-9_]*$/;
