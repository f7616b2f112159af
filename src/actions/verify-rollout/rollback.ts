/** `kubectl rollout undo` for one workload: read its history, let the core pick the target, send the same patch. */
import { rolloutUndo } from '../../core/rollout/argo-rollout';
import { controllerRevisionRollback, deploymentRollback, formatSelector } from '../../core/rollout/revision';
import type { StatusKind } from '../../core/rollout/status';
import { objectPath, type WorkloadRef } from '../../core/rollout/workload';
import type { KubeApi, KubeObject } from '../../tools/kube/types';
import { historyPath, selectorOf } from './diagnose';

export type UndoResult = { undone: true; revision: number; object: KubeObject } | { undone: false; reason: string };

export async function undoRollout(
  api: KubeApi,
  ref: WorkloadRef & { kind: StatusKind },
  namespace: string,
  signal: AbortSignal,
): Promise<UndoResult> {
  const path = objectPath(ref, namespace);
  const object = await api.get<KubeObject>(path, { signal });
  const history = (
    await api.list<KubeObject>(historyPath(ref.kind, namespace), {
      signal,
      query: { labelSelector: formatSelector(selectorOf(object)) },
    })
  ).items;
  const plan =
    ref.kind === 'Rollout'
      ? rolloutUndo(object, history)
      : ref.kind === 'Deployment'
        ? deploymentRollback(object, history)
        : controllerRevisionRollback(object, history);
  if (plan.action === 'skip') return { undone: false, reason: `skipped rollback (${plan.reason})` };
  const patched = await api.patch<KubeObject>(path, plan.patchType, plan.body, {
    signal,
    query: { fieldManager: 'cdpack' },
  });
  return { undone: true, revision: plan.revision, object: patched };
}
