import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative } from 'node:path';
import { InputError } from '../../core/errors';
import { type AllowEntry, IgnoreFileError, parseIgnoreFile } from '../../core/scan/allowlist';
import type { ScanReport } from '../../core/scan/finding';
import { type Evaluation, evaluate } from '../../core/scan/gate';
import { buildGitlabReport } from '../../core/scan/gitlab-report';
import { parseReport } from '../../core/scan/report';
import { ReportFormatError } from '../../core/scan/report-error';
import { buildSarif } from '../../core/scan/sarif';
import type { ScanTarget } from '../../core/scan/scan-target';
import { SEVERITIES } from '../../core/scan/severity';
import { buildSummary } from '../../core/scan/summary';
import { excerpt } from '../../core/text/control';
import { readInputs } from '../../inputs/read';
import { scan as spec } from '../../inputs/scan';
import type { Platform } from '../../platform/types';
import { FileTooLargeError, formatBytes, readTextCapped, resolveInside } from '../../tools/files';
import { temporaryDir } from '../../tools/process/temp';
import { ScannerError } from '../../tools/scanners/errors';
import { runGrype } from '../../tools/scanners/grype';
import { locateScanner } from '../../tools/scanners/install';
import { runTrivy } from '../../tools/scanners/trivy';
import { CDPACK_VERSION } from '../../version';
import { refuseCommittedCache } from './cache-trust';
import { parseSettings, type Settings } from './settings';

/**
 * Largest scanner report read (docs/scan.md): a report is parsed whole, and the step's peak
 * memory was measured at about 4× the report's size, 10× with SARIF and GitLab reports written.
 */
export const REPORT_SIZE_LIMIT = 128 * 1024 * 1024;
/** Largest ignore file read: a hand-written list, so a larger file is not one. */
export const IGNORE_FILE_SIZE_LIMIT = 4 * 1024 * 1024;

export interface ScanDependencies {
  /** The clock: decides which allowlist entries have expired. */
  now(): Date;
  /** Release download base for scanner installs (tests, mirrors). */
  downloadBase?: string;
}

/** scan on any platform: inputs → report (scan or given) → gate → reports, outputs, summary. */
export function scanAction(platform: Platform): Promise<void> {
  return runScan(platform, { now: () => new Date() });
}

export async function runScan(platform: Platform, deps: ScanDependencies): Promise<void> {
  const settings = parseSettings(readInputs(spec, platform), { workspace: platform.workspace, env: platform.env });
  await confinePaths(settings, platform.workspace);
  const allowlist = settings.ignoreFile ? await loadIgnoreFile(settings.ignoreFile, platform) : [];
  const startTime = deps.now();
  const { report, scannerVersion } = settings.report
    ? { report: await loadReport(settings.report), scannerVersion: '' }
    : await platform.group(`Scan ${settings.image} with ${settings.scanner}`, () =>
        runScanner(settings, platform, deps),
      );
  const endTime = deps.now();
  for (const note of report.notes) platform.info(note);
  const target: ScanTarget = {
    image: settings.image || report.artifact || 'unknown-image',
    scanner: { name: report.scanner.name, version: report.scanner.version || scannerVersion },
    os: report.os,
  };
  const evaluation = evaluate(report.findings, {
    threshold: settings.threshold,
    ignoreUnfixed: settings.ignoreUnfixed,
    allowlist,
    today: startTime.toISOString().slice(0, 10),
  });
  platform.info(
    `${report.rawCount} vulnerability entries, ${report.findings.length} unique (id, package, installed version) findings; ` +
      `counted: ${SEVERITIES.map((s) => `${s} ${evaluation.counts[s]}`).join(', ')}; suppressed ${evaluation.suppressed}`,
  );
  reportAllowlistUpkeep(evaluation, settings, platform);

  let sarifNote: string | undefined;
  if (settings.sarifFile) {
    const sarif = buildSarif(evaluation, target);
    await writeReport(settings.sarifFile, sarif.text);
    if (sarif.trimmed) {
      sarifNote = `SARIF holds ${sarif.written} of ${sarif.total} findings: the ${sarif.trimmed.dropped} lowest-severity ones were left out to stay within GitHub's upload limits (${sarif.trimmed.reason}). The gate still counted them.`;
      platform.warn(sarifNote);
    }
  }
  if (settings.gitlabReportFile) {
    await writeReport(
      settings.gitlabReportFile,
      buildGitlabReport(evaluation, target, { analyzerVersion: CDPACK_VERSION, startTime, endTime }),
    );
  }
  platform.setOutput('verdict', evaluation.verdict);
  for (const severity of SEVERITIES) platform.setOutput(severity, String(evaluation.counts[severity]));
  platform.setOutput('suppressed', String(evaluation.suppressed));
  platform.setOutput('sarif-file', settings.sarifFile ?? '');
  platform.setOutput('gitlab-report-file', settings.gitlabReportFile ?? '');
  await platform.summary(buildSummary(evaluation, target, { limit: settings.summaryLimit, sarifNote }));
  if (evaluation.verdict === 'fail') {
    platform.fail(
      `${evaluation.gating} finding(s) at or above severity-threshold ${settings.threshold} in ${target.image} (${SEVERITIES.filter(
        (s) => evaluation.counts[s] > 0,
      )
        .map((s) => `${s} ${evaluation.counts[s]}`)
        .join(', ')})`,
    );
  }
}

/** Refuses a relative file input that a `..` or a symlink leads out of the workspace. */
async function confinePaths(settings: Settings, workspace: string): Promise<void> {
  for (const { input, value, path } of settings.confine) {
    if (await resolveInside(workspace, path)) continue;
    throw new InputError(
      input,
      `'${excerpt(value)}' resolves outside the workspace (symlinks followed); a relative path must stay inside it, give an absolute path for a file elsewhere`,
    );
  }
}

/** The file's text, or an InputError naming the input: unreadable, or larger than the limit. */
async function readInputFile(input: string, file: string, limit: number, what: string): Promise<string> {
  try {
    return await readTextCapped(file, limit);
  } catch (error) {
    if (error instanceof FileTooLargeError) {
      throw new InputError(input, `${file} is larger than the ${formatBytes(limit)} limit for ${what}`);
    }
    throw new InputError(input, `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? 'read error'}`);
  }
}

async function loadIgnoreFile(file: string, platform: Platform): Promise<AllowEntry[]> {
  const text = await readInputFile('ignore-file', file, IGNORE_FILE_SIZE_LIMIT, 'ignore files');
  try {
    const { entries, warnings } = parseIgnoreFile(text);
    for (const w of warnings) platform.warn(`ignore-file ${w}`, { file: annotationPath(file, platform.workspace) });
    return entries;
  } catch (error) {
    if (error instanceof IgnoreFileError) throw new InputError('ignore-file', `${file}: ${error.message}`);
    throw error;
  }
}

async function loadReport(file: string): Promise<ScanReport> {
  const text = await readInputFile('report', file, REPORT_SIZE_LIMIT, 'scanner reports (see docs/scan.md)');
  try {
    return parseReport(text);
  } catch (error) {
    if (error instanceof ReportFormatError) throw new InputError('report', `${file}: ${error.message}`);
    throw error;
  }
}

async function runScanner(
  settings: Settings,
  platform: Platform,
  deps: ScanDependencies,
): Promise<{ report: ScanReport; scannerVersion: string }> {
  const tool = settings.scanner;
  await refuseCommittedCache(platform.workspace, settings.cacheDir);
  const scanner = await locateScanner({
    tool,
    version: settings.scannerVersion,
    toolCacheDir: join(settings.cacheDir, 'bin'),
    offline: settings.offline,
    log: platform,
    searchPath: platform.env.PATH ?? '',
    env: platform.env,
    workspace: platform.workspace,
    tempDir: platform.tempDir,
    ...(deps.downloadBase ? { downloadBase: deps.downloadBase } : {}),
  });
  platform.info(`using ${tool} ${scanner.version} (${scanner.source}: ${scanner.file})`);
  try {
    return await scanWith(scanner.file, scanner.version, settings, platform);
  } finally {
    await scanner.dispose?.();
  }
}

async function scanWith(
  file: string,
  version: string,
  settings: Settings,
  platform: Platform,
): Promise<{ report: ScanReport; scannerVersion: string }> {
  const tool = settings.scanner;
  const temp = await temporaryDir(platform.tempDir, 'cdpack-scan-');
  const workDir = temp.dir;
  try {
    const run = {
      image: settings.image as string,
      cacheDir: tool === 'trivy' ? join(settings.cacheDir, 'trivy') : join(settings.cacheDir, 'grype', 'db'),
      offline: settings.offline,
      workDir,
    };
    await mkdir(run.cacheDir, { recursive: true });
    const text =
      tool === 'trivy'
        ? await runTrivy(file, run, join(workDir, 'trivy-report.json'), platform)
        : await runGrype(file, run, platform);
    try {
      return { report: parseReport(text), scannerVersion: version };
    } catch (error) {
      if (error instanceof ReportFormatError)
        throw new ScannerError('no-report', tool, `${tool} wrote a report cdpack cannot read: ${error.message}`);
      throw error;
    }
  } finally {
    await temp.dispose();
  }
}

/** Annotations point at files relative to the workspace when they are inside it. */
function annotationPath(file: string, workspace: string): string {
  const rel = relative(workspace, file);
  return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function reportAllowlistUpkeep(evaluation: Evaluation, settings: Settings, platform: Platform): void {
  const file = annotationPath(settings.ignoreFile ?? '', platform.workspace);
  for (const e of evaluation.expired) {
    platform.warn(
      `ignore-file entry ${e.id}${e.package ? ` (${e.package})` : ''} expired on ${e.expires} and no longer suppresses anything; renew it with a new reason or remove it`,
      { file, line: e.line },
    );
  }
  for (const e of evaluation.stale) {
    platform.warn(
      `ignore-file entry ${e.id}${e.package ? ` (${e.package})` : ''} matches no finding (stale); remove it`,
      {
        file,
        line: e.line,
      },
    );
  }
}

async function writeReport(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, text);
}
