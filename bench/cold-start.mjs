// Cold start of the bundles against bare `node -e 0` and against a typical action bundle, in the same run.
// No assertions: ratios of medians are printed, with each row's min–max.
// The typical-action peer is bench/typical-action.mjs bundled with ncc (@actions/core, exec, http-client and cache
// in one file, as actions/cache ships its dist/); it is built once into .cache/bench-peer.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { report, runCount, sampleCommand } from './lib.mjs';

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
// Without inputs each action fails at once on its first required input: that is load time plus one error.
const actionEnv = { GITHUB_OUTPUT: '', GITHUB_STEP_SUMMARY: '' };
const rows = [
  { name: 'node -e 0', samples: sampleCommand('node -e 0', process.execPath, ['-e', '0'], { runs }) },
  {
    name: `typical action bundle (ncc, ${kb(PEER)})`,
    samples: sampleCommand('peer (fails fast)', process.execPath, [PEER], { runs, env: actionEnv }),
  },
  {
    name: `dist/update-gitops-tag/index.js (${kb('dist/update-gitops-tag/index.js')})`,
    samples: sampleCommand('gh bundle (fails fast)', process.execPath, ['dist/update-gitops-tag/index.js'], {
      runs,
      env: actionEnv,
    }),
  },
  {
    name: `dist/verify-rollout/index.js (${kb('dist/verify-rollout/index.js')})`,
    samples: sampleCommand('gh bundle (fails fast)', process.execPath, ['dist/verify-rollout/index.js'], {
      runs,
      env: actionEnv,
    }),
  },
  {
    name: 'node dist/cli/index.js --help',
    samples: sampleCommand('cli help', process.execPath, ['dist/cli/index.js', '--help'], { runs }),
  },
];
report(`Cold start, median of ${runs} runs (node ${process.version})`, rows, 'node -e 0');
report('The same, against the typical action bundle', rows.slice(1), rows[1].name);
