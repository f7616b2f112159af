// Cold start of the bundles against bare `node -e 0`, in the same run. No assertions: ratios are printed.
import { existsSync } from 'node:fs';
import { report, timeCommand } from './lib.mjs';

const runs = Number(process.env.BENCH_RUNS ?? 15);
if (!existsSync('dist/update-gitops-tag/index.js')) throw new Error('run `npm run build` first');
// Without inputs the action fails at once on the first required input: that is load time plus one error.
const rows = [
  { name: 'node -e 0', ms: timeCommand('node -e 0', process.execPath, ['-e', '0'], { runs }) },
  {
    name: 'node dist/update-gitops-tag/index.js',
    ms: timeCommand('gh bundle (fails fast)', process.execPath, ['dist/update-gitops-tag/index.js'], {
      runs,
      env: { GITHUB_OUTPUT: '', GITHUB_STEP_SUMMARY: '' },
    }),
  },
  {
    name: 'node dist/cli/index.js --help',
    ms: timeCommand('cli help', process.execPath, ['dist/cli/index.js', '--help'], { runs }),
  },
];
report(`Cold start, median of ${runs} runs (node ${process.version})`, rows, 'node -e 0');
