import { mostSevere, type Severity } from './severity';

/** Where in the image a finding was seen: a scanner target (OS, lockfile, jar…) and layer. */
export interface FindingLocation {
  /** Trivy `Target` or the Grype artifact path, e.g. `usr/lib/node_modules/npm/package.json`. */
  target: string;
  /** Layer digest or diff ID, when the scanner reports one. */
  layer?: string;
}

/**
 * One vulnerable package in the image, whichever scanner found it. Scanners list the same
 * (id, package, installed version) several times (one per target or layer); those are merged
 * into one finding with every location kept.
 */
export interface Finding {
  /** Vulnerability id as the scanner reports it: CVE-…, GHSA-…, ALAS-… */
  id: string;
  /** Other ids for the same vulnerability (Grype `relatedVulnerabilities`). */
  aliases: string[];
  package: string;
  installedVersion: string;
  /** Versions that fix it, comma-separated; '' when no fix is known. */
  fixedVersion: string;
  severity: Severity;
  /** Highest CVSS base score the scanner gives, when it gives one. */
  cvssScore?: number;
  title: string;
  description: string;
  /** The scanner's advisory link, or the first reference. */
  primaryUrl: string;
  references: string[];
  /** Package type as the scanner names it (apk, deb, npm, jar…). */
  packageType: string;
  locations: FindingLocation[];
}

/** The counting rule: one finding per (id, package, installed version). */
export function findingKey(f: Pick<Finding, 'id' | 'package' | 'installedVersion'>): string {
  return `${f.id}\u0000${f.package}\u0000${f.installedVersion}`;
}

/**
 * Merges duplicate findings (same key): keeps every location, the most severe rating, the
 * first known fix and the highest CVSS score. Order of first appearance is kept.
 */
export function dedupeFindings(findings: readonly Finding[]): Finding[] {
  const byKey = new Map<string, Finding>();
  for (const f of findings) {
    const key = findingKey(f);
    const seen = byKey.get(key);
    if (!seen) {
      byKey.set(key, { ...f, aliases: [...f.aliases], references: [...f.references], locations: [...f.locations] });
      continue;
    }
    seen.severity = mostSevere(seen.severity, f.severity);
    if (!seen.fixedVersion && f.fixedVersion) seen.fixedVersion = f.fixedVersion;
    if (f.cvssScore !== undefined && (seen.cvssScore === undefined || f.cvssScore > seen.cvssScore)) {
      seen.cvssScore = f.cvssScore;
    }
    for (const field of ['title', 'description', 'primaryUrl', 'packageType'] as const) {
      if (!seen[field] && f[field]) seen[field] = f[field];
    }
    for (const a of f.aliases) if (!seen.aliases.includes(a)) seen.aliases.push(a);
    for (const r of f.references) if (!seen.references.includes(r)) seen.references.push(r);
    for (const l of f.locations) {
      if (!seen.locations.some((s) => s.target === l.target && s.layer === l.layer)) seen.locations.push(l);
    }
  }
  return [...byKey.values()];
}

/** What a report says about the scan as a whole. */
export interface ScanReport {
  scanner: { name: 'trivy' | 'grype'; version: string };
  /** The scanned artifact as the scanner names it (image reference, archive path…). */
  artifact: string;
  /** e.g. `alpine 3.10.2`; '' when unknown. */
  os: string;
  /** Deduplicated findings. */
  findings: Finding[];
  /** How many raw entries the scanner listed before deduplication. */
  rawCount: number;
  /** Notes for the log (e.g. misconfigurations present but not evaluated). */
  notes: string[];
}
