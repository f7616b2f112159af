import * as core from '@actions/core';
import { githubPlatform } from '../platform/github';
import { type ActionEntry, actions } from './catalog';
import { runAction } from './run-action';

/** The catalog entry of a step name; own keys only (`constructor` is no step). */
const stepEntry = (name: string): ActionEntry | undefined => (Object.hasOwn(actions, name) ? actions[name] : undefined);

/** Runs one step on the GitHub runner, as its `actions/<step>/action.yml` does. */
export async function runGithubStep(name: string): Promise<void> {
  const entry = stepEntry(name);
  // Only a build that generated an entry for a step the catalog lacks gets here.
  if (!entry) throw new Error(`cdpack has no step '${name}'; expected one of ${Object.keys(actions).join(', ')}`);
  await runAction(githubPlatform(), entry.run);
}

/** The root action (Marketplace listing): runs the step named by the `action` input. */
export async function run(): Promise<void> {
  const name = core.getInput('action');
  const entry = stepEntry(name);
  if (!entry) {
    const expected = `expected one of ${Object.keys(actions).join(', ')}`;
    core.setFailed(`input 'action': ${name ? `${expected}, got '${name}'` : `is required; ${expected}`}`);
    return;
  }
  await runAction(githubPlatform(), entry.run);
}
