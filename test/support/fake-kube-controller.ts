/**
 * The fake cluster's controllers, as far as rollouts need them: a Deployment whose pod template
 * changes gets a ReplicaSet (pod-template-hash label and selector, revision annotation, the
 * Deployment's annotations copied, a controller ownerReference) or takes back a matching older one
 * at the next revision; a StatefulSet or DaemonSet gets a ControllerRevision (`data` = the template
 * as a `$patch: replace` strategic merge patch) the same way. In `instant` mode the new revision is
 * complete at once; in `manual` mode status is left to the test.
 */
import { createHash, randomUUID } from 'node:crypto';
import { apiVersionOf, type Raw, type ResourceType, resourceType } from './fake-kube-resources';

/** What the controllers may do to the fake's store. */
export interface ClusterState {
  list(type: ResourceType, namespace: string): Raw[];
  /** Stores `next` (new resourceVersion, generation bump, watch event); returns the stored object. */
  write(type: ResourceType, next: Raw, before: Raw | undefined): Raw;
  mode: 'instant' | 'manual';
  /** Nodes a DaemonSet schedules onto. */
  nodes: number;
}

const REVISION = 'deployment.kubernetes.io/revision';
const HASH_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';
const clone = <T>(v: T): T => structuredClone(v);
const now = () => new Date().toISOString().replace(/\.\d+Z$/, 'Z');

/** JSON with object keys sorted: equal for semantically equal objects whatever the key order. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}

/** A short, stable hash in the alphabet Kubernetes uses for pod-template-hash. */
export function templateHash(value: unknown): string {
  const digest = createHash('sha256').update(canonical(value)).digest();
  let out = '';
  for (let i = 0; i < 10; i++) out += HASH_ALPHABET[(digest[i] ?? 0) % HASH_ALPHABET.length];
  return out;
}

/** A template without the pod-template-hash label, as `kubectl rollout undo` compares them. */
function withoutHash(template: Raw): Raw {
  const t = clone(template ?? {});
  if (t.metadata?.labels) {
    delete t.metadata.labels['pod-template-hash'];
  }
  return t;
}

/** Whether an object names `owner` as its controller. */
export const ownedBy = (owner: Raw) => (o: Raw) =>
  (o.metadata.ownerReferences ?? []).some((r: Raw) => r.uid === owner.metadata.uid && r.controller === true);
const controllerRef = (type: ResourceType, owner: Raw) => ({
  apiVersion: apiVersionOf(type),
  kind: type.kind,
  name: owner.metadata.name,
  uid: owner.metadata.uid,
  controller: true,
  blockOwnerDeletion: true,
});
/** A ReplicaSet's revision annotation, or a ControllerRevision's revision. */
export const revisionOf = (o: Raw, field = REVISION) => Number(o.metadata.annotations?.[field] ?? o.revision ?? 0);

function syncDeployment(cluster: ClusterState, d: Raw): void {
  const rsType = resourceType('replicasets');
  const deployType = resourceType('deployments');
  const owned = cluster.list(rsType, d.metadata.namespace).filter(ownedBy(d));
  const status: Raw = clone(d.status ?? {});
  let changed = d;
  if (d.spec.paused) {
    if (cluster.mode === 'instant') status.observedGeneration = d.metadata.generation;
  } else {
    const template = withoutHash(d.spec.template);
    let current = owned.find((rs) => canonical(withoutHash(rs.spec.template)) === canonical(template));
    const maxRevision = Math.max(0, ...owned.map((rs) => revisionOf(rs)));
    const skipped = new Set([
      REVISION,
      'deployment.kubernetes.io/desired-replicas',
      'deployment.kubernetes.io/max-replicas',
      'kubectl.kubernetes.io/last-applied-configuration',
    ]);
    const copied = Object.fromEntries(Object.entries(d.metadata.annotations ?? {}).filter(([k]) => !skipped.has(k)));
    const revision = current && revisionOf(current) === maxRevision ? maxRevision : maxRevision + 1;
    const annotations = {
      ...copied,
      'deployment.kubernetes.io/desired-replicas': String(d.spec.replicas),
      'deployment.kubernetes.io/max-replicas': String(d.spec.replicas + 1),
      [REVISION]: String(revision),
    };
    if (!current) {
      const hash = templateHash(template);
      const labels = { ...(template.metadata?.labels ?? {}), 'pod-template-hash': hash };
      const rs = {
        metadata: {
          name: `${d.metadata.name}-${hash}`,
          namespace: d.metadata.namespace,
          uid: randomUUID(),
          creationTimestamp: now(),
          generation: 1,
          labels,
          annotations,
          ownerReferences: [controllerRef(deployType, d)],
        },
        spec: {
          replicas: cluster.mode === 'instant' ? d.spec.replicas : 0,
          selector: { matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), 'pod-template-hash': hash } },
          template: { ...template, metadata: { ...(template.metadata ?? {}), labels } },
        },
        status: { replicas: 0, observedGeneration: 1 },
      };
      current = cluster.write(rsType, rs, undefined);
    } else if (
      JSON.stringify(current.metadata.annotations) !==
      JSON.stringify({ ...current.metadata.annotations, ...annotations })
    ) {
      current = cluster.write(
        rsType,
        {
          ...current,
          metadata: { ...current.metadata, annotations: { ...current.metadata.annotations, ...annotations } },
        },
        current,
      );
    }
    changed = {
      ...d,
      metadata: { ...d.metadata, annotations: { ...(d.metadata.annotations ?? {}), [REVISION]: String(revision) } },
    };
    if (cluster.mode === 'instant') {
      const n = d.spec.replicas;
      for (const rs of cluster.list(rsType, d.metadata.namespace).filter(ownedBy(d))) {
        const isNew = rs.metadata.name === current.metadata.name;
        const want = isNew ? n : 0;
        if (rs.spec.replicas !== want || rs.status?.replicas !== want) {
          cluster.write(
            rsType,
            {
              ...rs,
              spec: { ...rs.spec, replicas: want },
              status: {
                replicas: want,
                fullyLabeledReplicas: want,
                readyReplicas: want,
                availableReplicas: want,
                observedGeneration: rs.metadata.generation,
              },
            },
            rs,
          );
        }
      }
      Object.assign(status, {
        observedGeneration: d.metadata.generation,
        replicas: n,
        updatedReplicas: n,
        readyReplicas: n,
        availableReplicas: n,
        conditions: [
          {
            type: 'Available',
            status: 'True',
            reason: 'MinimumReplicasAvailable',
            message: 'Deployment has minimum availability.',
            lastUpdateTime: now(),
            lastTransitionTime: now(),
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            message: `ReplicaSet "${current.metadata.name}" has successfully progressed.`,
            lastUpdateTime: now(),
            lastTransitionTime: now(),
          },
        ],
      });
    }
  }
  changed = { ...changed, status };
  if (JSON.stringify(changed) !== JSON.stringify(d)) cluster.write(deployType, changed, d);
}

/** StatefulSets and DaemonSets keep their template history in ControllerRevisions. */
function syncRevisioned(cluster: ClusterState, type: ResourceType, s: Raw): void {
  const crType = resourceType('controllerrevisions');
  const owned = cluster.list(crType, s.metadata.namespace).filter(ownedBy(s));
  const data = { spec: { template: { ...clone(s.spec.template), $patch: 'replace' } } };
  let current = owned.find((cr) => canonical(cr.data) === canonical(data));
  const maxRevision = Math.max(0, ...owned.map((cr) => Number(cr.revision ?? 0)));
  if (!current) {
    const hash = templateHash(data);
    current = cluster.write(
      crType,
      {
        metadata: {
          name: `${s.metadata.name}-${hash}`,
          namespace: s.metadata.namespace,
          uid: randomUUID(),
          creationTimestamp: now(),
          labels: { ...(s.spec.template?.metadata?.labels ?? {}), 'controller-revision-hash': hash },
          ownerReferences: [controllerRef(type, s)],
        },
        data,
        revision: maxRevision + 1,
      },
      undefined,
    );
  } else if (current.revision !== maxRevision) {
    current = cluster.write(crType, { ...current, revision: maxRevision + 1 }, current);
  }
  const status: Raw = clone(s.status ?? {});
  if (cluster.mode === 'instant') {
    status.observedGeneration = s.metadata.generation;
    if (type.kind === 'StatefulSet') {
      const n = s.spec.replicas;
      Object.assign(status, {
        replicas: n,
        readyReplicas: n,
        currentReplicas: n,
        updatedReplicas: n,
        availableReplicas: n,
        currentRevision: current.metadata.name,
        updateRevision: current.metadata.name,
      });
    } else {
      Object.assign(status, {
        desiredNumberScheduled: cluster.nodes,
        currentNumberScheduled: cluster.nodes,
        updatedNumberScheduled: cluster.nodes,
        numberReady: cluster.nodes,
        numberAvailable: cluster.nodes,
        numberMisscheduled: 0,
      });
    }
  } else if (type.kind === 'StatefulSet') {
    status.updateRevision = current.metadata.name;
    status.currentRevision ??= current.metadata.name;
  }
  const changed = { ...s, status };
  if (JSON.stringify(changed) !== JSON.stringify(s)) cluster.write(type, changed, s);
}

/** Runs the controller of `object`'s kind (Deployment, StatefulSet, DaemonSet; others have none here). */
export function reconcile(cluster: ClusterState, type: ResourceType, object: Raw): void {
  if (type.kind === 'Deployment') syncDeployment(cluster, object);
  else if (type.kind === 'StatefulSet' || type.kind === 'DaemonSet') syncRevisioned(cluster, type, object);
}
