import type { Log } from '../core/log';

/**
 * What an action's entry point may ask of the platform it runs on (GitHub runner, GitLab job
 * or a terminal). Cores never see this: entry points read inputs here, pass typed settings in,
 * and write the results back out through it.
 */
export interface Platform extends Log {
  readonly name: 'github' | 'cli';
  /** Raw value of an input as given; '' when unset (readInputs applies the spec's defaults). */
  input(name: string): string;
  setOutput(name: string, value: string): void;
  /** Registers a value to be masked in every later log line. */
  setSecret(value: string): void;
  error(message: string, where?: { file: string; line?: number }): void;
  /** Appends Markdown to the step summary (GitHub) or prints it (CLI). */
  summary(markdown: string): Promise<void>;
  /** Marks the step failed (exit code 1) with a message. */
  fail(message: string): void;
  /** Environment of the job: platform context such as GITHUB_SHA or CI_COMMIT_SHA. */
  readonly env: Readonly<Record<string, string | undefined>>;
  /** A directory for temporary files that the platform cleans up (RUNNER_TEMP or os.tmpdir()). */
  readonly tempDir: string;
  /** The job's working directory (GITHUB_WORKSPACE, CI_PROJECT_DIR or cwd). */
  readonly workspace: string;
}
