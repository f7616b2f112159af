// The whole flow, one release: build → push → scan → bump → deploy → verify, done by cdpack through its CLI (as the
// GitLab components call it) and by the shell steps teams write today (buildah bud/push, the scanner CLI + jq,
// yq + git clone/commit/push, kubectl set image + kubectl rollout status), on the same stand-ins started here
// (bench/whole-flow/stand-ins.ts). Per step and in total: the median of N rounds, min–max, and the cdpack/shell
// ratio (median of the per-round ratios: each round runs both flows, alternating which goes first).
// Every run is checked afterwards (registry, GitOps repo and cluster name the new digest); nothing is asserted
// about time. Run (after `npm run build`): node --import tsx bench/whole-flow.ts
// BENCH_QUICK=1: 3 rounds, else 7 (BENCH_RUNS=n); BENCH_ROLLOUT_MS: the simulated rollout's length (default 500).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { registryUnavailable } from '../test/support/registry';
import { median, runCount, spread } from './lib.mjs';
import { cdpackFlow, type FlowContext, type FlowRun, STEPS, shellFlow } from './whole-flow/flows';
import { jobEnv, runTimed, stopChildren } from './whole-flow/process';
import { newRelease, problemsAfter, type StandIns, startStandIns } from './whole-flow/stand-ins';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const runs = runCount(7, 3);
const rolloutMs = Number(process.env.BENCH_ROLLOUT_MS ?? 500);

/** Why the benchmark cannot run here, or undefined. */
function unavailable(): string | undefined {
  if (!existsSync(join(ROOT, 'dist/cli/index.js'))) return 'dist/cli/index.js missing (npm run build)';
  const registry = registryUnavailable();
  if (registry) return registry;
  for (const tool of ['buildah', 'kubectl', 'yq', 'jq', 'git', 'bash']) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) return `${tool} is not installed`;
  }
  if (!existsSync('/bin/busybox')) return '/bin/busybox missing (busybox-static)';
  return undefined;
}

const why = unavailable();
if (why) {
  console.log(`whole-flow benchmark skipped: ${why}`);
  process.exit(0);
}

type Side = 'cdpack' | 'shell';
const flows: Record<Side, (c: FlowContext) => Promise<FlowRun>> = { cdpack: cdpackFlow, shell: shellFlow };

let standIns: StandIns | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopChildren();
    void (standIns?.stop() ?? Promise.resolve()).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  });
}

async function once(s: StandIns, side: Side, label: string): Promise<number[]> {
  const release = await newRelease(s, label);
  const dir = join(s.work, 'runs', label);
  mkdirSync(dir, { recursive: true });
  const run = await flows[side]({ standIns: s, release, dir, root: ROOT });
  const problems = await problemsAfter(s, run.digest);
  if (problems.length) throw new Error(`${side} flow (${label}) did not ship its release: ${problems.join('; ')}`);
  return run.ms;
}

/** One start of the cdpack CLI that does nothing (`--help`): the start-up every cdpack step pays. */
async function cliStartup(): Promise<number> {
  const r = await runTimed(process.execPath, [join(ROOT, 'dist/cli/index.js'), '--help'], { cwd: ROOT, env: jobEnv() });
  if (r.code !== 0) throw new Error(`cdpack --help failed: ${r.output.slice(-300)}`);
  return r.ms;
}

function printReport(samples: Record<Side, number[][]>, startup: number[]): void {
  const column = (values: number[]) =>
    `${median(values).toFixed(0).padStart(6)} ms (min–max ${spread(values, 0)})`.padEnd(34);
  const row = (name: string, pick: (ms: number[]) => number) => {
    const c = samples.cdpack.map(pick);
    const sh = samples.shell.map(pick);
    const ratios = c.map((v, i) => v / (sh[i] ?? Number.NaN));
    console.log(
      `  ${name.padEnd(20)} ${column(c)} ${column(sh)} ×${median(ratios).toFixed(2)} (per-round ${spread(ratios, 2)})`,
    );
  };
  console.log(
    `\nWhole flow, one release per run, median of ${runs} rounds (after 1 warm-up round; each round runs both flows,` +
      ' alternating which goes first)',
  );
  console.log(`  ${'step'.padEnd(20)} ${'cdpack (CLI, 5 steps)'.padEnd(34)} ${'shell steps'.padEnd(34)} cdpack/shell`);
  STEPS.forEach((step, k) => {
    row(step, (ms) => ms[k] ?? Number.NaN);
  });
  row('total', (ms) => ms.reduce((a, b) => a + b, 0));
  console.log(
    `  start-up of the cdpack CLI (node dist/cli/index.js --help, once per round): ${median(startup).toFixed(0)} ms` +
      ` (min–max ${spread(startup, 0)}); every cdpack step pays it once`,
  );
}

const NOTES = `
Same for both: demo/app's Dockerfile (FROM scratch + static busybox + RUN), a new commit per run and one tag (the
full commit SHA), a cold build cache (a fresh buildah store in the job's temp dir, removed at the end of the step:
cdpack's default buildah-storage: temp; the shell step's --root/--runroot), a shallow clone of the GitOps repo, the
same docker-registry, git smart-HTTP server and scripted Kubernetes API on 127.0.0.1, the same scripted \`trivy\` on
PATH (prints the bundled real report; does not pull the image), the same simulated rollout (complete ${rolloutMs} ms
after the Deployment's new generation), a fresh HOME per run (kubectl starts with a cold discovery cache), KUBECONFIG
from the job. Each cdpack step is one node process (dist/cli), each shell step one bash script.
Only cdpack: validates every input, adds OCI labels, checks the pushed digest against the registry, retries registry
and git push races, writes outputs (dotenv) and step summaries, a GitLab container-scanning report, an allowlist
with reasons and expiry, keeps the overlay's comments and layout (yq -y drops comments), keeps the git token out of
argv and .git/config, follows the overlay's resources (base kustomization, deployment) to check that the image
name reaches a container (a sparse checkout widened per level: 12 git processes against the shell's 4 and one yq),
reads the new revision after the patch, would diagnose a failed rollout. The shell steps
(bench/whole-flow/shell/*.sh) do nothing cdpack does not: no retries, token in the clone URL.
Reading the rows: buildah's own time is about the same on both sides; scan and deploy are short steps where the
cdpack CLI's start-up (the last row) is most of the difference; verify is the simulated rollout on both sides.`;

try {
  standIns = await startStandIns(ROOT, rolloutMs);
  const s = standIns;
  // Warm-up (not counted): the first push of the busybox layer, the page cache, node's compile cache.
  await once(s, 'cdpack', 'warm-up-cdpack');
  await once(s, 'shell', 'warm-up-shell');
  const samples: Record<Side, number[][]> = { cdpack: [], shell: [] };
  const startup: number[] = [];
  for (let i = 0; i < runs; i++) {
    const order: Side[] = i % 2 === 0 ? ['cdpack', 'shell'] : ['shell', 'cdpack'];
    for (const side of order) samples[side].push(await once(s, side, `${i + 1}-${side}`));
    startup.push(await cliStartup());
  }
  printReport(samples, startup);
  console.log(NOTES);
} finally {
  await standIns?.stop();
}
