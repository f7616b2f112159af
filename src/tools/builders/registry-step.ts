import type { Log } from '../../core/log';
import { type RetryOptions, retry } from '../../core/retry';
import type { ExecResult } from '../exec';
import { classifyRegistryFailure, registryError, retryAfterSeconds } from './failure';

/** A build tool's registry step (push, login) re-runs a whole command: 4 attempts, waits from up to 2 s. */
export const registryStepRetryDefaults: RetryOptions = { attempts: 4, baseDelayMs: 2000, maxDelayMs: 60_000 };

/** A registry step of a build tool that exited non-zero; its output says why. */
class ToolStepFailed extends Error {
  constructor(readonly output: string) {
    super('registry step failed');
  }
}

/**
 * Runs a registry step (push, login) with core/retry until it succeeds; retries only 429 and 5xx
 * answers, waiting Retry-After when the tool shows it. Other failures throw at once.
 */
export function retryRegistryStep(
  what: string,
  registry: string,
  step: () => Promise<ExecResult>,
  options: RetryOptions,
  log: Log,
): Promise<ExecResult> {
  return retry(
    what,
    async () => {
      const result = await step();
      if (result.code !== 0) throw new ToolStepFailed(`${result.stderr}\n${result.stdout}`);
      return result;
    },
    options,
    {
      judge(error) {
        if (!(error instanceof ToolStepFailed)) return { retry: false };
        const kind = classifyRegistryFailure(error.output);
        if (kind !== 'rate-limited' && kind !== 'server') return { retry: false };
        const after = retryAfterSeconds(error.output);
        return {
          retry: true,
          reason: `${registry} answered ${kind === 'rate-limited' ? '429 Too Many Requests' : 'a server error'}`,
          ...(after !== undefined ? { waitMs: after * 1000 } : {}),
        };
      },
      fail: (error, attempts) =>
        error instanceof ToolStepFailed
          ? registryError(attempts > 1 ? `${what} (after ${attempts} attempts)` : what, registry, error.output)
          : error,
      log,
    },
  );
}
