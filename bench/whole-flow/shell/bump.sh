#!/usr/bin/env bash
# Shell peer of `cdpack update-gitops-tag`: clone the GitOps repository (token in the URL, as such scripts usually
# do), set the overlay's newTag and digest with yq, commit and push. No retry when another push lands first.
set -euo pipefail
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
git clone --quiet --depth 1 --branch main "http://$GIT_USER:$GIT_TOKEN@${GITOPS_URL#http://}" "$dir/gitops"
cd "$dir/gitops"
yq -y -i --arg name "$IMAGE" --arg tag "$CI_COMMIT_SHA" --arg digest "$DIGEST" \
  '(.images[] | select(.name == $name)) |= (.newTag = $tag | .digest = $digest)' "$OVERLAY"
git -c user.name=ci-bot -c user.email=ci-bot@example.com commit --quiet -am "web: deploy $CI_COMMIT_SHA"
git push --quiet origin HEAD:main
echo "COMMIT=$(git rev-parse HEAD)" >>"$DOTENV"
