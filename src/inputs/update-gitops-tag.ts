import type { ActionSpec } from './types';

export const updateGitopsTag: ActionSpec = {
  name: 'update-gitops-tag',
  title: 'cdpack update-gitops-tag',
  description:
    'Bump an image tag and/or digest in a GitOps config repository (kustomize, manifests, Helm values, Argo CD, Flux markers) in one commit, format-preserving, retrying when the remote moves.',
  inputs: {
    repository: {
      description:
        'Config repository: an https or ssh git URL, or a local path. Default: the workspace repository (its origin remote).',
    },
    branch: { description: 'Branch to update.', default: 'main' },
    token: {
      description:
        'Token for HTTPS remotes, sent as an Authorization header (never in the URL, .git/config, argv or logs).',
      githubDefault: '${{ github.token }}',
      secret: true,
    },
    username: {
      description:
        'User name paired with `token` in Basic auth (GitHub: x-access-token, GitLab: oauth2 or gitlab-ci-token).',
      default: 'x-access-token',
    },
    files: {
      description:
        'Files to edit: paths or globs (`*`, `**`, `?`) relative to the repository root, newline- or comma-separated.',
      required: true,
      type: 'list',
    },
    image: {
      description: 'Image repository to match, e.g. registry.example.com/team/web (without tag or digest).',
      required: true,
      gitlabDefault: '$CI_REGISTRY_IMAGE',
    },
    tag: {
      description: 'New tag (OCI tag grammar). At least one of tag and digest is required.',
      gitlabDefault: '$CI_COMMIT_SHA',
    },
    digest: {
      description: 'New digest, sha256: followed by 64 hex digits.',
      gitlabDefault: '$CDPACK_BUILD_PUSH_DIGEST',
    },
    key: {
      description:
        'YAML path of the tag (or digest, e.g. image.digest) in Helm values files, e.g. image.tag or web.image.tag. Default: any mapping whose repository matches `image`.',
    },
    'commit-message': {
      description:
        'Commit message template; {image}, {tag}, {digest}, {files}, {version} (tag, digest or tag@digest) and {ref} (image:tag@digest) are replaced.',
      default: 'chore(deploy): set {image} to {version}',
    },
    'author-name': { description: 'Commit author name.', default: 'cdpack' },
    'author-email': { description: 'Commit author email.', default: 'cdpack@users.noreply.github.com' },
    'max-attempts': {
      description: 'Push attempts when the remote moves (re-applies the edit on the new tip each time).',
      default: '10',
      type: 'number',
    },
    'dry-run': {
      description: 'Compute and show the change, but do not commit or push.',
      default: 'false',
      type: 'boolean',
    },
  },
  outputs: {
    changed: { description: 'true when a commit was pushed (or, with dry-run, would be).' },
    commit: { description: 'SHA of the pushed commit; empty when nothing changed.' },
    files: { description: 'JSON list of the changed files.' },
    previous: {
      description:
        'JSON map of changed file to the image reference(s) (name:tag[@digest]) it held before, for every kind of target.',
    },
  },
};
