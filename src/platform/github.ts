import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { escapeControl, escapeControlLine, neutraliseWorkflowCommand } from '../core/text/control';
import { Masker } from './masker';
import type { Platform } from './types';

/** The GitHub Actions runner: inputs from INPUT_*, outputs to GITHUB_OUTPUT, masking via ::add-mask::. */
export function githubPlatform(env: NodeJS.ProcessEnv = process.env): Platform {
  // The runner masks registered secrets in what it shows; we mask too, so nothing depends on it.
  const masker = new Masker();
  // Masked first, then control characters escaped (a lone CR would start a new runner line).
  const say = (m: string) => escapeControl(masker.mask(m));
  // Lines we print with core.info reach the runner's command parser as they are. Text from outside
  // (diffs, tool output, report fields) could hold `::error::…` or `##[…]`; rather than fencing it
  // with ::stop-commands::<token> (state in the runner that a killed process or interleaved output
  // leaves open, swallowing our own later commands), each line that would parse as a command is
  // neutralised on its own. Our own commands never go through info(): core.* issues them.
  const line = (m: string) => say(m).split('\n').map(neutraliseWorkflowCommand).join('\n');
  const annotation = (where?: { file: string; line?: number }) =>
    where ? { file: where.file, ...(where.line ? { startLine: where.line } : {}) } : undefined;
  return {
    name: 'github',
    env,
    tempDir: env.RUNNER_TEMP || tmpdir(),
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    // The runner applies action.yml defaults (githubDefault expressions included); readInputs the rest.
    input: (name) => core.getInput(name),
    setOutput: (name, value) => core.setOutput(name, value),
    setSecret(value) {
      if (!value) return;
      masker.add(value);
      core.setSecret(value);
    },
    info: (m) => core.info(line(m)),
    debug: (m) => core.debug(say(m)),
    warn: (m, where) => core.warning(say(m), annotation(where)),
    error: (m, where) => core.error(say(m), annotation(where)),
    group: (title, fn) => core.group(escapeControlLine(masker.mask(title)), fn),
    async summary(markdown) {
      if (!env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(say(markdown), true).write();
    },
    fail: (m) => core.setFailed(say(m)),
  };
}
