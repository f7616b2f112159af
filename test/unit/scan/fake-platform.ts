import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Platform } from '../../../src/platform/types';

export interface RecordingPlatform extends Platform {
  outputs: Record<string, string>;
  warnings: { message: string; where?: { file: string; line?: number } }[];
  infos: string[];
  summaries: string[];
  failure: string | undefined;
  /** Order of events: `output:<name>`, `fail`, `summary`. */
  events: string[];
}

/** A platform that records what the action does, with inputs given as a map. */
export function recordingPlatform(
  inputs: Record<string, string>,
  options: { env?: Record<string, string | undefined>; workspace?: string } = {},
): RecordingPlatform {
  const tempDir = mkdtempSync(join(tmpdir(), 'cdpack-scan-test-'));
  const p: RecordingPlatform = {
    name: 'cli',
    env: options.env ?? { PATH: process.env.PATH },
    tempDir,
    workspace: options.workspace ?? tempDir,
    outputs: {},
    warnings: [],
    infos: [],
    summaries: [],
    failure: undefined,
    events: [],
    input: (name) => inputs[name] ?? '',
    setOutput(name, value) {
      p.outputs[name] = value;
      p.events.push(`output:${name}`);
    },
    setSecret() {},
    info: (m) => p.infos.push(m),
    debug() {},
    warn: (message, where) => p.warnings.push({ message, ...(where ? { where } : {}) }),
    error: (message) => p.infos.push(`error: ${message}`),
    group: (_title, fn) => fn(),
    async summary(markdown) {
      p.summaries.push(markdown);
      p.events.push('summary');
    },
    fail(message) {
      p.failure = message;
      p.events.push('fail');
    },
  };
  return p;
}
