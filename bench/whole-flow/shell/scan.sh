#!/usr/bin/env bash
# Shell peer of `cdpack scan`: the scanner CLI writes its JSON report, then jq counts HIGH and CRITICAL findings
# that have a fix and are not listed in the ignore file ($IGNORE_FILE, .trivyignore format); any makes the job fail.
set -euo pipefail
trivy image --format json --output trivy.json --scanners vuln --no-progress "$IMAGE@$DIGEST"
counted=$(jq --rawfile ignore "$IGNORE_FILE" '
  ($ignore | split("\n") | map(sub("#.*"; "") | gsub("\\s"; "")) | map(select(. != ""))) as $ids
  | [.Results[]?.Vulnerabilities[]?
     | select(.Severity == "CRITICAL" or .Severity == "HIGH")
     | select((.FixedVersion // "") != "")
     | select(.VulnerabilityID as $id | $ids | index($id) | not)]
  | length' trivy.json)
echo "HIGH/CRITICAL findings with a fix, not ignored: $counted"
[ "$counted" -eq 0 ]
