import type { Log } from '../../core/log';
import { execTool } from '../exec';
import { tail } from '../tail';
import { imageAt, ScannerError } from './errors';
import type { ScanRun } from './trivy';

/** Settings that would make Grype drop findings or fail on its own; the gate decides instead. */
const FILTERING_ENV = ['GRYPE_ONLY_FIXED', 'GRYPE_ONLY_NOTFIXED', 'GRYPE_FAIL_ON_SEVERITY', 'GRYPE_CONFIG'];

export function grypeArgs(run: ScanRun): string[] {
  return [run.image, '-o', 'json'];
}

/** The DB cache always; with offline, no DB update. Never a check for a newer Grype. */
export function grypeEnv(run: ScanRun): Record<string, string | undefined> {
  return {
    ...Object.fromEntries(FILTERING_ENV.map((k) => [k, undefined])),
    GRYPE_DB_CACHE_DIR: run.cacheDir,
    GRYPE_CHECK_FOR_APP_UPDATE: 'false',
    ...(run.offline ? { GRYPE_DB_AUTO_UPDATE: 'false' } : {}),
  };
}

/** Runs Grype and returns its JSON report (printed on stdout). */
export async function runGrype(binary: string, run: ScanRun, log: Log): Promise<string> {
  const args = grypeArgs(run);
  log.info(`grype ${args.join(' ')}`);
  // Its log (stderr) streams to the step's log as it comes; stdout is the report, captured only.
  const r = await execTool(binary, args, {
    cwd: run.workDir,
    env: grypeEnv(run),
    output: { log, stdout: 'none' },
  });
  if (r.code !== 0) {
    throw new ScannerError(
      'scan',
      'grype',
      `grype exited with code ${r.code}: ${tail(r.stderr, 15)}`,
      imageAt(r.stderr),
    );
  }
  if (!r.stdout.trim()) {
    throw new ScannerError('no-report', 'grype', `grype exited 0 but printed no report: ${tail(r.stderr, 15)}`);
  }
  return r.stdout;
}
