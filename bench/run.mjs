// `npm run bench` (after `npm run build`): runs every benchmark in turn, shows its output, and writes all of it to
// bench/RESULTS.md. Every figure there is a ratio against a peer measured in the same run, with its spread, since the
// machine is shared and absolute times say little. BENCH_QUICK=1 makes fewer runs (and smaller images for the
// memory benchmark, unless BENCH_PROMOTE_MEMORY=full); BENCH_RUNS=n fixes the number of runs. Extra arguments add
// benchmark scripts.
import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';

const benchmarks = [
  ['Cold start', 'bench/cold-start.mjs'],
  ['GitOps bump (and its peak RSS)', 'bench/gitops-bump.mjs'],
  ['Promote', 'bench/promote.ts'],
  ['Promote: peak RSS against image size', 'bench/promote-memory.ts'],
  ['Rollout verdict', 'bench/rollout-verdict.ts'],
  ['Whole flow: build → push → scan → bump → deploy → verify', 'bench/whole-flow.ts'],
  ...process.argv.slice(2).map((s) => [s, s]),
];

function run(script) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const keep = (stream, sink) =>
      stream.on('data', (c) => {
        sink.write(c);
        out += c.toString('utf8');
      });
    keep(child.stdout, process.stdout);
    keep(child.stderr, process.stderr);
    child.on('close', (code) => resolve({ code: code ?? 1, out }));
  });
}

const started = new Date();
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
const loadStart = load();
const sections = [];
let failed = 0;
for (const [title, script] of benchmarks) {
  console.log(`\n### ${title} (${script})`);
  const t0 = Date.now();
  const loadBefore = load();
  const { code, out } = await run(script);
  if (code !== 0) failed++;
  sections.push(
    `## ${title}\n\n\`${script}\`, ${((Date.now() - t0) / 1000).toFixed(0)} s, load average before ${loadBefore}${code ? `, **failed (exit ${code})**` : ''}\n\n` +
      `\`\`\`text\n${out.trim()}\n\`\`\`\n`,
  );
}

const loadEnd = load();
const header = `# Benchmark results

Written by \`npm run bench\` (\`bench/run.mjs\`) on ${started.toISOString()}; node ${process.version}, ${cpus().length} CPUs,
load average (1 / 5 / 15 min) at start ${loadStart}, at the end ${loadEnd}${process.env.BENCH_QUICK === '1' ? ', BENCH_QUICK=1 (fewer runs)' : ''}${
  process.env.BENCH_PROMOTE_MEMORY === 'full' ? ', BENCH_PROMOTE_MEMORY=full (promote memory at 50 and 500 MB)' : ''
}.

The machine is shared, so absolute times mean little: read the ratios (×, median against median of a peer measured in
the same run) and the min–max beside them. Peers:

- cold start: bare \`node -e 0\`, and a "typical action": \`bench/typical-action.mjs\` (@actions/core, @actions/exec,
  @actions/http-client, @actions/cache) bundled with ncc into \`.cache/bench-peer/\`, as actions/cache ships its
  dist/. Every bundle is started without inputs and fails on its first required input: load time plus one error.
- GitOps bump: a bash loop (\`git clone\`, \`yq -y -i\` per file, \`git commit\`, \`git push\`) on the same
  5,000-file repo and bare git server, and a bare read + parse of the same files in process; peak RSS against
  \`node -e 0\`, one \`yq\` and \`git clone\`.
- promote: \`skopeo copy --preserve-digests\` and \`docker pull/tag/push\` (a throwaway dockerd is started when none
  answers) on the same local registry behind a counting proxy; peak RSS of a promote between two registries of a
  50 MB image and of 500 MB ones (ten 50 MB layers; one 500 MB layer), against skopeo (20 and 200 MB under
  BENCH_QUICK, unless BENCH_PROMOTE_MEMORY=full).
- rollout verdict: \`kubectl rollout status\` on the same scripted API server (test/support/fake-kube-api.ts), time
  from the server marking the rollout complete to the verdict line and to process exit, and requests sent.
- whole flow: one release (build → push → scan → bump → deploy → verify) by the cdpack CLI as the GitLab components
  call it, against the shell steps teams write today (\`buildah bud/push\`, the scanner CLI + jq, \`yq\` + \`git
  clone/commit/push\`, \`kubectl set image\` + \`kubectl rollout status\`), on the same stand-ins; what each side does
  that the other does not is listed under its table.
`;
writeFileSync('bench/RESULTS.md', `${header}\n${sections.join('\n')}`);
console.log(`\nbench/RESULTS.md written${failed ? ` (${failed} benchmark(s) failed)` : ''}`);
process.exitCode = failed ? 1 : 0;
