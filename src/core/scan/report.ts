import type { ScanReport } from './finding';
import { isGrypeReport, normaliseGrype } from './grype-report';
import { ReportFormatError } from './report-error';
import { isTrivyReport, normaliseTrivy } from './trivy-report';

/**
 * Reads a Trivy (schema 2) or Grype JSON report, detecting which from its shape.
 * Throws ReportFormatError with a message that says what was found and what is expected.
 */
export function parseReport(text: string): ScanReport {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    throw new ReportFormatError(`not valid JSON (${(error as Error).message})`);
  }
  if (Array.isArray(doc)) {
    throw new ReportFormatError(
      'this is a legacy Trivy report (a top-level list, written by Trivy before v0.20); produce one with a current Trivy: trivy image --format json',
    );
  }
  if (isTrivyReport(doc)) return normaliseTrivy(doc);
  if (isGrypeReport(doc)) return normaliseGrype(doc);
  throw new ReportFormatError(
    'not a Trivy or Grype JSON report (expected Trivy `SchemaVersion: 2` with `Results`, or Grype `matches`)',
  );
}
