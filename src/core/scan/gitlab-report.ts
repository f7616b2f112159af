import { createHash } from 'node:crypto';
import { describeStatus, type Evaluation } from './gate';
import { imageRepository, SCANNER_INFO, type ScanTarget } from './scan-target';
import type { Severity } from './severity';

/** The security-report-schemas version the report follows (validated against it in the tests). */
export const GITLAB_REPORT_VERSION = '15.2.4';

const SEVERITY: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  unknown: 'Unknown',
};

export interface GitlabReportMeta {
  /** cdpack's own version, reported as the analyzer version. */
  analyzerVersion: string;
  startTime: Date;
  endTime: Date;
}

/**
 * A GitLab container-scanning report (`artifacts:reports:container_scanning`). It carries every
 * finding: the schema has no "accepted" state, so allowlisted ones get the only flag it offers
 * and every finding's `details` say what the gate decided for it.
 */
export function buildGitlabReport(evaluation: Evaluation, target: ScanTarget, meta: GitlabReportMeta): string {
  const info = SCANNER_INFO[target.scanner.name];
  const threshold = evaluation.policy.threshold;
  const vulnerabilities = evaluation.findings.map((e) => {
    const f = e.finding;
    const link = /^https?:\/\//.test(f.primaryUrl) ? f.primaryUrl : undefined;
    const solution = f.fixedVersion
      ? `Upgrade ${f.package} to ${f.fixedVersion}`
      : 'No fixed version is available yet.';
    return {
      id: uuidFrom(`${imageRepository(target.image)}\n${f.id}\n${f.package}\n${f.installedVersion}`),
      name: clip(f.title || `${f.id} in ${f.package}`, 255),
      description: clip(f.description || f.title || f.id, 1_048_576),
      severity: SEVERITY[f.severity],
      solution: clip(solution, 7000),
      identifiers: [f.id, ...f.aliases].map((id, i) => ({
        type: identifierType(id),
        name: id,
        value: id,
        ...(i === 0 && link ? { url: link } : {}),
      })),
      links: [...new Set(f.references)].filter((u) => /^(https?|ftp):\/\/.+/.test(u)).map((url) => ({ url })),
      location: {
        dependency: { package: { name: f.package }, version: f.installedVersion },
        operating_system: target.os || 'unknown',
        image: target.image,
      },
      details: {
        gate: { type: 'text', name: 'cdpack gate', value: describeStatus(e, threshold) },
        targets: {
          type: 'list',
          name: 'Found in',
          items: f.locations.map((l) => ({
            type: 'text',
            value: l.layer ? `${l.target} (layer ${l.layer})` : l.target,
          })),
        },
      },
      ...(e.status === 'allowlisted'
        ? {
            flags: [
              {
                type: 'flagged-as-likely-false-positive',
                origin: 'cdpack ignore-file',
                description: `Accepted: ${e.entry?.reason ?? ''}${e.entry?.expires ? ` (until ${e.entry.expires})` : ''}`,
              },
            ],
          }
        : {}),
    };
  });
  const scanner = {
    id: target.scanner.name,
    name: info.title,
    url: info.url,
    vendor: { name: info.vendor },
    version: target.scanner.version || 'unknown',
  };
  const messages = [
    ...evaluation.expired.map((e) => ({
      level: 'warn',
      value: `ignore-file entry ${e.id}${e.package ? ` (${e.package})` : ''} expired on ${e.expires}; it no longer suppresses anything`,
    })),
    ...evaluation.stale.map((e) => ({
      level: 'info',
      value: `ignore-file entry ${e.id}${e.package ? ` (${e.package})` : ''} matches no finding (stale)`,
    })),
  ];
  const report = {
    version: GITLAB_REPORT_VERSION,
    schema: `https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v${GITLAB_REPORT_VERSION}/dist/container-scanning-report-format.json`,
    scan: {
      analyzer: {
        id: 'cdpack-scan',
        name: 'cdpack scan',
        vendor: { name: 'cdpack' },
        version: meta.analyzerVersion,
      },
      scanner,
      type: 'container_scanning',
      start_time: gitlabTime(meta.startTime),
      end_time: gitlabTime(meta.endTime),
      status: 'success',
      ...(messages.length ? { messages } : {}),
    },
    vulnerabilities,
    remediations: [],
  };
  return `${JSON.stringify(report, null, 2)}\n`;
}

/** `yyyy-mm-ddThh:mm:ss` in UTC, as the schema's pattern requires. */
export function gitlabTime(date: Date): string {
  return date.toISOString().slice(0, 19);
}

function identifierType(id: string): string {
  const prefix = /^([A-Za-z]+)-/.exec(id)?.[1];
  return prefix ? prefix.toLowerCase() : 'advisory';
}

/** A stable UUID-shaped id from a key, so the same finding keeps its id across pipelines. */
function uuidFrom(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
