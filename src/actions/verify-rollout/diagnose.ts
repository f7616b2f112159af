/** Reads what explains a failed rollout from the API (pods of the new revision, events, logs) for the core to render. */
import { rolloutPodLabel } from '../../core/rollout/argo-rollout';
import { podProblems, renderDiagnosis, warningEvents, workloadNotes } from '../../core/rollout/diagnosis';
import { formatSelector, newRevisionPodLabel } from '../../core/rollout/revision';
import { sanitizeLine } from '../../core/rollout/sanitize';
import type { StatusKind } from '../../core/rollout/status';
import type { WorkloadRef } from '../../core/rollout/workload';
import type { KubeApi, KubeObject } from '../../tools/kube/types';

const MAX_LOGS = 2;
const LOG_LINES = 20;

export function historyPath(kind: StatusKind, namespace: string): string {
  const ns = encodeURIComponent(namespace);
  return kind === 'Deployment' || kind === 'Rollout'
    ? `/apis/apps/v1/namespaces/${ns}/replicasets`
    : `/apis/apps/v1/namespaces/${ns}/controllerrevisions`;
}

export function selectorOf(object: KubeObject): unknown {
  return (object.spec as { selector?: unknown } | undefined)?.selector;
}

export async function diagnose(
  api: KubeApi,
  ref: WorkloadRef & { kind: StatusKind },
  namespace: string,
  object: KubeObject,
  failure: string,
  lastStatus: string | undefined,
  signal: AbortSignal,
): Promise<string> {
  const ns = encodeURIComponent(namespace);
  const notes: string[] = [];
  let pods: KubeObject[] = [];
  let events: KubeObject[] = [];
  const logs: { source: string; text: string }[] = [];
  try {
    const selector = selectorOf(object);
    const history =
      ref.kind === 'StatefulSet'
        ? []
        : (
            await api.list<KubeObject>(historyPath(ref.kind, namespace), {
              signal,
              query: { labelSelector: formatSelector(selector) },
            })
          ).items;
    const label = ref.kind === 'Rollout' ? rolloutPodLabel(object) : newRevisionPodLabel(ref.kind, object, history);
    pods = (
      await api.list<KubeObject>(`/api/v1/namespaces/${ns}/pods`, {
        signal,
        query: { labelSelector: formatSelector(selector, label ?? {}) },
      })
    ).items;
    events = (
      await api.list<KubeObject>(`/api/v1/namespaces/${ns}/events`, {
        signal,
        query: { fieldSelector: 'involvedObject.kind=Pod,type=Warning' },
      })
    ).items;
  } catch (e) {
    notes.push(`diagnosis incomplete: ${sanitizeLine(e instanceof Error ? e.message : String(e), 200)}`);
  }
  const problems = podProblems(pods);
  for (const p of problems.filter((x) => x.crashing && x.container).slice(0, MAX_LOGS)) {
    const path = `/api/v1/namespaces/${ns}/pods/${encodeURIComponent(p.pod)}/log`;
    const query = { container: p.container, tailLines: LOG_LINES, limitBytes: 16_384 };
    // The previous run's log is the one that explains a crash; a container that never restarted has none.
    const text = await api
      .text(path, { signal, query: { ...query, previous: true } })
      .catch(() => api.text(path, { signal, query }))
      .catch(() => undefined);
    if (text !== undefined) logs.push({ source: `${p.pod}/${p.container}`, text });
  }
  const podNames = new Set(problems.map((p) => p.pod));
  const text = renderDiagnosis({
    workload: ref.display,
    failure,
    ...(lastStatus ? { lastStatus } : {}),
    notes: workloadNotes(ref.kind, object),
    problems,
    events: warningEvents(events, podNames),
    logs,
  });
  return notes.length ? `${text}\n  ${notes.join('\n  ')}` : text;
}
