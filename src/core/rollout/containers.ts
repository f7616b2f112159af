/** Which containers of a workload set-image changes, and the strategic merge patch `kubectl set image` sends. */
import { CdpackError, InputError } from '../errors';
import { type DeployImage, repositoryOf } from './image';
import type { WorkloadKind } from './workload';

export interface Container {
  name: string;
  image?: string;
  [key: string]: unknown;
}

export interface PodSpec {
  containers?: Container[];
  initContainers?: Container[];
  [key: string]: unknown;
}

type Json = Record<string, unknown>;

/** Field path of the pod spec: CronJobs nest it in the job template. */
export function podSpecPath(kind: WorkloadKind): string[] {
  return kind === 'CronJob' ? ['spec', 'jobTemplate', 'spec', 'template', 'spec'] : ['spec', 'template', 'spec'];
}

export function podSpecOf(kind: WorkloadKind, object: unknown): PodSpec {
  let node: unknown = object;
  for (const key of podSpecPath(kind)) node = node && typeof node === 'object' ? (node as Json)[key] : undefined;
  return node && typeof node === 'object' ? (node as PodSpec) : {};
}

export type ContainerList = 'containers' | 'initContainers';

export interface ContainerChange {
  list: ContainerList;
  name: string;
  previous: string;
  image: string;
}

/**
 * The containers to point at `image`: the named ones, or by default every container and init container whose
 * image repository equals `image`'s. Unchanged ones (already on `image`) are included with previous === image.
 */
export function selectContainers(
  workload: string,
  spec: PodSpec,
  image: DeployImage,
  names: readonly string[],
): ContainerChange[] {
  const all: { list: ContainerList; c: Container }[] = [
    ...(spec.initContainers ?? []).map((c) => ({ list: 'initContainers' as const, c })),
    ...(spec.containers ?? []).map((c) => ({ list: 'containers' as const, c })),
  ];
  const found = () =>
    all.length
      ? all.map(({ list, c }) => `${c.name}${list === 'initContainers' ? ' (init)' : ''}=${c.image ?? ''}`).join(', ')
      : 'none';
  const toChange = (x: { list: ContainerList; c: Container }): ContainerChange => ({
    list: x.list,
    name: x.c.name,
    previous: x.c.image ?? '',
    image: image.reference,
  });
  if (names.length > 0) {
    return names.map((name) => {
      const match = all.find((x) => x.c.name === name);
      if (!match)
        throw new InputError('container', `${workload} has no container '${name}'; containers found: ${found()}`);
      return toChange(match);
    });
  }
  const matching = all.filter((x) => repositoryOf(x.c.image ?? '') === image.repository);
  if (matching.length === 0) {
    throw new CdpackError(
      `${workload}: no container runs ${image.repository}; containers found: ${found()} (name them with the 'container' input)`,
    );
  }
  // An init container and a container may share a name in no valid pod spec, so names identify entries.
  return matching.map(toChange);
}

/**
 * The body of `kubectl set image` (a two-way strategic merge patch between the object and the object with the
 * new images), keys in Go's sorted order, plus the change-cause annotation when given. Only containers whose
 * image changes appear; `$setElementOrder` lists every container of that list, in order.
 */
export function setImagePatch(
  kind: WorkloadKind,
  spec: PodSpec,
  changes: readonly ContainerChange[],
  changeCause: string | undefined,
): Json | undefined {
  const podPatch: Json = {};
  const lists: ContainerList[] = ['containers', 'initContainers'];
  for (const list of lists) {
    const changed = changes.filter((c) => c.list === list && c.previous !== c.image);
    if (changed.length === 0) continue;
    podPatch[`$setElementOrder/${list}`] = (spec[list] ?? []).map((c) => ({ name: c.name }));
  }
  for (const list of lists) {
    const changed = changes.filter((c) => c.list === list && c.previous !== c.image);
    if (changed.length === 0) continue;
    // kubectl lists the changed containers in their pod-spec order.
    const order = (spec[list] ?? []).map((c) => c.name);
    podPatch[list] = [...changed]
      .sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name))
      .map((c) => ({ image: c.image, name: c.name }));
  }
  if (Object.keys(podPatch).length === 0) return undefined;
  let body: Json = podPatch;
  for (const key of [...podSpecPath(kind)].reverse()) body = { [key]: body };
  if (changeCause) body = { metadata: { annotations: { 'kubernetes.io/change-cause': changeCause } }, ...body };
  return body;
}

/** Applies the changes to a copy of the object the way the API server merges the patch (for dry runs and tests). */
export function withImages(kind: WorkloadKind, object: Json, changes: readonly ContainerChange[]): Json {
  const copy = structuredClone(object);
  const spec = podSpecOf(kind, copy);
  for (const change of changes) {
    const target = (spec[change.list] ?? []).find((c) => c.name === change.name);
    if (target) target.image = change.image;
  }
  return copy;
}
