import { CdpackError, InputError } from '../../core/errors';
import { rolloutImagePatch } from '../../core/rollout/argo-rollout';
import { type ContainerChange, podSpecOf, selectContainers, setImagePatch } from '../../core/rollout/containers';
import { REVISION_ANNOTATION, revisionOf } from '../../core/rollout/revision';
import { collectionPath, objectPath, type WorkloadRef } from '../../core/rollout/workload';
import { escapeMarkdown } from '../../core/text/markdown';
import { readInputs } from '../../inputs/read';
import { setImage as spec } from '../../inputs/set-image';
import type { Platform } from '../../platform/types';
import type { KubeApi, KubeObject } from '../../tools/kube/types';
import { type Connect, connectKube, describeApiError } from '../kube-connection';
import { setImageOnDockerHost } from './docker-host';
import { parseSettings } from './settings';

/** How long to wait for the Deployment controller to stamp the new revision (the output `revision`). */
const REVISION_WAIT_MS = 30_000;
/**
 * Bounds each read and patch (the kubernetes target has no `timeout` input): an API server that accepts the
 * connection and never answers must not hold the job until the CI platform kills it.
 */
const REQUEST_DEADLINE_MS = 60_000;

/** Runs one API request with a signal aborted after REQUEST_DEADLINE_MS; an abort becomes a clear error. */
async function bounded<T>(what: string, request: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_DEADLINE_MS);
  try {
    return await request(controller.signal);
  } catch (e) {
    if (controller.signal.aborted) {
      throw new CdpackError(
        `${what}: the API server did not answer within ${REQUEST_DEADLINE_MS / 1000} s (timed out)`,
      );
    }
    throw e;
  } finally {
    clearTimeout(timer);
  }
}

interface Planned {
  ref: WorkloadRef;
  object: KubeObject;
  changes: ContainerChange[];
  patch: Record<string, unknown> | undefined;
}

interface WorkloadResult {
  workload: string;
  container: string;
  previous: string;
  image: string;
}

/** set-image on any platform: read every workload and plan every patch first, then patch, then read the revision. */
export async function setImageAction(platform: Platform, connect: Connect = connectKube): Promise<void> {
  const raw = readInputs(spec, platform);
  if (raw.target === 'compose' || raw.target === 'swarm') return setImageOnDockerHost(platform, raw);
  if (!raw.workload?.trim()) throw new InputError('workload', 'is required (target kubernetes)');
  const settings = parseSettings(raw, platform.env);
  const { api, namespace } = connect(platform, settings);
  try {
    platform.info(`cluster: ${api.description}, namespace '${namespace}'`);
    // Nothing is patched until every workload has been read and every container resolved.
    const plans: Planned[] = [];
    for (const ref of settings.workloads) {
      const object = await bounded(ref.display, (signal) =>
        api.get<KubeObject>(objectPath(ref, namespace), { signal }).catch((e) => {
          if (signal.aborted) throw e;
          throw describeApiError(e, 'get', ref.display, namespace);
        }),
      );
      const podSpec = podSpecOf(ref.kind, object);
      const changes = selectContainers(ref.display, podSpec, settings.image, settings.containers);
      const patch =
        ref.kind === 'Rollout'
          ? rolloutImagePatch(podSpec, object.metadata.resourceVersion ?? '', changes, settings.changeCause)
          : setImagePatch(ref.kind, podSpec, changes, settings.changeCause);
      plans.push({ ref, object, changes, patch });
    }

    let changed = false;
    let revision = '';
    // Patched so far: if a later patch fails, these are put back (best effort) so no half-release is left.
    const applied: { plan: Planned; patched: KubeObject }[] = [];
    const patchOne = async (plan: Planned, send: () => Promise<KubeObject>): Promise<KubeObject> => {
      try {
        const patched = await send();
        if (!settings.dryRun) applied.push({ plan, patched });
        return patched;
      } catch (e) {
        if (applied.length === 0) throw e;
        const message = e instanceof Error ? e.message : String(e);
        throw new CdpackError(`${message}; ${await revertApplied(api, namespace, applied, platform)}`);
      }
    };
    for (const plan of plans) {
      const what = plan.ref.display;
      if (!plan.patch) {
        platform.info(`${what}: already runs ${settings.image.reference}; nothing to patch`);
        if (plan.ref.kind === 'Deployment' && !revision) revision = String(revisionOf(plan.object) ?? '');
        continue;
      }
      changed = true;
      for (const c of plan.changes.filter((x) => x.previous !== x.image)) {
        platform.info(`${what}: container ${c.name}: ${c.previous} → ${c.image}${settings.dryRun ? ' (dry run)' : ''}`);
      }
      const patch = plan.patch;
      const patched = await patchOne(plan, () =>
        bounded(what, (signal) =>
          api
            // A Rollout is a custom resource: no strategic merge patch, so a JSON merge patch (see rolloutImagePatch).
            .patch<KubeObject>(
              objectPath(plan.ref, namespace),
              plan.ref.kind === 'Rollout' ? 'merge' : 'strategic',
              patch,
              {
                signal,
                query: { fieldManager: 'cdpack', ...(settings.dryRun ? { dryRun: 'All' } : {}) },
              },
            )
            .catch((e) => {
              if (signal.aborted) throw e;
              throw describeApiError(e, 'patch', what, namespace);
            }),
        ),
      );
      if (plan.ref.kind === 'Deployment' && !settings.dryRun && !revision) {
        revision = await waitForRevision(api, platform, plan.ref, namespace, plan.object, patched);
      }
    }

    const results: WorkloadResult[] = plans.flatMap((p) =>
      p.changes.map((c) => ({ workload: p.ref.display, container: c.name, previous: c.previous, image: c.image })),
    );
    const first = results.find((r) => r.previous !== r.image) ?? results[0];
    platform.setOutput('changed', String(changed));
    platform.setOutput('previous-image', first?.previous ?? '');
    platform.setOutput('revision', revision);
    platform.setOutput('workloads', JSON.stringify(results));
    await platform.summary(summary(results, namespace, settings.dryRun, revision));
  } finally {
    api.close();
  }
}

/**
 * Patches each already-patched workload back to its previous images (best effort, each request bounded) and
 * says what the cluster is left with: every workload reverted, or which ones still run the new image.
 */
async function revertApplied(
  api: KubeApi,
  namespace: string,
  applied: { plan: Planned; patched: KubeObject }[],
  platform: Platform,
): Promise<string> {
  const reverted: string[] = [];
  const left: string[] = [];
  for (const { plan, patched } of applied) {
    const what = plan.ref.display;
    const back = plan.changes.map((c) => ({ ...c, previous: c.image, image: c.previous }));
    const podSpec = podSpecOf(plan.ref.kind, patched);
    const patch =
      plan.ref.kind === 'Rollout'
        ? rolloutImagePatch(podSpec, patched.metadata.resourceVersion ?? '', back, undefined)
        : setImagePatch(plan.ref.kind, podSpec, back, undefined);
    try {
      if (patch) {
        await bounded(what, (signal) =>
          api.patch<KubeObject>(
            objectPath(plan.ref, namespace),
            plan.ref.kind === 'Rollout' ? 'merge' : 'strategic',
            patch,
            { signal, query: { fieldManager: 'cdpack' } },
          ),
        );
      }
      platform.warn(`${what}: patched back to its previous image(s)`);
      reverted.push(what);
    } catch (e) {
      platform.warn(`${what}: could not patch it back: ${e instanceof Error ? e.message : String(e)}`);
      const images = plan.changes.filter((c) => c.previous !== c.image).map((c) => `${c.name} ${c.image}`);
      left.push(`${what} (${images.join(', ')})`);
    }
  }
  return left.length === 0
    ? `already patched workloads were reverted: ${reverted.join(', ')}`
    : `left changed: ${left.join('; ')}${reverted.length ? `; reverted: ${reverted.join(', ')}` : ''}`;
}

/**
 * The Deployment's new `deployment.kubernetes.io/revision`: the controller writes it when it has seen the new
 * generation. Watched from the patch's resourceVersion, for a bounded time; '' (with a warning) if it never comes.
 */
async function waitForRevision(
  api: KubeApi,
  platform: Platform,
  ref: WorkloadRef,
  namespace: string,
  before: KubeObject,
  patched: KubeObject,
): Promise<string> {
  const previous = revisionOf(before) ?? 0;
  const generation = patched.metadata.generation ?? 0;
  const seen = (o: KubeObject) => {
    const rev = revisionOf(o);
    const observed = Number((o.status as { observedGeneration?: number } | undefined)?.observedGeneration ?? 0);
    return rev !== undefined && (rev > previous || observed >= generation) ? String(rev) : undefined;
  };
  const now = seen(patched);
  if (now) return now;
  let found: string | undefined;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REVISION_WAIT_MS);
  try {
    await api.watch<KubeObject>(
      collectionPath(ref.kind, namespace),
      patched.metadata.resourceVersion ?? '',
      (event) => {
        if (event.type === 'DELETED') return true;
        if (event.type === 'BOOKMARK') return false;
        found = seen(event.object);
        return found !== undefined;
      },
      { signal: controller.signal, query: { fieldSelector: `metadata.name=${ref.name}` } },
    );
  } catch (e) {
    platform.warn(`${ref.display}: could not read the new revision: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    clearTimeout(timer);
  }
  if (!found)
    platform.warn(
      `${ref.display}: the controller did not stamp ${REVISION_ANNOTATION} in time; output 'revision' is empty`,
    );
  return found ?? '';
}

function summary(results: WorkloadResult[], namespace: string, dryRun: boolean, revision: string): string {
  const rows = results.map(
    (r) =>
      `| ${escapeMarkdown(r.workload)} | ${escapeMarkdown(r.container)} | ${escapeMarkdown(r.previous)} | ${escapeMarkdown(r.image)} | ${r.previous === r.image ? 'unchanged' : dryRun ? 'would change (dry run)' : 'changed'} |`,
  );
  return [
    '### cdpack set-image',
    '',
    `Namespace ${escapeMarkdown(namespace)}${revision ? `, Deployment revision ${escapeMarkdown(revision)}` : ''}.`,
    '',
    '| Workload | Container | Before | After | |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
