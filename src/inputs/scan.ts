import type { ActionSpec } from './types';

export const scan: ActionSpec = {
  name: 'scan',
  title: 'cdpack scan',
  description:
    'Scan an image with Trivy or Grype (or evaluate an existing report) and gate on severity, with an allowlist that expires; writes SARIF for GitHub code scanning and a GitLab container-scanning report that agree with the gate.',
  inputs: {
    image: {
      description:
        'Image to scan, best by digest (e.g. the `image-ref` output of build-push). Required unless `report` is given.',
      gitlabDefault: '$CDPACK_BUILD_PUSH_IMAGE_REF',
    },
    scanner: { description: 'Scanner to run.', default: 'trivy', options: ['trivy', 'grype'] },
    'scanner-version': {
      description:
        "Scanner version: used from the tool cache or PATH when present, else downloaded and checksum-verified. Default: the pinned version (trivy 0.69.3, grype 0.110.0). 'path' uses whatever is on PATH.",
    },
    'severity-threshold': {
      description: 'Fail when a counted finding is at or above this severity; `none` never fails.',
      default: 'high',
      options: ['critical', 'high', 'medium', 'low', 'none'],
    },
    'ignore-unfixed': {
      description: 'Do not count findings that have no fixed version yet (they are still reported, as suppressed).',
      default: 'true',
      type: 'boolean',
    },
    'ignore-file': {
      description:
        'Allowlist: a YAML list of {id, package?, reason, expires?: YYYY-MM-DD}, or a plain .trivyignore. Expired entries stop suppressing; entries that match nothing are reported as stale.',
    },
    report: {
      description:
        'Path to an existing Trivy or Grype JSON report to evaluate instead of running a scanner (format detected).',
    },
    'sarif-file': {
      description: 'Write SARIF 2.1.0 for GitHub code scanning here (kept within GitHub upload limits).',
    },
    'gitlab-report-file': {
      description: 'Write a GitLab container-scanning report here (artifacts:reports:container_scanning).',
      gitlabDefault: 'gl-container-scanning-report.json',
    },
    'summary-limit': {
      description: 'Most findings listed in the step summary.',
      default: '20',
      type: 'number',
    },
    offline: {
      description: 'Use the cached vulnerability DB as is and download nothing (scanner or DB).',
      default: 'false',
      type: 'boolean',
    },
    'cache-dir': {
      description:
        'Directory for the scanner DB and downloaded scanners, reused between runs (cache it). Default: RUNNER_TOOL_CACHE/cdpack on GitHub, else .cdpack-cache in the workspace.',
    },
  },
  outputs: {
    verdict: { description: '`pass` or `fail`.' },
    critical: { description: 'Counted critical findings (after suppression).' },
    high: { description: 'Counted high findings (after suppression).' },
    medium: { description: 'Counted medium findings (after suppression).' },
    low: { description: 'Counted low findings (after suppression).' },
    unknown: { description: 'Counted findings of unknown severity (after suppression).' },
    suppressed: { description: 'Findings not counted: allowlisted or (with ignore-unfixed) without a fix.' },
    'sarif-file': { description: 'Path of the SARIF file written; empty when none.' },
    'gitlab-report-file': { description: 'Path of the GitLab report written; empty when none.' },
  },
  gitlab: { stage: 'test', reports: { container_scanning: 'gl-container-scanning-report.json' } },
};
