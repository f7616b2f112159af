import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildRequest, CacheSpec } from '../../core/build/types';
import { CdpackError } from '../../core/errors';
import { digestIn, registryOf } from '../../core/image/reference';
import { tail } from '../tail';
import { dockerCli } from './docker-cli';
import { classifyRegistryFailure } from './failure';
import { retryRegistryStep } from './registry-step';
import type { Builder, BuilderOptions, BuildOutcome } from './types';

/** A cache entry as buildx takes it; registry caches default to mode=max for cache-to (all stages). */
export function buildxCacheArg(spec: CacheSpec, tlsVerify: boolean): string {
  if (!spec.ref) return spec.text;
  const mode = spec.mode ?? (spec.input === 'cache-to' ? 'max' : undefined);
  return [
    'type=registry',
    `ref=${spec.ref}`,
    ...(mode ? [`mode=${mode}`] : []),
    ...(tlsVerify ? [] : ['registry.insecure=true']),
  ].join(',');
}

/** `docker buildx build …`: pushes an image (or an index for several platforms) and writes metadata. */
export function buildxBuildArgs(req: BuildRequest, metadataFile: string, tlsVerify: boolean): string[] {
  const args = ['buildx', 'build', '--file', req.file];
  if (req.target) args.push('--target', req.target);
  if (req.platforms.length) args.push('--platform', req.platforms.join(','));
  for (const [k, v] of Object.entries(req.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  for (const [k, v] of Object.entries(req.labels)) args.push('--label', `${k}=${v}`);
  for (const ref of req.refs) args.push('--tag', ref);
  for (const c of req.cacheFrom) args.push('--cache-from', buildxCacheArg(c, tlsVerify));
  if (req.cacheTo) args.push('--cache-to', buildxCacheArg(req.cacheTo, tlsVerify));
  args.push('--metadata-file', metadataFile);
  if (req.push) args.push('--output', `type=image,push=true${tlsVerify ? '' : ',registry.insecure=true'}`);
  else if (req.platforms.length <= 1) args.push('--load');
  args.push(req.context);
  return args;
}

/** `containerimage.digest` from buildx's --metadata-file. */
export function parseBuildxMetadata(text: string): string | undefined {
  try {
    const meta = JSON.parse(text) as Record<string, unknown>;
    const d = meta['containerimage.digest'];
    return typeof d === 'string' ? digestIn(d) : undefined;
  } catch {
    return undefined;
  }
}

/** BuildKit through the buildx plugin: multi-platform, registry caches, one command builds and pushes. */
export function createBuildx(o: BuilderOptions): Builder {
  const cli = dockerCli(o);
  const run = cli.run;

  return {
    name: 'buildx',
    login: cli.login,
    logout: cli.logout,
    async build(req): Promise<BuildOutcome> {
      if (o.caFile)
        o.log.warn('ca-file: BuildKit trusts registry CAs from its own config (buildkitd.toml), not per build');
      const metadataFile = join(o.workDir, 'buildx-metadata.json');
      await rm(metadataFile, { force: true });
      const args = buildxBuildArgs(req, metadataFile, o.tlsVerify);
      const registry = registryOf(req.refs[0] as string);
      // Build and push are one command here, so a rate-limited push re-runs it (from the build cache).
      await o.log.group(`docker buildx build ${req.refs[0]}`, () =>
        retryRegistryStep(
          'docker buildx build --push',
          registry,
          async () => {
            const result = await run(args);
            if (result.code !== 0 && classifyRegistryFailure(`${result.stderr}\n${result.stdout}`) === 'other') {
              throw new CdpackError(`docker buildx build failed (exit ${result.code}): ${tail(result.stderr, 6)}`);
            }
            return result;
          },
          o.retry,
          o.log,
        ),
      );
      if (!req.push) return { digest: undefined };
      const digest = parseBuildxMetadata(await readFile(metadataFile, 'utf8').catch(() => ''));
      if (!digest)
        throw new CdpackError('docker buildx build pushed but its metadata file holds no containerimage.digest');
      return { digest };
    },
    async dispose() {},
  };
}
