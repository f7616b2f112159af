import { lstat } from 'node:fs/promises';
import { join } from 'node:path';
import { CdpackError } from '../core/errors';
import type { Log } from '../core/log';
import { escapeControlLine } from '../core/text/control';
import { type ExecResult, execTool, type OutputLevel, ToolNotFoundError } from './exec';

/**
 * `rejected`: the push lost a race (the branch moved: non-fast-forward, fetch first, a ref lock
 * taken by a concurrent push), worth retrying on the new tip. `refused`: the server said no (a
 * pre-receive or update hook, a protected branch, a push rule): retrying cannot help.
 */
export type GitFailure = 'auth-401' | 'auth-403' | 'branch-missing' | 'not-found' | 'rejected' | 'refused' | 'other';

/** A git command that failed, classified so callers can decide (retry, or explain). */
export class GitError extends CdpackError {
  override name = 'GitError';
  constructor(
    readonly kind: GitFailure,
    message: string,
    readonly stderr: string,
    /** What the server's hooks printed (`remote:` lines), sanitised for a message. */
    readonly remoteLines: string[] = [],
    /** The reason git gives for a refused ref, e.g. `pre-receive hook declined`. */
    readonly refusal?: string,
  ) {
    super(message);
  }
}

/** `remote: …` lines of git's stderr: what the server side printed, hooks included. */
const REMOTE_LINE = /^remote: ?([^\n]*)$/;

/**
 * The server's own words, for an error message: `remote:` lines with colour codes removed,
 * control characters escaped, at most 10 lines of 300 characters. They come from the server,
 * so they are shown as text and never used to decide anything.
 */
export function remoteLines(stderr: string): string[] {
  // git's side-band ends a line at CR as well as LF (and pads it with spaces): so do we.
  return stderr
    .split(/\r\n|\r|\n/)
    .map((line) => REMOTE_LINE.exec(line)?.[1])
    .filter((line): line is string => line !== undefined)
    .map((line) =>
      // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes from the server
      escapeControlLine(line.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '')).trim(),
    )
    .filter((line) => line !== '')
    .slice(0, 10)
    .map((line) => (line.length > 300 ? `${line.slice(0, 299)}…` : line));
}

function withoutRemoteLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => !REMOTE_LINE.test(line))
    .join('\n');
}

/** A refused ref's reason when the server took the objects but would not update the ref for a reason not a race. */
function refusalOf(text: string): string | undefined {
  const m = /\[remote rejected\][^\n(]*\(([^)\n]*)\)/i.exec(text);
  if (!m) return undefined;
  const why = m[1] ?? '';
  // A lock or compare-and-swap failure on the server is a concurrent push: a race after all.
  if (/cannot lock ref|failed to lock|incorrect old value|stale info|failed to update ref/i.test(why)) return undefined;
  return why || 'rejected by the server';
}

export interface GitAuth {
  /** Value of the HTTP Authorization header, e.g. `Basic dXNlcjp0b2tlbg==`. */
  header: string;
}

export interface GitIdentity {
  name: string;
  email: string;
}

/**
 * Reads git's output (stderr, and stdout where `push --porcelain` reports refs) to tell auth
 * failures, a missing branch, a lost race and a refused push apart. `remote:` lines are left
 * out: hook output is the server's text and must not steer a retry.
 */
export function classifyGitFailure(output: string): GitFailure {
  const stderr = withoutRemoteLines(output);
  if (refusalOf(stderr) !== undefined) return 'refused';
  if (/returned error: 403|HTTP 403|403 Forbidden/i.test(stderr)) return 'auth-403';
  if (
    /returned error: 401|Authentication failed|could not read (Username|Password)|Permission denied \(publickey/i.test(
      stderr,
    )
  )
    return 'auth-401';
  if (/Remote branch .* not found|couldn't find remote ref/i.test(stderr)) return 'branch-missing';
  if (
    /\[rejected\]|\[remote rejected\]|non-fast-forward|fetch first|failed to push some refs|cannot lock ref|stale info/i.test(
      stderr,
    )
  )
    return 'rejected';
  if (/Repository not found|returned error: 404|does not appear to be a git repository|not found/i.test(stderr))
    return 'not-found';
  return 'other';
}

/** How a git command's stderr (progress, warnings, the server's `remote:` lines) reaches the log. */
export interface GitRunOptions {
  stdin?: string;
  /**
   * `info` for talking to the remote (clone, fetch, push: what the server said belongs in the
   * log), `debug` (the default) for local bookkeeping. stdout is machine output and never logged.
   */
  stderr?: OutputLevel;
}

/**
 * Tracing that would print what travels in the environment: GIT_TRACE2_ENV_VARS names env vars
 * whose values trace2 writes out (GIT_CONFIG_VALUE_0 holds the Authorization header), and
 * GIT_TRACE2_CONFIG_PARAMS config keys (http.extraHeader). Unset for every git run; curl traces
 * (GIT_TRACE_CURL, GIT_CURL_VERBOSE) stay available, with GIT_TRACE_REDACT forced on.
 */
const LEAKY_TRACE_ENV = [
  'GIT_TRACE2',
  'GIT_TRACE2_EVENT',
  'GIT_TRACE2_PERF',
  'GIT_TRACE2_ENV_VARS',
  'GIT_TRACE2_CONFIG_PARAMS',
  'GIT_TRACE_REDACT',
];

/**
 * Runs git in one directory. Credentials travel only as environment-only config
 * (GIT_CONFIG_COUNT/KEY/VALUE), so they never reach argv, the URL or .git/config, nor
 * (see LEAKY_TRACE_ENV) git's own output, which streams line by line to `log` when one is given.
 */
export class Git {
  constructor(
    private readonly cwd: string,
    private readonly auth: GitAuth | undefined,
    private readonly identity?: GitIdentity,
    private readonly log?: Log,
  ) {}

  private env(): Record<string, string | undefined> {
    const env: Record<string, string | undefined> = {
      ...Object.fromEntries(LEAKY_TRACE_ENV.map((k) => [k, undefined])),
      GIT_TRACE_REDACT: '1',
      GIT_TERMINAL_PROMPT: '0',
      GCM_INTERACTIVE: 'never',
      GIT_ASKPASS: '',
      SSH_ASKPASS: '',
      LC_ALL: 'C',
    };
    if (this.auth) {
      env.GIT_CONFIG_COUNT = '1';
      env.GIT_CONFIG_KEY_0 = 'http.extraHeader';
      env.GIT_CONFIG_VALUE_0 = `Authorization: ${this.auth.header}`;
    }
    if (this.identity) {
      env.GIT_AUTHOR_NAME = this.identity.name;
      env.GIT_AUTHOR_EMAIL = this.identity.email;
      env.GIT_COMMITTER_NAME = this.identity.name;
      env.GIT_COMMITTER_EMAIL = this.identity.email;
    }
    return env;
  }

  /**
   * Runs `git args…`; throws a classified GitError when it fails. stderr streams to the log as it
   * comes (the platform masks secrets and escapes control characters) and is also kept whole for
   * the classification, which reads the captured text, not the log.
   */
  async run(args: readonly string[], what: string, options: GitRunOptions = {}): Promise<ExecResult> {
    const result = await execTool('git', args, {
      cwd: this.cwd,
      env: this.env(),
      ...(options.stdin !== undefined ? { stdin: options.stdin } : {}),
      ...(this.log ? { output: { log: this.log, stdout: 'none', stderr: options.stderr ?? 'debug' } } : {}),
    });
    if (result.code !== 0) {
      const output = `${result.stderr}\n${result.stdout}`;
      const detail = result.stderr.trim().split('\n').slice(-3).join(' | ');
      const kind = classifyGitFailure(output);
      const refusal = kind === 'refused' ? refusalOf(withoutRemoteLines(output)) : undefined;
      throw new GitError(kind, `${what} failed: ${detail}`, result.stderr, remoteLines(result.stderr), refusal);
    }
    return result;
  }

  async revParse(ref: string): Promise<string> {
    return (await this.run(['rev-parse', '--verify', ref], `git rev-parse ${ref}`)).stdout.trim();
  }
}

/**
 * Paths under `path` (relative to `dir`) that the repository holding `dir` tracks: committed
 * content, which a pull/merge request controls. An empty list when `dir` is in no repository.
 * Throws when git cannot answer (git missing while `dir` has a `.git`, a symlink on the way, an
 * unreadable index): the caller must then not trust the path. The checkout may be owned by
 * another user (a container job), so safe.directory is waived for this read-only query, with
 * fsmonitor (a command run from config) switched off.
 */
export async function trackedPaths(dir: string, path: string): Promise<string[]> {
  let result: ExecResult;
  try {
    result = await execTool(
      'git',
      ['-c', 'safe.directory=*', '-c', 'core.fsmonitor=false', 'ls-files', '-z', '--', path],
      {
        cwd: dir,
        // The path is a name, never a pattern (a cache-dir of `:(exclude)x` must not list everything else).
        env: {
          GIT_TERMINAL_PROMPT: '0',
          LC_ALL: 'C',
          GIT_LITERAL_PATHSPECS: '1',
          GIT_DIR: undefined,
          GIT_WORK_TREE: undefined,
        },
      },
    );
  } catch (error) {
    if (error instanceof ToolNotFoundError && !(await exists(join(dir, '.git')))) return [];
    throw error;
  }
  if (result.code === 0) return result.stdout.split('\0').filter(Boolean);
  if (/not a git repository/i.test(result.stderr)) return [];
  throw new CdpackError(
    `git ls-files failed: ${escapeControlLine(result.stderr.trim().split('\n').slice(-2).join(' | '))}`,
  );
}

async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
