import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { markdownLink, escapeMarkdown as md, safeHttpsUrl, sarifText } from '../text/markdown';
import type { Finding } from './finding';
import { describeStatus, type EvaluatedFinding, type Evaluation, isSuppressed } from './gate';
import { imageRepository, SCANNER_INFO, type ScanTarget } from './scan-target';
import { type Severity, severityLabel, severityRank } from './severity';

/**
 * GitHub code scanning's documented upload limits ("SARIF results exceed limit", "SARIF file is
 * too large"): 10 MB gzip-compressed per file, 25,000 results and 25,000 rules per run, 20 runs
 * per file. We write one run, so only the first three matter.
 */
export interface SarifLimits {
  maxResults: number;
  maxRules: number;
  maxGzipBytes: number;
}

export const GITHUB_SARIF_LIMITS: SarifLimits = { maxResults: 25_000, maxRules: 25_000, maxGzipBytes: 10_000_000 };

export interface SarifOutput {
  /** The document as written (UTF-8 JSON). */
  text: string;
  /** Results written / findings in total. */
  written: number;
  total: number;
  /** Set when results had to be left out to stay within the limits. */
  trimmed?: { dropped: number; lowestKept: Severity | undefined; reason: string };
}

type Level = 'error' | 'warning' | 'note';

/** GitHub reads `security-severity` as: 9.0+ critical, 7.0–8.9 high, 4.0–6.9 medium, 0.1–3.9 low. */
const BANDS: Record<Exclude<Severity, 'unknown'>, { min: number; max: number; typical: number }> = {
  critical: { min: 9.0, max: 10, typical: 9.5 },
  high: { min: 7.0, max: 8.9, typical: 8.0 },
  medium: { min: 4.0, max: 6.9, typical: 5.5 },
  low: { min: 0.1, max: 3.9, typical: 2.0 },
};

/**
 * The score GitHub shows must land in the band of the severity the gate used, or the alert
 * would disagree with the verdict: the scanner's CVSS when it lies in that band, else a
 * typical score for the band.
 */
export function securitySeverity(severity: Severity, cvss: number | undefined): string | undefined {
  if (severity === 'unknown') return undefined;
  const band = BANDS[severity];
  const score = cvss !== undefined && cvss >= band.min && cvss <= band.max ? cvss : band.typical;
  return score.toFixed(1);
}

export function levelOf(e: EvaluatedFinding): Level {
  if (e.status === 'gating') return 'error';
  return isSuppressed(e) ? 'note' : 'warning';
}

const levelRank: Record<Level, number> = { error: 2, warning: 1, note: 0 };

/**
 * SARIF 2.1.0 for GitHub code scanning: one rule per vulnerability id, one result per finding
 * (suppressed ones carry `suppressions` with the reason), located on the image. When the
 * findings exceed GitHub's limits, the lowest-severity results are left out first (within a
 * severity, suppressed before counted ones) and `trimmed` says how many.
 */
export function buildSarif(
  evaluation: Evaluation,
  target: ScanTarget,
  limits: SarifLimits = GITHUB_SARIF_LIMITS,
): SarifOutput {
  const ordered = [...evaluation.findings].sort(
    (a, b) =>
      severityRank(b.finding.severity) - severityRank(a.finding.severity) ||
      Number(isSuppressed(a)) - Number(isSuppressed(b)),
  );
  const total = ordered.length;
  let count = Math.min(total, limits.maxResults, countWithinRules(ordered, limits.maxRules));
  let text = render(ordered.slice(0, count), evaluation, target, { dropped: total - count });
  let reason = count < total ? `more than ${Math.min(limits.maxResults, limits.maxRules)} results or rules` : '';
  if (gzipSync(text).length > limits.maxGzipBytes) {
    reason = `more than ${limits.maxGzipBytes} bytes gzip-compressed`;
    // Largest prefix that fits: size grows with the prefix, so bisect.
    let lo = 0;
    let hi = count - 1;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      const candidate = render(ordered.slice(0, mid), evaluation, target, { dropped: total - mid });
      if (gzipSync(candidate).length <= limits.maxGzipBytes) lo = mid;
      else hi = mid - 1;
    }
    count = lo;
    text = render(ordered.slice(0, count), evaluation, target, { dropped: total - count });
  }
  const out: SarifOutput = { text, written: count, total };
  if (count < total) {
    out.trimmed = { dropped: total - count, lowestKept: ordered[count - 1]?.finding.severity, reason };
  }
  return out;
}

/** How many of the ordered findings fit before the distinct rule ids exceed `maxRules`. */
function countWithinRules(ordered: readonly EvaluatedFinding[], maxRules: number): number {
  const ids = new Set<string>();
  for (let i = 0; i < ordered.length; i++) {
    const id = (ordered[i] as EvaluatedFinding).finding.id;
    if (!ids.has(id) && ids.size === maxRules) return i;
    ids.add(id);
  }
  return ordered.length;
}

function render(
  findings: readonly EvaluatedFinding[],
  evaluation: Evaluation,
  target: ScanTarget,
  extra: { dropped: number },
): string {
  const threshold = evaluation.policy.threshold;
  const rules: Record<string, unknown>[] = [];
  const ruleIndex = new Map<string, number>();
  const byId = new Map<string, EvaluatedFinding[]>();
  for (const e of findings) {
    const list = byId.get(e.finding.id);
    if (list) list.push(e);
    else byId.set(e.finding.id, [e]);
  }
  for (const [id, group] of byId) {
    ruleIndex.set(id, rules.length);
    rules.push(rule(id, group));
  }
  const repository = imageRepository(target.image);
  const uri = repository.split('/').map(encodeURIComponent).join('/');
  const results = findings.map((e) => {
    const f = e.finding;
    const result: Record<string, unknown> = {
      ruleId: f.id,
      ruleIndex: ruleIndex.get(f.id),
      level: levelOf(e),
      message: { text: sarifText(resultMessage(e, target.image, threshold)) },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri },
            region: { startLine: 1, startColumn: 1, endLine: 1, endColumn: 1 },
          },
          logicalLocations: [
            {
              name: `${f.package}@${f.installedVersion}`,
              fullyQualifiedName: `${target.image}#${f.package}@${f.installedVersion}`,
              kind: 'module',
            },
          ],
          message: {
            text: sarifText(`${f.package} ${f.installedVersion} in ${f.locations.map((l) => l.target).join(', ')}`),
          },
        },
      ],
      // GitHub tracks alerts by this fingerprint: one alert per vulnerability and package of the image.
      partialFingerprints: {
        primaryLocationLineHash: `${createHash('sha256').update(`${repository}\n${f.id}\n${f.package}`).digest('hex')}:1`,
      },
      properties: {
        severity: severityLabel(f.severity),
        package: f.package,
        installedVersion: f.installedVersion,
        fixedVersion: f.fixedVersion,
        gate: e.status,
        targets: f.locations.map((l) => l.target),
      },
    };
    if (isSuppressed(e)) {
      result.suppressions = [
        {
          kind: 'external',
          status: 'accepted',
          justification: sarifText(
            e.status === 'allowlisted'
              ? `${e.entry?.reason ?? ''}${e.entry?.expires ? ` (accepted until ${e.entry.expires})` : ''}`
              : 'No fixed version is available yet; ignore-unfixed is on.',
          ),
        },
      ];
    }
    return result;
  });
  const info = SCANNER_INFO[target.scanner.name];
  const doc = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'cdpack-scan',
            fullName: sarifText(
              `cdpack scan (${info.title}${target.scanner.version ? ` ${target.scanner.version}` : ''})`,
            ),
            informationUri: info.url,
            rules,
          },
        },
        automationDetails: { id: `cdpack-scan/${repository}/` },
        results,
        properties: {
          image: target.image,
          scanner: target.scanner,
          severityThreshold: threshold,
          ignoreUnfixed: evaluation.policy.ignoreUnfixed,
          verdict: evaluation.verdict,
          resultsLeftOut: extra.dropped,
        },
      },
    ],
  };
  return JSON.stringify(doc);
}

function rule(id: string, group: readonly EvaluatedFinding[]): Record<string, unknown> {
  const first = group[0]?.finding as Finding;
  const severity = group.map((e) => e.finding.severity).reduce((a, b) => (severityRank(b) > severityRank(a) ? b : a));
  const cvss = Math.max(...group.map((e) => e.finding.cvssScore ?? -1));
  const level = group.map(levelOf).reduce((a, b) => (levelRank[b] > levelRank[a] ? b : a));
  const title = group.map((e) => e.finding.title).find(Boolean) || firstSentence(first.description) || id;
  const description = clip(group.map((e) => e.finding.description).find(Boolean) || title, 4000);
  // Only an https URL that cannot break out of a Markdown link becomes helpUri or a link.
  const url = group.map((e) => safeHttpsUrl(e.finding.primaryUrl)).find(Boolean);
  const rows = group.map(
    (e) =>
      `| ${md(e.finding.package)} | ${md(e.finding.installedVersion)} | ${md(e.finding.fixedVersion || 'no fix yet')} |`,
  );
  const score = securitySeverity(severity, cvss >= 0 ? cvss : undefined);
  return {
    id,
    name: id.replace(/[^A-Za-z0-9]/g, ''),
    shortDescription: { text: sarifText(clip(title, 1000)) },
    fullDescription: { text: sarifText(description) },
    ...(url ? { helpUri: url } : {}),
    help: {
      text: sarifText(
        `${id} (${severityLabel(severity)}): ${title}\n\n${description}\n\nAffected packages: ${group
          .map(
            (e) =>
              `${e.finding.package} ${e.finding.installedVersion} (fixed in: ${e.finding.fixedVersion || 'none yet'})`,
          )
          .join('; ')}${url ? `\n\n${url}` : ''}`,
      ),
      markdown: [
        `**${md(id)}** (${severityLabel(severity)}): ${md(title)}`,
        '',
        '| Package | Installed | Fixed in |',
        '| --- | --- | --- |',
        ...rows,
        '',
        md(description),
        ...(url ? ['', markdownLink(id, url)] : []),
      ].join('\n'),
    },
    defaultConfiguration: { level },
    properties: {
      ...(score ? { 'security-severity': score } : {}),
      precision: 'very-high',
      tags: ['security', 'vulnerability', 'container', severityLabel(severity)],
    },
  };
}

function resultMessage(e: EvaluatedFinding, image: string, threshold: Evaluation['policy']['threshold']): string {
  const f = e.finding;
  const fix = f.fixedVersion ? `fixed in ${f.fixedVersion}` : 'no fixed version yet';
  return `${f.id} (${severityLabel(f.severity)}) in ${f.package} ${f.installedVersion} of ${image}: ${fix}. Gate: ${describeStatus(e, threshold)}.`;
}

function firstSentence(text: string): string {
  const line = text.split(/\n/)[0] ?? '';
  const dot = line.indexOf('. ');
  return clip(dot > 0 ? line.slice(0, dot + 1) : line, 200);
}

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
