import { CdpackError } from '../core/errors';
import { type ExecResult, execTool } from './exec';

export type GitFailure = 'auth-401' | 'auth-403' | 'branch-missing' | 'not-found' | 'rejected' | 'other';

/** A git command that failed, classified so callers can decide (retry, or explain). */
export class GitError extends CdpackError {
  override name = 'GitError';
  constructor(
    readonly kind: GitFailure,
    message: string,
    readonly stderr: string,
  ) {
    super(message);
  }
}

export interface GitAuth {
  /** Value of the HTTP Authorization header, e.g. `Basic dXNlcjp0b2tlbg==`. */
  header: string;
}

export interface GitIdentity {
  name: string;
  email: string;
}

/** Reads git's stderr to tell auth failures, a missing branch and a rejected push apart. */
export function classifyGitFailure(stderr: string): GitFailure {
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

/**
 * Runs git in one directory. Credentials travel only as environment-only config
 * (GIT_CONFIG_COUNT/KEY/VALUE), so they never reach argv, the URL or .git/config.
 */
export class Git {
  constructor(
    private readonly cwd: string,
    private readonly auth: GitAuth | undefined,
    private readonly identity?: GitIdentity,
  ) {}

  private env(): Record<string, string> {
    const env: Record<string, string> = {
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

  /** Runs `git args…`; throws a classified GitError when it fails. */
  async run(args: readonly string[], what: string, stdin?: string): Promise<ExecResult> {
    const result = await execTool('git', args, { cwd: this.cwd, env: this.env(), ...(stdin ? { stdin } : {}) });
    if (result.code !== 0) {
      const detail = result.stderr.trim().split('\n').slice(-3).join(' | ');
      throw new GitError(classifyGitFailure(result.stderr), `${what} failed: ${detail}`, result.stderr);
    }
    return result;
  }

  async revParse(ref: string): Promise<string> {
    return (await this.run(['rev-parse', '--verify', ref], `git rev-parse ${ref}`)).stdout.trim();
  }
}
