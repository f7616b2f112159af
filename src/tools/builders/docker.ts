import type { BuildRequest, CacheSpec } from '../../core/build/types';
import { CdpackError, InputError } from '../../core/errors';
import { registryOf, SHA256_DIGEST } from '../../core/image/reference';
import { execTool } from '../exec';
import { tail } from '../tail';
import { dockerCli } from './docker-cli';
import { classifyRegistryFailure, registryError, registryInOutput } from './failure';
import { retryRegistryStep } from './registry-step';
import type { Builder, BuilderOptions, BuildOutcome } from './types';

/** `docker buildx version` works (the plugin is installed and runs). */
export async function buildxAvailable(): Promise<boolean> {
  return execTool('docker', ['buildx', 'version']).then(
    (r) => r.code === 0,
    () => false,
  );
}

/** `docker info` reaches a daemon. */
export async function dockerDaemonAvailable(): Promise<boolean> {
  return execTool('docker', ['info', '--format', '{{.ServerVersion}}']).then(
    (r) => r.code === 0 && r.stdout.trim() !== '',
    () => false,
  );
}

function registryRefs(specs: CacheSpec[], builder: string): string[] {
  return specs.map((s) => {
    if (!s.ref)
      throw new InputError(s.input, `'${s.text}': builder ${builder} uses registry caches only (an image reference)`);
    return s.ref;
  });
}

/** `docker build` on the engine: one platform at most, the image tagged with every ref. */
export function dockerBuildArgs(req: BuildRequest): string[] {
  if (req.platforms.length > 1) {
    throw new InputError(
      'platforms',
      `builder 'docker' (the engine's builder) builds one platform, got ${req.platforms.join(',')}; use builder buildx or buildah for several`,
    );
  }
  const args = ['build', '--file', req.file];
  if (req.target) args.push('--target', req.target);
  if (req.platforms[0]) args.push('--platform', req.platforms[0]);
  for (const [k, v] of Object.entries(req.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  for (const [k, v] of Object.entries(req.labels)) args.push('--label', `${k}=${v}`);
  for (const ref of registryRefs(req.cacheFrom, 'docker')) args.push('--cache-from', ref);
  for (const ref of req.refs) args.push('--tag', ref);
  args.push(req.context);
  return args;
}

/** The digest `docker push` prints: `<tag>: digest: sha256:… size: N`. */
export function parsePushDigest(output: string): string | undefined {
  const all = [...output.matchAll(new RegExp(`digest: (${SHA256_DIGEST})`, 'g'))].map((m) => m[1] as string);
  return all[all.length - 1];
}

/** The Docker engine's own builder, then `docker push` for each ref. */
export function createDockerEngine(o: BuilderOptions): Builder {
  const cli = dockerCli(o);
  const run = cli.run;
  const push = async (ref: string): Promise<string> => {
    const registry = registryOf(ref);
    const r = await retryRegistryStep(`docker push ${ref}`, registry, () => run(['push', ref]), o.retry, o.log);
    const digest = parsePushDigest(r.stdout);
    if (!digest) throw new CdpackError(`docker push ${ref} printed no digest: ${tail(r.stdout)}`);
    return digest;
  };

  return {
    name: 'docker',
    async login(registry, username, password) {
      if (!o.tlsVerify) o.log.info(`tls-verify: false: the Docker daemon must list ${registry} in insecure-registries`);
      await cli.login(registry, username, password);
    },
    logout: cli.logout,
    async build(req): Promise<BuildOutcome> {
      const args = dockerBuildArgs(req);
      if (o.caFile)
        o.log.warn('ca-file: the Docker engine trusts registry CAs from its certs.d directory, not per build');
      for (const ref of registryRefs(req.cacheFrom, 'docker')) {
        // The engine's builder only uses cache images that are present locally.
        const pulled = await run(['pull', ref]);
        o.log.info(
          pulled.code === 0 ? `cache image ${ref} pulled` : `cache image ${ref} not available; building without it`,
        );
      }
      const built = await o.log.group(`docker build ${req.refs[0]}`, () => run(args));
      if (built.code !== 0) {
        const out = `${built.stderr}\n${built.stdout}`;
        if (classifyRegistryFailure(out) !== 'other')
          throw registryError('docker build (pulling a base image)', registryInOutput(out) ?? 'the registry', out);
        throw new CdpackError(`docker build failed (exit ${built.code}): ${tail(out, 6)}`);
      }
      if (!req.push) return { digest: undefined };
      let digest: string | undefined;
      for (const ref of req.refs) {
        const pushed = await push(ref);
        if (digest && pushed !== digest)
          throw new CdpackError(`docker pushed ${ref} as ${pushed}, but ${req.refs[0]} as ${digest}`);
        digest = pushed;
        o.log.info(`pushed ${ref} (${pushed})`);
      }
      const cacheTo = req.cacheTo ? registryRefs([req.cacheTo], 'docker')[0] : undefined;
      if (cacheTo) {
        // No cache export on this builder: the image itself becomes the next build's cache-from.
        const tagged = await run(['tag', req.refs[0] as string, cacheTo]);
        if (tagged.code !== 0) throw new CdpackError(`docker tag ${cacheTo} failed: ${tail(tagged.stderr)}`);
        await push(cacheTo);
      }
      return { digest };
    },
    async dispose() {},
  };
}
