/**
 * The verdict on a Flux Kustomization (kustomize.toolkit.fluxcd.io/v1) or HelmRelease (helm.toolkit.fluxcd.io/v2):
 * has it applied our commit and is it Ready? Pure: the object JSON in, a verdict out.
 */
import type { GitOpsState, GitOpsVerdict } from './argocd';
import { fluxRevisionNames } from './gitops-revision';
import { sanitizeLine } from './sanitize';

// biome-ignore lint/suspicious/noExplicitAny: Flux object JSON from the API, read field by field
type Json = any;

/**
 * Ready=False reasons after which Flux will not get there by itself for this revision (from the Flux API's
 * published reasons: kustomize-controller, helm-controller and fluxcd/pkg/apis/meta). Others (Progressing,
 * DependencyNotReady, ArtifactFailed while the source is being fetched…) are waited on until the timeout.
 */
export const TERMINAL_REASONS = new Set([
  // kustomize-controller / meta
  'ReconciliationFailed',
  'HealthCheckFailed',
  'BuildFailed',
  'PruneFailed',
  'ArtifactFailed',
  'InvalidPath',
  // helm-controller v2
  'InstallFailed',
  'UpgradeFailed',
  'TestFailed',
  'RollbackSucceeded',
  'RollbackFailed',
  'UninstallFailed',
  'InitFailed',
  'GetLastReleaseFailed',
  'ValuesError',
]);

export type FluxKind = 'Kustomization' | 'HelmRelease';

function condition(obj: Json, type: string): Json | undefined {
  const conditions = obj?.status?.conditions;
  return Array.isArray(conditions) ? conditions.find((c: Json) => c?.type === type) : undefined;
}

/** The revision Flux last applied: lastAppliedRevision, or for a HelmRelease v2 the latest deployed snapshot. */
function appliedRevisions(kind: FluxKind, obj: Json): string[] {
  const status = obj?.status ?? {};
  const out = [status.lastAppliedRevision];
  if (kind === 'HelmRelease') {
    const latest = Array.isArray(status.history) ? status.history[0] : undefined;
    if (latest?.status === 'deployed') out.push(latest.chartVersion, latest.appVersion);
  }
  return out.filter((r): r is string => typeof r === 'string' && r !== '');
}

function attemptedRevisions(kind: FluxKind, obj: Json): string[] {
  const status = obj?.status ?? {};
  const out = [status.lastAttemptedRevision, ...appliedRevisions(kind, obj)];
  if (kind === 'HelmRelease') {
    const latest = Array.isArray(status.history) ? status.history[0] : undefined;
    out.push(latest?.chartVersion);
  }
  return out.filter((r): r is string => typeof r === 'string' && r !== '');
}

/**
 * Done when the applied revision names `sha` and Ready=True for the current generation. Failed when Ready=False
 * (or Stalled=True) with a terminal reason after an attempt at our revision. Waiting otherwise.
 */
export function fluxVerdict(kind: FluxKind, obj: Json, sha: string): GitOpsVerdict {
  const ready = condition(obj, 'Ready');
  const stalled = condition(obj, 'Stalled');
  const applied = appliedRevisions(kind, obj);
  const appliedOurs = applied.some((r) => fluxRevisionNames(r, sha));
  const attemptedOurs = attemptedRevisions(kind, obj).some((r) => fluxRevisionNames(r, sha));
  const generation = obj?.metadata?.generation;
  const current =
    generation === undefined ||
    (ready?.observedGeneration ?? obj?.status?.observedGeneration ?? generation) >= generation;
  const readyText = ready ? `Ready=${ready.status}${ready.reason ? ` (${ready.reason})` : ''}` : 'Ready unknown';
  const progress = sanitizeLine(`${readyText}, applied ${applied[0] ?? 'none'}`);
  const verdict = (state: GitOpsState, message: string): GitOpsVerdict => ({
    state,
    message: sanitizeLine(message),
    details: [],
    progress,
  });
  const short = sha.slice(0, 12);

  const terminal =
    (ready?.status === 'False' && TERMINAL_REASONS.has(String(ready.reason))) || stalled?.status === 'True';
  if (terminal && attemptedOurs && current) {
    const c = ready?.status === 'False' ? ready : stalled;
    return verdict('failed', `${String(c?.reason ?? 'Failed')}: ${String(c?.message ?? 'no message')}`);
  }
  if (appliedOurs && ready?.status === 'True' && current) {
    return verdict('done', `revision ${short} is applied and Ready`);
  }
  const detail = ready?.message ? `: ${String(ready.message)}` : '';
  return verdict('waiting', `waiting for revision ${short} (${readyText}${detail})`);
}
