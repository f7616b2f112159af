// git's stderr streams to the step's log as it comes, against the real smart-HTTP server: the
// server's words reach the log, the token never does (not even with tracing the job's environment
// turned on), and failures are still classified from the captured output.
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { InputError } from '../../../src/core/errors';
import type { Log } from '../../../src/core/log';
import { cloneConfigRepo } from '../../../src/tools/git-config-repo';
import {
  cleanupTempDirs,
  type GitopsEnv,
  HELM_VALUES,
  makeTempDir,
  startGitopsEnv,
} from '../../support/gitops-fixture';

interface Line {
  level: 'info' | 'warn' | 'debug';
  text: string;
}

/** A log that keeps every line as given: no masking, so a leak would show. */
function recordingLog(): { log: Log; lines: Line[] } {
  const lines: Line[] = [];
  return {
    lines,
    log: {
      info: (text) => lines.push({ level: 'info', text }),
      warn: (text) => lines.push({ level: 'warn', text }),
      debug: (text) => lines.push({ level: 'debug', text }),
      group: (_title, fn) => fn(),
    },
  };
}

/** Settings a job may carry that make git print its environment, its config or HTTP headers. */
const TRACING = {
  GIT_TRACE2: '2',
  GIT_TRACE2_ENV_VARS: 'GIT_CONFIG_VALUE_0',
  GIT_TRACE2_CONFIG_PARAMS: 'http.extraHeader',
  GIT_CURL_VERBOSE: '1',
  GIT_TRACE_REDACT: '0',
};

describe('git output streams to the log', { timeout: 120_000 }, () => {
  let env: GitopsEnv;
  const identity = { name: 'cdpack', email: 'cdpack@example.test' };
  const header = () => `Basic ${Buffer.from(`${env.user}:${env.token}`).toString('base64')}`;
  const clone = (log: Log, token = env.token) =>
    cloneConfigRepo({
      remote: env.url,
      branch: 'main',
      auth: { header: `Basic ${Buffer.from(`${env.user}:${token}`).toString('base64')}` },
      identity,
      dir: join(makeTempDir('cdpack-clone-'), 'repo'),
      log,
    });

  before(async () => {
    env = await startGitopsEnv();
  });
  after(async () => {
    await env.close();
    cleanupTempDirs();
  });

  it('clone and push: git talks in the log, the token and the Authorization header never do', async () => {
    const saved = Object.fromEntries(Object.keys(TRACING).map((k) => [k, process.env[k]]));
    Object.assign(process.env, TRACING);
    const { log, lines } = recordingLog();
    try {
      const repo = await clone(log);
      const [text = ''] = await repo.readFiles([HELM_VALUES]);
      await repo.writeFile(HELM_VALUES, `${text}# touched\n`);
      const pushed = await repo.commitAndPush('touch');
      assert.equal(pushed.pushed, true);
    } finally {
      for (const [k, v] of Object.entries(saved)) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
    // GIT_CURL_VERBOSE: curl's trace of both requests, streamed line by line at info (talking to the remote).
    assert.ok(
      lines.some(
        (l) => l.level === 'info' && /Send header: GET \/gitops\.git\/info\/refs\?service=git-upload-pack/.test(l.text),
      ),
    );
    assert.ok(
      lines.some((l) => l.level === 'info' && /Send header: POST \/gitops\.git\/git-receive-pack/.test(l.text)),
    );
    assert.ok(
      lines.some((l) => /Authorization: Basic <redacted>/.test(l.text)),
      'the header is redacted by git',
    );
    const all = lines.map((l) => l.text).join('\n');
    for (const secret of [env.token, header(), header().slice('Basic '.length)]) {
      assert.ok(!all.includes(secret), `a credential reached the log:\n${all}`);
    }
  });

  it("a hook's refusal: the server's lines stream at info as they come; the push is still classified as refused", async () => {
    const hook = join(env.repo.bare, 'hooks', 'pre-receive');
    writeFileSync(hook, "#!/bin/sh\necho 'Policy: no direct pushes (SEC-9)' >&2\nexit 1\n");
    chmodSync(hook, 0o755);
    const { log, lines } = recordingLog();
    try {
      const repo = await clone(log);
      const [text = ''] = await repo.readFiles([HELM_VALUES]);
      await repo.writeFile(HELM_VALUES, `${text}# again\n`);
      await assert.rejects(
        repo.commitAndPush('again'),
        /was refused by the server \(pre-receive hook declined\).*Policy: no direct pushes \(SEC-9\)/,
      );
    } finally {
      writeFileSync(hook, '#!/bin/sh\nexit 0\n');
    }
    assert.ok(
      lines.some((l) => l.level === 'info' && /^remote: Policy: no direct pushes \(SEC-9\)/.test(l.text)),
      JSON.stringify(lines),
    );
  });

  it('a wrong token: git says so in the log, and the failure is still an auth error naming the input', async () => {
    const { log, lines } = recordingLog();
    await assert.rejects(clone(log, 'not-the-token'), (error: unknown) => {
      assert.ok(error instanceof InputError);
      assert.match(error.message, /authentication failed \(HTTP 401\)/);
      return true;
    });
    assert.ok(
      lines.some(
        (l) => l.level === 'info' && /Authentication failed|returned error: 401|could not read Username/.test(l.text),
      ),
      JSON.stringify(lines),
    );
    assert.ok(!lines.some((l) => l.text.includes(env.token)));
  });
});
