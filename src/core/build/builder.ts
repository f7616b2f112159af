import type { BuilderName } from './types';

export interface BuilderProbes {
  /** `docker buildx version` succeeds. */
  buildx(): Promise<boolean>;
  /** `docker info` reaches a daemon. */
  dockerDaemon(): Promise<boolean>;
}

export interface BuilderChoice {
  builder: BuilderName;
  reason: string;
}

/** `auto`: buildx when it works, else the Docker engine when a daemon answers, else buildah. */
export async function selectBuilder(requested: BuilderName | 'auto', probes: BuilderProbes): Promise<BuilderChoice> {
  if (requested !== 'auto') return { builder: requested, reason: 'requested' };
  if (await probes.buildx()) return { builder: 'buildx', reason: "'docker buildx version' works" };
  if (await probes.dockerDaemon()) {
    return { builder: 'docker', reason: "no buildx, and 'docker info' reaches a Docker daemon" };
  }
  return { builder: 'buildah', reason: 'no buildx and no Docker daemon' };
}
