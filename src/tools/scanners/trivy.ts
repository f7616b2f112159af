import { readFile } from 'node:fs/promises';
import type { Log } from '../../core/log';
import { execTool } from '../exec';
import { tail } from '../tail';
import { imageAt, ScannerError } from './errors';

export interface ScanRun {
  /** Image reference, best by digest. */
  image: string;
  /** The scanner's vulnerability DB cache, reused between runs. */
  cacheDir: string;
  /** No DB update and no network look-ups beyond the registry. */
  offline: boolean;
  /** Working directory for the scanner (kept free of config and ignore files). */
  workDir: string;
}

/**
 * Environment settings that would make Trivy drop findings before we see them. Filtering is
 * the gate's job (it must see every finding to report suppressed ones), so they are unset.
 */
const FILTERING_ENV = [
  'TRIVY_SEVERITY',
  'TRIVY_IGNORE_UNFIXED',
  'TRIVY_IGNORE_STATUS',
  'TRIVY_IGNOREFILE',
  'TRIVY_IGNORE_POLICY',
  'TRIVY_VEX',
  'TRIVY_EXIT_CODE',
];

/** `trivy image` arguments: JSON to a file, vulnerabilities only, no severity or fix filters. */
export function trivyArgs(run: ScanRun, outputFile: string): string[] {
  return [
    'image',
    '--format',
    'json',
    '--output',
    outputFile,
    '--scanners',
    'vuln',
    '--cache-dir',
    run.cacheDir,
    '--no-progress',
    ...(run.offline ? ['--skip-db-update', '--skip-java-db-update', '--offline-scan'] : []),
    run.image,
  ];
}

/** Runs Trivy and returns its JSON report text. */
export async function runTrivy(binary: string, run: ScanRun, outputFile: string, log: Log): Promise<string> {
  const args = trivyArgs(run, outputFile);
  log.info(`trivy ${args.join(' ')}`);
  const env = Object.fromEntries(FILTERING_ENV.map((k) => [k, undefined]));
  // Trivy logs on stderr (the report goes to a file): both stream to the step's log as they come.
  const r = await execTool(binary, args, { cwd: run.workDir, env, output: { log } });
  if (r.code !== 0) {
    throw new ScannerError(
      'scan',
      'trivy',
      `trivy exited with code ${r.code}: ${tail(r.stderr, 15)}`,
      imageAt(r.stderr),
    );
  }
  try {
    return await readFile(outputFile, 'utf8');
  } catch {
    throw new ScannerError(
      'no-report',
      'trivy',
      `trivy exited 0 but wrote no report to ${outputFile}: ${tail(r.stderr, 15)}`,
    );
  }
}
