/**
 * set-image for a compose project on a host over SSH: edit `image:` (or the `.env` variable it uses), pull and
 * `up -d` the services, wait for their new containers; when they do not come up, put the files back, `up -d`
 * again and report `rolled-back`.
 */
import { ContainerWatch } from '../../core/compose/containers';
import { type ComposePlan, type ComposeProject, planCompose, servicesForRepository } from '../../core/compose/plan';
import { InputError } from '../../core/errors';
import { formatDuration } from '../../core/rollout/duration';
import { sanitizeLine } from '../../core/rollout/sanitize';
import type { Platform } from '../../platform/types';
import { ComposeCli } from '../../tools/docker-host/compose';
import { readHostFile, removeHostFile, writeHostFile } from '../../tools/docker-host/files';
import type { HostRunner } from '../../tools/docker-host/runner';
import { type DockerOutcome, type ServiceResult, sleep } from './docker-outcome';
import type { DockerHostSettings } from './docker-settings';

export const POLL_MS = 2000;

export async function composeSetImage(
  platform: Platform,
  settings: DockerHostSettings,
  runner: HostRunner,
): Promise<DockerOutcome> {
  const cli = await ComposeCli.detect(runner, {
    file: settings.composeFile,
    projectDirectory: settings.projectDirectory,
  });
  platform.info(`compose project ${settings.composeFile} on ${runner.description} (${cli.name})`);
  const composeText = await readHostFile(runner, settings.composeFile);
  if (composeText === undefined) {
    throw new InputError('compose-file', `${settings.composeFile} does not exist on ${runner.description}`);
  }
  const envText = await readHostFile(runner, settings.envFile);
  const project: ComposeProject = {
    composePath: settings.composeFile,
    composeText,
    envPath: settings.envFile,
    envText,
  };
  const services = settings.services.length
    ? settings.services
    : servicesForRepository(project, settings.image.repository);
  if (services.length === 0) {
    throw new InputError(
      'service',
      `no service of ${settings.composeFile} runs an image of ${settings.image.repository}; name the service(s)`,
    );
  }
  const image = settings.image.reference;
  const plan = planCompose(project, services, image);
  const results: ServiceResult[] = plan.changes.map((c) => ({ service: c.service, previous: c.previous, image }));
  for (const c of plan.changes) {
    const where =
      c.via.kind === 'env' ? ` (${c.via.name} in ${settings.envFile})` : c.via.kind === 'image' ? '' : ' (already)';
    platform.info(
      `service ${c.service}: ${sanitizeLine(c.previous)} → ${image}${where}${settings.dryRun ? ' (dry run)' : ''}`,
    );
  }
  const changed = plan.composeText !== undefined || plan.envText !== undefined;
  if (settings.dryRun) return { changed, results, result: 'success', diagnosis: [] };

  await writePlan(runner, settings, plan);
  const diagnosis: string[] = [];
  let failure: string | undefined;
  try {
    await platform.group('docker compose pull && up -d', async () => {
      await cli.pull(services, platform);
      await cli.up(services, platform);
    });
  } catch (e) {
    failure = sanitizeLine(e instanceof Error ? e.message : String(e), 500);
  }
  if (!failure) {
    failure = await platform.group('Wait for the containers', () =>
      waitForServices(
        cli,
        services.map((s) => ({ service: s, image })),
        settings.timeoutMs,
        platform,
        diagnosis,
      ),
    );
  }
  if (!failure) return { changed, results, result: 'success', diagnosis };

  diagnosis.unshift(failure);
  platform.warn(failure);
  if (!changed) {
    diagnosis.push('the files did not change: there is nothing to restore');
    return { changed, results, result: 'failed', diagnosis };
  }
  const rolledBack = await platform.group('Roll back', async () => {
    try {
      await restorePlan(runner, settings, project, plan);
      platform.info('restored the previous files; docker compose up -d');
      await cli.up(services, platform);
      const expected = plan.changes.map((c) => ({
        service: c.service,
        image: c.previous.includes('$') ? undefined : c.previous,
      }));
      const again = await waitForServices(cli, expected, settings.timeoutMs, platform, []);
      if (again) diagnosis.push(`the rollback did not come up either: ${again}`);
      return !again;
    } catch (e) {
      diagnosis.push(`rollback failed: ${sanitizeLine(e instanceof Error ? e.message : String(e), 500)}`);
      return false;
    }
  });
  return { changed, results, result: rolledBack ? 'rolled-back' : 'failed', diagnosis };
}

async function writePlan(runner: HostRunner, settings: DockerHostSettings, plan: ComposePlan): Promise<void> {
  if (plan.envText !== undefined) await writeHostFile(runner, settings.envFile, plan.envText, true);
  if (plan.composeText !== undefined) await writeHostFile(runner, settings.composeFile, plan.composeText, true);
}

/** Puts back what was read before (a `.env` that did not exist is removed again). */
async function restorePlan(
  runner: HostRunner,
  settings: DockerHostSettings,
  project: ComposeProject,
  plan: ComposePlan,
) {
  if (plan.composeText !== undefined) await writeHostFile(runner, settings.composeFile, project.composeText, false);
  if (plan.envText !== undefined) {
    if (project.envText === undefined) await removeHostFile(runner, settings.envFile);
    else await writeHostFile(runner, settings.envFile, project.envText, false);
  }
}

/**
 * Polls the services' containers until each is up (see ContainerWatch), one fails, or the time is up.
 * Returns undefined when all are up, else why not; log tails of a failed container go to `diagnosis`.
 */
export async function waitForServices(
  cli: ComposeCli,
  services: { service: string; image: string | undefined }[],
  timeoutMs: number,
  platform: Platform,
  diagnosis: string[],
): Promise<string | undefined> {
  const deadline = Date.now() + timeoutMs;
  const watches = new Map(services.map((s) => [s.service, new ContainerWatch(s.image)]));
  let lastLine = '';
  let pendingDetail = '';
  for (;;) {
    const pending: string[] = [];
    for (const { service } of services) {
      const containers = (await cli.containers(service)).filter(
        (c) => c.Config?.Labels?.['com.docker.compose.oneoff'] !== 'True',
      );
      const verdict = (watches.get(service) as ContainerWatch).observe(containers, Date.now());
      if (verdict.state === 'failed') {
        for (const c of containers) {
          const tail = await cli.logTail(c.Id).catch(() => []);
          if (tail.length)
            diagnosis.push(
              `log of ${sanitizeLine((c.Name ?? c.Id).replace(/^\//, ''), 100)}:`,
              ...tail.map((l) => `  ${l}`),
            );
        }
        return `service ${service}: ${verdict.detail}`;
      }
      if (verdict.state === 'pending') pending.push(`${service}: ${verdict.detail}`);
    }
    if (pending.length === 0) {
      platform.info(`${services.map((s) => s.service).join(', ')}: up`);
      return undefined;
    }
    pendingDetail = pending.join('; ');
    if (pendingDetail !== lastLine) platform.info(pendingDetail);
    lastLine = pendingDetail;
    if (Date.now() + POLL_MS > deadline) {
      return `not up within ${formatDuration(timeoutMs)}: ${pendingDetail}`;
    }
    await sleep(POLL_MS);
  }
}
