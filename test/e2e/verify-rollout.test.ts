/**
 * verify-rollout through the shared rollout scenarios (test/support/rollout-scenarios.ts), each on a fresh fake
 * API server: the CLI (as a GitLab job runs it) and the built GitHub bundle must reach kubectl's verdict, and a
 * failure must come with a diagnosis that names the scenario's cause.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, describe, test } from 'node:test';
import { kubectlUnavailable } from '../support/fake-kube-kubectl';
import { cleanupTempDirs } from '../support/gitops-fixture';
import { skipUnlessAvailable } from '../support/requirements';
import {
  type ClientVerdict,
  goDurationMs,
  type RolloutClient,
  rolloutScenario,
  rolloutScenarios,
  runScenario,
} from '../support/rollout-scenarios';
import { type RunResult, runCli, runGithubBundle } from '../support/run';

after(cleanupTempDirs);

interface Verdict extends ClientVerdict {
  run: RunResult & { summary?: string };
}

const verdictOf = (run: RunResult & { summary?: string }): Verdict => ({
  result: run.outputs.result === 'success' ? 'success' : 'failed',
  exitCode: run.code,
  output: run.stdout + run.stderr,
  run,
});

/** `cdpack verify-rollout` from source, with KUBECONFIG as a GitLab job (or a terminal) has it. */
const cli =
  (sink: Verdict[]): RolloutClient =>
  async (r) => {
    const run = await runCli(
      'verify-rollout',
      { workloads: r.workload, namespace: r.namespace, timeout: r.timeout },
      { env: { KUBECONFIG: r.kubeconfig }, timeoutMs: goDurationMs(r.timeout) + 60_000 },
    );
    const v = verdictOf(run);
    sink.push(v);
    return v;
  };

/** dist/verify-rollout/index.js as the GitHub runner runs it, with the kubeconfig as an input. */
const bundle =
  (sink: Verdict[]): RolloutClient =>
  async (r) => {
    const run = await runGithubBundle(
      'verify-rollout',
      {
        workloads: r.workload,
        namespace: r.namespace,
        timeout: r.timeout,
        kubeconfig: readFileSync(r.kubeconfig, 'utf8'),
      },
      { timeoutMs: goDurationMs(r.timeout) + 60_000 },
    );
    const v = verdictOf(run);
    sink.push(v);
    return v;
  };

const skip = skipUnlessAvailable(kubectlUnavailable());

for (const [name, client] of [
  ['CLI', cli],
  ['GitHub bundle', bundle],
] as const) {
  describe(`verify-rollout (${name}) reaches kubectl rollout status's verdict`, { skip, timeout: 900_000 }, () => {
    for (const scenario of rolloutScenarios) {
      test(`${scenario.name}: ${scenario.story}`, async () => {
        const seen: Verdict[] = [];
        const { verdict, requests } = await runScenario(scenario, client(seen));
        const run = seen[0]?.run;
        assert.ok(run, 'the client ran');
        const output = run.stdout + run.stderr;
        assert.equal(verdict.result, scenario.kubectl.result, output);
        assert.equal(run.code, scenario.kubectl.result === 'success' ? 0 : 1, output);
        assert.ok(!run.timedOut, 'ended by itself, within its timeout');
        if (scenario.kubectl.result === 'success') {
          assert.equal(run.outputs.diagnosis, '');
        } else {
          const diagnosis = run.outputs.diagnosis ?? '';
          assert.match(diagnosis, new RegExp(`^${scenario.workload.replace('/', '\\/')}: `));
          for (const word of scenario.diagnosis ?? [])
            assert.ok(diagnosis.includes(word), `diagnosis mentions ${word}: ${diagnosis}`);
          if (run.summary !== undefined) assert.match(run.summary, /#### Diagnosis/);
        }
        // Watched, not polled: every watch names the one object; no LIST loop stands in for it.
        const watches = requests.filter((r) => r.verb === 'watch');
        assert.ok(
          watches.every((r) => r.query.fieldSelector === `metadata.name=${scenario.workload.split('/')[1]}`),
          'watches select the workload by name',
        );
        const gets = requests.filter((r) => r.verb === 'get' && r.resource === `${scenario.workload.split('/')[0]}s`);
        assert.ok(gets.length <= 3, `a handful of GETs, not polling (${gets.length})`);
      });
    }
  });
}

describe('verify-rollout reports what it saw', { skip, timeout: 300_000 }, () => {
  test('a progress line whenever the counts change, and the kubectl message at the end', async () => {
    const seen: Verdict[] = [];
    await runScenario(rolloutScenario('deployment-progresses-then-completes'), cli(seen));
    const stderr = seen[0]?.run.stderr ?? '';
    const lines = stderr.split('\n').filter((l) => l.startsWith('web: '));
    assert.ok(
      lines.every((l, i) => i === 0 || lines[i - 1] !== l),
      `a line only when the counts change: ${stderr}`,
    );
    assert.ok(lines.includes('web: 3/3 updated, 3 available'), stderr);
    assert.ok(lines.length >= 3, stderr);
    assert.match(stderr, /deployment\/web: deployment "web" successfully rolled out/);
    assert.equal(seen[0]?.run.outputs.revision, '2');
  });

  test('a crash loop: the summary has the escaped diagnosis with the last log line', async () => {
    const seen: Verdict[] = [];
    await runScenario(rolloutScenario('deployment-crash-looping'), bundle(seen));
    const run = seen[0]?.run;
    assert.match(run?.summary ?? '', /panic: missing DATABASE\\_URL/);
    assert.match(run?.summary ?? '', /CrashLoopBackOff/);
    assert.equal(run?.outputs.result, 'failed');
  });
});
