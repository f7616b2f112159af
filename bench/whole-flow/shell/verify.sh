#!/usr/bin/env bash
# Shell peer of `cdpack verify-rollout`: wait for the rollout (no diagnosis, no rollback).
set -euo pipefail
kubectl rollout status deployment/web --timeout=60s
