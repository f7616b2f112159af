/**
 * A real OpenSSH server on 127.0.0.1 (random port, key-only, StrictModes off as the temp dirs need), for the
 * Docker-host targets of set-image. `env` is set in every session (SetEnv), e.g. DOCKER_HOST of a test dockerd.
 * Everything lives in a temp dir removed by `stop()`.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { freePort } from './registry';
import { missingProgram } from './requirements';

export const SSHD = '/usr/sbin/sshd';

export function sshdUnavailable(): string | undefined {
  return (
    missingProgram(SSHD, 'apt-get install openssh-server') ??
    missingProgram('/usr/bin/ssh', 'apt-get install openssh-client') ??
    missingProgram('/usr/bin/ssh-keygen', 'apt-get install openssh-client')
  );
}

export interface TestSshd {
  port: number;
  user: string;
  /** `[127.0.0.1]:PORT ssh-ed25519 …`: the right known_hosts line. */
  knownHosts: string;
  /** The same host with another key: what a man in the middle would present. */
  wrongKnownHosts: string;
  /** The client's private key (authorised for `user`). */
  clientKey: string;
  logFile: string;
  log(): string;
  stop(): Promise<void>;
}

function keygen(path: string): void {
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'cdpack-test', '-f', path]);
}

async function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('data', (b) => {
      socket.destroy();
      resolve(b.toString().startsWith('SSH-'));
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startSshd(env: Record<string, string> = {}): Promise<TestSshd> {
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-sshd-'));
  mkdirSync('/run/sshd', { recursive: true }); // privilege separation directory
  const port = await freePort();
  const user = userInfo().username;
  for (const k of ['host', 'other_host', 'client']) keygen(join(dir, k));
  mkdirSync(join(dir, 'authorized_keys'));
  writeFileSync(join(dir, 'authorized_keys', user), readFileSync(join(dir, 'client.pub')));
  const setEnv = Object.entries(env).map(([k, v]) => `SetEnv ${k}=${v}`);
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      'ListenAddress 127.0.0.1',
      `Port ${port}`,
      `HostKey ${join(dir, 'host')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys', '%u')}`,
      'PubkeyAuthentication yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'PermitRootLogin prohibit-password',
      'StrictModes no',
      'UsePAM no',
      'LogLevel VERBOSE',
      ...setEnv,
      '',
    ].join('\n'),
  );
  const logFile = join(dir, 'sshd.log');
  const log = openSync(logFile, 'a');
  const child: ChildProcess = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], {
    stdio: ['ignore', log, log],
  });
  const exited = new Promise<void>((resolve) => child.on('exit', () => resolve()));
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 10_000;
  while (!(await listening(port))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      const text = existsSync(logFile) ? readFileSync(logFile, 'utf8') : '';
      await stop();
      throw new Error(`sshd did not start: ${text.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const pub = (name: string) =>
    readFileSync(join(dir, `${name}.pub`), 'utf8')
      .trim()
      .split(' ')
      .slice(0, 2)
      .join(' ');
  return {
    port,
    user,
    knownHosts: `[127.0.0.1]:${port} ${pub('host')}`,
    wrongKnownHosts: `[127.0.0.1]:${port} ${pub('other_host')}`,
    clientKey: readFileSync(join(dir, 'client'), 'utf8'),
    logFile,
    log: () => readFileSync(logFile, 'utf8'),
    stop,
  };
}
