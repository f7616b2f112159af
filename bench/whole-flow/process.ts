// Child processes of the whole-flow benchmark: spawned without blocking the event loop (the git server and the
// scripted Kubernetes API live in this process), timed from spawn to exit, output kept in a log file.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';

export interface Ran {
  code: number;
  output: string;
  /** Wall time from spawn to exit. */
  ms: number;
}

const running = new Set<ReturnType<typeof spawn>>();

/** A run longer than this is killed (a safety net: the flows take seconds). */
const KILL_AFTER_MS = 180_000;

export function runTimed(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; log?: string },
): Promise<Ran> {
  return new Promise((done) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const timer = setTimeout(() => child.kill('SIGKILL'), KILL_AFTER_MS);
    let output = '';
    const collect = (d: Buffer) => {
      output += d.toString('utf8');
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (e) => {
      output += `\n${String(e)}`;
    });
    child.on('close', (code, signal) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      clearTimeout(timer);
      running.delete(child);
      if (options.log) writeFileSync(options.log, output);
      done({ code: code ?? (signal ? 128 : 1), output, ms });
    });
  });
}

/** Stops every child still running (on a signal or an error). */
export function stopChildren(): void {
  for (const child of running) child.kill('SIGTERM');
}

/** The last lines of a step's output, for an error message. */
export function tailOf(text: string, lines = 12): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * The environment a CI job starts with: this shell's environment without CI, CDPACK and GitHub variables (so
 * nothing leaks in from the session running the benchmark), and hermetic git.
 */
export function jobEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (/^(CDPACK_|INPUT_|GITHUB_|RUNNER_|CI_|GITLAB_|ACTIONS_|GIT_|KUBECONFIG$|DOCKER_)/.test(k)) continue;
    if (k === 'NODE_OPTIONS' || k === 'NODE_TEST_CONTEXT' || k === 'CI') continue;
    env[k] = v;
  }
  return { ...env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', NO_COLOR: '1' };
}
