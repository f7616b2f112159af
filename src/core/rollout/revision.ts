/**
 * Revisions of a workload: which pods belong to the new one (for the diagnosis), and what `kubectl rollout undo`
 * restores (the previous ReplicaSet's template for a Deployment, the previous ControllerRevision otherwise).
 */
import { CdpackError } from '../errors';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const meta = (o: unknown) => obj(obj(o).metadata);
const str = (v: unknown): Record<string, string> => obj(v) as Record<string, string>;

export const REVISION_ANNOTATION = 'deployment.kubernetes.io/revision';
const POD_TEMPLATE_HASH = 'pod-template-hash';
const CONTROLLER_REVISION_HASH = 'controller-revision-hash';

/** A label selector object (`spec.selector`) as the `labelSelector` query parameter. */
export function formatSelector(selector: unknown, extra: Record<string, string> = {}): string {
  const s = obj(selector);
  const parts = Object.entries({ ...str(s.matchLabels), ...extra }).map(([k, v]) => `${k}=${v}`);
  for (const e of Array.isArray(s.matchExpressions) ? s.matchExpressions.map(obj) : []) {
    const values = Array.isArray(e.values) ? e.values.map(String).join(',') : '';
    const key = String(e.key);
    if (e.operator === 'In') parts.push(`${key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${key}`);
  }
  return parts.join(',');
}

/** True when `child` names `owner` (by uid) as its controller. */
export function isControlledBy(child: unknown, owner: unknown): boolean {
  const uid = meta(owner).uid;
  const refs = Array.isArray(meta(child).ownerReferences) ? (meta(child).ownerReferences as Json[]) : [];
  return uid !== undefined && refs.some((r) => obj(r).controller === true && obj(r).uid === uid);
}

/** `deployment.kubernetes.io/revision` as a number, or undefined when missing or not an integer. */
export function revisionOf(object: unknown): number | undefined {
  const text = str(meta(object).annotations)[REVISION_ANNOTATION];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** The ReplicaSet of the Deployment's current revision (by revision annotation, else the newest). */
export function newReplicaSet(deployment: unknown, replicaSets: readonly unknown[]): Json | undefined {
  const owned = replicaSets.filter((rs) => isControlledBy(rs, deployment)).map(obj);
  const want = revisionOf(deployment);
  const byRevision = owned.find((rs) => want !== undefined && revisionOf(rs) === want);
  if (byRevision) return byRevision;
  return [...owned].sort((a, b) => (revisionOf(b) ?? -1) - (revisionOf(a) ?? -1))[0];
}

/** The label that marks the new revision's pods (`pod-template-hash` or `controller-revision-hash`). */
export function newRevisionPodLabel(
  kind: 'Deployment' | 'StatefulSet' | 'DaemonSet',
  object: unknown,
  history: readonly unknown[],
): Record<string, string> | undefined {
  if (kind === 'Deployment') {
    const rs = newReplicaSet(object, history);
    const hash =
      str(meta(obj(obj(rs).spec).template).labels)[POD_TEMPLATE_HASH] ?? str(meta(rs).labels)[POD_TEMPLATE_HASH];
    return hash ? { [POD_TEMPLATE_HASH]: hash } : undefined;
  }
  if (kind === 'StatefulSet') {
    const rev = obj(obj(object).status).updateRevision;
    return typeof rev === 'string' && rev ? { [CONTROLLER_REVISION_HASH]: rev } : undefined;
  }
  const latest = sortedHistory(object, history).at(-1);
  if (!latest) return undefined;
  const hash = str(meta(latest).labels)[CONTROLLER_REVISION_HASH] ?? String(meta(latest).name).split('-').at(-1);
  return hash ? { [CONTROLLER_REVISION_HASH]: hash } : undefined;
}

function sortedHistory(object: unknown, history: readonly unknown[]): Json[] {
  const revisionNumber = (h: Json) => (typeof h.revision === 'number' ? h.revision : 0);
  return history
    .filter((h) => isControlledBy(h, object))
    .map(obj)
    .sort((a, b) => revisionNumber(a) - revisionNumber(b));
}

export type RollbackPlan =
  | { action: 'patch'; patchType: 'json' | 'strategic'; body: unknown; revision: number }
  | { action: 'skip'; reason: string };

/** Annotations kept from the Deployment, never copied from the ReplicaSet (kubectl's list). */
const annotationsToSkip = [
  'kubectl.kubernetes.io/last-applied-configuration',
  'deprecated.deployment.rollback.to',
  REVISION_ANNOTATION,
  'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas',
  'deployment.kubernetes.io/max-replicas',
];

/** `kubectl rollout undo deployment/NAME`: the previous ReplicaSet's template, as a JSON patch. */
export function deploymentRollback(deployment: unknown, replicaSets: readonly unknown[]): RollbackPlan {
  const d = obj(deployment);
  const name = String(meta(d).name);
  let latest: { rs: Json; rev: number } | undefined;
  let previous: { rs: Json; rev: number } | undefined;
  for (const rs of replicaSets.filter((r) => isControlledBy(r, d)).map(obj)) {
    const rev = revisionOf(rs);
    if (rev === undefined) continue;
    if (!latest || rev > latest.rev) {
      previous = latest;
      latest = { rs, rev };
    } else if (!previous || rev > previous.rev) {
      previous = { rs, rev };
    }
  }
  if (!previous) throw new CdpackError(`no rollout history found for deployment "${name}"`);
  if (obj(d.spec).paused === true) {
    throw new CdpackError(
      `you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume deployment/${name}' and try again`,
    );
  }
  const template = structuredClone(obj(obj(previous.rs.spec).template));
  const current = obj(obj(d.spec).template);
  if (sameJson(withoutHash(template), withoutHash(current))) {
    return { action: 'skip', reason: `current template already matches revision ${previous.rev}` };
  }
  const cleaned = withoutHash(template);
  const annotations: Record<string, string> = {};
  const own = str(meta(d).annotations);
  for (const key of annotationsToSkip) if (own[key] !== undefined) annotations[key] = own[key];
  for (const [k, v] of Object.entries(str(meta(previous.rs).annotations))) {
    if (!annotationsToSkip.includes(k)) annotations[k] = v;
  }
  return {
    action: 'patch',
    patchType: 'json',
    body: [
      { op: 'replace', path: '/spec/template', value: cleaned },
      { op: 'replace', path: '/metadata/annotations', value: annotations },
    ],
    revision: previous.rev,
  };
}

/** `kubectl rollout undo` for a StatefulSet or DaemonSet: the previous ControllerRevision's data, as sent. */
export function controllerRevisionRollback(object: unknown, history: readonly unknown[]): RollbackPlan {
  const sorted = sortedHistory(object, history);
  if (sorted.length <= 1) throw new CdpackError('no last revision to roll back to');
  const target = sorted[sorted.length - 2] as Json;
  const data = obj(target.data);
  const revision = typeof target.revision === 'number' ? target.revision : 0;
  const stored = structuredClone(obj(obj(data.spec).template));
  delete stored.$patch;
  if (sameJson(stored, obj(obj(obj(object).spec).template))) {
    return { action: 'skip', reason: `current template already matches revision ${revision}` };
  }
  return { action: 'patch', patchType: 'strategic', body: data, revision };
}

function withoutHash(template: Json): Json {
  const copy = structuredClone(template);
  const m = obj(copy.metadata);
  const labels = m.labels ? { ...str(m.labels) } : undefined;
  if (labels) {
    delete labels[POD_TEMPLATE_HASH];
    copy.metadata = { ...m, labels };
  }
  return copy;
}

/** Deep equality of JSON values, key order ignored (what Go's semantic equality amounts to for these objects). */
export function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  }
  if (!a || !b || typeof a !== 'object' || typeof b !== 'object') return false;
  const ka = Object.keys(a as Json).filter((k) => (a as Json)[k] !== undefined);
  const kb = Object.keys(b as Json).filter((k) => (b as Json)[k] !== undefined);
  return ka.length === kb.length && ka.every((k) => sameJson((a as Json)[k], (b as Json)[k]));
}
