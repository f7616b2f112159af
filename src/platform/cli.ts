import { tmpdir } from 'node:os';
import { escapeControl, escapeControlLine, neutraliseWorkflowCommand } from '../core/text/control';
import { DotenvReport } from './dotenv';
import { Masker } from './masker';
import type { Platform } from './types';

export interface CliOptions {
  /** The step's name (`build-push`): the prefix of its output variables. */
  step: string;
  /** Input values given as flags, by input name. */
  flags: Record<string, string>;
  /** File to write outputs to as CDPACK_<STEP>_<OUTPUT>=value (GitLab `artifacts:reports:dotenv`). */
  dotenv: string | undefined;
  env: NodeJS.ProcessEnv;
  /** Where outputs go (stdout); logs go to stderr so outputs stay machine-readable. */
  out: (line: string) => void;
  err: (line: string) => void;
}

/** `CDPACK_<INPUT>`, upper-cased, hyphens as underscores: the variable an input is read from. */
export function envName(name: string): string {
  return `CDPACK_${name.toUpperCase().replace(/-/g, '_')}`;
}

/**
 * `CDPACK_<STEP>_<OUTPUT>`: the dotenv key of an output. GitLab gives dotenv variables precedence over job
 * variables, so an output named like an input (`CDPACK_DIGEST`) would silently replace that input in every later
 * job that `needs:` this one; the step prefix keeps the two namespaces apart (scripts/generate.ts checks it).
 */
export function outputEnvName(step: string, output: string): string {
  return envName(`${step}-${output}`);
}

/** A terminal or a GitLab job: inputs from flags then CDPACK_* env, outputs as name=value lines. */
export function cliPlatform(options: CliOptions): Platform & { readonly failed: boolean } {
  const { env, out, err } = options;
  const masker = new Masker();
  const gitlab = env.GITLAB_CI === 'true';
  // Masked, then control characters escaped: ESC and CR from a report or a repository cannot hide
  // or overwrite lines or fake a GitLab section marker; only group() writes those, around escaped text.
  // Run inside a GitHub job (a `run:` step), the runner reads our stderr for workflow commands too.
  const githubJob = env.GITHUB_ACTIONS === 'true';
  const say = (m: string) => {
    const text = escapeControl(masker.mask(m));
    return githubJob ? text.split('\n').map(neutraliseWorkflowCommand).join('\n') : text;
  };
  let sectionId = 0;
  let failed = false;
  const dotenv = options.dotenv ? new DotenvReport(options.dotenv, (m) => err(`warning: ${say(m)}`)) : undefined;
  // A repository file name may hold a CR or ESC too (git allows both). No prefix when the message
  // already starts with the location (a FileError's does).
  const where = (w: { file: string; line?: number } | undefined, m: string) => {
    const at = w ? `${w.file}${w.line ? `:${w.line}` : ''}: ` : '';
    return !w || m.startsWith(at) ? '' : `${escapeControlLine(say(w.file))}${w.line ? `:${w.line}` : ''}: `;
  };
  let lastError: string | undefined;

  return {
    name: 'cli',
    env,
    tempDir: env.RUNNER_TEMP || env.CDPACK_TEMP || tmpdir(),
    workspace: env.CI_PROJECT_DIR || process.cwd(),
    input: (name) => options.flags[name] ?? env[envName(name)] ?? '',
    setOutput(name, value) {
      if (/[\r\n]/.test(value)) throw new Error(`output '${name}' must be a single line`);
      out(`${name}=${value}`);
      dotenv?.set(outputEnvName(options.step, name), name, value);
    },
    setSecret: (value) => masker.add(value),
    info: (m) => err(say(m)),
    debug: (m) => {
      if (env.CDPACK_DEBUG === 'true' || env.CI_DEBUG_TRACE === 'true') err(`debug: ${say(m)}`);
    },
    warn: (m, w) => err(`warning: ${where(w, m)}${say(m)}`),
    error: (m, w) => {
      lastError = m;
      err(`error: ${where(w, m)}${say(m)}`);
    },
    async group(title, fn) {
      const id = `cdpack_${++sectionId}`;
      const now = () => Math.floor(Date.now() / 1000);
      const shown = escapeControlLine(say(title));
      err(gitlab ? `\x1b[0Ksection_start:${now()}:${id}[collapsed=true]\r\x1b[0K${shown}` : `== ${shown}`);
      try {
        return await fn();
      } finally {
        if (gitlab) err(`\x1b[0Ksection_end:${now()}:${id}\r\x1b[0K`);
      }
    },
    async summary(markdown) {
      err(say(markdown));
    },
    fail(m) {
      failed = true;
      if (m !== lastError) err(`error: ${say(m)}`); // already printed by error() with its location
    },
    get failed() {
      return failed;
    },
  };
}
