import { CdpackError } from '../core/errors';
import type { Platform } from '../platform/types';
import { proxySecrets } from '../tools/http/proxy';
import { stoppingSignal } from '../tools/process/cleanup';

/**
 * True for a failure cdpack did not foresee: not one of its typed errors (CdpackError and its
 * kinds: InputError, GitError, ScannerError, NetworkError, …) and not an operating-system error
 * (ENOSPC, EACCES…, which carry a code). Only these get a stack trace.
 */
export function isBug(error: unknown): boolean {
  if (error instanceof CdpackError) return false;
  const code = error && typeof error === 'object' && 'code' in error ? (error as { code: unknown }).code : undefined;
  return !(typeof code === 'string' && /^E[A-Z0-9_]+$/.test(code));
}

/** The message shown for a failure: typed failures about an input name it, as InputError does. */
export function failureMessage(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const input =
    error instanceof CdpackError && 'input' in error && typeof error.input === 'string' ? error.input : undefined;
  if (input && !message.startsWith(`input '${input}'`)) return `input '${input}': ${message}`;
  return isBug(error) ? `internal error: ${message}` : message;
}

/** Runs an action body and turns any error into a failed step with a readable message. */
export async function runAction(platform: Platform, body: (platform: Platform) => Promise<void>): Promise<void> {
  for (const secret of proxySecrets(platform.env)) platform.setSecret(secret);
  try {
    await body(platform);
  } catch (error) {
    // Stopping on SIGTERM/SIGINT: the signal handler reports it; the killed tool's failure is no news.
    if (stoppingSignal()) return;
    const message = failureMessage(error);
    const where =
      error && typeof error === 'object' && 'file' in error ? (error as { file: string; line?: number }) : undefined;
    if (where?.file) platform.error(message, { file: where.file, ...(where.line ? { line: where.line } : {}) });
    if (isBug(error)) {
      platform.info(
        `This is a bug in cdpack; please report it with this trace:\n${error instanceof Error ? (error.stack ?? message) : message}`,
      );
    }
    platform.fail(message);
  }
}
