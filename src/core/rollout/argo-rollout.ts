/**
 * Argo Rollouts (`argoproj.io/v1alpha1` Rollout): the verdict from the status fields its controller publishes,
 * the set-image patch for a custom resource, and what `kubectl argo rollouts undo` restores.
 */
import type { ContainerChange, PodSpec } from './containers';
import { isControlledBy } from './revision';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const int = (v: unknown): number => (typeof v === 'number' ? v : 0);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

export const ROLLOUT_REVISION_ANNOTATION = 'rollout.argoproj.io/revision';
export const ROLLOUT_POD_HASH_LABEL = 'rollouts-pod-template-hash';

export type ArgoRolloutVerdict =
  | { done: boolean; message: string; error?: undefined; paused: boolean }
  | { error: string; done: boolean; message: ''; paused: false };

const conditionsOf = (status: Json): Json[] => (Array.isArray(status.conditions) ? status.conditions.map(obj) : []);

/**
 * Whether the Rollout has finished: the controller has seen the current spec, nothing aborted or degraded it,
 * phase Healthy (older controllers without `phase`: condition Healthy or Available True) and the stable
 * ReplicaSet is the current pod hash with every desired replica updated and available. A paused Rollout (canary
 * pause step, `kubectl argo rollouts pause`) is not finished: `paused` is set so the caller can say so.
 */
export function argoRolloutStatus(object: unknown): ArgoRolloutVerdict {
  const o = obj(object);
  const meta = obj(o.metadata);
  const spec = obj(o.spec);
  const status = obj(o.status);
  const name = text(meta.name);
  const conditions = conditionsOf(status);
  const fail = (why: string): ArgoRolloutVerdict => ({ error: why, done: false, message: '', paused: false });

  // observedGeneration is a string in the CRD; very old controllers wrote a spec hash there (not comparable).
  const observed = String(status.observedGeneration ?? '');
  if (/^\d+$/.test(observed) || observed === '') {
    if (int(meta.generation) > Number(observed || 0)) {
      return { done: false, message: 'Waiting for rollout spec update to be observed...\n', paused: false };
    }
  }
  const invalid = conditions.find((c) => c.type === 'InvalidSpec' && c.status === 'True');
  if (invalid) return fail(`rollout "${name}" has an invalid spec: ${text(invalid.message)}`);
  const phase = text(status.phase);
  const message = text(status.message);
  if (status.abort === true) {
    return fail(`rollout "${name}" was aborted${message ? `: ${message}` : ''}`);
  }
  if (phase === 'Degraded') {
    const progressing = conditions.find((c) => c.type === 'Progressing');
    const why = message || text(progressing?.message) || text(progressing?.reason);
    return fail(`rollout "${name}" is degraded${why ? `: ${why}` : ''}`);
  }
  const pauses = Array.isArray(status.pauseConditions) ? status.pauseConditions.map(obj) : [];
  if (phase === 'Paused' || pauses.length > 0 || spec.paused === true) {
    const reasons = pauses.map((p) => text(p.reason)).filter(Boolean);
    const step = stepText(o);
    const why = reasons.length > 0 ? reasons.join(', ') : message || 'paused';
    return { done: false, message: `rollout "${name}" is paused (${why})${step}\n`, paused: true };
  }

  const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const updated = int(status.updatedReplicas);
  const available = int(status.availableReplicas);
  const healthy =
    phase === 'Healthy' ||
    (phase === '' && conditions.some((c) => (c.type === 'Healthy' || c.type === 'Available') && c.status === 'True'));
  const stable = text(status.stableRS);
  const current = text(status.currentPodHash);
  const prefix = `Waiting for rollout "${name}" to finish: `;
  if (updated < desired) {
    return {
      done: false,
      message: `${prefix}${updated} out of ${desired} new replicas have been updated...\n`,
      paused: false,
    };
  }
  if (available < desired) {
    return {
      done: false,
      message: `${prefix}${available} of ${desired} updated replicas are available...\n`,
      paused: false,
    };
  }
  if (!current || stable !== current) {
    return {
      done: false,
      message: `${prefix}the stable ReplicaSet is not yet the new pod hash${stepText(o)}...\n`,
      paused: false,
    };
  }
  if (!healthy) {
    return {
      done: false,
      message: `${prefix}phase ${phase || 'unknown'}${message ? ` (${message})` : ''}...\n`,
      paused: false,
    };
  }
  return { done: true, message: `rollout "${name}" successfully rolled out\n`, paused: false };
}

/** ` at canary step 2/5` when the Rollout is a canary with steps. */
function stepText(o: Json): string {
  const steps = obj(obj(obj(o.spec).strategy).canary).steps;
  const index = obj(o.status).currentStepIndex;
  if (!Array.isArray(steps) || steps.length === 0 || typeof index !== 'number') return '';
  return ` at canary step ${Math.min(index + 1, steps.length)}/${steps.length}`;
}

/** `web: Progressing, step 2/5, 1/3 updated, 1 available`. */
export function argoRolloutProgressLine(object: unknown): string {
  const o = obj(object);
  const status = obj(o.status);
  const spec = obj(o.spec);
  const desired = typeof spec.replicas === 'number' ? spec.replicas : 1;
  const steps = obj(obj(spec.strategy).canary).steps;
  const index = status.currentStepIndex;
  const step =
    Array.isArray(steps) && steps.length > 0 && typeof index === 'number'
      ? `, step ${Math.min(index + 1, steps.length)}/${steps.length}`
      : '';
  return `${text(obj(o.metadata).name)}: ${text(status.phase) || 'Unknown'}${step}, ${int(status.updatedReplicas)}/${desired} updated, ${int(status.availableReplicas)} available`;
}

/**
 * The set-image body for a Rollout: a JSON merge patch (custom resources accept no strategic merge patch), so
 * each changed list is sent whole; `resourceVersion` makes the API server refuse it with 409 if the Rollout
 * changed since it was read, rather than overwrite a concurrent edit of the same list.
 */
export function rolloutImagePatch(
  spec: PodSpec,
  resourceVersion: string,
  changes: readonly ContainerChange[],
  changeCause: string | undefined,
): Json | undefined {
  const podPatch: Json = {};
  for (const list of ['initContainers', 'containers'] as const) {
    const changed = changes.filter((c) => c.list === list && c.previous !== c.image);
    if (changed.length === 0) continue;
    podPatch[list] = (spec[list] ?? []).map((c) => {
      const change = changed.find((x) => x.name === c.name);
      return change ? { ...c, image: change.image } : c;
    });
  }
  if (Object.keys(podPatch).length === 0) return undefined;
  const metadata: Json = { resourceVersion };
  if (changeCause) metadata.annotations = { 'kubernetes.io/change-cause': changeCause };
  return { metadata, spec: { template: { spec: podPatch } } };
}

export type RolloutUndoPlan =
  | { action: 'patch'; patchType: 'json'; body: unknown; revision: number }
  | { action: 'skip'; reason: string };

const revisionOfRs = (rs: unknown): number | undefined => {
  const t = obj(obj(obj(rs).metadata).annotations)[ROLLOUT_REVISION_ANNOTATION];
  return typeof t === 'string' && /^\d+$/.test(t) ? Number(t) : undefined;
};

/**
 * `kubectl argo rollouts undo ROLLOUT`: the template of the ReplicaSet with the highest revision below the
 * current one, without the controller's pod-hash label, as a JSON patch replacing `spec.template` (guarded by a
 * test of resourceVersion). Rollouts that reference a Deployment (`spec.workloadRef`) are skipped.
 */
export function rolloutUndo(rollout: unknown, replicaSets: readonly unknown[]): RolloutUndoPlan {
  const r = obj(rollout);
  const name = text(obj(r.metadata).name);
  if (obj(r.spec).workloadRef !== undefined) {
    return { action: 'skip', reason: `rollout "${name}" uses workloadRef; undo it through the referenced Deployment` };
  }
  const owned = replicaSets
    .filter((rs) => isControlledBy(rs, rollout))
    .map((rs) => ({ rs: obj(rs), revision: revisionOfRs(rs) }))
    .filter((x): x is { rs: Json; revision: number } => x.revision !== undefined)
    .sort((a, b) => b.revision - a.revision);
  const current = revisionOfRs(rollout) ?? owned[0]?.revision;
  const previous = owned.find((x) => current === undefined || x.revision < current);
  if (!previous) return { action: 'skip', reason: `rollout "${name}" has no previous revision` };
  const template = structuredClone(obj(obj(previous.rs.spec).template));
  const labels = obj(obj(template.metadata).labels);
  delete labels[ROLLOUT_POD_HASH_LABEL];
  const resourceVersion = text(obj(r.metadata).resourceVersion);
  return {
    action: 'patch',
    patchType: 'json',
    body: [
      { op: 'test', path: '/metadata/resourceVersion', value: resourceVersion },
      { op: 'replace', path: '/spec/template', value: template },
    ],
    revision: previous.revision,
  };
}

/** The label of the current revision's pods, for the diagnosis. */
export function rolloutPodLabel(rollout: unknown): Record<string, string> | undefined {
  const hash = text(obj(obj(rollout).status).currentPodHash);
  return hash ? { [ROLLOUT_POD_HASH_LABEL]: hash } : undefined;
}
