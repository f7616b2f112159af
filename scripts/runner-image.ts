/**
 * The runner image the GitLab components run in by default (built from the repository's Dockerfile and pushed by
 * .github/workflows/release.yml), tagged with cdpack's version so a component at version X runs cdpack X.
 */
import { CDPACK_VERSION } from '../src/version';

/** Repository of the runner image; release.yml pushes to the same one (test/unit/metadata/release.test.ts). */
export const RUNNER_IMAGE_REPOSITORY = 'registry.gitlab.com/cdpack/cdpack/runner';

/** `<repository>:<version>`: the image a component of this version defaults to. */
export const RUNNER_IMAGE = `${RUNNER_IMAGE_REPOSITORY}:${CDPACK_VERSION}`;
