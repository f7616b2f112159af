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
    branch: {
      description: 'Branch to update (merge-request mode: the target branch of the request).',
      default: 'main',
    },
    token: {
      description:
        'Token for HTTPS remotes, sent as an Authorization header (never in the URL, .git/config, argv or logs); in merge-request mode also the API token (GitHub: pull-requests and contents write; GitLab: a project or personal access token with `api` scope).',
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
      multiline: true,
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
    mode: {
      description:
        '`push`: commit straight to `branch`. `merge-request`: commit to `source-branch` (cut from the tip of `branch`, force-pushed, never `branch` itself) and open a merge/pull request into `branch`, or update the one already open from that branch.',
      default: 'push',
      options: ['push', 'merge-request'],
    },
    'source-branch': {
      description:
        'merge-request mode: the branch cdpack owns and rewrites on each run. Default: `cdpack/<image path>-<hash of branch, image, files>`, the same for every run of one job, so a later run updates the same request.',
    },
    'auto-merge': {
      description:
        'merge-request mode: ask the forge to merge the request once its checks pass (GitLab: auto-merge when the pipeline succeeds; GitHub: auto-merge, which the repository must allow).',
      default: 'false',
      type: 'boolean',
    },
    forge: {
      description:
        'merge-request mode: the API to open the request with. `auto`: from `api-url`, the remote host (github.com, gitlab.*) or the CI platform.',
      default: 'auto',
      options: ['auto', 'github', 'gitlab'],
    },
    'api-url': {
      description:
        'merge-request mode: API root, e.g. https://api.github.com, https://ghe.example.com/api/v3 or https://gitlab.example.com/api/v4. Default: GITHUB_API_URL / CI_API_V4_URL when the remote is on that server, else derived from the remote host.',
    },
    project: {
      description:
        'merge-request mode: GitHub `owner/repo`, or GitLab project path (`group/sub/project`) or numeric id. Default: from the remote URL, else GITHUB_REPOSITORY / CI_PROJECT_PATH for the workspace repository.',
    },
  },
  outputs: {
    changed: { description: 'true when a commit was pushed (or, with dry-run, would be).' },
    commit: {
      description:
        'SHA of the pushed commit (merge-request mode: the tip of the source branch); empty when nothing changed.',
    },
    files: { description: 'JSON list of the changed files.' },
    previous: {
      description:
        'JSON map of changed file to the image reference(s) (name:tag[@digest]) it held before, for every kind of target.',
    },
    'merge-request-url': {
      description: 'merge-request mode: web URL of the request opened or updated; empty when nothing changed.',
    },
    'merge-request-number': {
      description: 'merge-request mode: its number (GitLab: the IID, `!N`; GitHub: `#N`); empty when nothing changed.',
    },
  },
};
