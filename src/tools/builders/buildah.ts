import { rmSync } from 'node:fs';
import { copyFile, mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { BuildRequest } from '../../core/build/types';
import { CdpackError, InputError } from '../../core/errors';
import { digestIn, parseReference, registryOf } from '../../core/image/reference';
import { type ExecResult, execTool } from '../exec';
import { onCleanup, stoppingSignal } from '../process/cleanup';
import { unmountUnder } from '../process/mounts';
import { tail } from '../tail';
import { classifyRegistryFailure, registryError, registryInOutput } from './failure';
import { retryRegistryStep } from './registry-step';
import type { Builder, BuilderOptions, BuildOutcome } from './types';

export interface BuildahOptions extends BuilderOptions {
  /** A fresh store under workDir (removed by dispose), or the user's default storage. */
  storage: 'temp' | 'default';
  /** `--isolation`: chroot works unprivileged and in containers; oci needs a working runtime. */
  isolation: string;
  /** Environment changes for every buildah command (undefined unsets a variable). */
  env?: Record<string, string | undefined>;
}

/** Paths buildah's arguments are built from (pure, so the mapping is testable). */
export interface BuildahPaths {
  root: string | undefined;
  runroot: string | undefined;
  authFile: string | undefined;
  certDir: string | undefined;
}

export function buildahPaths(o: Pick<BuildahOptions, 'workDir' | 'authDir' | 'caFile' | 'storage'>): BuildahPaths {
  const temp = o.storage === 'temp';
  return {
    root: temp ? join(o.workDir, 'storage') : undefined,
    runroot: temp ? join(o.workDir, 'run') : undefined,
    authFile: o.authDir ? join(o.authDir, 'config.json') : undefined,
    certDir: o.caFile ? join(o.workDir, 'certs') : undefined,
  };
}

export function buildahGlobalArgs(p: BuildahPaths): string[] {
  return p.root && p.runroot ? ['--root', p.root, '--runroot', p.runroot] : [];
}

/** Flags every registry-touching command takes: TLS (always explicit), auth file, CA dir. */
export function buildahRegistryArgs(p: BuildahPaths, tlsVerify: boolean): string[] {
  return [
    `--tls-verify=${tlsVerify}`,
    ...(p.authFile ? ['--authfile', p.authFile] : []),
    ...(p.certDir ? ['--cert-dir', p.certDir] : []),
  ];
}

/** A single cache-from/cache-to registry ref, as buildah 1.28 takes only one of each. */
function cacheRef(req: BuildRequest, which: 'cacheFrom' | 'cacheTo'): string | undefined {
  const specs = which === 'cacheFrom' ? req.cacheFrom : req.cacheTo ? [req.cacheTo] : [];
  for (const s of specs) {
    if (!s.ref) throw new InputError(s.input, `'${s.text}': buildah uses registry caches only (an image reference)`);
  }
  if (specs.length > 1) throw new InputError('cache-from', 'buildah takes one cache source; list a single reference');
  const ref = specs[0]?.ref;
  // buildah keeps one tag per layer key in the cache repository, so a tag given for buildx is dropped.
  const parsed = ref ? parseReference(ref) : undefined;
  return parsed?.ok ? parsed.ref.name : ref;
}

/**
 * `buildah bud`: several platforms build into a manifest list named after the first ref, one
 * platform (or none) into an image tagged with every ref.
 */
export function buildahBudArgs(req: BuildRequest, p: BuildahPaths, o: { isolation: string; tlsVerify: boolean }) {
  const from = cacheRef(req, 'cacheFrom');
  const to = cacheRef(req, 'cacheTo');
  const args = [...buildahGlobalArgs(p), 'bud', '--isolation', o.isolation, '--file', req.file];
  if (req.target) args.push('--target', req.target);
  if (req.platforms.length) args.push('--platform', req.platforms.join(','));
  for (const [k, v] of Object.entries(req.buildArgs)) args.push('--build-arg', `${k}=${v}`);
  for (const [k, v] of Object.entries(req.labels)) args.push('--label', `${k}=${v}`);
  args.push(...buildahRegistryArgs(p, o.tlsVerify));
  if (from || to) args.push('--layers');
  if (from) args.push('--cache-from', from);
  if (to) args.push('--cache-to', to);
  if (req.platforms.length > 1) args.push('--manifest', req.refs[0] as string);
  else for (const ref of req.refs) args.push('--tag', ref);
  args.push(req.context);
  return args;
}

/** Pushes one ref: `buildah push` for an image, `buildah manifest push --all` for a list. */
export function buildahPushArgs(
  req: BuildRequest,
  ref: string,
  digestFile: string,
  p: BuildahPaths,
  tlsVerify: boolean,
): string[] {
  const list = req.platforms.length > 1;
  const source = list ? (req.refs[0] as string) : ref;
  return [
    ...buildahGlobalArgs(p),
    ...(list ? ['manifest', 'push', '--all'] : ['push']),
    '--digestfile',
    digestFile,
    ...buildahRegistryArgs(p, tlsVerify),
    source,
    `docker://${ref}`,
  ];
}

export function buildahLoginArgs(p: BuildahPaths, tlsVerify: boolean, registry: string, username: string): string[] {
  return [
    ...buildahGlobalArgs(p),
    'login',
    ...buildahRegistryArgs(p, tlsVerify),
    '--username',
    username,
    '--password-stdin',
    registry,
  ];
}

/** The daemonless builder. */
export async function createBuildah(o: BuildahOptions): Promise<Builder> {
  const p = buildahPaths(o);
  const tmp = join(o.workDir, 'tmp');
  await mkdir(tmp, { recursive: true });
  if (p.certDir && o.caFile) {
    await mkdir(p.certDir, { recursive: true });
    await copyFile(o.caFile, join(p.certDir, 'ca.crt'));
  }
  // A buildah killed on a signal leaves its store mounted: unmount it so the store can be removed.
  const forgetStore = p.root
    ? onCleanup(() => {
        for (const dir of [p.root, p.runroot]) {
          if (!dir) continue;
          unmountUnder(dir);
          rmSync(dir, { recursive: true, force: true });
        }
      })
    : () => {};
  // buildah stages layers in TMPDIR (default /var/tmp): keep them in our work dir.
  const run = (args: string[], stdin?: string): Promise<ExecResult> =>
    execTool('buildah', args, {
      env: { ...o.env, TMPDIR: tmp },
      // Output streams to the step's log line by line as buildah prints it.
      output: { log: o.log },
      ...(stdin !== undefined ? { stdin } : {}),
    });

  return {
    name: 'buildah',
    async login(registry, username, password) {
      await retryRegistryStep(
        `buildah login to ${registry}`,
        registry,
        () => run(buildahLoginArgs(p, o.tlsVerify, registry, username), password),
        o.retry,
        o.log,
      );
    },
    async logout(registry) {
      if (!p.authFile) return;
      await run([...buildahGlobalArgs(p), 'logout', '--authfile', p.authFile, registry]);
    },
    async build(req): Promise<BuildOutcome> {
      const bud = await o.log.group(`buildah bud ${req.refs[0]}`, () => run(buildahBudArgs(req, p, o)));
      if (bud.code !== 0) {
        const out = `${bud.stderr}\n${bud.stdout}`;
        if (classifyRegistryFailure(out) !== 'other')
          throw registryError('buildah bud (pulling a base image)', registryInOutput(out) ?? 'the registry', out);
        throw new CdpackError(`buildah bud failed (exit ${bud.code}): ${tail(out, 6)}`);
      }
      if (!req.push) return { digest: undefined };
      let digest: string | undefined;
      for (const [i, ref] of req.refs.entries()) {
        const file = join(o.workDir, `digest-${i}`);
        await rm(file, { force: true });
        const registry = registryOf(ref);
        await retryRegistryStep(
          `buildah push ${ref}`,
          registry,
          () => run(buildahPushArgs(req, ref, file, p, o.tlsVerify)),
          o.retry,
          o.log,
        );
        const text = await readFile(file, 'utf8').catch(() => '');
        const pushed = digestIn(text);
        // buildah manifest push can exit 0 without pushing (plain HTTP with TLS verification on).
        if (!pushed) {
          throw new CdpackError(
            `buildah push ${ref} reported success but no digest ('${text.trim()}'); is ${registry} plain HTTP? set tls-verify: false`,
          );
        }
        if (digest && pushed !== digest) {
          throw new CdpackError(`buildah pushed ${ref} as ${pushed}, but ${req.refs[0]} as ${digest}`);
        }
        digest = pushed;
        o.log.info(`pushed ${ref} (${pushed})`);
      }
      return { digest };
    },
    async dispose() {
      let removed = true;
      if (p.root) {
        // Layers under the temp store may still be mounted by an interrupted build.
        await run([...buildahGlobalArgs(p), 'umount', '--all']).catch(() => undefined);
        await rm(p.root, { recursive: true, force: true }).catch((e) => {
          removed = false;
          // Stopping on a signal: the registered cleanup unmounts and removes it; no warning needed.
          if (!stoppingSignal()) o.log.warn(`could not remove buildah storage ${p.root}: ${(e as Error).message}`);
        });
      }
      if (p.runroot) await rm(p.runroot, { recursive: true, force: true }).catch(() => undefined);
      await rm(tmp, { recursive: true, force: true }).catch(() => undefined);
      // A store still there stays registered: the stop handler or the exit hook unmounts and removes it.
      if (removed) forgetStore();
    },
  };
}
