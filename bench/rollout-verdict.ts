// Rollout verdict latency and API requests: `kubectl rollout status` vs cdpack's `verify-rollout` CLI
// (dist/cli/index.js, after `npm run build`) on the same scripted API server (test/support/fake-kube-api).
// Each run: a Deployment mid-rollout (1/3 updated); once the client watches it, the fake marks the
// rollout complete and the clock starts. Measured: time to the verdict line, time to process exit,
// and the requests each client sent (discovery, get, list, watch, other); for verify-rollout also when it logged
// the evaluated event and the verdict (where its time to the outputs goes). Ratios are printed; nothing
// is asserted. BENCH_SCENARIOS=1 also runs every shared rollout scenario with both and compares verdicts.
// Run: node --import tsx bench/rollout-verdict.ts   (BENCH_RUNS=5 for more runs)
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type RecordedRequest, startFakeKube } from '../test/support/fake-kube-api';
import { KUBECTL, kubectlUnavailable } from '../test/support/fake-kube-kubectl';
import { deploymentManifest, setDeploymentStatus, setTemplateImage } from '../test/support/fake-kube-workloads';
import {
  kubectlRolloutStatus,
  rolloutScenarios,
  runScenario,
  verifyRolloutCli,
} from '../test/support/rollout-scenarios';

const runs = Number(process.env.BENCH_RUNS ?? (process.env.BENCH_QUICK === '1' ? 3 : 7));
// BENCH_CDPACK_CLI points at another build (e.g. a branch's dist/cli/index.js).
const CLI = resolve(process.env.BENCH_CDPACK_CLI ?? 'dist/cli/index.js');
// BENCH_CPU_PROF=<dir>: each verify-rollout run writes a V8 CPU profile there (50 µs sampling); read the part after
// the rollout completed with `node bench/profile-tail.mjs <file>`.
const CPU_PROF = process.env.BENCH_CPU_PROF
  ? ['--cpu-prof', `--cpu-prof-dir=${resolve(process.env.BENCH_CPU_PROF)}`, '--cpu-prof-interval=50']
  : [];

const unavailable = kubectlUnavailable();
if (unavailable) {
  console.log(`rollout-verdict benchmark skipped: ${unavailable}`);
  process.exit(0);
}

/** Whether the built CLI has verify-rollout (it is being written alongside this benchmark). */
function cdpackMissing(): string | undefined {
  if (!existsSync(CLI)) return `${CLI} not built (npm run build)`;
  const help = spawnSync(process.execPath, [CLI, 'verify-rollout', '--help'], { encoding: 'utf8' });
  if (help.status !== 0 || !/workloads/.test(help.stdout)) return "cdpack's verify-rollout is missing from dist/cli";
  return undefined;
}

interface Client {
  name: string;
  /** Program and arguments for a kubeconfig file and a workload. */
  command(kubeconfig: string, cacheDir: string): { file: string; args: string[]; env: NodeJS.ProcessEnv };
  /** Whether a stdout chunk carries the success verdict. */
  verdict: RegExp;
  /** Lines whose first appearance after the completion is timed too (where the time to the verdict goes). */
  marks?: { name: string; stream: 'stdout' | 'stderr'; pattern: RegExp }[];
}

const kubectlClient: Client = {
  name: 'kubectl rollout status',
  command: (kubeconfig, cacheDir) => ({
    file: KUBECTL,
    args: ['--kubeconfig', kubeconfig, '--cache-dir', cacheDir, 'rollout', 'status', 'deployment/web', '--timeout=60s'],
    env: { PATH: process.env.PATH, HOME: cacheDir },
  }),
  verdict: /successfully rolled out/,
};

const cdpackClient: Client = {
  name: 'cdpack verify-rollout',
  command: (kubeconfig, cacheDir) => ({
    file: process.execPath,
    args: [...CPU_PROF, CLI, 'verify-rollout', '--workloads', 'deployment/web', '--timeout', '60s'],
    // The kubeconfig through KUBECONFIG, as a job would have it (not as a secret on the command line).
    env: { PATH: process.env.PATH, HOME: cacheDir, KUBECONFIG: kubeconfig },
  }),
  verdict: /^result=success$/m,
  marks: [
    // The watch event evaluated: verify-rollout logs the new progress line as it evaluates the event.
    { name: 'event evaluated', stream: 'stderr', pattern: /3\/3 updated/ },
    { name: 'verdict logged', stream: 'stderr', pattern: /successfully rolled out/ },
  ],
};

interface Sample {
  verdictMs: number;
  exitMs: number;
  totalMs: number;
  requests: RecordedRequest[];
  /** Requests sent between the completion and the exit (what the verdict waited for). */
  afterComplete: string[];
  /** ms from the completion to each of the client's marks. */
  marks: Record<string, number>;
  ok: boolean;
}

const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

async function once(client: Client): Promise<Sample> {
  const fake = await startFakeKube({ rollout: 'manual' });
  try {
    fake.create(deploymentManifest());
    setDeploymentStatus(fake, 'web', { updated: 3, available: 3 });
    setTemplateImage(fake, 'deployment', 'web', 'registry.example/web:2.0.0');
    setDeploymentStatus(fake, 'web', { updated: 1, available: 3, replicas: 4 });
    const kubeconfig = await fake.kubeconfig();
    const first = fake.requests.length;
    const { file, args, env } = client.command(kubeconfig, join(fake.dir, 'client-home'));
    const started = process.hrtime.bigint();
    const child = spawn(file, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let complete: bigint | undefined;
    let verdictAt: number | undefined;
    let stdout = '';
    let stderr = '';
    const marks: Record<string, number> = {};
    const mark = (stream: 'stdout' | 'stderr', chunk: string) => {
      if (complete === undefined) return;
      for (const m of client.marks ?? []) {
        if (m.stream === stream && marks[m.name] === undefined && m.pattern.test(chunk)) marks[m.name] = ms(complete);
      }
    };
    child.stdout.on('data', (c: Buffer) => {
      stdout += c.toString('utf8');
      mark('stdout', c.toString('utf8'));
      if (complete !== undefined && verdictAt === undefined && client.verdict.test(stdout)) verdictAt = ms(complete);
    });
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString('utf8');
      mark('stderr', c.toString('utf8'));
    });
    const exited = new Promise<number>((resolveExit) => child.on('close', (code) => resolveExit(code ?? 1)));
    const watching = fake.waitForWatch('deployments', first);
    const first_ = await Promise.race([watching.then(() => 'watch' as const), exited.then(() => 'exit' as const)]);
    if (first_ === 'exit') throw new Error(`${client.name} exited before watching: ${stderr || stdout}`);
    await new Promise((r) => setTimeout(r, 300));
    complete = process.hrtime.bigint();
    const beforeComplete = fake.requests.length;
    setDeploymentStatus(fake, 'web', { updated: 3, available: 3, replicas: 3 });
    const code = await exited;
    const exitMs = ms(complete);
    return {
      verdictMs: verdictAt ?? exitMs,
      exitMs,
      totalMs: ms(started),
      requests: fake.requests.slice(first),
      afterComplete: fake.requests.slice(beforeComplete).map((r) => `${r.method} ${r.path}`),
      marks,
      ok: code === 0,
    };
  } finally {
    await fake.close();
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function breakdown(requests: RecordedRequest[]): string {
  const by = (verbs: string[]) => requests.filter((r) => verbs.includes(r.verb)).length;
  return `discovery ${by(['discovery', 'version'])}, get ${by(['get'])}, list ${by(['list'])}, watch ${by(['watch'])}, other ${requests.length - by(['discovery', 'version', 'get', 'list', 'watch'])}`;
}

interface Row {
  name: string;
  verdictMs: number;
  exitMs: number;
  totalMs: number;
  requests: number;
  detail: string;
  afterComplete: string[];
  failures: number;
  /** min–max of the verdict and exit latencies (the noise of this machine). */
  verdictSpread: string;
  exitSpread: string;
  /** Median ms from the completion to each mark, in the client's order. */
  marks: [string, number][];
}

const spread = (values: number[]) => `${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)}`;

function summarise(client: Client, samples: Sample[]): Row {
  const last = samples.at(-1);
  return {
    name: client.name,
    verdictMs: median(samples.map((s) => s.verdictMs)),
    exitMs: median(samples.map((s) => s.exitMs)),
    totalMs: median(samples.map((s) => s.totalMs)),
    requests: median(samples.map((s) => s.requests.length)),
    detail: last ? breakdown(last.requests) : '',
    afterComplete: last?.afterComplete ?? [],
    failures: samples.filter((s) => !s.ok).length,
    verdictSpread: spread(samples.map((s) => s.verdictMs)),
    exitSpread: spread(samples.map((s) => s.exitMs)),
    marks: (client.marks ?? []).map((m) => [
      m.name,
      median(samples.map((s) => s.marks[m.name]).filter((v): v is number => v !== undefined)),
    ]),
  };
}

const missing = cdpackMissing();
// Round-robin (one run of each client per round), so that a burst of load on the shared machine hits both alike.
const clients = missing ? [kubectlClient] : [kubectlClient, cdpackClient];
const samples: Sample[][] = clients.map(() => []);
for (let i = 0; i < runs; i++) {
  for (const [k, client] of clients.entries()) samples[k]?.push(await once(client));
}
const rows: Row[] = clients.map((client, k) => summarise(client, samples[k] ?? []));

console.log(`\nRollout verdict after the API server marks the Deployment complete; median of ${runs} runs`);
const base = rows[0];
for (const r of rows) {
  const ratio = (a: number, b: number | undefined) => (b ? (a / b).toFixed(2) : '-');
  console.log(
    `  ${r.name.padEnd(24)} verdict ${r.verdictMs.toFixed(1).padStart(7)} ms ×${ratio(r.verdictMs, base?.verdictMs)}` +
      `   exit ${r.exitMs.toFixed(1).padStart(7)} ms ×${ratio(r.exitMs, base?.exitMs)}` +
      `   start→exit ${r.totalMs.toFixed(0).padStart(5)} ms   requests ${String(r.requests).padStart(3)} ×${ratio(r.requests, base?.requests)} (${r.detail})` +
      (r.failures ? `   ${r.failures} run(s) did not succeed` : ''),
  );
  console.log(`  ${''.padEnd(24)} min–max: verdict ${r.verdictSpread} ms, exit ${r.exitSpread} ms`);
  if (r.marks.length) {
    const steps = [
      ...r.marks,
      ['verdict (outputs)', r.verdictMs] as [string, number],
      ['exit', r.exitMs] as [string, number],
    ];
    console.log(
      `  ${''.padEnd(24)} after completion (medians): ${steps.map(([n, v]) => `${n} ${Number.isNaN(v) ? 'not seen' : `${v.toFixed(1)} ms`}`).join(', ')}`,
    );
  }
  if (r.afterComplete.length) console.log(`  ${''.padEnd(24)} after completion: ${r.afterComplete.join(', ')}`);
}
if (missing) console.log(`  cdpack: ${missing}; only kubectl's numbers above`);

if (process.env.BENCH_SCENARIOS === '1' && !missing) {
  console.log('\nShared rollout scenarios: kubectl vs verify-rollout (result, requests)');
  for (const scenario of rolloutScenarios) {
    const k = await runScenario(scenario, kubectlRolloutStatus);
    const c = await runScenario(scenario, verifyRolloutCli([process.execPath, CLI]));
    const same = k.verdict.result === c.verdict.result ? 'same' : 'DIFFERENT';
    console.log(
      `  ${scenario.name.padEnd(40)} kubectl ${k.verdict.result.padEnd(7)} (${String(k.requests.length).padStart(3)} req)` +
        `   cdpack ${c.verdict.result.padEnd(7)} (${String(c.requests.length).padStart(3)} req)   ${same}`,
    );
  }
}
