/**
 * verify-rollout for GitOps: wait until Argo CD / Flux has applied our config-repo commit (`revision`) and reports
 * it healthy, asking for a refresh/reconcile first when `refresh` is on. Then the smoke checks, like a rollout.
 */

import type { Log } from '../../core/log';
import { argoAppVerdict } from '../../core/rollout/argocd';
import { formatDuration } from '../../core/rollout/duration';
import { type FluxKind, fluxVerdict } from '../../core/rollout/flux';
import { sanitizeLine } from '../../core/rollout/sanitize';
import { escapeMarkdown, markdownDiagnosis } from '../../core/text/markdown';
import type { Platform } from '../../platform/types';
import { type ArgoCdApi, createArgoCdApi } from '../../tools/argocd/client';
import type { KubeApi } from '../../tools/kube/types';
import { describeApiError, type KubeSession } from '../kube-connection';
import { gitopsRollback, type WaitForApplied } from './gitops-rollback';
import type { GitOpsSettings } from './gitops-settings';
import { followKubeObject, type GitOpsOutcome, pollArgoCd } from './gitops-wait';
import type { Settings } from './settings';

const ARGO_GROUP = '/apis/argoproj.io/v1alpha1';
const FLUX = {
  Kustomization: { base: '/apis/kustomize.toolkit.fluxcd.io/v1', plural: 'kustomizations' },
  HelmRelease: { base: '/apis/helm.toolkit.fluxcd.io/v2', plural: 'helmreleases' },
} as const;

export interface GitOpsDeps {
  /** The Kubernetes session (connected only when an object is read through the Kubernetes API). */
  kube: () => KubeSession;
  /** The Argo CD REST client (default: the project's HTTP client against `argocd-server`). */
  argocd?: (server: string, token: string) => ArgoCdApi;
}

export interface GitOpsReport {
  outcomes: GitOpsOutcome[];
  /** The commit applied (the `revision` input) when every object reached it; '' otherwise. */
  revision: string;
}

const namespaced = (base: string, namespace: string, plural: string) => `${base}/namespaces/${namespace}/${plural}`;

/** Asks for a refresh/reconcile by annotation (merge patch); a refusal only costs time, so it warns. */
async function annotate(api: KubeApi, path: string, target: string, annotations: Record<string, string>, log: Log) {
  try {
    await api.patch(path, 'merge', { metadata: { annotations } });
    log.info(`${target}: ${Object.keys(annotations).join(', ')} annotated`);
  } catch (e) {
    log.warn(
      `${target}: could not request a refresh (${sanitizeLine(e instanceof Error ? e.message : String(e))}); waiting for the next poll`,
    );
  }
}

/** Waits for every GitOps object named in `gitops` at once, within `timeoutMs`. */
export async function waitForGitOps(
  gitops: GitOpsSettings,
  timeoutMs: number,
  deps: GitOpsDeps,
  log: Log,
): Promise<GitOpsReport> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  const signal = controller.signal;
  const timeoutText = formatDuration(timeoutMs);
  const since = new Date();
  const closers: (() => void)[] = [];
  let session: KubeSession | undefined;
  const kube = () => {
    if (!session) {
      session = deps.kube();
      closers.push(() => session?.api.close());
    }
    return session;
  };
  const sha = gitops.revision;
  const waits: Promise<GitOpsOutcome>[] = [];
  try {
    const app = gitops.argocd;
    if (app?.server) {
      const argocd = (deps.argocd ?? ((s, t) => createArgoCdApi(s, t)))(app.server, app.token);
      closers.push(() => argocd.close());
      const target = `Argo CD application ${app.namespace ? `${app.namespace}/` : ''}${app.name}`;
      log.info(`${target}: waiting for revision ${sha} through ${argocd.description}`);
      waits.push(
        pollArgoCd(argocd, app, target, gitops.refresh, (a) => argoAppVerdict(a, sha, since), signal, log, timeoutText),
      );
    } else if (app) {
      const { api, namespace } = kube();
      const ns = app.namespace ?? namespace;
      const target = `application/${app.name}`;
      const collection = namespaced(ARGO_GROUP, ns, 'applications');
      const object = `${collection}/${app.name}`;
      await api.get(object).catch((e) => {
        throw describeApiError(e, 'get', `Argo CD ${target}`, ns);
      });
      if (gitops.refresh) await annotate(api, object, target, { 'argocd.argoproj.io/refresh': 'normal' }, log);
      waits.push(
        followKubeObject(
          api,
          { object, collection },
          target,
          app.name,
          (o) => argoAppVerdict(o, sha, since),
          signal,
          log,
          timeoutText,
        ),
      );
    }
    const flux: [FluxKind, string | undefined][] = [
      ['Kustomization', gitops.fluxKustomization],
      ['HelmRelease', gitops.fluxHelmRelease],
    ];
    for (const [kind, name] of flux) {
      if (!name) continue;
      const { api, namespace } = kube();
      const collection = namespaced(FLUX[kind].base, namespace, FLUX[kind].plural);
      const object = `${collection}/${name}`;
      const target = `${kind.toLowerCase()}/${name}`;
      await api.get(object).catch((e) => {
        throw describeApiError(e, 'get', `Flux ${target}`, namespace);
      });
      if (gitops.refresh) {
        await annotate(api, object, target, { 'reconcile.fluxcd.io/requestedAt': new Date().toISOString() }, log);
      }
      waits.push(
        followKubeObject(
          api,
          { object, collection },
          target,
          name,
          (o) => fluxVerdict(kind, o, sha),
          signal,
          log,
          timeoutText,
        ),
      );
    }
    const outcomes = await Promise.all(waits);
    for (const o of outcomes) log.info(`${o.target}: ${o.ok ? o.message : o.failure}`);
    return { outcomes, revision: outcomes.every((o) => o.ok) ? sha : '' };
  } finally {
    clearTimeout(timer);
    for (const close of closers) close();
  }
}

/** The diagnosis lines of the failed outcomes. */
export function gitopsDiagnoses(outcomes: GitOpsOutcome[]): string[] {
  return outcomes.flatMap((o) =>
    o.ok ? [] : [`${o.target}: ${o.failure}${o.details.map((d) => `\n  ${d}`).join('')}`],
  );
}

export function gitopsSummaryRows(outcomes: GitOpsOutcome[]): string[] {
  return outcomes.map(
    (o) =>
      `| ${escapeMarkdown(o.target)} | ${o.ok ? 'applied' : o.timedOut ? 'timed out' : 'failed'} | ${escapeMarkdown(sanitizeLine(o.ok ? o.message : o.failure, 200))} |`,
  );
}

/** Runs the GitOps wait as the step's first phase; the caller goes on to the workloads only when it returns true. */
export async function verifyGitOpsPhase(
  platform: Platform,
  settings: Settings & { gitops: GitOpsSettings },
  deps: GitOpsDeps,
): Promise<GitOpsReport> {
  return platform.group('Wait for the GitOps sync', () =>
    waitForGitOps(settings.gitops, settings.timeoutMs, deps, platform),
  );
}

/** The wait a GitOps rollback uses: the same Argo CD / Flux objects, until they have applied the revert. */
export function waitForRevertApplied(
  settings: Settings & { gitops: GitOpsSettings },
  deps: GitOpsDeps,
  log: Log,
): WaitForApplied {
  return async (commit) => {
    const report = await waitForGitOps({ ...settings.gitops, revision: commit }, settings.timeoutMs, deps, log);
    const failures = gitopsDiagnoses(report.outcomes);
    return failures.length === 0 ? { ok: true } : { ok: false, failure: failures[0] ?? 'not applied' };
  };
}

export interface GitOpsStepHelpers {
  /** The step's smoke checks; returns the failures. */
  smoke: () => Promise<string[]>;
  diagnosisOutput: (diagnosis: string) => string;
}

/**
 * The GitOps phase of the step. Returns true when the step is finished (a GitOps failure, or no workloads to wait
 * for after it: smoke checks run and outputs written here); false when the workloads are to be verified next.
 */
export async function runGitOpsStep(
  platform: Platform,
  settings: Settings & { gitops: GitOpsSettings },
  deps: GitOpsDeps,
  helpers: GitOpsStepHelpers,
  started: number,
): Promise<boolean> {
  const report = await verifyGitOpsPhase(platform, settings, deps);
  const diagnoses = gitopsDiagnoses(report.outcomes);
  if (diagnoses.length === 0 && settings.workloads.length > 0) return false;
  if (diagnoses.length === 0 && settings.smoke.urls.length > 0) {
    diagnoses.push(...(await platform.group('Smoke checks', helpers.smoke)));
  }
  let result: 'success' | 'failed' | 'rolled-back' = diagnoses.length === 0 ? 'success' : 'failed';
  if (result === 'failed') {
    platform.info('Diagnosis:');
    for (const line of diagnoses.join('\n').split('\n')) platform.info(line);
  }
  let rollbackCommit = '';
  const revert = settings.gitopsRollback;
  if (result === 'failed' && settings.rollback && revert) {
    const outcome = await platform.group('Roll back (revert in the config repository)', () =>
      gitopsRollback(platform, revert, waitForRevertApplied(settings, deps, platform)),
    );
    diagnoses.push(...outcome.notes);
    rollbackCommit = outcome.commit;
    if (outcome.ok) result = 'rolled-back';
  }
  const diagnosis = diagnoses.join('\n');
  platform.setOutput('result', result);
  platform.setOutput('rollback-commit', rollbackCommit);
  platform.setOutput('duration', String(Math.round((Date.now() - started) / 100) / 10));
  platform.setOutput('diagnosis', helpers.diagnosisOutput(diagnosis));
  platform.setOutput('revision', report.revision);
  const lines = [
    '### cdpack verify-rollout',
    '',
    `${result === 'success' ? '✅' : '❌'} **${result}**: revision ${escapeMarkdown(settings.gitops.revision.slice(0, 12))}`,
    '',
    '| GitOps object | Verdict | Detail |',
    '| --- | --- | --- |',
    ...gitopsSummaryRows(report.outcomes),
    '',
  ];
  if (diagnosis) lines.push(...markdownDiagnosis(diagnosis.split('\n')));
  await platform.summary(lines.join('\n'));
  if (result !== 'success') {
    const first = diagnoses[0]?.split('\n')[0] ?? 'the GitOps sync failed';
    platform.fail(`${result === 'rolled-back' ? 'rolled back: ' : ''}${first}`);
  }
  return true;
}
