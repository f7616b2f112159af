import type { AllowEntry } from './allowlist';
import type { Finding } from './finding';
import { atOrAbove, SEVERITIES, type Severity, severityRank, type Threshold } from './severity';

/**
 * What the gate decided for one finding:
 * - `gating`: counted and at or above the threshold (fails the step);
 * - `below-threshold`: counted, below the threshold (or threshold none / severity unknown);
 * - `allowlisted`: suppressed by a valid ignore-file entry;
 * - `unfixed`: suppressed by ignore-unfixed (no fixed version known).
 */
export type FindingStatus = 'gating' | 'below-threshold' | 'allowlisted' | 'unfixed';

export interface EvaluatedFinding {
  finding: Finding;
  status: FindingStatus;
  /** The allowlist entry that suppresses it (status `allowlisted`). */
  entry?: AllowEntry;
}

export interface GatePolicy {
  threshold: Threshold;
  ignoreUnfixed: boolean;
  allowlist: readonly AllowEntry[];
  /** Today's date in UTC, `YYYY-MM-DD` (injected so tests control expiry). */
  today: string;
}

export interface Evaluation {
  policy: GatePolicy;
  /** Every finding, most severe first (gating before the rest within a severity), then by id. */
  findings: EvaluatedFinding[];
  /** Counted (not suppressed) findings by severity: exactly what the gate looked at. */
  counts: Record<Severity, number>;
  /** Findings suppressed by the allowlist or by ignore-unfixed. */
  suppressed: number;
  allowlisted: number;
  unfixedIgnored: number;
  /** Findings at or above the threshold that were counted. */
  gating: number;
  verdict: 'pass' | 'fail';
  /** Entries past their `expires` date: they no longer suppress anything. */
  expired: AllowEntry[];
  /** Unexpired entries that matched no finding. */
  stale: AllowEntry[];
}

export function entryMatches(entry: AllowEntry, finding: Finding): boolean {
  const id = entry.id.toUpperCase();
  const idMatches = finding.id.toUpperCase() === id || finding.aliases.some((a) => a.toUpperCase() === id);
  return idMatches && (entry.package === undefined || entry.package === finding.package);
}

export function isExpired(entry: AllowEntry, today: string): boolean {
  return entry.expires !== undefined && entry.expires < today;
}

/** The gate: computed from the normalised findings only. */
export function evaluate(findings: readonly Finding[], policy: GatePolicy): Evaluation {
  const expired = policy.allowlist.filter((e) => isExpired(e, policy.today));
  const active = policy.allowlist.filter((e) => !isExpired(e, policy.today));
  const used = new Set<AllowEntry>();
  const evaluated: EvaluatedFinding[] = findings.map((finding) => {
    const entry = active.find((e) => entryMatches(e, finding));
    if (entry) {
      used.add(entry);
      return { finding, status: 'allowlisted', entry };
    }
    if (policy.ignoreUnfixed && !finding.fixedVersion) return { finding, status: 'unfixed' };
    return { finding, status: atOrAbove(finding.severity, policy.threshold) ? 'gating' : 'below-threshold' };
  });
  evaluated.sort(compareEvaluated);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let allowlisted = 0;
  let unfixedIgnored = 0;
  let gating = 0;
  for (const e of evaluated) {
    if (e.status === 'allowlisted') allowlisted++;
    else if (e.status === 'unfixed') unfixedIgnored++;
    else counts[e.finding.severity]++;
    if (e.status === 'gating') gating++;
  }
  return {
    policy,
    findings: evaluated,
    counts,
    suppressed: allowlisted + unfixedIgnored,
    allowlisted,
    unfixedIgnored,
    gating,
    verdict: gating > 0 ? 'fail' : 'pass',
    expired,
    stale: active.filter((e) => !used.has(e)),
  };
}

const statusOrder: Record<FindingStatus, number> = { gating: 0, 'below-threshold': 1, allowlisted: 2, unfixed: 3 };

export function isSuppressed(e: EvaluatedFinding): boolean {
  return e.status === 'allowlisted' || e.status === 'unfixed';
}

function compareEvaluated(a: EvaluatedFinding, b: EvaluatedFinding): number {
  return (
    severityRank(b.finding.severity) - severityRank(a.finding.severity) ||
    statusOrder[a.status] - statusOrder[b.status] ||
    a.finding.id.localeCompare(b.finding.id) ||
    a.finding.package.localeCompare(b.finding.package) ||
    a.finding.installedVersion.localeCompare(b.finding.installedVersion)
  );
}

/** Human words for a status, used by the reports and the summary. */
export function describeStatus(e: EvaluatedFinding, threshold: Threshold): string {
  switch (e.status) {
    case 'gating':
      return `fails the gate (${e.finding.severity} is at or above the threshold ${threshold})`;
    case 'below-threshold':
      return threshold === 'none'
        ? 'reported only (severity-threshold is none)'
        : `reported only (below the threshold ${threshold})`;
    case 'allowlisted':
      return `suppressed by ignore-file: ${e.entry?.reason ?? ''}${e.entry?.expires ? ` (until ${e.entry.expires})` : ''}`;
    case 'unfixed':
      return 'suppressed: no fixed version yet (ignore-unfixed)';
  }
}
