import { CdpackError } from '../../core/errors';
import { formatDuration } from '../../core/rollout/duration';
import { revisionOf } from '../../core/rollout/revision';
import { sanitizeLine } from '../../core/rollout/sanitize';
import { runSmokeCheck, type SmokeResponse } from '../../core/rollout/smoke';
import type { StatusKind } from '../../core/rollout/status';
import { objectPath, type WorkloadRef } from '../../core/rollout/workload';
import { escapeMarkdown, markdownDiagnosis } from '../../core/text/markdown';
import { readInputs } from '../../inputs/read';
import { verifyRollout as spec } from '../../inputs/verify-rollout';
import type { Platform } from '../../platform/types';
import { HttpClient } from '../../tools/http/client';
import type { KubeApi, KubeObject } from '../../tools/kube/types';
import { type Connect, connectKube, describeApiError } from '../kube-connection';
import { diagnose } from './diagnose';
import { runGitOpsStep, waitForRevertApplied } from './gitops';
import { gitopsRollback, type WaitForApplied } from './gitops-rollback';
import type { GitOpsSettings } from './gitops-settings';
import { undoRollout } from './rollback';
import { parseSettings, type Settings } from './settings';
import { type WaitOutcome, waitForRollout } from './wait';

type Ref = WorkloadRef & { kind: StatusKind };
export type Result = 'success' | 'failed' | 'rolled-back';

/** Bounds the requests that gather a diagnosis or undo a rollout after the main wait has ended. */
const AFTERMATH_MS = 60_000;
const SMOKE_REQUEST_MS = 10_000;

export interface VerifyDeps {
  connect: Connect;
  /** One smoke request (default: the project's HTTP client). */
  fetch?: (url: string) => Promise<SmokeResponse>;
  sleep?: (ms: number) => Promise<void>;
  /** Waits for the GitOps controller to apply a revert (the Argo CD / Flux wait, once wired in). */
  waitForApplied?: WaitForApplied;
}

/**
 * verify-rollout on any platform: wait for every workload by watch (kubectl's verdicts), run the smoke checks,
 * and on failure diagnose, optionally undo and wait for that too. Outputs are written before the step fails.
 */
export async function verifyRolloutAction(
  platform: Platform,
  deps: VerifyDeps = { connect: connectKube },
): Promise<void> {
  const settings = parseSettings(readInputs(spec, platform));
  const started = Date.now();
  const gitopsDeps = { kube: () => deps.connect(platform, settings) };
  if (settings.gitops) {
    const finished = await runGitOpsStep(
      platform,
      settings as Settings & { gitops: GitOpsSettings },
      gitopsDeps,
      { smoke: () => smoke(settings, platform, deps), diagnosisOutput },
      started,
    );
    if (finished) return;
  }
  const { api, namespace } = deps.connect(platform, settings);
  try {
    platform.info(`cluster: ${api.description}, namespace '${namespace}'`);
    const refs = settings.workloads as Ref[];
    // Every workload must exist before anything is waited for (a typo fails at once, naming the object).
    // These reads count against `timeout` too: an API server that never answers must not hold the step.
    const objects = await withDeadline(settings.timeoutMs, async (signal) => {
      const read: KubeObject[] = [];
      for (const ref of refs) {
        read.push(
          await api.get<KubeObject>(objectPath(ref, namespace), { signal }).catch((e) => {
            if (signal.aborted) {
              throw new CdpackError(
                `${ref.display}: the API server did not answer within the timeout (${formatDuration(settings.timeoutMs)})`,
              );
            }
            throw describeApiError(e, 'get', ref.display, namespace);
          }),
        );
      }
      return read;
    });

    const outcomes = await platform.group('Wait for the rollout', () =>
      waitAll(api, refs, namespace, objects, settings.timeoutMs, platform),
    );
    const failedOutcomes = outcomes.filter((o) => !o.ok);
    const diagnoses: string[] = [];
    let toUndo: Ref[] = failedOutcomes.map((o) => o.ref as Ref);

    if (failedOutcomes.length > 0) {
      await withDeadline(AFTERMATH_MS, async (signal) => {
        for (const o of failedOutcomes) {
          if (o.ok) continue;
          diagnoses.push(await diagnose(api, o.ref as Ref, namespace, o.object, o.failure, o.lastStatus, signal));
        }
      });
    } else if (settings.smoke.urls.length > 0) {
      const failures = await platform.group('Smoke checks', () => smoke(settings, platform, deps));
      if (failures.length > 0) {
        diagnoses.push(...failures);
        toUndo = refs; // the release as a whole did not work
      }
    }

    let result: Result = diagnoses.length === 0 ? 'success' : 'failed';
    if (result === 'failed') {
      platform.info('Diagnosis:');
      for (const line of diagnoses.join('\n').split('\n')) platform.info(line);
    }
    let undone = false;
    let rollbackCommit = '';
    if (result === 'failed' && settings.rollback) {
      undone = true;
      const gitops = settings.gitopsRollback;
      const rolledBack = gitops
        ? await platform.group('Roll back (revert in the config repository)', async () => {
            // With Argo CD / Flux named, the revert is waited for like the release was.
            const wait =
              deps.waitForApplied ??
              (settings.gitops
                ? waitForRevertApplied(settings as Settings & { gitops: GitOpsSettings }, gitopsDeps, platform)
                : undefined);
            const outcome = await gitopsRollback(platform, gitops, wait);
            diagnoses.push(...outcome.notes);
            rollbackCommit = outcome.commit;
            return outcome.ok;
          })
        : await platform.group('Roll back', () => rollBack(api, toUndo, namespace, settings, platform, diagnoses));
      if (rolledBack) result = 'rolled-back';
    }

    // Without a rollback the watched object is current; after one, the revision is read again.
    const revision = undone
      ? await deploymentRevision(api, refs, namespace)
      : String(revisionOf(outcomes.find((o) => o.ref.kind === 'Deployment')?.object) ?? '');
    const diagnosis = diagnoses.join('\n');
    platform.setOutput('result', result);
    platform.setOutput('duration', String(Math.round((Date.now() - started) / 100) / 10));
    platform.setOutput('diagnosis', diagnosisOutput(diagnosis));
    platform.setOutput('revision', revision);
    platform.setOutput('rollback-commit', rollbackCommit);
    await platform.summary(summary(result, outcomes, diagnosis, namespace));
    if (result !== 'success') {
      const first = diagnoses[0]?.split('\n')[0] ?? 'the rollout failed';
      platform.fail(`${result === 'rolled-back' ? 'rolled back: ' : ''}${first}`);
    }
  } finally {
    api.close();
  }
}

/**
 * Outputs are single lines on every platform: the diagnosis's lines joined with ' | ', capped because GitLab
 * refuses a dotenv report over 5 KB (the full text is in the log and the step summary).
 */
const DIAGNOSIS_OUTPUT_MAX = 1500;
function diagnosisOutput(diagnosis: string): string {
  const line = diagnosis
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .join(' | ');
  return line.length > DIAGNOSIS_OUTPUT_MAX ? `${line.slice(0, DIAGNOSIS_OUTPUT_MAX - 1)}…` : line;
}

async function waitAll(
  api: KubeApi,
  refs: Ref[],
  namespace: string,
  objects: KubeObject[],
  timeoutMs: number,
  platform: Platform,
): Promise<WaitOutcome[]> {
  return withDeadline(timeoutMs, (signal) =>
    Promise.all(
      refs.map((ref, i) =>
        waitForRollout(api, ref, namespace, objects[i] as KubeObject, signal, platform, formatDuration(timeoutMs)),
      ),
    ),
  );
}

async function withDeadline<T>(ms: number, fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), ms);
  try {
    return await fn(controller.signal);
  } finally {
    clearTimeout(timer);
  }
}

/** Undo each workload and wait for it; true only when every one was undone and rolled out. */
async function rollBack(
  api: KubeApi,
  refs: Ref[],
  namespace: string,
  settings: Settings,
  platform: Platform,
  diagnoses: string[],
): Promise<boolean> {
  let all = true;
  for (const ref of refs) {
    try {
      const undo = await withDeadline(AFTERMATH_MS, (signal) => undoRollout(api, ref, namespace, signal));
      if (!undo.undone) {
        platform.warn(`${ref.display}: ${undo.reason}`);
        diagnoses.push(`${ref.display}: ${undo.reason}`);
        all = false;
        continue;
      }
      platform.info(`${ref.display}: rolled back to revision ${undo.revision}; waiting for that rollout`);
      const [outcome] = await waitAll(api, [ref], namespace, [undo.object], settings.timeoutMs, platform);
      if (!outcome?.ok) {
        diagnoses.push(`${ref.display}: the rollback did not finish: ${outcome?.ok === false ? outcome.failure : ''}`);
        all = false;
      }
    } catch (e) {
      const message = sanitizeLine(e instanceof Error ? e.message : String(e));
      platform.warn(`${ref.display}: rollback failed: ${message}`);
      diagnoses.push(`${ref.display}: rollback failed: ${message}`);
      all = false;
    }
  }
  return all;
}

async function smoke(settings: Settings, platform: Platform, deps: VerifyDeps): Promise<string[]> {
  const http = deps.fetch ? undefined : new HttpClient();
  const fetch =
    deps.fetch ??
    (async (url: string): Promise<SmokeResponse> => {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${SMOKE_REQUEST_MS / 1000} s`)), SMOKE_REQUEST_MS);
      });
      try {
        return await Promise.race([
          (async () => {
            const res = await (http as HttpClient).request({ method: 'GET', url });
            const body = (await res.buffer()).subarray(0, 1_000_000).toString('utf8');
            return { status: res.status, body };
          })(),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
      }
    });
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  try {
    const failures: string[] = [];
    for (const url of settings.smoke.urls) {
      const failure = await runSmokeCheck(url, {
        expect: { status: settings.smoke.status, ...(settings.smoke.body ? { body: settings.smoke.body } : {}) },
        retries: settings.smoke.retries,
        intervalMs: settings.smoke.intervalMs,
        fetch,
        sleep,
        log: (line) => platform.info(line),
      });
      if (failure) failures.push(failure);
    }
    return failures;
  } finally {
    http?.close();
  }
}

/** The first Deployment's revision as it is now (after any rollback); '' when there is none or it cannot be read. */
async function deploymentRevision(api: KubeApi, refs: Ref[], namespace: string): Promise<string> {
  const first = refs.find((r) => r.kind === 'Deployment');
  if (!first) return '';
  try {
    const object = await withDeadline(AFTERMATH_MS, (signal) =>
      api.get<KubeObject>(objectPath(first, namespace), { signal }),
    );
    return String(revisionOf(object) ?? '');
  } catch {
    return '';
  }
}

function summary(result: Result, outcomes: WaitOutcome[], diagnosis: string, namespace: string): string {
  const icon = { success: '✅', failed: '❌', 'rolled-back': '↩️' }[result];
  const rows = outcomes.map(
    (o) =>
      `| ${escapeMarkdown(o.ref.display)} | ${o.ok ? 'rolled out' : o.ok === false && o.timedOut ? 'timed out' : 'failed'} | ${escapeMarkdown(sanitizeLine(o.ok ? o.message : o.failure, 200))} |`,
  );
  const lines = [
    '### cdpack verify-rollout',
    '',
    `${icon} **${result}** in namespace ${escapeMarkdown(namespace)}`,
    '',
    '| Workload | Verdict | Detail |',
    '| --- | --- | --- |',
    ...rows,
    '',
  ];
  if (diagnosis) lines.push(...markdownDiagnosis(diagnosis.split('\n')));
  return lines.join('\n');
}
