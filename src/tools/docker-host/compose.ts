/** `docker compose` (v2 plugin) or `docker-compose` (v1) on the host, and the containers of its services. */
import type { ContainerInspect } from '../../core/compose/containers';
import { CdpackError } from '../../core/errors';
import type { Log } from '../../core/log';
import { tailLines } from '../../core/rollout/sanitize';
import { failureText, type HostRunner } from './runner';

export interface ComposeProjectRef {
  file: string;
  /** undefined: compose's default (the compose file's directory). */
  projectDirectory: string | undefined;
}

export class ComposeCli {
  private constructor(
    private readonly runner: HostRunner,
    /** `['docker', 'compose']` or `['docker-compose']`. */
    readonly command: string[],
    private readonly project: ComposeProjectRef,
  ) {}

  /** Finds `docker compose`, else `docker-compose`; an error when the host has neither. */
  static async detect(runner: HostRunner, project: ComposeProjectRef): Promise<ComposeCli> {
    for (const command of [['docker', 'compose'], ['docker-compose']]) {
      const r = await runner.docker([...command, 'version']).catch((e: unknown) => {
        if (e instanceof Error && /was not found on PATH/.test(e.message)) return undefined;
        throw e;
      });
      if (r?.code === 0) return new ComposeCli(runner, command, project);
    }
    throw new CdpackError(`neither 'docker compose' nor 'docker-compose' works on ${runner.description}`);
  }

  get name(): string {
    return this.command.join(' ');
  }

  private args(sub: string[]): string[] {
    const p = this.project;
    return [
      ...this.command,
      `--file=${p.file}`,
      ...(p.projectDirectory ? [`--project-directory=${p.projectDirectory}`] : []),
      ...sub,
    ];
  }

  /** Runs a compose sub-command; throws with its error output when it fails. With `log`, its output streams there. */
  async run(sub: string[], what: string, log?: Log): Promise<string> {
    const r = await this.runner.docker(this.args(sub), log ? { output: { log } } : {});
    if (r.code !== 0)
      throw new CdpackError(`${this.name} ${what} failed on ${this.runner.description}: ${failureText(r)}`);
    return r.stdout;
  }

  async pull(services: string[], log?: Log): Promise<void> {
    await this.run(['pull', ...services], 'pull', log);
  }

  async up(services: string[], log?: Log): Promise<void> {
    await this.run(['up', '-d', ...services], 'up -d', log);
  }

  /** The service's containers as `docker inspect` shows them. */
  async containers(service: string): Promise<ContainerInspect[]> {
    const ids = (await this.run(['ps', '-q', service], 'ps'))
      .split('\n')
      .map((l) => l.trim())
      .filter((l) => /^[0-9a-f]{12,64}$/.test(l));
    if (ids.length === 0) return [];
    const r = await this.runner.docker(['docker', 'inspect', '--type=container', ...ids]);
    // A container removed between ps and inspect: seen again at the next poll.
    if (r.code !== 0) return [];
    try {
      return JSON.parse(r.stdout) as ContainerInspect[];
    } catch {
      throw new CdpackError(`docker inspect on ${this.runner.description} did not answer JSON`);
    }
  }

  /** The last lines of a container's log, sanitised (for the diagnosis). */
  async logTail(id: string, lines = 15): Promise<string[]> {
    const r = await this.runner.docker(['docker', 'logs', `--tail=${lines}`, id]);
    return tailLines(`${r.stdout}${r.stderr}`, lines);
  }
}
