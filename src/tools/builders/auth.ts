import { existsSync } from 'node:fs';
import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { registryOfAuthKey } from '../../core/image/reference';
import { temporaryDir } from '../process/temp';

/** A throwaway Docker-format config dir: `DOCKER_CONFIG` for docker/buildx, `--authfile` for buildah. */
export interface AuthDir {
  dir: string;
  /** `<dir>/config.json` ({"auths": …}). */
  configFile: string;
  /** Removes the dir and the credentials in it. */
  dispose(): Promise<void>;
}

/**
 * Creates the dir (mode 700) under `parent`; it is removed even when the job is cancelled. The user's CLI plugins, buildx builders and contexts
 * are linked in from `userConfigDir`, so a temporary DOCKER_CONFIG still finds the buildx plugin and
 * the builder set up earlier in the job; their credentials are not.
 */
export async function createAuthDir(parent: string, userConfigDir: string | undefined): Promise<AuthDir> {
  const { dir, dispose } = await temporaryDir(parent, 'cdpack-auth-');
  const configFile = join(dir, 'config.json');
  await writeFile(configFile, '{"auths":{}}\n', { mode: 0o600 });
  if (userConfigDir) {
    for (const name of ['cli-plugins', 'buildx', 'contexts']) {
      const from = join(userConfigDir, name);
      if (existsSync(from)) await symlink(from, join(dir, name));
    }
  }
  return { dir, configFile, dispose };
}

/**
 * Credentials an earlier login stored for `host` (docker login, buildah/podman login), read
 * from Docker-format auth files in order; credential helpers are not consulted.
 */
export function storedCredentials(
  files: string[],
  host: string,
  read: (file: string) => string | undefined,
): { username: string; password: string } | undefined {
  const wanted = registryOfAuthKey(host);
  for (const file of files) {
    let auths: Record<string, { auth?: string }> | undefined;
    try {
      const text = read(file);
      auths = text ? (JSON.parse(text) as { auths?: Record<string, { auth?: string }> }).auths : undefined;
    } catch {
      continue;
    }
    for (const [key, entry] of Object.entries(auths ?? {})) {
      if (registryOfAuthKey(key) !== wanted || !entry?.auth) continue;
      const decoded = Buffer.from(entry.auth, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon > 0) return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
  }
  return undefined;
}
