/** The five severities every scanner's ratings are mapped onto, most severe first. */
export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'unknown'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** `severity-threshold`: fail on findings at or above this severity; `none` never fails. */
export type Threshold = Exclude<Severity, 'unknown'> | 'none';
export const THRESHOLDS: readonly Threshold[] = ['critical', 'high', 'medium', 'low', 'none'];

const rank: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, unknown: 0 };

/** Higher is more severe; `unknown` ranks below `low`. */
export function severityRank(severity: Severity): number {
  return rank[severity];
}

/**
 * Whether a finding of this severity trips the gate. `unknown` never does: a threshold names a
 * known severity and an unrated finding is not known to reach it.
 */
export function atOrAbove(severity: Severity, threshold: Threshold): boolean {
  if (threshold === 'none' || severity === 'unknown') return false;
  return rank[severity] >= rank[threshold];
}

export function mostSevere(a: Severity, b: Severity): Severity {
  return rank[a] >= rank[b] ? a : b;
}

/** Trivy: UNKNOWN/LOW/MEDIUM/HIGH/CRITICAL. Grype: Negligible/Low/Medium/High/Critical/Unknown. */
export function parseScannerSeverity(value: unknown): Severity {
  const v = typeof value === 'string' ? value.trim().toLowerCase() : '';
  if (v === 'critical' || v === 'high' || v === 'medium' || v === 'low') return v;
  if (v === 'negligible') return 'low';
  return 'unknown';
}

export function severityLabel(severity: Severity): string {
  return severity.toUpperCase();
}
