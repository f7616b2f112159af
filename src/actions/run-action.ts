import type { Platform } from '../platform/types';

/** Runs an action body and turns any error into a failed step with a readable message. */
export async function runAction(platform: Platform, body: (platform: Platform) => Promise<void>): Promise<void> {
  try {
    await body(platform);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const where =
      error && typeof error === 'object' && 'file' in error ? (error as { file: string; line?: number }) : undefined;
    if (where?.file) platform.error(message, { file: where.file, ...(where.line ? { line: where.line } : {}) });
    if (!(error instanceof Error) || error.name === 'Error' || error.name === 'TypeError') {
      platform.debug(error instanceof Error ? (error.stack ?? message) : message);
    }
    platform.fail(message);
  }
}
