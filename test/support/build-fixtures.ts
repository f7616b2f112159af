/**
 * Build contexts and image checks for the build-push end-to-end tests: a busybox base context,
 * argv-recording wrappers for build tools, the registry's own digest via skopeo, file contents of
 * a pushed image via skopeo + umoci, and the arm64 (qemu binfmt) preconditions.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  accessSync,
  chmodSync,
  constants,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { missingProgram } from './requirements';

export const BUSYBOX = '/bin/busybox';

/** Why buildah-based tests cannot run here, or undefined. */
export function buildahUnavailable(): string | undefined {
  for (const [bin, pkg] of [
    ['/usr/bin/buildah', 'buildah'],
    ['/usr/bin/skopeo', 'skopeo'],
    ['/usr/bin/umoci', 'umoci'],
    [BUSYBOX, 'busybox-static'],
  ] as const) {
    const missing = missingProgram(bin, `apt-get install ${pkg}`);
    if (missing) return missing;
  }
  return undefined;
}

export function findOnPath(name: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir) continue;
    try {
      accessSync(join(dir, name), constants.X_OK);
      return join(dir, name);
    } catch {
      // keep looking
    }
  }
  throw new Error(`${name} not found on PATH`);
}

/** `FROM scratch` + static busybox with its applets installed: a tiny base with a shell. */
export function writeBaseContext(dir: string, busybox = BUSYBOX): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'busybox'), readFileSync(busybox));
  chmodSync(join(dir, 'busybox'), 0o755);
  writeFileSync(
    join(dir, 'Dockerfile'),
    'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox", "--install", "-s", "/bin"]\n',
  );
}

export interface ArgvLog {
  /** Prepend to PATH. */
  dir: string;
  /** Each recorded invocation's arguments. */
  read(): string[][];
}

/** Wrappers (in a new dir under `parent`) that record every argv of `programs` and exec the real ones. */
export function recordArgv(programs: string[], parent: string): ArgvLog {
  const dir = mkdtempSync(join(parent, 'argv-'));
  const log = join(dir, 'argv.log');
  writeFileSync(log, '');
  for (const name of programs) {
    const real = findOnPath(name);
    const wrapper = join(dir, name);
    // NUL between arguments, a record separator between calls: arguments may hold anything.
    writeFileSync(
      wrapper,
      `#!/bin/sh\n{ printf '%s\\0' '${name}' "$@"; printf '\\036'; } >> '${log}'\nexec '${real}' "$@"\n`,
    );
    chmodSync(wrapper, 0o755);
  }
  return {
    dir,
    read: () =>
      readFileSync(log, 'utf8')
        .split('\x1e')
        .filter(Boolean)
        .map((call) => call.split('\0').slice(0, -1)),
  };
}

export interface RegistryAccess {
  tlsVerify: boolean;
  /** Directory with ca.crt for the registry (skopeo --cert-dir). */
  certDir?: string;
  creds?: string;
}

function skopeoFlags(a: RegistryAccess): string[] {
  return [
    `--tls-verify=${a.tlsVerify}`,
    ...(a.certDir ? ['--cert-dir', a.certDir] : []),
    ...(a.creds ? ['--creds', a.creds] : []),
  ];
}

/** The registry's raw manifest (or index) bytes for a ref, and their sha256 digest. */
export function registryManifest(
  ref: string,
  access: RegistryAccess,
): { digest: string; json: Record<string, unknown> } {
  const raw = execFileSync('skopeo', ['inspect', '--raw', ...skopeoFlags(access), `docker://${ref}`], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return {
    digest: `sha256:${createHash('sha256').update(raw).digest('hex')}`,
    json: JSON.parse(raw.toString('utf8')) as Record<string, unknown>,
  };
}

/** The image config (labels, architecture) as skopeo reports it. */
export function imageConfig(ref: string, access: RegistryAccess, arch?: string): Record<string, unknown> {
  const out = execFileSync(
    'skopeo',
    [...(arch ? ['--override-arch', arch] : []), 'inspect', '--config', ...skopeoFlags(access), `docker://${ref}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  return JSON.parse(out) as Record<string, unknown>;
}

/** Reads files out of a pushed image: copies it to an OCI layout and unpacks its rootfs. */
export function imageFiles(
  ref: string,
  access: RegistryAccess,
  files: string[],
  arch?: string,
): Record<string, string> {
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-unpack-'));
  const src = skopeoFlags(access).map((f) => f.replace(/^--(tls-verify|cert-dir|creds)/, '--src-$1'));
  execFileSync(
    'skopeo',
    [...(arch ? ['--override-arch', arch] : []), 'copy', ...src, `docker://${ref}`, `oci:${join(dir, 'oci')}:x`],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  execFileSync('umoci', ['unpack', '--rootless', '--image', `${join(dir, 'oci')}:x`, join(dir, 'bundle')], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  try {
    const result: Record<string, string> = {};
    for (const f of files) result[f] = readFileSync(join(dir, 'bundle/rootfs', f), 'utf8');
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Makes arm64 RUN steps possible and returns a static arm64 busybox, or the reason it cannot:
 * mounts binfmt_misc, enables qemu-aarch64, downloads busybox-static:arm64 (needs
 * `dpkg --add-architecture arm64 && apt-get update` done by the machine's setup).
 */
export function prepareArm64(workDir: string): { busybox: string } | { reason: string } {
  const binfmt = '/proc/sys/fs/binfmt_misc';
  if (!existsSync(join(binfmt, 'status'))) {
    const m = spawnSync('mount', ['-t', 'binfmt_misc', 'binfmt_misc', binfmt], { encoding: 'utf8' });
    if (m.status !== 0) return { reason: `cannot mount binfmt_misc: ${m.stderr.trim()}` };
  }
  const entry = join(binfmt, 'qemu-aarch64');
  if (!existsSync(entry) || !readFileSync(entry, 'utf8').startsWith('enabled')) {
    if (!existsSync('/usr/sbin/update-binfmts'))
      return { reason: 'update-binfmts missing (apt-get install binfmt-support)' };
    spawnSync('update-binfmts', ['--enable', 'qemu-aarch64'], { encoding: 'utf8' });
    if (!existsSync(entry) || !readFileSync(entry, 'utf8').startsWith('enabled')) {
      return {
        reason: 'qemu-aarch64 binfmt handler cannot be registered (apt-get install qemu-user-static binfmt-support)',
      };
    }
  }
  const dir = join(workDir, 'arm64');
  mkdirSync(dir, { recursive: true });
  const dl = spawnSync('apt-get', ['download', 'busybox-static:arm64'], { cwd: dir, encoding: 'utf8' });
  const deb = readdirSync(dir).find((f) => f.endsWith('_arm64.deb'));
  if (dl.status !== 0 || !deb) {
    return {
      reason: `no arm64 busybox (dpkg --add-architecture arm64 && apt-get update needed): ${dl.stderr.trim().split('\n').pop()}`,
    };
  }
  execFileSync('dpkg-deb', ['-x', join(dir, deb), join(dir, 'root')]);
  const busybox = join(dir, 'root/bin/busybox');
  return existsSync(busybox) ? { busybox } : { reason: `${deb} holds no bin/busybox` };
}
