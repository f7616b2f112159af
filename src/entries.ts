/**
 * The one library dist/ ships (dist/lib). Every published entry is a two-line file that
 * scripts/build.mjs generates next to it: each step's GitHub action (dist/<step>/index.js), the
 * Marketplace dispatcher (dist/cdpack/index.js) and the CLI bin (dist/cli/index.js).
 *
 * Only the signal handling is loaded up front; the rest comes in lazily (its own chunks), so an
 * entry loads only what it runs: the CLI never loads @actions/core, a step only its own body.
 */
import { handleTerminationSignals } from './tools/process/cleanup';

/** A step as the GitHub runner runs it (`actions/<step>/action.yml`): inputs from INPUT_*. */
export async function runGithubStep(name: string): Promise<void> {
  handleTerminationSignals();
  const { runGithubStep: run } = await import('./actions/dispatch');
  await run(name);
}

/** The root action (Marketplace listing): the step named by the `action` input. */
export async function runDispatcher(): Promise<void> {
  handleTerminationSignals();
  const { run } = await import('./actions/dispatch');
  await run();
}

/** The `cdpack` bin; sets the exit code. */
export async function runCli(argv: readonly string[]): Promise<void> {
  handleTerminationSignals();
  const { main } = await import('./cli/main');
  process.exitCode = await main(argv, process.env);
}
