/**
 * `kubectl rollout status` verdicts, rule for rule (../shared/oracles/ROLLOUT_STATUS_RULES.md): the message
 * kubectl prints, whether the rollout is done, or the error that stops it.
 */

import { argoRolloutProgressLine, argoRolloutStatus } from './argo-rollout';

export type StatusKind = 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Rollout';

export type RolloutVerdict =
  | { done: boolean; message: string; error?: undefined }
  | { error: string; done: boolean; message: '' };

type Json = Record<string, unknown>;

const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
/** Integer fields: missing counts as 0. */
const int = (v: unknown): number => (typeof v === 'number' ? v : 0);
/** `spec.replicas`-like pointers: missing is "not set". */
const optInt = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);

export function rolloutStatus(kind: StatusKind, object: unknown, revision = 0): RolloutVerdict {
  switch (kind) {
    case 'Deployment':
      return deploymentStatus(object, revision);
    case 'DaemonSet':
      return daemonSetStatus(object);
    case 'StatefulSet':
      return statefulSetStatus(object);
    case 'Rollout':
      return argoRolloutStatus(object);
  }
}

const fail = (error: string, done = false): RolloutVerdict => ({ error, done, message: '' });

function deploymentStatus(object: unknown, revision: number): RolloutVerdict {
  const o = obj(object);
  const meta = obj(o.metadata);
  const spec = obj(o.spec);
  const status = obj(o.status);
  const name = String(meta.name ?? '');
  if (revision > 0) {
    const text = obj(meta.annotations)['deployment.kubernetes.io/revision'];
    let running = 0;
    if (typeof text === 'string') {
      if (!/^-?\d+$/.test(text)) {
        return fail(
          `cannot get the revision of deployment "${name}": strconv.ParseInt: parsing ${JSON.stringify(text)}: invalid syntax`,
        );
      }
      running = Number(text);
    }
    if (running !== revision)
      return fail(`desired revision (${revision}) is different from the running revision (${running})`);
  }
  if (int(meta.generation) > int(status.observedGeneration)) {
    return { done: false, message: 'Waiting for deployment spec update to be observed...\n' };
  }
  const conditions = Array.isArray(status.conditions) ? status.conditions.map(obj) : [];
  if (conditions.some((c) => c.type === 'Progressing' && c.reason === 'ProgressDeadlineExceeded')) {
    return fail(`deployment "${name}" exceeded its progress deadline`);
  }
  const replicas = optInt(spec.replicas);
  const updated = int(status.updatedReplicas);
  const prefix = `Waiting for deployment "${name}" rollout to finish: `;
  if (replicas !== undefined && updated < replicas) {
    return { done: false, message: `${prefix}${updated} out of ${replicas} new replicas have been updated...\n` };
  }
  if (int(status.replicas) > updated) {
    return {
      done: false,
      message: `${prefix}${int(status.replicas) - updated} old replicas are pending termination...\n`,
    };
  }
  if (int(status.availableReplicas) < updated) {
    return {
      done: false,
      message: `${prefix}${int(status.availableReplicas)} of ${updated} updated replicas are available...\n`,
    };
  }
  return { done: true, message: `deployment "${name}" successfully rolled out\n` };
}

const onlyRollingUpdate = 'rollout status is only available for RollingUpdate strategy type';

function daemonSetStatus(object: unknown): RolloutVerdict {
  const o = obj(object);
  const meta = obj(o.metadata);
  const status = obj(o.status);
  const name = String(meta.name ?? '');
  if (obj(obj(o.spec).updateStrategy).type !== 'RollingUpdate') return fail(onlyRollingUpdate, true);
  if (int(meta.generation) > int(status.observedGeneration)) {
    return { done: false, message: 'Waiting for daemon set spec update to be observed...\n' };
  }
  const desired = int(status.desiredNumberScheduled);
  const updated = int(status.updatedNumberScheduled);
  const available = int(status.numberAvailable);
  const prefix = `Waiting for daemon set "${name}" rollout to finish: `;
  if (updated < desired)
    return { done: false, message: `${prefix}${updated} out of ${desired} new pods have been updated...\n` };
  if (available < desired)
    return { done: false, message: `${prefix}${available} of ${desired} updated pods are available...\n` };
  return { done: true, message: `daemon set "${name}" successfully rolled out\n` };
}

function statefulSetStatus(object: unknown): RolloutVerdict {
  const o = obj(object);
  const meta = obj(o.metadata);
  const spec = obj(o.spec);
  const status = obj(o.status);
  const strategy = obj(spec.updateStrategy);
  if (strategy.type !== 'RollingUpdate') return fail(onlyRollingUpdate, true);
  const observed = int(status.observedGeneration);
  if (observed === 0 || int(meta.generation) > observed) {
    return { done: false, message: 'Waiting for statefulset spec update to be observed...\n' };
  }
  const replicas = optInt(spec.replicas);
  const ready = int(status.readyReplicas);
  if (replicas !== undefined && ready < replicas) {
    return { done: false, message: `Waiting for ${replicas - ready} pods to be ready...\n` };
  }
  const updated = int(status.updatedReplicas);
  if (strategy.rollingUpdate !== undefined && strategy.rollingUpdate !== null) {
    const partition = optInt(obj(strategy.rollingUpdate).partition);
    if (replicas !== undefined && partition !== undefined && updated < replicas - partition) {
      return {
        done: false,
        message: `Waiting for partitioned roll out to finish: ${updated} out of ${replicas - partition} new pods have been updated...\n`,
      };
    }
    return { done: true, message: `partitioned roll out complete: ${updated} new pods have been updated...\n` };
  }
  if (status.updateRevision !== status.currentRevision) {
    return {
      done: false,
      message: `waiting for statefulset rolling update to complete ${updated} pods at revision ${String(status.updateRevision ?? '')}...\n`,
    };
  }
  return {
    done: true,
    message: `statefulset rolling update complete ${int(status.currentReplicas)} pods at revision ${String(status.currentRevision ?? '')}...\n`,
  };
}

/**
 * A short progress line (`web: 1/3 updated, 0 available`); the caller prints it whenever it changes.
 */
export function progressLine(kind: StatusKind, object: unknown): string {
  const o = obj(object);
  const name = String(obj(o.metadata).name ?? '');
  const spec = obj(o.spec);
  const status = obj(o.status);
  switch (kind) {
    case 'Deployment': {
      const want = optInt(spec.replicas) ?? int(status.replicas);
      const old = int(status.replicas) - int(status.updatedReplicas);
      return `${name}: ${int(status.updatedReplicas)}/${want} updated, ${int(status.availableReplicas)} available${old > 0 ? `, ${old} old` : ''}`;
    }
    case 'StatefulSet': {
      const want = optInt(spec.replicas) ?? int(status.replicas);
      return `${name}: ${int(status.updatedReplicas)}/${want} updated, ${int(status.readyReplicas)} ready`;
    }
    case 'DaemonSet':
      return `${name}: ${int(status.updatedNumberScheduled)}/${int(status.desiredNumberScheduled)} updated, ${int(status.numberAvailable)} available`;
    case 'Rollout':
      return argoRolloutProgressLine(object);
  }
}
