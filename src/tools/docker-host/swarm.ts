/** A swarm service through the docker CLI: inspect, update the image, roll back, list tasks. */

import { CdpackError } from '../../core/errors';
import { sanitizeLine } from '../../core/rollout/sanitize';
import type { UpdateStatus } from '../../core/swarm/update-status';
import { failureText, type HostRunner } from './runner';

export interface SwarmService {
  ID: string;
  Version?: { Index?: number };
  Spec?: { Name?: string; TaskTemplate?: { ContainerSpec?: { Image?: string } } };
  PreviousSpec?: { TaskTemplate?: { ContainerSpec?: { Image?: string } } };
  UpdateStatus?: UpdateStatus | null;
}

export async function inspectService(runner: HostRunner, service: string): Promise<SwarmService> {
  const r = await runner.docker(['docker', 'service', 'inspect', '--', service]);
  if (r.code !== 0) {
    throw new CdpackError(`docker service inspect ${service} on ${runner.description}: ${failureText(r)}`);
  }
  let list: SwarmService[];
  try {
    list = JSON.parse(r.stdout) as SwarmService[];
  } catch {
    throw new CdpackError(`docker service inspect on ${runner.description} did not answer JSON`);
  }
  const found = list[0];
  if (!found) throw new CdpackError(`no swarm service '${service}' on ${runner.description}`);
  return found;
}

export function serviceImageOf(s: SwarmService): string {
  return s.Spec?.TaskTemplate?.ContainerSpec?.Image ?? '';
}

export async function updateServiceImage(runner: HostRunner, service: string, image: string): Promise<void> {
  const r = await runner.docker([
    'docker',
    'service',
    'update',
    '--detach',
    '--quiet',
    '--with-registry-auth',
    `--image=${image}`,
    '--',
    service,
  ]);
  if (r.code !== 0) throw new CdpackError(`docker service update ${service}: ${failureText(r)}`);
}

export async function rollbackService(runner: HostRunner, service: string): Promise<void> {
  const r = await runner.docker(['docker', 'service', 'rollback', '--detach', '--quiet', '--', service]);
  if (r.code !== 0) throw new CdpackError(`docker service rollback ${service}: ${failureText(r)}`);
}

/** The service's recent tasks, one sanitised line each (for the diagnosis). */
export async function taskLines(runner: HostRunner, service: string, max = 6): Promise<string[]> {
  const r = await runner.docker([
    'docker',
    'service',
    'ps',
    '--no-trunc',
    '--format={{.Name}} {{.Image}} {{.CurrentState}} {{.Error}}',
    '--',
    service,
  ]);
  if (r.code !== 0) return [];
  return r.stdout
    .split('\n')
    .filter((l) => l.trim())
    .slice(0, max)
    .map((l) => sanitizeLine(l.trim(), 300));
}
