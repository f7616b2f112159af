import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { selectBuilder } from '../../core/build/builder';
import type { BuilderName, BuildRequest } from '../../core/build/types';
import type { RetryOptions } from '../../core/retry';
import type { Platform } from '../../platform/types';
import { createAuthDir } from '../../tools/builders/auth';
import { createBuildah } from '../../tools/builders/buildah';
import { createBuildx } from '../../tools/builders/buildx';
import { buildxAvailable, createDockerEngine, dockerDaemonAvailable } from '../../tools/builders/docker';
import { registryStepRetryDefaults } from '../../tools/builders/registry-step';
import type { Builder, BuilderOptions } from '../../tools/builders/types';
import type { Settings } from './settings';

export interface BuildResult {
  builder: BuilderName;
  /** Digest the builder reported for the push; undefined when nothing was pushed. */
  digest: string | undefined;
}

/**
 * Picks the builder, logs in through a temporary auth dir when credentials are given, builds and
 * pushes; logs out and removes the credentials and temporary storage whatever happens.
 */
export async function buildAndPush(
  platform: Platform,
  settings: Settings,
  request: BuildRequest,
  workDir: string,
  retry: RetryOptions = registryStepRetryDefaults,
): Promise<BuildResult> {
  const choice = await selectBuilder(settings.builder, {
    buildx: buildxAvailable,
    dockerDaemon: dockerDaemonAvailable,
  });
  platform.info(`builder: ${choice.builder} (${choice.reason})`);
  const env = platform.env;
  const login = settings.username !== '';
  const auth = login
    ? await createAuthDir(workDir, env.DOCKER_CONFIG || (env.HOME ? join(env.HOME, '.docker') : undefined))
    : undefined;
  let builder: Builder | undefined;
  let loggedIn = false;
  try {
    const builderDir = join(workDir, choice.builder);
    await mkdir(builderDir, { recursive: true });
    const options: BuilderOptions = {
      log: platform,
      workDir: builderDir,
      authDir: auth?.dir,
      caFile: settings.caFile,
      tlsVerify: settings.tlsVerify,
      retry,
    };
    builder =
      choice.builder === 'buildah'
        ? await createBuildah({
            ...options,
            storage: settings.buildahStorage,
            isolation: env.BUILDAH_ISOLATION || 'chroot',
            // buildah push fails on a DOCKER_CONFIG without config.json ("checking authfile").
            env:
              env.DOCKER_CONFIG && !existsSync(join(env.DOCKER_CONFIG, 'config.json'))
                ? { DOCKER_CONFIG: undefined }
                : {},
          })
        : choice.builder === 'docker'
          ? createDockerEngine(options)
          : createBuildx(options);
    if (login) {
      await builder.login(settings.registry, settings.username, settings.password);
      loggedIn = true;
      platform.info(`logged in to ${settings.registry} as ${settings.username}`);
    }
    const { digest } = await builder.build(request);
    return { builder: choice.builder, digest };
  } finally {
    if (builder && loggedIn) await builder.logout(settings.registry).catch(() => undefined);
    await builder?.dispose().catch(() => undefined);
    await auth?.dispose();
  }
}
