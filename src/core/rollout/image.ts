/** The image rules of set-image: a parseable reference, pinned by tag or digest unless mutable tags are allowed. */
import { InputError } from '../errors';
import { normalizeName, parseReference, splitImage } from '../image/reference';

export interface DeployImage {
  /** As given, e.g. `registry.example.com/team/web@sha256:…`. */
  reference: string;
  /** Normalised repository for comparisons (`nginx` → `docker.io/library/nginx`). */
  repository: string;
}

export function parseDeployImage(input: string, text: string, allowMutableTag: boolean): DeployImage {
  const parsed = parseReference(text);
  if (!parsed.ok) throw new InputError(input, `'${text}' is not an image reference (${parsed.reason})`);
  const { tag, digest, name } = parsed.ref;
  if (!allowMutableTag && !digest) {
    if (!tag) {
      throw new InputError(
        input,
        `'${text}' has no tag or digest; pin it (e.g. :<commit-sha> or @sha256:…) or set allow-mutable-tag`,
      );
    }
    if (tag === 'latest') {
      throw new InputError(
        input,
        `'${text}' uses the mutable tag 'latest'; pin a tag or digest, or set allow-mutable-tag`,
      );
    }
  }
  return { reference: text, repository: normalizeName(name) };
}

/**
 * The repository of an image string found in a workload, normalised like docker does, or the string itself when it
 * is not a reference (so it never equals a valid one).
 */
export function repositoryOf(image: string): string {
  const { name } = splitImage(image);
  return parseReference(name).ok ? normalizeName(name) : image;
}
