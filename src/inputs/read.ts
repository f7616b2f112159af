import { InputError } from '../core/errors';
import { redactCredentials } from '../core/text/url-credentials';
import type { ActionSpec, InputSpec } from './types';

/** Raw input values by name: defaults applied, generic checks passed, secrets registered for masking. */
export type RawInputs = Record<string, string>;

/**
 * Where raw values come from: the platform (GitHub runner, CLI flags and env). Declared here so that
 * inputs/ never imports platform/: any Platform fits this shape.
 */
export interface InputSource {
  /** The value as given; '' when unset. */
  input(name: string): string;
  setSecret(value: string): void;
}

/**
 * Reads every declared input once, and is the one owner of the spec's generic rules: masks secrets
 * first, applies `default`, then checks `required`, `options` and `type`. Typed parsing (ranges, lists,
 * grammar, rules between inputs) is each action's own `parseSettings`.
 */
export function readInputs(spec: ActionSpec, source: InputSource): RawInputs {
  const raw: RawInputs = {};
  for (const [name, input] of Object.entries(spec.inputs)) {
    const given = source.input(name);
    if (input.secret && given) source.setSecret(given);
    else for (const secret of credentialsIn(given, input)) source.setSecret(secret);
    const value = given.trim() === '' ? (input.default ?? '') : given;
    raw[name] = input.type === 'list' ? value : value.trim();
  }
  for (const [name, input] of Object.entries(spec.inputs)) checkInput(name, input, raw[name] ?? '');
  return raw;
}

/**
 * User-info written into any value (`https://user:token@host/…` or `user:token@host/…` pasted into
 * `image`, `registry`, a list…): messages echo input values, so it is masked before the first log line.
 * Each word is looked at on its own (a list item, a line), as the URL it may be.
 */
function credentialsIn(value: string, input: InputSpec): string[] {
  if (!value.includes('@')) return [];
  const words = value.split(input.type === 'list' ? /[\s,]+/ : /\s+/).filter((w) => w.includes('@'));
  return [...new Set(words.flatMap((word) => redactCredentials(word).secrets))];
}

/** Longest value of an ordinary input: far above any real one, far below what `spawn` accepts as an argument. */
export const MAX_INPUT_LENGTH = 64 * 1024;
/** Longest value of a `document` input (a kubeconfig with embedded certificates, a key, known_hosts). */
export const MAX_DOCUMENT_LENGTH = 1024 * 1024;

/** Characters no input holds: C0 controls but tab and line breaks, DEL, C1 controls. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the rule is about control characters
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/**
 * Size and shape rules every input shares: bounded length, no control characters, and one line unless the
 * input is a list (an item per line), a document or declared `multiline`. A newline in a single-line value
 * would forge extra lines in a commit trailer, a log or an output file.
 */
function checkShape(name: string, input: InputSpec, value: string): void {
  const max = input.document ? MAX_DOCUMENT_LENGTH : MAX_INPUT_LENGTH;
  if (value.length > max) {
    throw new InputError(name, `is ${value.length} characters long; at most ${max} are accepted`);
  }
  if (CONTROL.test(value)) throw new InputError(name, 'must not contain control characters');
  const lines = input.document || input.multiline || input.type === 'list';
  if (!lines && /[\r\n]/.test(value)) throw new InputError(name, 'must be a single line (it contains a line break)');
}

function checkInput(name: string, input: InputSpec, value: string): void {
  checkShape(name, input, value);
  if (value.trim() === '') {
    if (input.required) throw new InputError(name, 'is required');
    return;
  }
  if (input.options && !input.options.includes(value)) {
    throw new InputError(name, `expected one of ${input.options.join(', ')}, got '${value}'`);
  }
  if (input.type === 'boolean') parseBoolean(name, value);
  if (input.type === 'number' && !/^\d+$/.test(value)) {
    throw new InputError(name, `expected a whole number, got '${value}'`);
  }
}

export function parseList(value: string): string[] {
  return value
    .split(/[\n,]/)
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

export function parseBoolean(name: string, value: string): boolean {
  const v = value.trim().toLowerCase();
  if (['true', 'yes', '1', 'on'].includes(v)) return true;
  if (['false', 'no', '0', 'off', ''].includes(v)) return false;
  throw new InputError(name, `expected true or false, got '${value}'`);
}

/** A number within [min, max]; that it is a whole number is readInputs' check (`type: number`). */
export function parseInteger(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!(Number.isInteger(n) && n >= min && n <= max)) {
    throw new InputError(name, `expected a whole number from ${min} to ${max}, got '${value}'`);
  }
  return n;
}
