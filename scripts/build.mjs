#!/usr/bin/env node
// Regenerates everything derived from src/: action.yml files, GitLab templates, README tables, dist/ bundles.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, rmSync } from 'node:fs';

const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};

run(process.execPath, ['--import', 'tsx', 'scripts/generate.ts']);

// One ESM bundle per entry: each GitHub action, the Marketplace dispatcher and the CLI.
const entries = {
  cli: 'src/cli/index.ts',
  cdpack: 'src/actions/dispatch.ts',
  ...Object.fromEntries(
    readdirSync('src/actions', { withFileTypes: true })
      .filter((d) => d.isDirectory() && existsSync(`src/actions/${d.name}/index.ts`))
      .map((d) => [d.name, `src/actions/${d.name}/index.ts`]),
  ),
};
rmSync('dist', { recursive: true, force: true });
for (const [name, entry] of Object.entries(entries)) {
  run('node_modules/.bin/ncc', [
    'build',
    entry,
    '-o',
    `dist/${name}`,
    '--quiet',
    '--license',
    'licenses.txt',
    '--target',
    'es2022',
  ]);
}
