import { spawn } from 'node:child_process';

export interface ExecOptions {
  cwd?: string;
  /** Extra environment on top of the parent's (secrets travel here, never in argv). */
  env?: Record<string, string | undefined>;
  /** Written to the child's stdin (e.g. a password for `--password-stdin`). */
  stdin?: string;
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a program with an argument array (never through a shell) and collects its output. */
export function execTool(file: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout?.on('data', (b: Buffer) => out.push(b));
    child.stderr?.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e: NodeJS.ErrnoException) =>
      reject(e.code === 'ENOENT' ? new Error(`'${file}' was not found on PATH`) : e),
    );
    child.on('close', (code, signal) =>
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      }),
    );
    if (child.stdin) {
      // A program may exit before reading its input; that is its answer, not our crash.
      child.stdin.on('error', () => {});
      child.stdin.end(options.stdin);
    }
  });
}
