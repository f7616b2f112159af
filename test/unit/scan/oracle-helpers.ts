/**
 * Helpers shared by the scan tests: the real scanner outputs in ../shared/oracles, the official
 * schemas, and an independent count of findings straight from the raw JSON.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { requireShared } from '../../support/requirements';

export const ORACLES = requireShared('oracles');

function list(dir: string, filter: (name: string) => boolean): string[] {
  return readdirSync(join(ORACLES, dir))
    .filter(filter)
    .sort()
    .map((name) => join(ORACLES, dir, name));
}

/** Trivy schema-2 and Grype JSON reports we support (legacy Trivy lists are rejected, tested apart). */
export const SUPPORTED_REPORTS: string[] = [
  ...list('trivy/integration-golden', (n) => n.endsWith('.json.golden')),
  ...list('defectdojo/trivy', (n) => n.endsWith('.json') && !n.startsWith('legacy_')),
  ...list('grype/json', (n) => n.endsWith('.golden')),
  ...list('defectdojo/anchore_grype', (n) => n.endsWith('.json')),
];

export const LEGACY_TRIVY_REPORTS: string[] = list('defectdojo/trivy', (n) => n.startsWith('legacy_'));

let ajv: Ajv | undefined;
function compile(schemaFile: string): ValidateFunction {
  if (!ajv) {
    ajv = new Ajv({ strict: false, allErrors: true });
    addFormats(ajv);
  }
  return ajv.compile(JSON.parse(readFileSync(join(ORACLES, schemaFile), 'utf8')));
}

let sarif: ValidateFunction | undefined;
let gitlab: ValidateFunction | undefined;

function errorsOf(validate: ValidateFunction, doc: unknown): string | undefined {
  return validate(doc) ? undefined : JSON.stringify(validate.errors?.slice(0, 3));
}
/** Schema errors against SchemaStore's draft-07 copy of the OASIS SARIF 2.1.0 schema; undefined when valid. */
export function sarifSchemaErrors(doc: unknown): string | undefined {
  sarif ??= compile('schemas/schemastore/sarif-2.1.0.json');
  return errorsOf(sarif, doc);
}
/** Schema errors against GitLab's container-scanning report format v15.2.4; undefined when valid. */
export function gitlabSchemaErrors(doc: unknown): string | undefined {
  gitlab ??= compile('schemas/gitlab-security-report/container-scanning-report-format.json');
  return errorsOf(gitlab, doc);
}

export type Counts = { critical: number; high: number; medium: number; low: number; unknown: number };
export const THRESHOLD_ORDER = ['critical', 'high', 'medium', 'low'] as const;

/**
 * The documented counting rule, computed straight from the raw report: one finding per
 * (vulnerability id, package name, installed version); a key is "fixed" when any of its
 * entries names a fixed version, and takes the most severe rating among its entries. Grype's
 * Negligible counts as low; a missing or unrecognised rating is unknown.
 */
export function independentCount(
  raw: unknown,
  ignoreUnfixed: boolean,
): { counts: Counts; suppressed: number; unique: number } {
  // biome-ignore lint/suspicious/noExplicitAny: raw scanner JSON, read field by field as documented
  const doc = raw as Record<string, any>;
  const rank: Record<string, number> = { unknown: 0, low: 1, medium: 2, high: 3, critical: 4 };
  const entries: { key: string; severity: string; fixed: boolean }[] = [];
  if (Array.isArray(doc.matches)) {
    for (const m of doc.matches) {
      let severity = String(m.vulnerability.severity ?? '').toLowerCase();
      if (severity === 'negligible') severity = 'low';
      if (!(severity in rank)) severity = 'unknown';
      const versions: string[] = m.vulnerability.fix?.versions ?? [];
      entries.push({
        key: `${m.vulnerability.id} ${m.artifact.name} ${m.artifact.version}`,
        severity,
        fixed: versions.some((v) => v !== ''),
      });
    }
  } else {
    for (const result of doc.Results ?? []) {
      for (const v of result.Vulnerabilities ?? []) {
        let severity = String(v.Severity ?? '').toLowerCase();
        if (!(severity in rank)) severity = 'unknown';
        entries.push({
          key: `${v.VulnerabilityID} ${v.PkgName} ${v.InstalledVersion ?? ''}`,
          severity,
          fixed: Boolean(v.FixedVersion),
        });
      }
    }
  }
  const merged = new Map<string, { severity: string; fixed: boolean }>();
  for (const e of entries) {
    const seen = merged.get(e.key);
    if (!seen) merged.set(e.key, { severity: e.severity, fixed: e.fixed });
    else {
      if ((rank[e.severity] ?? 0) > (rank[seen.severity] ?? 0)) seen.severity = e.severity;
      seen.fixed ||= e.fixed;
    }
  }
  const counts: Counts = { critical: 0, high: 0, medium: 0, low: 0, unknown: 0 };
  let suppressed = 0;
  for (const f of merged.values()) {
    if (ignoreUnfixed && !f.fixed) suppressed++;
    else counts[f.severity as keyof Counts]++;
  }
  return { counts, suppressed, unique: merged.size };
}

/** Verdict for a threshold from independent counts: any counted finding at or above it. */
export function independentVerdict(counts: Counts, threshold: string): 'pass' | 'fail' {
  if (threshold === 'none') return 'pass';
  const at = THRESHOLD_ORDER.slice(0, THRESHOLD_ORDER.indexOf(threshold as (typeof THRESHOLD_ORDER)[number]) + 1);
  return at.some((s) => counts[s] > 0) ? 'fail' : 'pass';
}
