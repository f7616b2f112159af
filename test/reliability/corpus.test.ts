/**
 * The reliability table: every bad input of every action, run against one shared registry, git
 * remote and fake cluster. Each must fail with an error naming the input (or file:line), print no
 * canary secret anywhere, and leave the registry storage, every ref and object of the remote and
 * every object of the cluster byte-for-byte as they were.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { cleanupTempDirs } from '../support/gitops-fixture';
import { registryUnavailable } from '../support/registry';
import { skipUnlessAvailable } from '../support/requirements';
import { type BadCase, badCases, baseInputs } from './corpus';
import { type Captured, fingerprints, type Harness, leakedCanaries, runInProcess, startHarness } from './harness';
import { pool } from './pool';

const skip = skipUnlessAvailable(registryUnavailable());
let h: Harness | undefined;
after(async () => {
  await h?.close();
  cleanupTempDirs();
});

/** What every failed run must satisfy; returns the problems found (empty when none). */
export function problemsOf(h: Harness, c: { names: RegExp }, r: Captured): string[] {
  const problems: string[] = [];
  if (!r.failed) problems.push('the run succeeded');
  if (!/^error: /m.test(r.stderr)) problems.push('no error line');
  if (!c.names.test(r.stderr)) problems.push(`the error does not name ${c.names}`);
  if (/internal error|bug in cdpack/.test(r.stderr)) problems.push('an internal error (a bug), not a clear refusal');
  if (/\n\s+at .+:\d+:\d+\)?$/m.test(r.stderr)) problems.push('a stack trace');
  if (r.stderr.length > 64 * 1024) {
    const longest = r.stderr.split('\n').sort((a, b) => b.length - a.length)[0] ?? '';
    problems.push(
      `${r.stderr.length} characters of log, a value quoted whole (${longest.length}: ${longest.slice(0, 60)}…${longest.slice(-100)})`,
    );
  }
  if (/^(changed|commit)=(true|[0-9a-f]{40})$/m.test(r.stdout)) problems.push('reports a change');
  const leaked = leakedCanaries(h, r);
  if (leaked.length) problems.push(`canary secrets leaked: ${leaked.map((s) => s.slice(0, 10)).join(', ')}`);
  return problems;
}

test('bad inputs: refused by name, no secret shown, nothing pushed, tagged or patched', {
  skip,
  timeout: 600_000,
}, async (t) => {
  h = await startHarness();
  const harness = h;
  const base = baseInputs(harness);
  const cases = badCases(harness);
  const before = fingerprints(harness);
  const patchesBefore = harness.kube.requests.length;
  const pushesBefore = harness.gitops.server.requests.length;

  const results = await pool(cases, 6, (c: BadCase) =>
    runInProcess(harness, c.action, { ...base[c.action], ...c.inputs }, c.env),
  );

  const perAction: Record<string, number> = {};
  for (const c of cases) perAction[c.action] = (perAction[c.action] ?? 0) + 1;
  t.diagnostic(`cases per action: ${JSON.stringify(perAction)} (total ${cases.length})`);
  assert.ok(cases.length >= 150, `only ${cases.length} cases`);

  const failures: string[] = [];
  const todo: { label: string; reason: string; problems: string[] }[] = [];
  cases.forEach((c, i) => {
    const problems = problemsOf(harness, c, results[i] as Captured);
    const shared = problems.filter((p) => p.startsWith('canary') || p.includes('succeeded'));
    if (c.known && shared.length === 0) {
      todo.push({ label: `${c.action} / ${c.label}`, reason: c.known, problems });
    } else if (problems.length) {
      failures.push(
        `${c.action} / ${c.label}: ${problems.join('; ')}\n    ${(results[i]?.stderr ?? '').slice(-400).slice(0, 600).replace(/\n/g, '\n    ')}`,
      );
    }
  });
  assert.deepEqual(failures, [], `${failures.length} of ${cases.length} cases misbehaved:\n${failures.join('\n')}`);

  for (const k of todo) {
    await t.test(k.label, { todo: k.reason }, () => assert.deepEqual(k.problems, []));
  }

  assert.deepEqual(fingerprints(harness), before, 'registry, remote or cluster changed');
  const writes = harness.kube.requests
    .slice(patchesBefore)
    .filter((r) => ['patch', 'create', 'delete', 'update'].includes(r.verb) && r.status < 300);
  assert.deepEqual(writes, [], 'a write reached the cluster');
  const pushes = harness.gitops.server.requests
    .slice(pushesBefore)
    .filter((r) => r.method === 'POST' && r.path.endsWith('git-receive-pack') && r.status === 200);
  assert.deepEqual(pushes, [], 'a push was accepted');
  const registryWrites = (await harness.registry.settledAccessLog()).filter((e) =>
    ['PUT', 'POST', 'PATCH', 'DELETE'].includes(e.method),
  );
  assert.deepEqual(registryWrites, [], 'the registry was written to');
});
