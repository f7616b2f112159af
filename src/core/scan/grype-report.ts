import { dedupeFindings, type Finding, type ScanReport } from './finding';
import { ReportFormatError } from './report-error';
import { parseScannerSeverity } from './severity';

type Json = Record<string, unknown>;

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const obj = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** A Grype JSON report (`grype -o json`): `matches[]` with `vulnerability` and `artifact`. */
export function isGrypeReport(doc: unknown): boolean {
  const root = obj(doc);
  return Array.isArray(root.matches) && (str(obj(root.descriptor).name) === 'grype' || 'source' in root);
}

export function normaliseGrype(doc: unknown): ScanReport {
  const root = obj(doc);
  const raw: Finding[] = [];
  for (const match of arr(root.matches)) {
    const m = obj(match);
    const v = obj(m.vulnerability);
    const a = obj(m.artifact);
    const id = str(v.id);
    const pkg = str(a.name);
    if (!id || !pkg) throw new ReportFormatError('Grype JSON: a match has no vulnerability.id or artifact.name');
    const related = arr(m.relatedVulnerabilities).map(obj);
    const urls = [...arr(v.urls), ...arr(v.links)].map(str).filter(Boolean);
    // Grype only lists fixed versions when the fix state is "fixed".
    const fixVersions = arr(obj(v.fix).versions).map(str).filter(Boolean);
    const description = str(v.description) || related.map((r) => str(r.description)).find(Boolean) || '';
    const locations = arr(a.locations)
      .map(obj)
      .map((l) => ({ target: str(l.path), ...(str(l.layerID) ? { layer: str(l.layerID) } : {}) }))
      .filter((l) => l.target);
    raw.push({
      id,
      aliases: related.map((r) => str(r.id)).filter((r) => r && r !== id),
      package: pkg,
      installedVersion: str(a.version),
      fixedVersion: fixVersions.join(', '),
      severity: parseScannerSeverity(v.severity),
      cvssScore: grypeCvss([v, ...related]),
      title: '',
      description,
      primaryUrl: str(v.dataSource) || urls[0] || '',
      references: urls,
      packageType: str(a.type),
      locations: locations.length ? locations : [{ target: pkg }],
    });
  }
  const source = obj(root.source);
  const target = source.target;
  const distro = obj(root.distro);
  return {
    scanner: { name: 'grype', version: str(obj(root.descriptor).version) },
    artifact: typeof target === 'string' ? target : str(obj(target).userInput),
    os: [str(distro.name), str(distro.version)].filter(Boolean).join(' '),
    findings: dedupeFindings(raw),
    rawCount: raw.length,
    notes: [],
  };
}

/** Highest CVSS base score (v3 preferred) of the match and its related records. */
function grypeCvss(records: Json[]): number | undefined {
  const v3: number[] = [];
  const v2: number[] = [];
  for (const r of records) {
    for (const c of arr(r.cvss).map(obj)) {
      const score = obj(c.metrics).baseScore;
      if (typeof score !== 'number') continue;
      (str(c.version).startsWith('2') ? v2 : v3).push(score);
    }
    // Grype before 0.10 wrote cvssV2 / cvssV3 objects.
    const old3 = obj(r.cvssV3).baseScore;
    const old2 = obj(r.cvssV2).baseScore;
    if (typeof old3 === 'number') v3.push(old3);
    if (typeof old2 === 'number') v2.push(old2);
  }
  if (v3.length) return Math.max(...v3);
  return v2.length ? Math.max(...v2) : undefined;
}
