/**
 * The resource types the fake API server knows, their discovery documents and the defaults the
 * real API server fills in on create (enough that `kubectl rollout undo` compares templates the
 * way it does against a cluster).
 */

// biome-ignore lint/suspicious/noExplicitAny: raw Kubernetes JSON, read and written field by field
export type Raw = any;

export interface ResourceType {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular: string;
  shortNames: string[];
  /** Spec changes bump metadata.generation. */
  generation: boolean;
  /** Has a status subresource: writes to the main resource keep the stored status. */
  status: boolean;
  /** Fields a fieldSelector may name besides metadata.name / metadata.namespace. */
  fields: string[];
  subresources?: string[];
}

const workload = { generation: true, status: true, fields: [] as string[] };

export const RESOURCE_TYPES: ResourceType[] = [
  {
    group: '',
    version: 'v1',
    kind: 'Pod',
    plural: 'pods',
    singular: 'pod',
    shortNames: ['po'],
    generation: false,
    status: true,
    fields: ['spec.nodeName', 'spec.restartPolicy', 'spec.schedulerName', 'spec.serviceAccountName', 'status.phase'],
    subresources: ['log'],
  },
  {
    group: '',
    version: 'v1',
    kind: 'Event',
    plural: 'events',
    singular: 'event',
    shortNames: ['ev'],
    generation: false,
    status: false,
    fields: [
      'involvedObject.kind',
      'involvedObject.namespace',
      'involvedObject.name',
      'involvedObject.uid',
      'involvedObject.apiVersion',
      'involvedObject.resourceVersion',
      'involvedObject.fieldPath',
      'reason',
      'reportingComponent',
      'type',
    ],
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'Deployment',
    plural: 'deployments',
    singular: 'deployment',
    shortNames: ['deploy'],
    ...workload,
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'ReplicaSet',
    plural: 'replicasets',
    singular: 'replicaset',
    shortNames: ['rs'],
    ...workload,
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'StatefulSet',
    plural: 'statefulsets',
    singular: 'statefulset',
    shortNames: ['sts'],
    ...workload,
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'DaemonSet',
    plural: 'daemonsets',
    singular: 'daemonset',
    shortNames: ['ds'],
    ...workload,
  },
  {
    group: 'apps',
    version: 'v1',
    kind: 'ControllerRevision',
    plural: 'controllerrevisions',
    singular: 'controllerrevision',
    shortNames: [],
    generation: false,
    status: false,
    fields: [],
  },
  {
    group: 'batch',
    version: 'v1',
    kind: 'CronJob',
    plural: 'cronjobs',
    singular: 'cronjob',
    shortNames: ['cj'],
    ...workload,
  },
  {
    group: 'batch',
    version: 'v1',
    kind: 'Job',
    plural: 'jobs',
    singular: 'job',
    shortNames: [],
    ...workload,
  },
];

/**
 * Makes a custom resource (a CRD's group/version/kind) known to every fake API server of this process: routes,
 * discovery, watches and patches then work for it as for the built-in types (no controller runs for it; tests
 * change its status with `update`). Registering the same group/version/plural again is a no-op.
 */
export function registerCustomResource(crd: {
  group: string;
  version: string;
  kind: string;
  plural: string;
  singular?: string;
  shortNames?: string[];
}): ResourceType {
  const known = RESOURCE_TYPES.find(
    (t) => t.group === crd.group && t.version === crd.version && t.plural === crd.plural,
  );
  if (known) return known;
  const type: ResourceType = {
    group: crd.group,
    version: crd.version,
    kind: crd.kind,
    plural: crd.plural,
    singular: crd.singular ?? crd.kind.toLowerCase(),
    shortNames: crd.shortNames ?? [],
    // CRDs with a status subresource bump generation on spec changes and keep status on main-resource writes.
    generation: true,
    status: true,
    fields: [],
  };
  RESOURCE_TYPES.push(type);
  return type;
}

/** Finds a type by kind (`Deployment`), plural (`deployments`), singular or short name (`deploy`). */
export function resourceType(name: string): ResourceType {
  const n = name.toLowerCase();
  const type = RESOURCE_TYPES.find(
    (t) => t.kind.toLowerCase() === n || t.plural === n || t.singular === n || t.shortNames.includes(n),
  );
  if (!type) throw new Error(`fake-kube: unknown resource type ${name}`);
  return type;
}

export function apiVersionOf(type: ResourceType): string {
  return type.group ? `${type.group}/${type.version}` : type.version;
}

/** `deployments.apps` / `pods`: how the API server names a resource in messages. */
export function qualifiedResource(type: ResourceType): string {
  return type.group ? `${type.plural}.${type.group}` : type.plural;
}

/** `Deployment.apps` / `Pod`. */
export function qualifiedKind(type: ResourceType): string {
  return type.group ? `${type.kind}.${type.group}` : type.kind;
}

const VERBS = ['create', 'delete', 'get', 'list', 'patch', 'watch'];

export function discovery(port: number) {
  const resourceList = (groupVersion: string, types: ResourceType[]) => ({
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: types.flatMap((t) => [
      {
        name: t.plural,
        singularName: t.singular,
        namespaced: true,
        kind: t.kind,
        verbs: VERBS,
        shortNames: t.shortNames,
      },
      ...(t.subresources ?? []).map((sub) => ({
        name: `${t.plural}/${sub}`,
        singularName: '',
        namespaced: true,
        kind: sub === 'log' ? t.kind : t.kind,
        verbs: sub === 'log' ? ['get'] : ['get', 'patch'],
      })),
    ]),
  });
  const groupNames = [...new Set(RESOURCE_TYPES.filter((t) => t.group !== '').map((t) => t.group))];
  const groups = groupNames.map((name) => {
    const versions = [...new Set(RESOURCE_TYPES.filter((t) => t.group === name).map((t) => t.version))].map(
      (version) => ({ groupVersion: `${name}/${version}`, version }),
    );
    return { kind: 'APIGroup', apiVersion: 'v1', name, versions, preferredVersion: versions[0] };
  });
  const docs: Record<string, unknown> = {
    '/version': {
      major: '1',
      minor: '32',
      gitVersion: 'v1.32.0-fake',
      gitCommit: '0000000000000000000000000000000000000000',
      gitTreeState: 'clean',
      buildDate: '2026-01-01T00:00:00Z',
      goVersion: 'go1.23.0',
      compiler: 'gc',
      platform: 'linux/amd64',
    },
    '/api': {
      kind: 'APIVersions',
      versions: ['v1'],
      serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `127.0.0.1:${port}` }],
    },
    '/apis': { kind: 'APIGroupList', apiVersion: 'v1', groups },
    '/api/v1': resourceList(
      'v1',
      RESOURCE_TYPES.filter((t) => t.group === ''),
    ),
  };
  for (const g of groups) {
    docs[`/apis/${g.name}`] = g;
    for (const v of g.versions) {
      docs[`/apis/${v.groupVersion}`] = resourceList(
        v.groupVersion,
        RESOURCE_TYPES.filter((t) => t.group === g.name && t.version === v.version),
      );
    }
  }
  return docs;
}

function defaultContainers(containers: Raw[] | undefined): void {
  for (const c of containers ?? []) {
    const image = String(c.image ?? '');
    const tagged = /:[^/]+$/.test(image.replace(/@.*$/, '')) || image.includes('@');
    c.imagePullPolicy ??= !tagged || /:latest$/.test(image) ? 'Always' : 'IfNotPresent';
    c.terminationMessagePath ??= '/dev/termination-log';
    c.terminationMessagePolicy ??= 'File';
    c.resources ??= {};
  }
}

export function defaultPodSpec(spec: Raw): void {
  if (!spec) return;
  defaultContainers(spec.containers);
  defaultContainers(spec.initContainers);
  spec.restartPolicy ??= 'Always';
  spec.terminationGracePeriodSeconds ??= 30;
  spec.dnsPolicy ??= 'ClusterFirst';
  spec.securityContext ??= {};
  spec.schedulerName ??= 'default-scheduler';
}

/** The defaults the API server applies on create and update (only where a field is missing). */
export function applyDefaults(type: ResourceType, obj: Raw): void {
  const spec = obj.spec;
  // A v1.32 API server decodes templates into typed objects: their empty creationTimestamp comes back as null.
  const template = podTemplateOf(obj);
  if (template) {
    template.metadata ??= {};
    if (template.metadata.creationTimestamp === undefined) template.metadata.creationTimestamp = null;
  }
  switch (type.kind) {
    case 'Pod':
      defaultPodSpec(spec);
      return;
    case 'Deployment':
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.progressDeadlineSeconds ??= 600;
      spec.strategy ??= { type: 'RollingUpdate' };
      if (spec.strategy.type === 'RollingUpdate')
        spec.strategy.rollingUpdate ??= { maxSurge: '25%', maxUnavailable: '25%' };
      defaultPodSpec(spec.template?.spec);
      return;
    case 'ReplicaSet':
      spec.replicas ??= 1;
      defaultPodSpec(spec.template?.spec);
      return;
    case 'StatefulSet':
      spec.replicas ??= 1;
      spec.revisionHistoryLimit ??= 10;
      spec.podManagementPolicy ??= 'OrderedReady';
      spec.updateStrategy ??= { type: 'RollingUpdate' };
      if (spec.updateStrategy.type === 'RollingUpdate') spec.updateStrategy.rollingUpdate ??= { partition: 0 };
      defaultPodSpec(spec.template?.spec);
      return;
    case 'DaemonSet':
      spec.revisionHistoryLimit ??= 10;
      spec.updateStrategy ??= { type: 'RollingUpdate' };
      if (spec.updateStrategy.type === 'RollingUpdate') {
        spec.updateStrategy.rollingUpdate ??= { maxUnavailable: 1, maxSurge: 0 };
      }
      defaultPodSpec(spec.template?.spec);
      return;
    case 'CronJob':
      spec.concurrencyPolicy ??= 'Allow';
      spec.suspend ??= false;
      spec.successfulJobsHistoryLimit ??= 3;
      spec.failedJobsHistoryLimit ??= 1;
      defaultPodSpec(spec.jobTemplate?.spec?.template?.spec);
      return;
    case 'Job':
      defaultPodSpec(spec.template?.spec);
      return;
  }
}

/** The pod template of a workload (CronJobs keep it under jobTemplate). */
export function podTemplateOf(obj: Raw): Raw | undefined {
  return obj?.spec?.template ?? obj?.spec?.jobTemplate?.spec?.template;
}

/**
 * The validation the fake enforces (422 Invalid): every container has a name and an image, and a
 * workload's selector matches its template's labels. Returns `[field, message]` pairs.
 */
export function validate(type: ResourceType, obj: Raw): [string, string][] {
  const causes: [string, string][] = [];
  const checkContainers = (spec: Raw, at: string) => {
    for (const field of ['initContainers', 'containers']) {
      (spec?.[field] ?? []).forEach((c: Raw, i: number) => {
        if (!c?.name) causes.push([`${at}.${field}[${i}].name`, 'Required value']);
        if (!c?.image) causes.push([`${at}.${field}[${i}].image`, 'Required value']);
      });
    }
    if (!Array.isArray(spec?.containers) || spec.containers.length === 0) {
      causes.push([`${at}.containers`, 'Required value']);
    }
  };
  if (type.kind === 'Pod') checkContainers(obj.spec, 'spec');
  else if (type.kind === 'CronJob')
    checkContainers(obj.spec?.jobTemplate?.spec?.template?.spec, 'spec.jobTemplate.spec.template.spec');
  else if (['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet'].includes(type.kind)) {
    checkContainers(obj.spec?.template?.spec, 'spec.template.spec');
    const wanted: Record<string, string> = obj.spec?.selector?.matchLabels ?? {};
    const labels: Record<string, string> = obj.spec?.template?.metadata?.labels ?? {};
    if (Object.keys(wanted).length === 0) causes.push(['spec.selector', 'Required value']);
    else if (Object.entries(wanted).some(([k, v]) => labels[k] !== v)) {
      causes.push(['spec.template.metadata.labels', 'Invalid value: `selector` does not match template `labels`']);
    }
  }
  return causes;
}
