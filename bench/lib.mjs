// Small helpers shared by the benchmarks: timing child processes and printing ratios.
import { spawnSync } from 'node:child_process';

/** Runs a command `runs` times and returns the median wall time in ms (throws if it fails). */
export function timeCommand(label, cmd, args, { runs = 5, env, cwd, before } = {}) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    before?.(i);
    const start = process.hrtime.bigint();
    const r = spawnSync(cmd, typeof args === 'function' ? args(i) : args, {
      env: { ...process.env, ...env },
      cwd,
      encoding: 'utf8',
    });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status !== 0 && !label.endsWith('(fails fast)')) {
      throw new Error(`${label} failed (${r.status}): ${r.stderr || r.stdout}`);
    }
    times.push(ms);
  }
  return median(times);
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

export function report(title, rows, peer) {
  const base = rows.find((r) => r.name === peer);
  console.log(`\n${title}`);
  for (const r of rows) {
    const ratio = base ? (r.ms / base.ms).toFixed(2) : '-';
    console.log(`  ${r.name.padEnd(48)} ${r.ms.toFixed(1).padStart(9)} ms   ×${ratio} vs ${peer}`);
  }
}
