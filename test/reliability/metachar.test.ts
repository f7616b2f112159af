/**
 * Every input of every action, given shell and argument metacharacters (`$(…)`, backticks, `;`,
 * a newline, a leading `-`), runs with nothing executed: the marker file a shell or a tool option
 * would create never appears. The same runs, and each action's successful run, carry the canary
 * secrets, and none of them may appear in a log line, output, dotenv file or file left behind.
 */
import assert from 'node:assert/strict';
import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { actions } from '../../src/actions/catalog';
import { cleanupTempDirs } from '../support/gitops-fixture';
import { registryUnavailable } from '../support/registry';
import { requireShared, skipUnlessAvailable } from '../support/requirements';
import { baseInputs } from './corpus';
import {
  type Captured,
  canaryForms,
  type Harness,
  type Inputs,
  leakedCanaries,
  runInProcess,
  startHarness,
} from './harness';
import { pool } from './pool';

const skip = skipUnlessAvailable(registryUnavailable());
let h: Harness | undefined;
after(async () => {
  await h?.close();
  cleanupTempDirs();
});

/** Values that would create `<dir>/<name>` if any layer handed them to a shell or read them as an option. */
export function payloads(dir: string): { name: string; value: string }[] {
  const mark = (name: string) => join(dir, name);
  return [
    { name: 'dollar', value: `$(touch ${mark('dollar')})` },
    { name: 'backtick', value: `\`touch ${mark('backtick')}\`` },
    { name: 'semicolon', value: `x; touch ${mark('semicolon')}` },
    { name: 'newline', value: `x\ntouch ${mark('newline')}` },
    { name: 'dash', value: `--upload-pack=touch ${mark('dash')}` },
    { name: 'dash-o', value: `-oProxyCommand=touch ${mark('dash-o')}` },
  ];
}

/** Inputs under which each action succeeds against the harness (scan evaluates a stored Trivy report). */
function happyInputs(harness: Harness): Record<string, Inputs> {
  const base = baseInputs(harness);
  copyFileSync(
    requireShared('oracles', 'trivy', 'integration-golden', 'alpine-39.json.golden'),
    join(harness.workspace, 'report.json'),
  );
  return {
    ...base,
    scan: { report: 'report.json', 'severity-threshold': 'none', 'sarif-file': 'scan.sarif' },
  };
}

/** Every file under the workspace that holds a canary. */
function canariesInWorkspace(harness: Harness): string[] {
  const found: string[] = [];
  const forms = canaryForms(harness);
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.isFile()) {
        const text = readFileSync(path, 'latin1');
        if (forms.some((f) => text.includes(f))) found.push(path);
      }
    }
  };
  walk(harness.workspace);
  return found;
}

test('metacharacters in every input execute nothing; no canary secret shows, on success or failure', {
  skip,
  timeout: 600_000,
}, async (t) => {
  h = await startHarness();
  const harness = h;
  const happy = happyInputs(harness);

  await t.test('each action succeeds with the canaries and shows none of them', async () => {
    for (const action of Object.keys(actions)) {
      const r = await runInProcess(harness, action, happy[action] ?? {});
      assert.equal(r.failed, false, `${action} failed:\n${r.stderr.slice(-1500)}`);
      assert.deepEqual(leakedCanaries(harness, r), [], `${action} leaked a canary`);
    }
  });

  const runs: { action: string; input: string; payload: string }[] = [];
  for (const [action, entry] of Object.entries(actions)) {
    for (const input of Object.keys(entry.spec.inputs)) {
      for (const p of payloads(harness.markerDir)) runs.push({ action, input, payload: p.name });
    }
  }
  const values = new Map(payloads(harness.markerDir).map((p) => [p.name, p.value]));
  const results: Captured[] = await pool(runs, 6, (r) =>
    runInProcess(harness, r.action, { ...happy[r.action], [r.input]: values.get(r.payload) }),
  );

  const perAction: Record<string, number> = {};
  for (const r of runs) perAction[r.action] = (perAction[r.action] ?? 0) + 1;
  t.diagnostic(`metacharacter runs per action: ${JSON.stringify(perAction)} (total ${runs.length})`);
  const bugs = runs.filter((_, i) => /internal error/.test(results[i]?.stderr ?? ''));
  for (const b of bugs) t.diagnostic(`internal error: ${b.action} --${b.input} <${b.payload}>`);

  assert.deepEqual(readdirSync(harness.markerDir), [], 'a metacharacter payload executed');
  const leaks = runs
    .map((r, i) => ({ ...r, leaked: leakedCanaries(harness, results[i] as Captured) }))
    .filter((r) => r.leaked.length > 0)
    .map((r) => `${r.action} --${r.input} <${r.payload}>: ${r.leaked.map((s) => s.slice(0, 10)).join(', ')}`);
  assert.deepEqual(leaks, [], 'canary secrets leaked');
  assert.deepEqual(canariesInWorkspace(harness), [], 'a file in the workspace holds a canary');
});

test('the checks can fail: a shell runs the payloads, a printed canary is caught', { skip }, async () => {
  const { execFileSync } = await import('node:child_process');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-payload-check-'));
  try {
    for (const p of payloads(dir).filter((p) => !p.name.startsWith('dash'))) {
      execFileSync('sh', ['-c', `echo ${p.value}`], { stdio: 'ignore' });
    }
    assert.deepEqual(readdirSync(dir).sort(), ['backtick', 'dollar', 'newline', 'semicolon']);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const fake = {
    canaries: {
      registryPassword: 'pw-123',
      gitToken: 'tok-456',
      kubeToken: 'k-789',
      execToken: 'e-000',
      sshKeyLine: 'ssh-111',
    },
    gitops: { user: 'u' },
  } as unknown as Harness;
  const clean: Captured = {
    failed: true,
    stdout: '',
    stderr: '::add-mask::pw-123\nerror: x',
    dotenv: '',
    leftovers: {},
  };
  assert.deepEqual(leakedCanaries(fake, clean), []);
  assert.deepEqual(leakedCanaries(fake, { ...clean, leftovers: { '/tmp/x/auth.json': 'tok-456' } }), ['tok-456']);
  assert.deepEqual(leakedCanaries(fake, { ...clean, dotenv: `X=${Buffer.from('u:tok-456').toString('base64')}` }), [
    Buffer.from('u:tok-456').toString('base64'),
  ]);
});
