/**
 * Workload references as kubectl reads them (`deployment/web`, `deploy/web`, `sts/db`, ...) and the API
 * paths of the objects they name.
 */
import { InputError } from '../errors';

export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'CronJob' | 'Rollout';

export interface WorkloadRef {
  kind: WorkloadKind;
  name: string;
  /** As the user wrote it, normalised to `<resource>/<name>` (e.g. `deployment/web`). */
  display: string;
}

interface KindInfo {
  kind: WorkloadKind;
  resource: string;
  group: string;
  version: string;
}

const kinds: KindInfo[] = [
  { kind: 'Deployment', resource: 'deployments', group: 'apps', version: 'v1' },
  { kind: 'StatefulSet', resource: 'statefulsets', group: 'apps', version: 'v1' },
  { kind: 'DaemonSet', resource: 'daemonsets', group: 'apps', version: 'v1' },
  { kind: 'CronJob', resource: 'cronjobs', group: 'batch', version: 'v1' },
  // Argo Rollouts' CRD; `ro` is its short name.
  { kind: 'Rollout', resource: 'rollouts', group: 'argoproj.io', version: 'v1alpha1' },
];

/** Every spelling kubectl accepts for these kinds: singular, plural, short name, Kind, and group-qualified forms. */
const aliases = new Map<string, WorkloadKind>();
for (const [kind, short] of [
  ['Deployment', 'deploy'],
  ['StatefulSet', 'sts'],
  ['DaemonSet', 'ds'],
  ['CronJob', 'cj'],
  ['Rollout', 'ro'],
] as const) {
  const info = kinds.find((k) => k.kind === kind) as KindInfo;
  const singular = kind.toLowerCase();
  for (const name of [singular, info.resource, short]) {
    aliases.set(name, kind);
    aliases.set(`${name}.${info.group}`, kind);
  }
}

/** RFC 1123 subdomain: what the API server accepts as these objects' names. */
const nameRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Parses `kind/name`; `allowed` limits the kinds (verify-rollout has no status for CronJob). */
export function parseWorkloadRef(
  input: string,
  text: string,
  allowed: readonly WorkloadKind[] = kinds.map((k) => k.kind),
): WorkloadRef {
  const slash = text.indexOf('/');
  const expected = allowed.map((k) => `${k.toLowerCase()}/NAME`).join(', ');
  if (slash <= 0 || slash === text.length - 1) {
    throw new InputError(input, `'${text}' is not a workload: expected ${expected}`);
  }
  const kindText = text.slice(0, slash).toLowerCase();
  const name = text.slice(slash + 1);
  const kind = aliases.get(kindText);
  if (!kind || !allowed.includes(kind)) {
    throw new InputError(input, `unknown workload kind '${text.slice(0, slash)}' in '${text}': expected ${expected}`);
  }
  if (name.length > 253 || !nameRe.test(name)) {
    throw new InputError(input, `'${name}' in '${text}' is not a valid object name (lowercase RFC 1123 subdomain)`);
  }
  return { kind, name, display: `${kind.toLowerCase()}/${name}` };
}

export function kindInfo(kind: WorkloadKind): KindInfo {
  return kinds.find((k) => k.kind === kind) as KindInfo;
}

/** `/apis/apps/v1/namespaces/<ns>/deployments` (the collection, for list and watch). */
export function collectionPath(kind: WorkloadKind, namespace: string): string {
  const info = kindInfo(kind);
  return `/apis/${info.group}/${info.version}/namespaces/${encodeURIComponent(namespace)}/${info.resource}`;
}

export function objectPath(ref: { kind: WorkloadKind; name: string }, namespace: string): string {
  return `${collectionPath(ref.kind, namespace)}/${encodeURIComponent(ref.name)}`;
}

/** Distinct references in input order (the same workload twice is one). */
export function uniqueRefs(refs: WorkloadRef[]): WorkloadRef[] {
  const seen = new Set<string>();
  return refs.filter((r) => {
    if (seen.has(r.display)) return false;
    seen.add(r.display);
    return true;
  });
}
