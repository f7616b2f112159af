import { CdpackError } from '../../core/errors';
import { isValidDigest } from '../../core/image/reference';
import type { Log } from '../../core/log';

/** The digest a registry reports for a reference (a HEAD on the manifest). */
export type DigestLookup = (ref: string) => Promise<string | undefined>;

/**
 * Checks that the registry serves `digest` for every pushed ref. An empty, malformed or
 * different digest fails the step: the output must be what a later pull by digest gets.
 */
export async function verifyDigest(
  refs: string[],
  digest: string | undefined,
  lookup: DigestLookup,
  log: Log,
): Promise<string> {
  if (!digest || !isValidDigest(digest)) {
    throw new CdpackError(`the push reported no valid digest ('${digest ?? ''}'); refusing to succeed without one`);
  }
  for (const ref of refs) {
    let seen: string | undefined;
    try {
      seen = await lookup(ref);
    } catch (error) {
      throw new CdpackError(`could not check the digest of ${ref} at the registry: ${(error as Error).message}`);
    }
    if (seen !== digest) {
      throw new CdpackError(`the registry serves ${ref} as ${seen || '(no digest)'}, but the push reported ${digest}`);
    }
  }
  log.info(`registry confirms ${digest} for ${refs.length} tag(s)`);
  return digest;
}
