/**
 * Argo CD Applications and Flux objects as their controllers write them (the published CRD status fields:
 * argoproj.io/v1alpha1 Application, kustomize.toolkit.fluxcd.io/v1 Kustomization, helm.toolkit.fluxcd.io/v2
 * HelmRelease), and their registration as custom resources of the fake API server.
 */
import { type Raw, registerCustomResource } from './fake-kube-api';

export const OURS = '3f2c1a9b8e7d6c5b4a3928171615141312111009';
export const OLD = 'aaaabbbbccccddddeeeeffff0000111122223333';

export function registerGitOpsCrds(): void {
  registerCustomResource({
    group: 'argoproj.io',
    version: 'v1alpha1',
    kind: 'Application',
    plural: 'applications',
    shortNames: ['app', 'apps'],
  });
  registerCustomResource({
    group: 'kustomize.toolkit.fluxcd.io',
    version: 'v1',
    kind: 'Kustomization',
    plural: 'kustomizations',
    shortNames: ['ks'],
  });
  registerCustomResource({
    group: 'helm.toolkit.fluxcd.io',
    version: 'v2',
    kind: 'HelmRelease',
    plural: 'helmreleases',
    shortNames: ['hr'],
  });
}

export interface AppState {
  sync?: 'Synced' | 'OutOfSync' | 'Unknown';
  health?: 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing' | 'Unknown';
  healthMessage?: string;
  revision?: string;
  /** Multi-source: status.sync.revisions. */
  revisions?: string[];
  operation?: {
    phase: 'Running' | 'Succeeded' | 'Failed' | 'Error';
    message?: string;
    revision?: string;
    startedAt?: string;
    resources?: Raw[];
  };
  resources?: Raw[];
}

/** An Application (the REST API and the Kubernetes object share the shape). */
export function application(name: string, namespace: string, s: AppState): Raw {
  const status: Raw = {
    sync: {
      status: s.sync ?? 'Synced',
      ...(s.revisions ? { revisions: s.revisions } : { revision: s.revision ?? OLD }),
    },
    health: { status: s.health ?? 'Healthy', ...(s.healthMessage ? { message: s.healthMessage } : {}) },
    resources: s.resources ?? [],
    reconciledAt: '2026-12-01T10:00:00Z',
  };
  if (s.operation) {
    status.operationState = {
      operation: { sync: { revision: s.operation.revision ?? OURS } },
      phase: s.operation.phase,
      message: s.operation.message ?? '',
      startedAt: s.operation.startedAt ?? new Date().toISOString(),
      syncResult: { revision: s.operation.revision ?? OURS, resources: s.operation.resources ?? [] },
    };
  }
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name, namespace },
    spec: {
      project: 'default',
      source: { repoURL: 'https://git.example/config.git', path: 'apps/web', targetRevision: 'main' },
      destination: { server: 'https://kubernetes.default.svc', namespace: 'web' },
    },
    status,
  };
}

export interface FluxState {
  applied?: string;
  attempted?: string;
  ready: 'True' | 'False' | 'Unknown';
  reason: string;
  message?: string;
}

const condition = (s: FluxState, generation = 1) => ({
  type: 'Ready',
  status: s.ready,
  reason: s.reason,
  message: s.message ?? '',
  observedGeneration: generation,
  lastTransitionTime: '2026-12-01T10:00:00Z',
});

export function kustomization(name: string, namespace: string, s: FluxState): Raw {
  return {
    apiVersion: 'kustomize.toolkit.fluxcd.io/v1',
    kind: 'Kustomization',
    metadata: { name, namespace },
    spec: { interval: '10m', path: './apps/web', prune: true, sourceRef: { kind: 'GitRepository', name: 'config' } },
    status: {
      observedGeneration: 1,
      conditions: [condition(s)],
      ...(s.applied ? { lastAppliedRevision: s.applied } : {}),
      ...((s.attempted ?? s.applied) ? { lastAttemptedRevision: s.attempted ?? s.applied } : {}),
    },
  };
}

/** Status fields only (for `fake.update`), keeping the object's generation. */
export function fluxStatus(kind: 'Kustomization' | 'HelmRelease', object: Raw, s: FluxState): void {
  const fresh = kind === 'Kustomization' ? kustomization('x', 'x', s) : helmRelease('x', 'x', s);
  object.status = fresh.status;
  object.status.observedGeneration = object.metadata.generation ?? 1;
  object.status.conditions[0].observedGeneration = object.metadata.generation ?? 1;
}

/** A HelmRelease v2 whose chart comes from the config repo (chart version `<version>+<sha12>`). */
export function helmRelease(name: string, namespace: string, s: FluxState): Raw {
  const version = (sha: string | undefined) => (sha ? `1.4.0+${sha.replace(/^.*:/, '').slice(0, 12)}` : undefined);
  const applied = version(s.applied);
  return {
    apiVersion: 'helm.toolkit.fluxcd.io/v2',
    kind: 'HelmRelease',
    metadata: { name, namespace },
    spec: {
      interval: '10m',
      chart: {
        spec: {
          chart: './charts/web',
          reconcileStrategy: 'Revision',
          sourceRef: { kind: 'GitRepository', name: 'config' },
        },
      },
    },
    status: {
      observedGeneration: 1,
      conditions: [condition(s)],
      ...(version(s.attempted ?? s.applied) ? { lastAttemptedRevision: version(s.attempted ?? s.applied) } : {}),
      history: applied
        ? [
            {
              name,
              namespace,
              version: 2,
              chartName: 'web',
              chartVersion: applied,
              appVersion: '2.0.0',
              status: 'deployed',
              digest: 'sha256:0',
            },
          ]
        : [],
    },
  };
}
