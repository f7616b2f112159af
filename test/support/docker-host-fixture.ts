/**
 * The Docker host of set-image's compose and swarm tests: a local registry, a real dockerd, sshd on 127.0.0.1
 * whose sessions talk to that dockerd, and small busybox images: `app:1`/`app:2` (healthy by HEALTHCHECK),
 * `app:crash` (exits at once), `app:unhealthy` (runs, fails its healthcheck), `plain:1`/`plain:2` (no healthcheck).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUSYBOX, writeBaseContext } from './build-fixtures';
import { startDockerd, type TestDockerd } from './dockerd';
import { registryUnavailable, startRegistry, type TestRegistry } from './registry';
import { missingProgram, skipUnlessAvailable } from './requirements';
import { sshdUnavailable, startSshd, type TestSshd } from './sshd';

export interface DockerHostFixture {
  work: string;
  registry: TestRegistry;
  dockerd: TestDockerd;
  sshd: TestSshd;
  /** `127.0.0.1:PORT/app`. */
  app: string;
  plain: string;
  /** Runs the docker CLI (or docker-compose) here against the test engine. */
  docker(args: string[], cwd?: string): string;
  compose(args: string[], cwd?: string): string;
  stop(): Promise<void>;
}

/** Why the fixture cannot run (a skip reason; in CI this throws instead). */
export function dockerHostUnavailable(): string | false {
  return skipUnlessAvailable(
    registryUnavailable() ??
      sshdUnavailable() ??
      missingProgram('/usr/sbin/dockerd', 'apt-get install docker.io') ??
      missingProgram('/usr/bin/docker-compose', 'apt-get install docker-compose') ??
      missingProgram(BUSYBOX, 'apt-get install busybox-static'),
  );
}

const HEALTHY = 'HEALTHCHECK --interval=1s --timeout=3s --retries=2 CMD test -f /version\n';
/** A long-running main process that stops at once on SIGTERM (a bare `sleep` as PID 1 ignores it). */
const SERVE = `CMD ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]\n`;

export async function startDockerHost(): Promise<DockerHostFixture | { reason: string }> {
  const work = mkdtempSync(join(tmpdir(), 'cdpack-dockerhost-'));
  const registry = await startRegistry();
  const started = await startDockerd([registry.host]);
  if ('reason' in started) {
    await registry.stop();
    rmSync(work, { recursive: true, force: true });
    return started;
  }
  const dockerd = started;
  const sshd = await startSshd({ DOCKER_HOST: dockerd.host });
  const env = { ...process.env, DOCKER_HOST: dockerd.host, DOCKER_CONFIG: join(work, 'docker-config') };
  const run = (file: string, args: string[], cwd?: string) =>
    execFileSync(file, args, { env, cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
  const docker = (args: string[], cwd?: string) => run('docker', args, cwd);
  const compose = (args: string[], cwd?: string) => run('docker-compose', args, cwd);

  const base = `${registry.host}/dhbase:1`;
  writeBaseContext(join(work, 'base'));
  docker(['build', '-q', '-t', base, join(work, 'base')]);
  docker(['push', base]);
  const images: Record<string, string> = {
    'app:1': `${HEALTHY}RUN echo 1 > /version\n${SERVE}`,
    'app:2': `${HEALTHY}RUN echo 2 > /version\n${SERVE}`,
    'app:crash': `${HEALTHY}RUN echo crash > /version\nCMD ["sh", "-c", "echo starting; echo cannot open config >&2; exit 3"]\n`,
    'app:unhealthy': `HEALTHCHECK --interval=1s --timeout=3s --retries=2 CMD test -f /ready\nRUN echo unhealthy > /version\n${SERVE}`,
    'plain:1': `RUN echo 1 > /version\n${SERVE}`,
    'plain:2': `RUN echo 2 > /version\n${SERVE}`,
  };
  for (const [tag, body] of Object.entries(images)) {
    const ctx = join(work, `ctx-${tag.replace(':', '-')}`);
    mkdirSync(ctx);
    writeFileSync(join(ctx, 'Dockerfile'), `FROM ${base}\n${body}`);
    const ref = `${registry.host}/${tag}`;
    docker(['build', '-q', '-t', ref, ctx]);
    docker(['push', ref]);
    docker(['rmi', ref]); // pulled back by the step under test
  }
  return {
    work,
    registry,
    dockerd,
    sshd,
    app: `${registry.host}/app`,
    plain: `${registry.host}/plain`,
    docker,
    compose,
    async stop() {
      // Containers and swarm state go first: dockerd killed with containers still running leaves mounts behind.
      const quiet = (args: string[]) => {
        try {
          return docker(args);
        } catch {
          return '';
        }
      };
      quiet(['swarm', 'leave', '--force']);
      const ids = quiet(['ps', '-aq']).split('\n').filter(Boolean);
      if (ids.length) quiet(['rm', '-f', ...ids]);
      await sshd.stop();
      await dockerd.stop();
      await registry.stop();
      if (existsSync(work)) rmSync(work, { recursive: true, force: true });
    },
  };
}
