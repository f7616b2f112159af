import { CdpackError } from '../errors';

/** A scanner report that cannot be read: not JSON, not Trivy/Grype, or a format we do not support. */
export class ReportFormatError extends CdpackError {
  override name = 'ReportFormatError';
}
