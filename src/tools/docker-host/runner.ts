/**
 * Where the docker CLI of a Docker-host target runs: here (a local or `DOCKER_HOST` engine) or on the host over
 * ssh. Either way commands are argument arrays; over ssh each argument is quoted for the remote shell.
 */
import { CdpackError } from '../../core/errors';
import { sanitizeLine } from '../../core/rollout/sanitize';
import { type ExecOptions, execTool } from '../exec';
import type { RemoteRun, SshSession } from '../ssh';

/** Input for the program, and where its output lines go as they come (the step's log), if anywhere. */
export type RunOptions = Pick<ExecOptions, 'stdin' | 'output'>;

export interface HostRunner {
  /** For log lines: `deploy@host:22`, or `local docker`. */
  readonly description: string;
  /** True when files and commands live on another machine (reached over ssh). */
  readonly remote: boolean;
  /** Runs a program; a non-zero exit is returned, not thrown. */
  exec(argv: readonly string[], options?: RunOptions): Promise<RemoteRun>;
  /** Runs the docker CLI (`docker …`, or `docker-compose …` when argv[0] says so) against the engine. */
  docker(argv: readonly string[], options?: RunOptions): Promise<RemoteRun>;
  close(): Promise<void>;
}

/** The docker CLI on this machine; `dockerHost` becomes DOCKER_HOST when given. */
export function localRunner(dockerHost: string | undefined): HostRunner {
  const env = dockerHost ? { DOCKER_HOST: dockerHost } : {};
  const exec = async (argv: readonly string[], options: RunOptions = {}) => {
    const [file, ...args] = argv;
    if (!file) throw new CdpackError('empty command');
    return execTool(file, args, { env, ...options });
  };
  return {
    description: dockerHost ? `docker engine ${dockerHost}` : 'local docker engine',
    remote: false,
    exec,
    docker: exec,
    close: async () => {},
  };
}

/** The docker CLI on the ssh host; `dockerHost` becomes DOCKER_HOST there (through `env`). */
export function sshRunner(session: SshSession, dockerHost: string | undefined): HostRunner {
  return {
    description: session.description,
    remote: true,
    exec: (argv, options) => session.run(argv, options),
    docker: (argv, options) => session.run(dockerHost ? ['env', `DOCKER_HOST=${dockerHost}`, ...argv] : argv, options),
    close: () => session.close(),
  };
}

/** The command's error output, last lines, control characters escaped: for error messages. */
export function failureText(r: RemoteRun): string {
  const text = (r.stderr.trim() || r.stdout.trim()).split('\n').slice(-3).join(' | ');
  return sanitizeLine(text, 500) || `exit code ${r.code}`;
}
