import { excerpt } from '../text/control';
import { dedupeFindings, type Finding, type ScanReport } from './finding';
import { ReportFormatError } from './report-error';
import { parseScannerSeverity } from './severity';

type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A Trivy JSON report, schema version 2 (Trivy 0.20 and later): `Results[].Vulnerabilities[]`. */
export function isTrivyReport(doc: unknown): boolean {
  return obj(doc).SchemaVersion !== undefined && ('Results' in obj(doc) || 'ArtifactName' in obj(doc));
}

export function normaliseTrivy(doc: unknown): ScanReport {
  const root = obj(doc);
  if (root.SchemaVersion !== 2) {
    throw new ReportFormatError(
      `Trivy JSON schema version ${excerpt(JSON.stringify(root.SchemaVersion) ?? '', 20)} is not supported (expected 2)`,
    );
  }
  if (root.Results !== undefined && root.Results !== null && !Array.isArray(root.Results)) {
    throw new ReportFormatError('Trivy JSON: Results is not a list');
  }
  const raw: Finding[] = [];
  const notes: string[] = [];
  let misconfigurations = 0;
  let secrets = 0;
  for (const result of arr(root.Results)) {
    const r = obj(result);
    misconfigurations += arr(r.Misconfigurations).length;
    secrets += arr(r.Secrets).length;
    for (const vuln of arr(r.Vulnerabilities)) {
      const v = obj(vuln);
      const id = str(v.VulnerabilityID);
      const pkg = str(v.PkgName);
      if (!id || !pkg) throw new ReportFormatError('Trivy JSON: a vulnerability has no VulnerabilityID or PkgName');
      const layer = obj(v.Layer);
      const refs = arr(v.References).map(str).filter(Boolean);
      raw.push({
        id,
        aliases: [],
        package: pkg,
        installedVersion: str(v.InstalledVersion),
        fixedVersion: str(v.FixedVersion),
        severity: parseScannerSeverity(v.Severity),
        cvssScore: trivyCvss(v.CVSS),
        title: str(v.Title),
        description: str(v.Description),
        primaryUrl: str(v.PrimaryURL) || refs[0] || '',
        references: refs,
        packageType: str(r.Type),
        locations: [
          {
            target: str(v.PkgPath) || str(r.Target),
            ...(str(layer.DiffID) || str(layer.Digest) ? { layer: str(layer.DiffID) || str(layer.Digest) } : {}),
          },
        ],
      });
    }
  }
  if (misconfigurations) notes.push(`${misconfigurations} misconfiguration(s) in the report are not evaluated`);
  if (secrets) notes.push(`${secrets} secret(s) in the report are not evaluated`);
  const osInfo = obj(obj(root.Metadata).OS);
  return {
    scanner: { name: 'trivy', version: str(obj(root.Trivy).Version) },
    artifact: str(root.ArtifactName),
    os: [str(osInfo.Family), str(osInfo.Name)].filter(Boolean).join(' '),
    findings: dedupeFindings(raw),
    rawCount: raw.length,
    notes,
  };
}

/** Highest CVSS v3 base score over the sources, else the highest v2 score. */
function trivyCvss(value: unknown): number | undefined {
  const sources = Object.values(obj(value)).map(obj);
  const best = (field: string) => {
    const scores = sources.map((s) => s[field]).filter((n): n is number => typeof n === 'number');
    return scores.length ? Math.max(...scores) : undefined;
  };
  return best('V3Score') ?? best('V2Score');
}
