import { isAbsolute, join, resolve } from 'node:path';
import { InputError } from '../../core/errors';
import { parseReference } from '../../core/image/reference';
import type { Threshold } from '../../core/scan/severity';
import { parseBoolean, parseInteger, type RawInputs } from '../../inputs/read';
import { DENIED_VERSIONS, PINNED_VERSIONS, type ScannerName } from '../../tools/scanners/releases';

export interface Settings {
  /** Image reference; undefined only when `report` is given without it. */
  image: string | undefined;
  scanner: ScannerName;
  /** A version, or `path` for whatever is on PATH. */
  scannerVersion: string;
  threshold: Threshold;
  ignoreUnfixed: boolean;
  /** Absolute paths (relative inputs are taken from the workspace). */
  ignoreFile: string | undefined;
  report: string | undefined;
  sarifFile: string | undefined;
  gitlabReportFile: string | undefined;
  summaryLimit: number;
  offline: boolean;
  cacheDir: string;
  /**
   * File inputs given as relative paths: the repository's choice, so they must resolve (symlinks
   * followed) inside the workspace. Absolute paths are the workflow author's and are not listed.
   */
  confine: { input: string; value: string; path: string }[];
}

export interface SettingsContext {
  workspace: string;
  env: Readonly<Record<string, string | undefined>>;
}

/** Typed settings from inputs readInputs has defaulted and checked, before any file is read or scanner run. */
export function parseSettings(raw: RawInputs, context: SettingsContext): Settings {
  const get = (name: string) => (raw[name] ?? '').trim();
  const confine: Settings['confine'] = [];
  const path = (name: string) => {
    const value = get(name);
    if (!value) return undefined;
    if (isAbsolute(value)) return value;
    const full = resolve(context.workspace, value);
    if (name !== 'cache-dir') confine.push({ input: name, value, path: full });
    return full;
  };
  const scanner = get('scanner') as ScannerName;
  const report = path('report');
  const image = get('image') || undefined;
  if (!image && !report) throw new InputError('image', "is required unless 'report' gives an existing scanner report");
  if (image) {
    const parsed = parseReference(image);
    if (!parsed.ok) throw new InputError('image', `'${image}' is not an image reference (${parsed.reason})`);
  }
  const scannerVersion = parseScannerVersion(scanner, get('scanner-version'));
  const cacheInput = path('cache-dir');
  const toolCache = context.env.RUNNER_TOOL_CACHE;
  return {
    image,
    scanner,
    scannerVersion,
    threshold: get('severity-threshold') as Threshold,
    ignoreUnfixed: parseBoolean('ignore-unfixed', get('ignore-unfixed')),
    ignoreFile: path('ignore-file'),
    report,
    sarifFile: path('sarif-file'),
    gitlabReportFile: path('gitlab-report-file'),
    summaryLimit: parseInteger('summary-limit', get('summary-limit'), 0, 1000),
    offline: parseBoolean('offline', get('offline')),
    cacheDir: cacheInput ?? (toolCache ? join(toolCache, 'cdpack') : join(context.workspace, '.cdpack-cache')),
    confine,
  };
}

function parseScannerVersion(scanner: ScannerName, value: string): string {
  if (!value) return PINNED_VERSIONS[scanner];
  if (value === 'path') return value;
  const version = value.replace(/^v/, '');
  if (!/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?$/.test(version)) {
    throw new InputError(
      'scanner-version',
      `expected a release version such as ${PINNED_VERSIONS[scanner]} or 'path', got '${value}'`,
    );
  }
  if (DENIED_VERSIONS[scanner].includes(version)) {
    throw new InputError(
      'scanner-version',
      `${scanner} ${version} is a release reported as compromised; use another version`,
    );
  }
  return version;
}
