#!/usr/bin/env node
// Runs the test suite with node's built-in runner (TypeScript through tsx).
// `npm test` runs everything; `npm test -- unit` (or e2e) runs one folder; further args are files.
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const args = process.argv.slice(2);
const folders = args.filter((a) => !a.endsWith('.ts'));
const explicit = args.filter((a) => a.endsWith('.ts'));

function find(dir) {
  const found = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) {
      if (entry !== 'fixtures' && entry !== 'node_modules') found.push(...find(path));
    } else if (entry.endsWith('.test.ts')) found.push(path);
  }
  return found;
}

const roots = folders.length ? folders.map((f) => join('test', f)) : ['test'];
const files = explicit.length ? explicit : roots.flatMap(find).sort();
const result = spawnSync(process.execPath, ['--import', 'tsx', '--test', '--test-concurrency=2', ...files], {
  stdio: 'inherit',
});
process.exit(result.status ?? 1);
