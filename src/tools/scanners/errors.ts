import { CdpackError } from '../../core/errors';

/**
 * What went wrong with a scanner, so the action can point at the input concerned:
 * `install` (finding, downloading or verifying the binary: scanner-version, offline),
 * `scan` (the scanner ran and failed on the image: image, credentials, DB),
 * `no-report` (it exited 0 without a report).
 */
export type ScannerFailure = 'install' | 'scan' | 'no-report';

export class ScannerError extends CdpackError {
  override name = 'ScannerError';
  constructor(
    readonly kind: ScannerFailure,
    readonly tool: string,
    message: string,
    /** The input the failure is about, when one is. */
    readonly input?: string,
  ) {
    super(message);
  }
}

/** Whether a scanner's failure output says the image could not be found or read (then `image` is the input concerned). */
export function imageAt(output: string): 'image' | undefined {
  return /unable to find the image|MANIFEST_UNKNOWN|NAME_UNKNOWN|manifest unknown|no such image|could not fetch image|unauthorized|denied/i.test(
    output,
  )
    ? 'image'
    : undefined;
}
