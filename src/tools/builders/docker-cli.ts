import { type ExecResult, execTool } from '../exec';
import { retryRegistryStep } from './registry-step';
import type { Builder, BuilderOptions } from './types';

export type DockerRun = (args: string[], stdin?: string) => Promise<ExecResult>;

/** The docker CLI that both the engine and buildx builders drive, logged in through a private DOCKER_CONFIG. */
export function dockerCli(o: BuilderOptions): { run: DockerRun } & Pick<Builder, 'login' | 'logout'> {
  const env = o.authDir ? { DOCKER_CONFIG: o.authDir } : {};
  // Output streams to the step's log line by line as the tool prints it.
  const run: DockerRun = (args, stdin) =>
    execTool('docker', args, { env, output: { log: o.log }, ...(stdin !== undefined ? { stdin } : {}) });
  return {
    run,
    async login(registry, username, password) {
      await retryRegistryStep(
        `docker login ${registry}`,
        registry,
        () => run(['login', '--username', username, '--password-stdin', registry], password),
        o.retry,
        o.log,
      );
    },
    async logout(registry) {
      await run(['logout', registry]);
    },
  };
}
