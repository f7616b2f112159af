import type { ActionSpec } from './types';

export const buildPush: ActionSpec = {
  name: 'build-push',
  title: 'cdpack build-push',
  description:
    'Build an image once, tag it by commit SHA (plus branch, semver and raw tag rules), push it and report the verified digest; or promote an existing image to new tags without rebuilding. Builds with buildx, the Docker engine or buildah.',
  inputs: {
    image: {
      description: 'Image repository without tag, e.g. registry.example.com/team/app (OCI reference grammar).',
      required: true,
      gitlabDefault: '$CI_REGISTRY_IMAGE',
    },
    tags: {
      description:
        'Extra tags, one per line (plain tags may also be comma-separated). The full commit SHA tag is always added. Rules: type=short-sha[,length=N], type=branch, type=semver[,pattern={{major}}.{{minor}}], type=pr, type=raw,value=TAG; each takes prefix= and suffix=. `latest` only when listed explicitly.',
      multiline: true,
    },
    context: {
      description:
        'Build context directory, relative to the workspace (it must stay inside it, symlinks followed); an absolute path is used as given.',
      default: '.',
    },
    file: {
      description:
        'Dockerfile path, relative to the workspace (it must stay inside it) or absolute. Default: <context>/Dockerfile.',
    },
    target: { description: 'Build stage to stop at (multi-stage Dockerfiles).' },
    platforms: {
      description: 'Target platforms, e.g. linux/amd64,linux/arm64 (several: buildx or buildah push an index).',
      type: 'list',
    },
    'build-args': { description: 'Build arguments, one KEY=VALUE per line.', multiline: true },
    labels: {
      description: 'Extra labels, one KEY=VALUE per line; they override the default org.opencontainers.image.* labels.',
      multiline: true,
    },
    push: { description: 'Push the image (false: build only).', default: 'true', type: 'boolean' },
    builder: {
      description:
        'auto: buildx when `docker buildx` works, else the Docker engine when a daemon answers, else buildah.',
      default: 'auto',
      options: ['auto', 'buildx', 'docker', 'buildah'],
    },
    registry: {
      description: 'Registry to log in to. Default: the registry of `image` (docker.io when none).',
      gitlabDefault: '$CI_REGISTRY',
    },
    username: {
      description: 'Registry user name; with `password`, login happens in a temporary config.',
      gitlabDefault: '$CI_REGISTRY_USER',
    },
    password: {
      description: 'Registry password or token (passed on stdin only).',
      secret: true,
      gitlabDefault: '$CI_REGISTRY_PASSWORD',
    },
    'cache-from': {
      description:
        'Registry cache sources, one per line: image references, or type=registry,ref=… (buildx also takes other type=… specs).',
      multiline: true,
    },
    'cache-to': {
      description: 'Registry cache destination: an image reference, or type=registry,ref=…[,mode=max].',
    },
    'tls-verify': {
      description: 'Verify the registry TLS certificate and require HTTPS (false allows plain HTTP).',
      default: 'true',
      type: 'boolean',
    },
    'ca-file': {
      description:
        'PEM CA certificate to trust for the registry (buildah and the digest check; Docker engines use their certs.d).',
    },
    'buildah-storage': {
      description: 'buildah only: temp (a fresh store under the temp dir, removed afterwards) or default.',
      default: 'temp',
      options: ['temp', 'default'],
    },
    source: {
      description:
        'Promote mode: copy this existing image (ideally repo@sha256:…) to `image` with the computed tags, without building.',
    },
  },
  outputs: {
    digest: { description: 'Digest of the pushed manifest or index (sha256:…), checked against the registry.' },
    'image-ref': { description: 'The pushed image by digest: <image>@sha256:….' },
    tags: { description: 'JSON list of the full tag references pushed (or built, with push: false).' },
    metadata: { description: 'JSON: builder, image, tags, digest, commit, labels, platforms, pushed, source.' },
  },
  gitlab: { stage: 'build' },
};
