#!/usr/bin/env bash
# Shell peer of `cdpack set-image`: point the Deployment's container at the pushed digest.
set -euo pipefail
kubectl set image deployment/web "web=$IMAGE@$DIGEST"
