/**
 * What a test needs from the machine: a registry binary, buildah, skopeo, kubectl, dockerd,
 * gitlab-ci-local, the oracle files in ../shared. Outside CI a missing one skips the test with its
 * reason; with CI=true it fails the run naming what is missing, so a CI image that lost a tool
 * cannot turn the suite green by skipping.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export class MissingRequirement extends Error {
  override name = 'MissingRequirement';
}

/** A missing requirement as a `skip` option for node:test: false when `missing` is empty; throws in CI. */
export function skipUnlessAvailable(missing: string | false | undefined, env = process.env): string | false {
  if (!missing) return false;
  if (env.CI === 'true') throw new MissingRequirement(`CI=true and ${missing}; tests never skip in CI`);
  return missing;
}

/** Inside a running test: skips it (or fails it, in CI) when something is missing. True when skipped. */
export function skipIfMissing(t: TestContext, missing: string | false | undefined, env = process.env): boolean {
  const reason = skipUnlessAvailable(missing, env);
  if (reason) t.skip(reason);
  return reason !== false;
}

/** Why a program cannot be used, or undefined when it is there. */
export function missingProgram(path: string, install: string): string | undefined {
  return existsSync(path) ? undefined : `${path} is missing (${install})`;
}

/** The shared oracle folder: CDPACK_SHARED_DIR, else ../shared next to the repository. */
export function sharedPath(...parts: string[]): string {
  return join(process.env.CDPACK_SHARED_DIR || resolve(REPO_ROOT, '../shared'), ...parts);
}

/** Why a path under ../shared cannot be read, or undefined when it is there. */
export function missingShared(...parts: string[]): string | undefined {
  const path = sharedPath(...parts);
  return existsSync(path)
    ? undefined
    : `${path} is missing (check out ../shared next to the repository, or set CDPACK_SHARED_DIR)`;
}

/** A path under ../shared that a whole test file reads at load time: there, or the file fails naming it. */
export function requireShared(...parts: string[]): string {
  const missing = missingShared(...parts);
  if (missing) throw new MissingRequirement(missing);
  return sharedPath(...parts);
}
