# The cdpack runner image: everything the GitLab components (and any other CI) need to run every cdpack step
# directly: Node 24 with cdpack's dist/ (`cdpack` on PATH), buildah and skopeo (daemonless builds and copies), git and
# openssh-client (GitOps bumps), kubectl (set-image, verify-rollout) and a pinned Trivy (scan).
#
# Multi-platform: build with `--platform linux/amd64,linux/arm64`; TARGETARCH picks the binaries and checksums.
# Build from the repository root after `npm run build` (the image ships the committed dist/ bundles):
#   buildah bud --isolation chroot --platform linux/amd64,linux/arm64 --manifest cdpack-runner .
#
# Every downloaded binary is pinned by version and verified by sha256. The URLs and checksums are build arguments
# so a mirror (or a test's loopback server) can stand in. An empty checksum fails the build.
#
# BEFORE A RELEASE the default checksums below must be confirmed against the upstream release checksum files
# (https://dl.k8s.io/release/v<version>/bin/linux/<arch>/kubectl.sha256 and trivy_<version>_checksums.txt on the
# Trivy GitHub release): they could not be fetched from the machine this file was written on. The values below were
# taken from independent public pins that agree with each other (and, for Trivy amd64, with
# src/tools/scanners/releases.ts); see RELEASING.md.

# Any Debian bookworm (or later) image with Node 24 on PATH.
ARG BASE_IMAGE=docker.io/library/node:24-bookworm-slim

# The pinned downloads, in a stage of their own that runs on the build machine's platform (no emulation) and first,
# so a wrong checksum fails the build in seconds. Node fetches them (no curl needed, Node has its own CA store).
FROM --platform=${BUILDPLATFORM} ${BASE_IMAGE} AS downloads
ARG TARGETARCH
ARG KUBECTL_VERSION=1.32.4
ARG KUBECTL_URL_AMD64=https://dl.k8s.io/release/v${KUBECTL_VERSION}/bin/linux/amd64/kubectl
ARG KUBECTL_URL_ARM64=https://dl.k8s.io/release/v${KUBECTL_VERSION}/bin/linux/arm64/kubectl
# UNCONFIRMED here: check against kubectl.sha256 upstream before a release (see the header).
ARG KUBECTL_SHA256_AMD64=10d739e9af8a59c9e7a730a2445916e04bc9cbb44bc79d22ce460cd329fa076c
ARG KUBECTL_SHA256_ARM64=c6f96d0468d6976224f5f0d81b65e1a63b47195022646be83e49d38389d572c2
# Keep in step with PINNED_VERSIONS.trivy in src/tools/scanners/releases.ts (0.69.4 is a denied release).
ARG TRIVY_VERSION=0.69.3
ARG TRIVY_URL_AMD64=https://github.com/aquasecurity/trivy/releases/download/v${TRIVY_VERSION}/trivy_${TRIVY_VERSION}_Linux-64bit.tar.gz
ARG TRIVY_URL_ARM64=https://github.com/aquasecurity/trivy/releases/download/v${TRIVY_VERSION}/trivy_${TRIVY_VERSION}_Linux-ARM64.tar.gz
# UNCONFIRMED here: check against trivy_<version>_checksums.txt upstream before a release (see the header).
ARG TRIVY_SHA256_AMD64=1816b632dfe529869c740c0913e36bd1629cb7688bd5634f4a858c1d57c88b75
ARG TRIVY_SHA256_ARM64=7e3924a974e912e57b4a99f65ece7931f8079584dae12eb7845024f97087bdfd
RUN set -eu; \
    node_version="$(node --version)"; \
    case "$node_version" in v24.*) ;; *) echo "runner image: the base image must have Node 24 (has '$node_version')" >&2; exit 1 ;; esac; \
    arch="${TARGETARCH:-$(dpkg --print-architecture)}"; \
    case "$arch" in \
      amd64) suffix=AMD64; kubectl_url="$KUBECTL_URL_AMD64"; kubectl_sha="$KUBECTL_SHA256_AMD64"; \
             trivy_url="$TRIVY_URL_AMD64"; trivy_sha="$TRIVY_SHA256_AMD64" ;; \
      arm64) suffix=ARM64; kubectl_url="$KUBECTL_URL_ARM64"; kubectl_sha="$KUBECTL_SHA256_ARM64"; \
             trivy_url="$TRIVY_URL_ARM64"; trivy_sha="$TRIVY_SHA256_ARM64" ;; \
      *) echo "runner image: unsupported architecture '$arch' (amd64 or arm64)" >&2; exit 1 ;; \
    esac; \
    fetch() { \
      url="$1"; sha="$2"; arg="$3"; out="$4"; \
      if [ -z "$sha" ]; then \
        echo "runner image: build arg $arg is empty: set it to the sha256 from the upstream release checksums" >&2; exit 1; \
      fi; \
      case "$sha" in *[!0-9a-f]*) echo "runner image: build arg $arg is not a lowercase hex sha256" >&2; exit 1 ;; esac; \
      if [ "${#sha}" -ne 64 ]; then echo "runner image: build arg $arg is not a sha256 (64 hex digits)" >&2; exit 1; fi; \
      node -e 'const [url, out] = process.argv.slice(1); \
        fetch(url).then(async (r) => { \
          if (!r.ok) throw new Error(`HTTP ${r.status}`); \
          require("node:fs").writeFileSync(out, Buffer.from(await r.arrayBuffer())); \
        }).catch((e) => { console.error(`runner image: download of ${url} failed: ${e.message}`); process.exit(1); });' \
        "$url" "$out"; \
      if ! echo "$sha  $out" | sha256sum -c --quiet - >/dev/null 2>&1; then \
        echo "runner image: checksum mismatch for $url: expected $arg=$sha, got $(sha256sum "$out" | cut -d' ' -f1)" >&2; \
        exit 1; \
      fi; \
    }; \
    mkdir -p /out; \
    fetch "$kubectl_url" "$kubectl_sha" "KUBECTL_SHA256_$suffix" /tmp/kubectl; \
    fetch "$trivy_url" "$trivy_sha" "TRIVY_SHA256_$suffix" /tmp/trivy.tar.gz; \
    install -m 0755 /tmp/kubectl /out/kubectl; \
    tar -xzf /tmp/trivy.tar.gz -C /tmp trivy; \
    install -m 0755 /tmp/trivy /out/trivy

FROM ${BASE_IMAGE}

# Debian's packages (bookworm: buildah 1.28, skopeo 1.9, git 2.39).
RUN set -eu; \
    export DEBIAN_FRONTEND=noninteractive; \
    apt-get update; \
    apt-get install -y --no-install-recommends buildah skopeo git openssh-client ca-certificates; \
    apt-get clean; \
    rm -rf /var/lib/apt/lists/*

COPY --from=downloads /out/kubectl /out/trivy /usr/local/bin/

# cdpack itself: the committed bundles (no node_modules: they have no runtime dependencies), `cdpack` linked from
# package.json's bin entry.
COPY package.json /opt/cdpack/package.json
COPY dist/ /opt/cdpack/dist/
RUN set -eu; \
    bin="$(node -p 'require("/opt/cdpack/package.json").bin.cdpack')"; \
    chmod 0755 "/opt/cdpack/$bin"; \
    ln -s "/opt/cdpack/$bin" /usr/local/bin/cdpack; \
    cdpack --help >/dev/null; \
    kubectl version --client >/dev/null; \
    trivy --version >/dev/null

# buildah inside a CI container: chroot isolation needs no runtime or cgroup access, and vfs storage needs no
# fuse or overlay mounts (set STORAGE_DRIVER=overlay where the job may mount).
ENV BUILDAH_ISOLATION=chroot \
    STORAGE_DRIVER=vfs

CMD ["cdpack", "--help"]
