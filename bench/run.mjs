// Runs every benchmark in turn (after `npm run build`). Each prints its own ratios.
import { spawnSync } from 'node:child_process';

for (const script of [
  'bench/cold-start.mjs',
  'bench/gitops-bump.mjs',
  'bench/promote.ts',
  'bench/rollout-verdict.ts',
  ...process.argv.slice(2),
]) {
  console.log(`\n### ${script}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
