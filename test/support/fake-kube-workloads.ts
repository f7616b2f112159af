/**
 * Manifests and cluster-side state for the fake API server: workloads as a user would apply them,
 * status as the controllers would report it, pods of a revision in a given state, their events and logs.
 */
import { randomUUID } from 'node:crypto';
import type { FakeKube, Raw } from './fake-kube-api';

export interface WorkloadSpec {
  name?: string;
  namespace?: string;
  replicas?: number;
  /** One container `web` with this image, unless `containers` is given. */
  image?: string;
  containers?: { name: string; image: string }[];
  initContainers?: { name: string; image: string }[];
  paused?: boolean;
}

function podTemplate(name: string, spec: WorkloadSpec) {
  return {
    metadata: { labels: { app: name } },
    spec: {
      ...(spec.initContainers ? { initContainers: spec.initContainers.map((c) => ({ ...c })) } : {}),
      containers: (spec.containers ?? [{ name: 'web', image: spec.image ?? 'registry.example/web:1.0.0' }]).map(
        (c) => ({ ...c }),
      ),
    },
  };
}

export function deploymentManifest(spec: WorkloadSpec = {}): Raw {
  const name = spec.name ?? 'web';
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: spec.namespace ?? 'default', labels: { app: name } },
    spec: {
      replicas: spec.replicas ?? 3,
      ...(spec.paused ? { paused: true } : {}),
      selector: { matchLabels: { app: name } },
      template: podTemplate(name, spec),
    },
  };
}

export function statefulSetManifest(spec: WorkloadSpec & { partition?: number; onDelete?: boolean } = {}): Raw {
  const name = spec.name ?? 'db';
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name, namespace: spec.namespace ?? 'default', labels: { app: name } },
    spec: {
      replicas: spec.replicas ?? 3,
      serviceName: name,
      selector: { matchLabels: { app: name } },
      updateStrategy: spec.onDelete
        ? { type: 'OnDelete' }
        : { type: 'RollingUpdate', rollingUpdate: { partition: spec.partition ?? 0 } },
      template: podTemplate(name, {
        containers: [{ name: 'db', image: spec.image ?? 'registry.example/db:1.0.0' }],
        ...spec,
      }),
    },
  };
}

export function daemonSetManifest(spec: WorkloadSpec = {}): Raw {
  const name = spec.name ?? 'agent';
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace: spec.namespace ?? 'default', labels: { app: name } },
    spec: {
      selector: { matchLabels: { app: name } },
      template: podTemplate(name, {
        containers: [{ name: 'agent', image: spec.image ?? 'registry.example/agent:1.0.0' }],
        ...spec,
      }),
    },
  };
}

export function cronJobManifest(spec: WorkloadSpec & { schedule?: string } = {}): Raw {
  const name = spec.name ?? 'report';
  const template = podTemplate(name, {
    containers: [{ name: 'report', image: spec.image ?? 'registry.example/report:1.0.0' }],
    ...spec,
  });
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: spec.namespace ?? 'default' },
    spec: {
      schedule: spec.schedule ?? '0 * * * *',
      jobTemplate: { spec: { template: { ...template, spec: { ...template.spec, restartPolicy: 'OnFailure' } } } },
    },
  };
}

/** Changes the image of container `container` (default: the first) in a stored workload's template. */
export function setTemplateImage(
  fake: FakeKube,
  kind: string,
  name: string,
  image: string,
  container?: string,
  namespace = 'default',
): Raw {
  return fake.update(
    kind,
    name,
    (o) => {
      const spec = o.spec.template?.spec ?? o.spec.jobTemplate.spec.template.spec;
      const c = container ? spec.containers.find((x: Raw) => x.name === container) : spec.containers[0];
      c.image = image;
    },
    namespace,
  );
}

export interface DeploymentCounts {
  /** status.replicas (default: max(spec.replicas, updated)). */
  replicas?: number;
  updated: number;
  ready?: number;
  available: number;
  /** false leaves observedGeneration behind generation ("spec update not observed"). */
  observed?: boolean;
  /** Progressing condition reason (e.g. ProgressDeadlineExceeded, ReplicaSetUpdated). */
  progressing?: string;
}

/** Sets a Deployment's status (and its newest ReplicaSet's) as the deployment controller would. */
export function setDeploymentStatus(
  fake: FakeKube,
  name: string,
  counts: DeploymentCounts,
  namespace = 'default',
): Raw {
  const d = fake.get('deployment', name, namespace);
  const newest = fake.revisions('deployment', name, namespace).at(-1);
  const replicas = counts.replicas ?? Math.max(d.spec.replicas, counts.updated);
  if (newest) {
    fake.update(
      'replicaset',
      newest.metadata.name,
      (rs) => {
        rs.spec.replicas = counts.updated;
        rs.status = {
          replicas: counts.updated,
          fullyLabeledReplicas: counts.updated,
          readyReplicas: counts.ready ?? counts.available,
          availableReplicas: counts.available,
          observedGeneration: rs.metadata.generation,
        };
      },
      namespace,
    );
  }
  const progressing =
    counts.progressing ??
    (counts.available >= d.spec.replicas && replicas === counts.updated
      ? 'NewReplicaSetAvailable'
      : 'ReplicaSetUpdated');
  const failed = progressing === 'ProgressDeadlineExceeded';
  return fake.update(
    'deployment',
    name,
    (o) => {
      o.status = {
        observedGeneration: counts.observed === false ? (o.metadata.generation ?? 1) - 1 : o.metadata.generation,
        replicas,
        updatedReplicas: counts.updated,
        readyReplicas: counts.ready ?? counts.available,
        availableReplicas: counts.available,
        ...(replicas > counts.available ? { unavailableReplicas: replicas - counts.available } : {}),
        conditions: [
          {
            type: 'Available',
            status: counts.available >= d.spec.replicas - 1 ? 'True' : 'False',
            reason: counts.available >= d.spec.replicas - 1 ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
            message: 'Deployment has minimum availability.',
          },
          {
            type: 'Progressing',
            status: failed ? 'False' : 'True',
            reason: progressing,
            message: failed
              ? `ReplicaSet "${newest?.metadata.name}" has timed out progressing.`
              : `ReplicaSet "${newest?.metadata.name}" is progressing.`,
          },
        ],
      };
    },
    namespace,
  );
}

export interface StatefulSetCounts {
  ready: number;
  updated: number;
  current?: number;
  observed?: boolean;
  /** Whether status.currentRevision has caught up with updateRevision. */
  revisionsEqual?: boolean;
}

export function setStatefulSetStatus(
  fake: FakeKube,
  name: string,
  counts: StatefulSetCounts,
  namespace = 'default',
): Raw {
  const revisions = fake.revisions('statefulset', name, namespace);
  const update = revisions.at(-1)?.metadata.name;
  const previous = revisions.at(-2)?.metadata.name ?? update;
  return fake.update(
    'statefulset',
    name,
    (o) => {
      o.status = {
        observedGeneration: counts.observed === false ? (o.metadata.generation ?? 1) - 1 : o.metadata.generation,
        replicas: o.spec.replicas,
        readyReplicas: counts.ready,
        availableReplicas: counts.ready,
        currentReplicas: counts.current ?? o.spec.replicas - counts.updated,
        updatedReplicas: counts.updated,
        currentRevision: counts.revisionsEqual ? update : previous,
        updateRevision: update,
      };
    },
    namespace,
  );
}

export interface DaemonSetCounts {
  desired: number;
  updated: number;
  available: number;
  observed?: boolean;
}

export function setDaemonSetStatus(fake: FakeKube, name: string, counts: DaemonSetCounts, namespace = 'default'): Raw {
  return fake.update(
    'daemonset',
    name,
    (o) => {
      o.status = {
        observedGeneration: counts.observed === false ? (o.metadata.generation ?? 1) - 1 : o.metadata.generation,
        desiredNumberScheduled: counts.desired,
        currentNumberScheduled: counts.desired,
        updatedNumberScheduled: counts.updated,
        numberReady: counts.available,
        numberAvailable: counts.available,
        numberMisscheduled: 0,
        ...(counts.desired > counts.available ? { numberUnavailable: counts.desired - counts.available } : {}),
      };
    },
    namespace,
  );
}

/** What the pods' containers are doing. */
export type PodState =
  | { kind: 'running' }
  | { kind: 'crash-loop'; exitCode?: number; lastReason?: 'Error' | 'OOMKilled'; restarts?: number; log?: string }
  | { kind: 'image-pull'; reason?: 'ImagePullBackOff' | 'ErrImagePull' }
  | { kind: 'config-error'; message: string }
  | { kind: 'unschedulable'; message: string };

/**
 * Creates `count` pods of a ReplicaSet (or any owner with a pod template) in `state`, with the
 * Warning events the kubelet or scheduler would record for them and, for a crash loop, the
 * previous container's log. Returns the pods.
 */
export function addPods(
  fake: FakeKube,
  ownerKind: string,
  ownerName: string,
  count: number,
  state: PodState,
  namespace = 'default',
): Raw[] {
  const owner = fake.get(ownerKind, ownerName, namespace);
  const template = owner.spec.template;
  const containers: Raw[] = template.spec.containers;
  const pods: Raw[] = [];
  for (let i = 0; i < count; i++) {
    const name = `${ownerName}-${'abcdefghjk'[i % 10]}${i}x${'mnpqr'[i % 5]}`;
    const at = '2026-01-01T00:00:00Z';
    const uid = randomUUID();
    const statusOf = (c: Raw): Raw => {
      const base = { name: c.name, image: c.image, imageID: '', ready: false, started: false, restartCount: 0 };
      switch (state.kind) {
        case 'running':
          return { ...base, ready: true, started: true, state: { running: { startedAt: at } } };
        case 'crash-loop':
          return {
            ...base,
            restartCount: state.restarts ?? 4,
            state: {
              waiting: {
                reason: 'CrashLoopBackOff',
                message: `back-off 1m20s restarting failed container=${c.name} pod=${name}_${namespace}(${uid})`,
              },
            },
            lastState: {
              terminated: {
                exitCode: state.exitCode ?? (state.lastReason === 'OOMKilled' ? 137 : 1),
                reason: state.lastReason ?? 'Error',
                startedAt: at,
                finishedAt: at,
              },
            },
          };
        case 'image-pull':
          return {
            ...base,
            state: {
              waiting: { reason: state.reason ?? 'ImagePullBackOff', message: `Back-off pulling image "${c.image}"` },
            },
          };
        case 'config-error':
          return { ...base, state: { waiting: { reason: 'CreateContainerConfigError', message: state.message } } };
        case 'unschedulable':
          return base;
      }
    };
    const pod = fake.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name,
        namespace,
        uid,
        labels: { ...template.metadata.labels },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: ownerKindName(ownerKind),
            name: ownerName,
            uid: owner.metadata.uid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: {
        ...structuredClone(template.spec),
        ...(state.kind === 'unschedulable' ? {} : { nodeName: `node-${i % 3}` }),
      },
      status:
        state.kind === 'unschedulable'
          ? {
              phase: 'Pending',
              conditions: [{ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: state.message }],
            }
          : {
              phase: state.kind === 'running' || state.kind === 'crash-loop' ? 'Running' : 'Pending',
              conditions: [{ type: 'Ready', status: state.kind === 'running' ? 'True' : 'False' }],
              containerStatuses: containers.map(statusOf),
            },
    });
    pods.push(pod);
    for (const c of containers) recordPodEvents(fake, pod, c, state, namespace);
    if (state.kind === 'crash-loop') {
      for (const c of containers) {
        const text = state.log ?? 'starting web\nerror: cannot connect to database at db:5432\n';
        fake.setLog(name, c.name, text, { namespace, previous: true });
        // A crash-looping container's current log is its last run's; --previous is the run before.
        fake.setLog(name, c.name, text, { namespace });
      }
    }
  }
  return pods;
}

function ownerKindName(kind: string): string {
  const k = kind.toLowerCase();
  return k === 'replicaset' || k === 'rs'
    ? 'ReplicaSet'
    : k === 'statefulset'
      ? 'StatefulSet'
      : k === 'daemonset'
        ? 'DaemonSet'
        : kind;
}

let eventCounter = 0;
function recordPodEvents(fake: FakeKube, pod: Raw, container: Raw, state: PodState, namespace: string): void {
  const event = (reason: string, message: string, component = 'kubelet') =>
    fake.create({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: `${pod.metadata.name}.${(++eventCounter).toString(16).padStart(16, '0')}`, namespace },
      involvedObject: {
        apiVersion: 'v1',
        kind: 'Pod',
        name: pod.metadata.name,
        namespace,
        uid: pod.metadata.uid,
        ...(component === 'kubelet' ? { fieldPath: `spec.containers{${container.name}}` } : {}),
      },
      reason,
      message,
      type: 'Warning',
      count: 3,
      source: { component },
      reportingComponent: component,
      firstTimestamp: '2026-01-01T00:00:00Z',
      lastTimestamp: '2026-01-01T00:01:00Z',
    });
  switch (state.kind) {
    case 'crash-loop':
      event(
        'BackOff',
        `Back-off restarting failed container ${container.name} in pod ${pod.metadata.name}_${namespace}(${pod.metadata.uid})`,
      );
      break;
    case 'image-pull':
      event(
        'Failed',
        `Failed to pull image "${container.image}": rpc error: code = NotFound desc = failed to pull and unpack image "${container.image}": not found`,
      );
      event('Failed', 'Error: ErrImagePull');
      event('BackOff', `Back-off pulling image "${container.image}"`);
      break;
    case 'config-error':
      event('Failed', `Error: ${state.message}`);
      break;
    case 'unschedulable':
      event('FailedScheduling', state.message, 'default-scheduler');
      break;
    case 'running':
      break;
  }
}
