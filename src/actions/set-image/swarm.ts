/**
 * set-image for swarm services: `docker service update --image … --with-registry-auth`, then wait for its
 * UpdateStatus; `paused` (a failed update) or the timeout rolls it back (`docker service rollback`), an automatic
 * rollback (update-failure-action rollback) is waited for. Services are updated one at a time; the first that
 * fails stops the run.
 */
import { sameImage } from '../../core/compose/containers';
import { formatDuration } from '../../core/rollout/duration';
import { sanitizeLine } from '../../core/rollout/sanitize';
import { rollbackVerdict, type UpdateStatus, updateVerdict } from '../../core/swarm/update-status';
import type { Platform } from '../../platform/types';
import type { HostRunner } from '../../tools/docker-host/runner';
import {
  inspectService,
  rollbackService,
  serviceImageOf,
  taskLines,
  updateServiceImage,
} from '../../tools/docker-host/swarm';
import { type DockerOutcome, type Result, type ServiceResult, sleep } from './docker-outcome';
import type { DockerHostSettings } from './docker-settings';

export const SWARM_POLL_MS = 2000;

/** Swarm pins `ref@sha256:…` in the spec; a reference given without a digest compares without it. */
function runsAlready(current: string, image: string): boolean {
  if (sameImage(current, image)) return true;
  return !image.includes('@') && sameImage(current.replace(/@sha256:[a-f0-9]{64}$/, ''), image);
}

export async function swarmSetImage(
  platform: Platform,
  settings: DockerHostSettings,
  runner: HostRunner,
): Promise<DockerOutcome> {
  const image = settings.image.reference;
  const results: ServiceResult[] = [];
  const diagnosis: string[] = [];
  let changed = false;
  let result: Result = 'success';
  // Every service must exist before any is updated.
  const before = [];
  for (const service of settings.services) before.push(await inspectService(runner, service));
  for (const [i, service] of settings.services.entries()) {
    const current = before[i] as Awaited<ReturnType<typeof inspectService>>;
    const previous = serviceImageOf(current);
    results.push({ service, previous, image });
    if (runsAlready(previous, image)) {
      platform.info(`service ${service}: already runs ${sanitizeLine(previous)}; nothing to update`);
      results[results.length - 1] = { service, previous: image, image };
      continue;
    }
    platform.info(`service ${service}: ${sanitizeLine(previous)} → ${image}${settings.dryRun ? ' (dry run)' : ''}`);
    if (settings.dryRun) {
      changed = true;
      continue;
    }
    await updateServiceImage(runner, service, image);
    changed = true;
    const failure = await platform.group(`Wait for service ${service}`, () =>
      waitForUpdate(runner, service, current.UpdateStatus, settings.timeoutMs, platform),
    );
    if (failure.kind === 'ok') continue;
    diagnosis.push(`service ${service}: ${failure.detail}`);
    diagnosis.push(...(await taskLines(runner, service)).map((l) => `  task ${l}`));
    if (failure.kind === 'rolled-back') {
      result = 'rolled-back';
      break;
    }
    if (failure.kind === 'rollback-failed') {
      result = 'failed';
      break;
    }
    result = await platform.group(`Roll back service ${service}`, async () => {
      try {
        await rollbackService(runner, service);
        platform.info(`service ${service}: docker service rollback`);
        const done = await waitForRollback(runner, service, settings.timeoutMs, platform);
        if (done) diagnosis.push(`service ${service}: ${done}`);
        return done ? 'failed' : 'rolled-back';
      } catch (e) {
        diagnosis.push(
          `service ${service}: rollback failed: ${sanitizeLine(e instanceof Error ? e.message : String(e))}`,
        );
        return 'failed';
      }
    });
    break;
  }
  return { changed, results, result, diagnosis };
}

type UpdateEnd =
  | { kind: 'ok' }
  /** Paused or timed out: ours to roll back. */
  | { kind: 'failed'; detail: string }
  | { kind: 'rolled-back'; detail: string }
  | { kind: 'rollback-failed'; detail: string };

async function waitForUpdate(
  runner: HostRunner,
  service: string,
  before: UpdateStatus | null | undefined,
  timeoutMs: number,
  platform: Platform,
): Promise<UpdateEnd> {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  for (;;) {
    const verdict = updateVerdict((await inspectService(runner, service)).UpdateStatus, before);
    const line = `service ${service}: ${verdict.state}${'detail' in verdict ? ` (${sanitizeLine(verdict.detail)})` : ''}`;
    if (line !== last) platform.info(line);
    last = line;
    switch (verdict.state) {
      case 'completed':
        return { kind: 'ok' };
      case 'paused':
        return { kind: 'failed', detail: `update paused: ${sanitizeLine(verdict.detail)}` };
      case 'rolled-back':
        return { kind: 'rolled-back', detail: `swarm rolled the update back: ${sanitizeLine(verdict.detail)}` };
      case 'rollback-paused':
        return { kind: 'rollback-failed', detail: `swarm's rollback paused: ${sanitizeLine(verdict.detail)}` };
      default:
        break;
    }
    if (Date.now() + SWARM_POLL_MS > deadline) {
      return verdict.state === 'rolling-back'
        ? { kind: 'rollback-failed', detail: `swarm's rollback did not finish within ${formatDuration(timeoutMs)}` }
        : { kind: 'failed', detail: `the update did not complete within ${formatDuration(timeoutMs)}` };
    }
    await sleep(SWARM_POLL_MS);
  }
}

/** Waits for a requested rollback: undefined when done, else why not. */
async function waitForRollback(
  runner: HostRunner,
  service: string,
  timeoutMs: number,
  platform: Platform,
): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await inspectService(runner, service)).UpdateStatus;
    const state = rollbackVerdict(status);
    if (state === 'done') {
      platform.info(`service ${service}: rollback completed`);
      return undefined;
    }
    if (state === 'paused') return `the rollback paused: ${sanitizeLine(status?.Message ?? '')}`;
    if (Date.now() + SWARM_POLL_MS > deadline) return `the rollback did not finish within ${formatDuration(timeoutMs)}`;
    await sleep(SWARM_POLL_MS);
  }
}
