/**
 * Runs a program with an argument array (never through a shell), streams its output line by line to
 * the step's log as it comes, and captures it for parsing.
 *
 * Why not @actions/exec (the design card's choice): its ToolRunner spawns with cwd and env only
 * (no `detached`) and hands back an exit code, never the ChildProcess. Cancelling a job must kill
 * the tool's whole process group (issue 7: buildah/docker kept running, credentials stayed on disk),
 * which needs the child to lead its own group and its pid in our hands. It would also echo the
 * command line to stdout unless silenced. The listeners it offers are the few lines below.
 */
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { CdpackError } from '../core/errors';
import type { Log } from '../core/log';
import { LineSplitter } from './http/lines';
import { StoppingError, stoppingSignal, trackChild } from './process/cleanup';

/** Where a stream's lines go: the log's info, its debug (folded away), or nowhere (machine output). */
export type OutputLevel = 'info' | 'debug' | 'none';

export interface ExecOptions {
  cwd?: string;
  /** Extra environment on top of the parent's (secrets travel here, never in argv). */
  env?: Record<string, string | undefined>;
  /** Written to the child's stdin (e.g. a password for `--password-stdin`). */
  stdin?: string;
  /**
   * Each output line goes to this log as it arrives (the platform masks secrets and escapes control
   * characters), inside whatever group the caller opened. Both streams at info unless said otherwise.
   */
  output?: { log: Log; stdout?: OutputLevel; stderr?: OutputLevel };
}

export interface ExecResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The program is not installed (not on PATH). */
export class ToolNotFoundError extends CdpackError {
  override name = 'ToolNotFoundError';
  constructor(readonly tool: string) {
    super(`'${tool}' was not found on PATH`);
  }
}

export function execTool(file: string, args: readonly string[], options: ExecOptions = {}): Promise<ExecResult> {
  return new Promise((resolve, reject) => {
    const stopping = stoppingSignal();
    if (stopping) {
      reject(new StoppingError(stopping));
      return;
    }
    const child = spawn(file, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: [options.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
      // Its own process group, so a cancelled job can stop the tool and everything it started.
      detached: true,
    });
    trackChild(child);
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    const flushers = [
      capture(child.stdout, out, options.output?.log, options.output?.stdout ?? 'info'),
      capture(child.stderr, err, options.output?.log, options.output?.stderr ?? 'info'),
    ];
    child.on('error', (e: NodeJS.ErrnoException) => reject(e.code === 'ENOENT' ? new ToolNotFoundError(file) : e));
    child.on('close', (code, signal) => {
      for (const flush of flushers) flush();
      resolve({
        code: code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1),
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
      });
    });
    if (child.stdin) {
      // A program may exit before reading its input; that is its answer, not our crash.
      child.stdin.on('error', () => {});
      child.stdin.end(options.stdin);
    }
  });
}

/** Collects a stream's bytes and, with a log, writes its lines there as they complete; returns the final flush. */
function capture(
  stream: NodeJS.ReadableStream | null,
  into: Buffer[],
  log: Log | undefined,
  level: OutputLevel,
): () => void {
  const emit = log && level !== 'none' ? (line: string) => line.trim() && log[level](line) : undefined;
  const splitter = emit ? new LineSplitter({ maxLineLength: Number.POSITIVE_INFINITY }) : undefined;
  stream?.on('data', (b: Buffer) => {
    into.push(b);
    if (emit && splitter) for (const line of splitter.push(b)) emit(line);
  });
  return () => {
    if (emit && splitter) for (const line of splitter.end()) emit(line);
  };
}
