#!/usr/bin/env bash
# Shell peer of `cdpack build-push`, as a .gitlab-ci.yml `script:` would run it: buildah bud, then buildah push
# --digestfile. A fresh buildah store in the job's temp dir, removed at the end, like cdpack's default
# (buildah-storage: temp): both sides build with a cold cache. Output: DIGEST in $DOTENV (a dotenv artifact).
set -euo pipefail
store=$(mktemp -d)
buildah=(buildah --root "$store/root" --runroot "$store/run")
trap '"${buildah[@]}" umount --all >/dev/null 2>&1 || true; rm -rf "$store"' EXIT
mkdir "$store/tmp"
export TMPDIR="$store/tmp"
ref="$IMAGE:$CI_COMMIT_SHA"
"${buildah[@]}" bud --isolation chroot --tls-verify=false --tag "$ref" .
"${buildah[@]}" push --tls-verify=false --digestfile "$store/digest" "$ref" "docker://$ref"
echo "DIGEST=$(cat "$store/digest")" >>"$DOTENV"
