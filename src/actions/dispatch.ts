import * as core from '@actions/core';
import { githubPlatform } from '../platform/github';
import { handleTerminationSignals } from '../tools/process/cleanup';
import { actions } from './catalog';
import { runAction } from './run-action';

/** The root action (Marketplace listing): runs the step named by the `action` input. */
export async function run(): Promise<void> {
  const name = core.getInput('action', { required: true });
  const entry = actions[name];
  if (!entry) {
    core.setFailed(`input 'action': expected one of ${Object.keys(actions).join(', ')}, got '${name}'`);
    return;
  }
  await runAction(githubPlatform(), entry.run);
}

handleTerminationSignals();
await run();
