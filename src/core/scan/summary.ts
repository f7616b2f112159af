import { escapeMarkdown as cell, markdownCode, markdownLink } from '../text/markdown';
import type { AllowEntry } from './allowlist';
import { type EvaluatedFinding, type Evaluation, isSuppressed } from './gate';
import { SCANNER_INFO, type ScanTarget } from './scan-target';
import { SEVERITIES, severityLabel } from './severity';

/** The step summary: verdict, counts by severity, top findings, suppressions, allowlist upkeep. */
export function buildSummary(
  evaluation: Evaluation,
  target: ScanTarget,
  options: { limit: number; sarifNote?: string },
): string {
  const { policy, counts } = evaluation;
  const info = SCANNER_INFO[target.scanner.name];
  const verdict = evaluation.verdict === 'fail' ? '❌ fail' : '✅ pass';
  const lines = [
    `### cdpack scan: ${verdict}`,
    '',
    `${markdownCode(target.image)} scanned with ${info.title}${target.scanner.version ? ` ${cell(target.scanner.version)}` : ''}; severity-threshold **${policy.threshold}**, ignore-unfixed **${policy.ignoreUnfixed}**. ${evaluation.gating} finding(s) at or above the threshold.`,
    '',
    `| ${SEVERITIES.map(severityLabel).join(' | ')} | Suppressed |`,
    `| ${SEVERITIES.map(() => '---:').join(' | ')} | ---: |`,
    `| ${SEVERITIES.map((s) => counts[s]).join(' | ')} | ${evaluation.suppressed} |`,
    '',
  ];
  const counted = evaluation.findings.filter((e) => !isSuppressed(e));
  if (counted.length && options.limit > 0) {
    lines.push(`#### Top findings (${Math.min(options.limit, counted.length)} of ${counted.length})`, '');
    lines.push('| Severity | ID | Package | Installed → Fixed | Gate |', '| --- | --- | --- | --- | --- |');
    for (const e of counted.slice(0, options.limit)) lines.push(findingRow(e));
    lines.push('');
  }
  const suppressed = evaluation.findings.filter(isSuppressed);
  if (suppressed.length && options.limit > 0) {
    lines.push(
      `#### Suppressed (${evaluation.allowlisted} by ignore-file, ${evaluation.unfixedIgnored} without a fix)`,
      '',
    );
    lines.push('| Severity | ID | Package | Installed → Fixed | Reason |', '| --- | --- | --- | --- | --- |');
    for (const e of suppressed.slice(0, options.limit)) {
      const reason =
        e.status === 'allowlisted'
          ? `${e.entry?.reason ?? ''}${e.entry?.expires ? ` (until ${e.entry.expires})` : ''}`
          : 'no fixed version (ignore-unfixed)';
      lines.push(findingRow(e, reason));
    }
    if (suppressed.length > options.limit) lines.push('', `…and ${suppressed.length - options.limit} more.`);
    lines.push('');
  }
  if (evaluation.expired.length) {
    lines.push('#### Expired ignore-file entries (no longer suppress)', '');
    lines.push(...entryTable(evaluation.expired, 'Expired'), '');
  }
  if (evaluation.stale.length) {
    lines.push('#### Stale ignore-file entries (match no finding)', '');
    lines.push(...entryTable(evaluation.stale, 'Expires'), '');
  }
  if (options.sarifNote) lines.push(`> ${options.sarifNote}`, '');
  return lines.join('\n');
}

function findingRow(e: EvaluatedFinding, last?: string): string {
  const f = e.finding;
  const gate = last === undefined ? (e.status === 'gating' ? '**fails**' : 'reported') : cell(last);
  return `| ${severityLabel(f.severity)} | ${markdownLink(f.id, f.primaryUrl)} | ${cell(f.package)} | ${cell(f.installedVersion)} → ${cell(f.fixedVersion || 'no fix')} | ${gate} |`;
}

function entryTable(entries: readonly AllowEntry[], dateHeading: string): string[] {
  return [
    `| ID | Package | ${dateHeading} | Reason | Line |`,
    '| --- | --- | --- | --- | ---: |',
    ...entries.map(
      (e) =>
        `| ${cell(e.id)} | ${cell(e.package ?? 'any')} | ${e.expires ?? 'never'} | ${cell(e.reason)} | ${e.line} |`,
    ),
  ];
}
