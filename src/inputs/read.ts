import { InputError } from '../core/errors';
import type { Platform } from '../platform/types';
import type { ActionSpec } from './types';

/** Raw input values by name, secrets already registered for masking. */
export type RawInputs = Record<string, string>;

/**
 * Reads every declared input once: masks secrets first, then checks `required` and `options`.
 * Typed parsing (numbers, lists, grammar) is each action's own `parseSettings`.
 */
export function readInputs(spec: ActionSpec, platform: Platform): RawInputs {
  const raw: RawInputs = {};
  for (const [name, input] of Object.entries(spec.inputs)) {
    const value = platform.input(name);
    if (input.secret && value) platform.setSecret(value);
    raw[name] = input.type === 'list' ? value : value.trim();
  }
  for (const [name, input] of Object.entries(spec.inputs)) {
    const value = raw[name] ?? '';
    if (input.required && value.trim() === '') throw new InputError(name, 'is required');
    if (input.options && value !== '' && !input.options.includes(value)) {
      throw new InputError(name, `expected one of ${input.options.join(', ')}, got '${value}'`);
    }
  }
  return raw;
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

export function parseInteger(name: string, value: string, min: number, max: number): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || n < min || n > max) {
    throw new InputError(name, `expected a whole number from ${min} to ${max}, got '${value}'`);
  }
  return n;
}
