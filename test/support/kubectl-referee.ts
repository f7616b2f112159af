/**
 * Expected results for cdpack's set-image and rollback, computed live by running the real kubectl
 * against a fresh fake API server seeded the same way (not golden text):
 *
 *   const want = await expectedSetImage(seed, 'deployment/web', ['web=registry.example/web:2.0.0']);
 *   // run cdpack's set-image on another fresh fake seeded with `seed`, then
 *   assert.deepEqual(comparable(fake.get('deployment', 'web'), { ignoreAnnotations: [CHANGE_CAUSE] }), want.object);
 */
import { type FakeKube, type FakeKubeOptions, type Raw, startFakeKube } from './fake-kube-api';
import { type KubectlResult, kubectl } from './fake-kube-kubectl';
import { podTemplateOf } from './fake-kube-resources';

export const CHANGE_CAUSE = 'kubernetes.io/change-cause';

export interface ComparableOptions {
  /** Annotations to leave out (e.g. the change-cause kubectl does not write). */
  ignoreAnnotations?: string[];
}

/**
 * An object without what differs between two fakes seeded alike: uids (also in ownerReferences),
 * resourceVersion, timestamps and managedFields.
 */
export function comparable(object: Raw, options: ComparableOptions = {}): Raw {
  const o = structuredClone(object);
  if (o?.metadata) {
    delete o.metadata.uid;
    delete o.metadata.resourceVersion;
    delete o.metadata.creationTimestamp;
    delete o.metadata.managedFields;
    for (const ref of o.metadata.ownerReferences ?? []) delete ref.uid;
    for (const name of options.ignoreAnnotations ?? []) delete o.metadata.annotations?.[name];
    if (o.metadata.annotations && Object.keys(o.metadata.annotations).length === 0) delete o.metadata.annotations;
  }
  for (const c of o?.status?.conditions ?? []) {
    delete c.lastUpdateTime;
    delete c.lastTransitionTime;
  }
  return o;
}

/** `kind/name` → [kind, name]. */
function splitWorkload(workload: string): [string, string] {
  const [kind = '', name = ''] = workload.split('/');
  return [kind, name];
}

export interface SetImageRecord {
  kubectl: KubectlResult;
  /** The stored object after kubectl's patch (and the controller's reaction), as `comparable()` gives it. */
  object: Raw;
  /** The same, exactly as stored. */
  stored: Raw;
}

/** `kubectl set image <workload> <container=image>...` on `fake`; returns the stored object afterwards. */
export async function kubectlSetImage(
  fake: FakeKube,
  workload: string,
  assignments: string[],
  options: { namespace?: string; dryRun?: boolean; changeCause?: string; kubeconfig?: string } = {},
): Promise<SetImageRecord> {
  const namespace = options.namespace ?? 'default';
  const args = [
    'set',
    'image',
    workload,
    ...assignments,
    '-n',
    namespace,
    ...(options.dryRun ? ['--dry-run=server'] : []),
  ];
  const result = await kubectl(fake, args, options.kubeconfig ? { kubeconfig: options.kubeconfig } : {});
  if (result.code === 0 && options.changeCause !== undefined && !options.dryRun) {
    const annotate = await kubectl(fake, [
      'annotate',
      workload,
      `${CHANGE_CAUSE}=${options.changeCause}`,
      '--overwrite',
      '-n',
      namespace,
    ]);
    if (annotate.code !== 0) throw new Error(`kubectl annotate failed: ${annotate.stderr}`);
  }
  await settle();
  const [kind, name] = splitWorkload(workload);
  const stored = fake.get(kind, name, namespace);
  return { kubectl: result, object: comparable(stored), stored };
}

export interface UndoRecord {
  kubectl: KubectlResult;
  /** The workload's pod template after the undo (`comparable` leaves templates as they are). */
  template: Raw;
  object: Raw;
}

/** `kubectl rollout undo <workload> [--to-revision=N]` on `fake`; returns the restored template. */
export async function kubectlRolloutUndo(
  fake: FakeKube,
  workload: string,
  options: { namespace?: string; toRevision?: number; kubeconfig?: string } = {},
): Promise<UndoRecord> {
  const namespace = options.namespace ?? 'default';
  const args = ['rollout', 'undo', workload, '-n', namespace];
  if (options.toRevision !== undefined) args.push(`--to-revision=${options.toRevision}`);
  const result = await kubectl(fake, args, options.kubeconfig ? { kubeconfig: options.kubeconfig } : {});
  await settle();
  const [kind, name] = splitWorkload(workload);
  const stored = fake.get(kind, name, namespace);
  return { kubectl: result, template: structuredClone(podTemplateOf(stored)), object: comparable(stored) };
}

/** Lets the fake's controller react to the last write (it runs on the next turn of the event loop). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * What `kubectl set image` makes of a workload seeded by `seed`, on a fresh fake (closed afterwards).
 * Compare with `comparable(yourObject, { ignoreAnnotations: [CHANGE_CAUSE] })` unless `changeCause` is given.
 */
export async function expectedSetImage(
  seed: (fake: FakeKube) => void,
  workload: string,
  assignments: string[],
  options: { namespace?: string; dryRun?: boolean; changeCause?: string; fake?: FakeKubeOptions } = {},
): Promise<SetImageRecord> {
  const fake = await startFakeKube(options.fake);
  try {
    seed(fake);
    return await kubectlSetImage(fake, workload, assignments, options);
  } finally {
    await fake.close();
  }
}

/** What `kubectl rollout undo` restores for a workload seeded by `seed`, on a fresh fake (closed afterwards). */
export async function expectedRollback(
  seed: (fake: FakeKube) => void,
  workload: string,
  options: { namespace?: string; toRevision?: number; fake?: FakeKubeOptions } = {},
): Promise<UndoRecord> {
  const fake = await startFakeKube(options.fake);
  try {
    seed(fake);
    return await kubectlRolloutUndo(fake, workload, options);
  } finally {
    await fake.close();
  }
}
