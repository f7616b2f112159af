/** Smoke checks after a rollout: an HTTP status and optionally a body substring or /regex/, with retries. */
import { InputError } from '../errors';
import { sanitizeLine } from './sanitize';

export type BodyMatcher = { kind: 'substring'; text: string } | { kind: 'regex'; re: RegExp };

export interface SmokeExpectation {
  status: number;
  body?: BodyMatcher;
}

/** `/regex/` (flags allowed after the closing slash) or a plain substring. */
export function parseBodyMatcher(input: string, text: string): BodyMatcher | undefined {
  if (text === '') return undefined;
  const m = /^\/(.+)\/([dgimsuvy]*)$/s.exec(text);
  if (!m) return { kind: 'substring', text };
  try {
    return { kind: 'regex', re: new RegExp(m[1] as string, (m[2] as string).replace(/[gy]/g, '')) };
  } catch (e) {
    throw new InputError(input, `'${text}' is not a valid regular expression (${(e as Error).message})`);
  }
}

export interface SmokeResponse {
  status: number;
  body: string;
}

/** undefined when the response meets the expectation, else why not (sanitised). */
export function smokeMismatch(response: SmokeResponse, expect: SmokeExpectation): string | undefined {
  if (response.status !== expect.status) return `answered HTTP ${response.status}, expected ${expect.status}`;
  const b = expect.body;
  if (!b) return undefined;
  const ok = b.kind === 'substring' ? response.body.includes(b.text) : b.re.test(response.body);
  if (ok) return undefined;
  const shown = b.kind === 'substring' ? JSON.stringify(b.text) : String(b.re);
  return `body does not match ${sanitizeLine(shown, 120)} (starts: ${sanitizeLine(JSON.stringify(response.body.slice(0, 120)), 160)})`;
}

export interface SmokeRunOptions {
  expect: SmokeExpectation;
  /** Further attempts after the first. */
  retries: number;
  intervalMs: number;
  fetch(url: string): Promise<SmokeResponse>;
  sleep(ms: number): Promise<void>;
  log?: (line: string) => void;
}

/** Checks one URL until it passes or the attempts are spent; resolves to the last failure, or undefined on success. */
export async function runSmokeCheck(url: string, options: SmokeRunOptions): Promise<string | undefined> {
  const attempts = options.retries + 1;
  let failure: string | undefined;
  for (let n = 1; n <= attempts; n++) {
    try {
      failure = smokeMismatch(await options.fetch(url), options.expect);
    } catch (e) {
      failure = sanitizeLine(e instanceof Error ? e.message : String(e));
    }
    if (failure === undefined) {
      options.log?.(`smoke ${url}: ok (attempt ${n} of ${attempts})`);
      return undefined;
    }
    options.log?.(`smoke ${url}: ${failure} (attempt ${n} of ${attempts})`);
    if (n < attempts) await options.sleep(options.intervalMs);
  }
  return `smoke check ${url}: ${failure}`;
}
