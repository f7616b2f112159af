import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Platform } from '../../platform/types';
import { storedCredentials } from '../../tools/builders/auth';
import { RegistryClient } from '../../tools/registry/client';
import type { Settings } from './settings';
import type { DigestLookup } from './verify';

/** Docker-format auth files a previous login step may have written, in buildah's lookup order. */
function authFiles(env: Readonly<Record<string, string | undefined>>): string[] {
  return [
    env.REGISTRY_AUTH_FILE,
    env.XDG_RUNTIME_DIR ? join(env.XDG_RUNTIME_DIR, 'containers/auth.json') : undefined,
    env.DOCKER_CONFIG ? join(env.DOCKER_CONFIG, 'config.json') : undefined,
    env.HOME ? join(env.HOME, '.docker/config.json') : undefined,
  ].filter((f): f is string => Boolean(f));
}

/**
 * The in-process OCI client (digest check, promote) with the action's credentials for its
 * registry, else those an earlier login step stored; TLS choice and CA as for the build.
 */
export function registryClient(settings: Settings, platform: Platform): RegistryClient {
  const read = (file: string) => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return undefined;
    }
  };
  return new RegistryClient({
    credentials: (host) => {
      if (settings.username && host === settings.registry) {
        return { username: settings.username, password: settings.password };
      }
      const stored = storedCredentials(authFiles(platform.env), host, read);
      if (stored) platform.setSecret(stored.password);
      return stored;
    },
    tlsVerify: settings.tlsVerify,
    caFile: settings.caFile,
    env: platform.env,
    log: platform,
  });
}

export function digestLookup(client: RegistryClient): DigestLookup {
  return async (ref) => (await client.headManifest(ref)).digest;
}

/** Promote mode: copies `source` (manifest or index, with its blobs) to every ref, no rebuild. */
export async function promoteImage(
  client: RegistryClient,
  source: string,
  refs: string[],
  platform: Platform,
): Promise<string> {
  const { promote } = await import('../../tools/registry/promote');
  const result = await promote({ client, source, destinations: refs, log: platform });
  return result.digest;
}
