// Cold start of the bundles against bare `node -e 0` and against a typical action bundle, in the same run.
// Runs are round-robin (one of each per round) and ratios are medians of per-round ratios, as the machine is
// shared. No assertions: ratios are printed with their min–max.
// The typical-action peer is bench/typical-action.mjs bundled with ncc (@actions/core, exec, http-client and cache
// in one file, as actions/cache ships its dist/); it is built once into .cache/bench-peer.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { reportPaired, runCount, sampleInterleaved } from './lib.mjs';

const runs = runCount(15, 7);
if (!existsSync('dist/update-gitops-tag/index.js')) throw new Error('run `npm run build` first');
const PEER = '.cache/bench-peer/index.mjs';
if (!existsSync(PEER)) {
  const r = spawnSync(
    process.execPath,
    ['node_modules/@vercel/ncc/dist/ncc/cli.js', 'build', 'bench/typical-action.mjs', '-o', '.cache/bench-peer', '-q'],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) throw new Error('ncc could not bundle bench/typical-action.mjs');
}
const kb = (file) => `${Math.round(statSync(file).size / 1024)} KB`;
// The step entries are small shims over the shared bundle in dist/lib (its chunks load as a step needs them).
const libKb = () =>
  Math.round(readdirSync('dist/lib').reduce((n, f) => n + statSync(join('dist/lib', f)).size, 0) / 1024);
const described = (file) =>
  readFileSync(file, 'utf8').includes('../lib/index.js')
    ? `${file.replace(/\/index\.js$/, '')} (+ dist/lib, ${libKb()} KB)`
    : `${file} (${kb(file)})`;
// Without inputs each action fails at once on its first required input: that is load time plus one error.
const actionEnv = { GITHUB_OUTPUT: '', GITHUB_STEP_SUMMARY: '' };
const bundle = (file) => ({
  name: described(file),
  label: `${file} (fails fast)`,
  cmd: process.execPath,
  args: [file],
  env: actionEnv,
});
const commands = [
  { name: 'node -e 0', label: 'node -e 0', cmd: process.execPath, args: ['-e', '0'] },
  { ...bundle(PEER), name: `typical action bundle (ncc, ${kb(PEER)})` },
  bundle('dist/update-gitops-tag/index.js'),
  bundle('dist/verify-rollout/index.js'),
  {
    name: 'node dist/cli/index.js --help',
    label: 'cli help',
    cmd: process.execPath,
    args: ['dist/cli/index.js', '--help'],
  },
];
const samples = sampleInterleaved(commands, runs);
const rows = commands.map((c, i) => ({ name: c.name, samples: samples[i] }));
reportPaired(`Cold start, median of ${runs} rounds (node ${process.version})`, rows, 'node -e 0');
reportPaired('The same, against the typical action bundle', rows.slice(1), rows[1].name);
