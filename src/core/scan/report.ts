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
    // The parser's message quotes the text around the error; for a file that is not a report at
    // all (a symlink to the runner's environment, a credentials file) that would print it.
    throw new ReportFormatError(`not valid JSON${jsonErrorPlace(text, (error as Error).message)}`);
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

/** ` (line L, column C)` from the parser's `position N`, when it gives one; never any of the text. */
function jsonErrorPlace(text: string, message: string): string {
  if (/end of JSON input/i.test(message)) return ' (it ends early)';
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) return '';
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  return ` (line ${line}, column ${before.length - before.lastIndexOf('\n')})`;
}
