/**
 * The `ssh` client with an argument array: a private key and known-hosts from the inputs in a 0700 temp dir
 * (files 0600) that is removed afterwards, host keys checked strictly, the user's ssh config ignored.
 * Remote commands are argument arrays too: ssh hands the remote login shell one line, built by posixCommandLine.
 */
import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CdpackError } from '../core/errors';
import { sanitizeLine } from '../core/rollout/sanitize';
import { type ExecOptions, type ExecResult, execTool } from './exec';
import { type TemporaryDir, temporaryDir } from './process/temp';
import { posixCommandLine } from './shell-quote';

export interface SshTarget {
  host: string;
  port: number;
  user: string;
  /** Private key (OpenSSH or PEM), without a passphrase. */
  privateKey: string;
  /** known_hosts lines; undefined turns host key checking off (insecure-ignore-host-key). */
  knownHosts: string | undefined;
}

export class SshError extends CdpackError {
  override name = 'SshError';
}

/** Key types a bare public-key line (no host pattern) can start with. */
const keyTypeRe =
  /^(ssh-ed25519|ssh-rsa|ssh-dss|ecdsa-sha2-nistp\d+|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com)\s/;

/** The known_hosts file: lines given as bare keys (`ssh-ed25519 AAAA…`) get the target's host pattern. */
export function knownHostsFile(knownHosts: string, host: string, port: number): string {
  const pattern = port === 22 ? host : `[${host}]:${port}`;
  return `${knownHosts
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .map((l) => (keyTypeRe.test(l) ? `${pattern} ${l}` : l))
    .join('\n')}\n`;
}

/** ssh's options for a target (file paths in `dir`); the command line follows. */
export function sshArgs(target: SshTarget, keyFile: string, knownHostsPath: string | undefined): string[] {
  const o = (option: string) => ['-o', option];
  return [
    '-F',
    'none',
    '-T',
    ...o('BatchMode=yes'),
    ...o('IdentitiesOnly=yes'),
    ...o(`IdentityFile=${keyFile}`),
    ...o('IdentityAgent=none'),
    ...(knownHostsPath
      ? [...o('StrictHostKeyChecking=yes'), ...o(`UserKnownHostsFile=${knownHostsPath}`)]
      : [...o('StrictHostKeyChecking=no'), ...o('UserKnownHostsFile=/dev/null')]),
    ...o('GlobalKnownHostsFile=/dev/null'),
    ...o('UpdateHostKeys=no'),
    ...o('ForwardAgent=no'),
    ...o('ClearAllForwardings=yes'),
    ...o('PermitLocalCommand=no'),
    ...o('ConnectTimeout=30'),
    ...o('ServerAliveInterval=15'),
    ...o('ServerAliveCountMax=4'),
    ...o('LogLevel=ERROR'),
    '-p',
    String(target.port),
    '-l',
    target.user,
    '--',
    target.host,
  ];
}

/** What ssh itself (exit 255) said went wrong, in words a user can act on. */
export function describeSshFailure(target: SshTarget, stderr: string): string {
  const where = `${target.user}@${target.host}:${target.port}`;
  if (/REMOTE HOST IDENTIFICATION HAS CHANGED|Host key verification failed|No .* host key is known/i.test(stderr)) {
    return `ssh to ${where}: the host key does not match known-hosts (host key verification failed); nothing was run`;
  }
  if (/Permission denied/i.test(stderr)) return `ssh to ${where}: the key was refused (Permission denied)`;
  if (/Load key|invalid format|incorrect passphrase|bad permissions/i.test(stderr)) {
    return `ssh to ${where}: input 'ssh-key' could not be used (an unencrypted OpenSSH or PEM private key is expected)`;
  }
  if (/Connection refused|timed out|Could not resolve|No route|Network is unreachable/i.test(stderr)) {
    return `ssh to ${where}: cannot connect (${lastLine(stderr)})`;
  }
  return `ssh to ${where} failed: ${lastLine(stderr)}`;
}

function lastLine(text: string): string {
  return sanitizeLine(text.trim().split('\n').pop() ?? '') || 'no message';
}

export interface RemoteRun {
  /** The remote command's (or ssh's) exit code. */
  code: number;
  stdout: string;
  stderr: string;
}

/** An ssh connection target with its key files on disk; `close()` removes them. */
export class SshSession {
  private constructor(
    readonly target: SshTarget,
    private readonly dir: TemporaryDir,
    private readonly args: string[],
  ) {}

  /** Writes the key (and known_hosts) to a 0700 temp dir that is removed by `close()`, or on SIGTERM/SIGINT. */
  static async open(target: SshTarget, tempParent: string): Promise<SshSession> {
    const temp = await temporaryDir(tempParent, 'cdpack-ssh-');
    try {
      await chmod(temp.dir, 0o700);
      const keyFile = join(temp.dir, 'id');
      const key = target.privateKey.replace(/\r\n/g, '\n').trim();
      await writeFile(keyFile, `${key}\n`, { mode: 0o600 });
      let knownHostsPath: string | undefined;
      if (target.knownHosts !== undefined) {
        knownHostsPath = join(temp.dir, 'known_hosts');
        await writeFile(knownHostsPath, knownHostsFile(target.knownHosts, target.host, target.port), { mode: 0o600 });
      }
      return new SshSession(target, temp, sshArgs(target, keyFile, knownHostsPath));
    } catch (e) {
      await temp.dispose();
      throw e;
    }
  }

  get description(): string {
    return `${this.target.user}@${this.target.host}:${this.target.port}`;
  }

  /**
   * Runs `argv` on the host; every argument arrives as itself. Exit code 255 is ssh's own failure (connection,
   * host key, authentication) and throws; any other code is the remote command's.
   */
  async run(argv: readonly string[], options: Pick<ExecOptions, 'stdin' | 'output'> = {}): Promise<RemoteRun> {
    const r: ExecResult = await execTool('ssh', [...this.args, posixCommandLine(argv)], options);
    if (r.code === 255) throw new SshError(describeSshFailure(this.target, r.stderr));
    return r;
  }

  async close(): Promise<void> {
    await this.dir.dispose();
  }
}
