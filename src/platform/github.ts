import { tmpdir } from 'node:os';
import * as core from '@actions/core';
import { Masker } from './masker';
import type { Platform } from './types';

/** The GitHub Actions runner: inputs from INPUT_*, outputs to GITHUB_OUTPUT, masking via ::add-mask::. */
export function githubPlatform(env: NodeJS.ProcessEnv = process.env): Platform {
  // The runner masks registered secrets in what it shows; we mask too, so nothing depends on it.
  const masker = new Masker();
  const say = (m: string) => masker.mask(m);
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
    info: (m) => core.info(say(m)),
    debug: (m) => core.debug(say(m)),
    warn: (m, where) => core.warning(say(m), annotation(where)),
    error: (m, where) => core.error(say(m), annotation(where)),
    group: (title, fn) => core.group(say(title), fn),
    async summary(markdown) {
      if (!env.GITHUB_STEP_SUMMARY) return;
      await core.summary.addRaw(say(markdown), true).write();
    },
    fail: (m) => core.setFailed(say(m)),
  };
}
