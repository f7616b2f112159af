/** Revisions as GitOps controllers write them, compared as full commit SHAs. */

const SHA_RE = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/** A full SHA-1 (40) or SHA-256 (64) commit id, lower-cased; undefined for anything else (short SHAs included). */
export function parseCommitSha(text: string): string | undefined {
  const sha = text.trim().toLowerCase();
  return SHA_RE.test(sha) ? sha : undefined;
}

/**
 * True when a Flux revision names the commit: `main@sha1:<sha>` (Flux ≥ 2.0), the older `main/<sha>`, a bare
 * `sha1:<sha>` / `<sha>`, or a chart version built from the commit (`1.2.3+<first 12 hex>`, reconcileStrategy
 * Revision). Never a prefix match on the full SHA itself.
 */
export function fluxRevisionNames(revision: unknown, sha: string): boolean {
  if (typeof revision !== 'string' || revision === '') return false;
  const r = revision.trim().toLowerCase();
  const digest = /(?:^|@)(?:sha1|sha256):([0-9a-f]+)$/.exec(r)?.[1] ?? /(?:^|\/)([0-9a-f]{40,64})$/.exec(r)?.[1];
  if (digest !== undefined) return digest === sha;
  const chartBuild = /\+([0-9a-f]{12})$/.exec(r)?.[1];
  return chartBuild !== undefined && chartBuild === sha.slice(0, 12);
}
