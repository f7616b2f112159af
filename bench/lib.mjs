// Small helpers shared by the benchmarks: timing child processes, medians with their spread, and ratio tables.
// The machine is shared, so no figure is reported alone: each row is a ratio of medians against a peer
// measured in the same run, with the spread (min–max) of its samples beside it.
import { spawnSync } from 'node:child_process';

/** How many runs a benchmark makes: BENCH_RUNS, else `quick` under BENCH_QUICK=1, else `full`. */
export function runCount(full, quick = Math.max(3, Math.ceil(full / 3))) {
  if (process.env.BENCH_RUNS) return Number(process.env.BENCH_RUNS);
  return process.env.BENCH_QUICK === '1' ? quick : full;
}

/** Runs a command `runs` times; returns the wall time of each run in ms (throws if one fails). */
export function sampleCommand(label, cmd, args, { runs = 5, env, cwd, before } = {}) {
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
  return times;
}

/** The median wall time in ms of `runs` runs of a command. */
export function timeCommand(label, cmd, args, options) {
  return median(sampleCommand(label, cmd, args, options));
}

/** Peak RSS in KB of one run of a command, read by GNU time (`/usr/bin/time -f %M`); undefined without it. */
export function peakRss(cmd, args, { env, cwd } = {}) {
  const r = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kb=%M', cmd, ...args], {
    env: { ...process.env, ...env },
    cwd,
    encoding: 'utf8',
  });
  if (r.error) return undefined;
  if (r.status !== 0) throw new Error(`${cmd} failed (${r.status}): ${r.stderr || r.stdout}`);
  const m = /peak-rss-kb=(\d+)/.exec(r.stderr);
  return m ? Number(m[1]) : undefined;
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** "min–max" of samples, for the noise column. */
export function spread(values, digits = 1) {
  if (!values?.length) return '';
  return `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;
}

/**
 * Prints a table: per row the median (rows carry `samples`, or a precomputed `ms`), its min–max, and the ratio
 * of medians against the row named `peer`.
 */
export function report(title, rows, peer) {
  const value = (r) => (r.samples ? median(r.samples) : r.ms);
  const base = rows.find((r) => r.name === peer);
  console.log(`\n${title}`);
  for (const r of rows) {
    const ratio = base ? (value(r) / value(base)).toFixed(2) : '-';
    const noise = r.samples ? `  (min–max ${spread(r.samples)}, n=${r.samples.length})` : '';
    console.log(`  ${r.name.padEnd(48)} ${value(r).toFixed(1).padStart(9)} ms   ×${ratio} vs ${peer}${noise}`);
  }
}

/**
 * Runs several commands round-robin (one run of each per round, so a burst of load on the shared machine hits
 * all of them alike); returns each command's samples in the same order. `commands`: { label, cmd, args, env }.
 */
export function sampleInterleaved(commands, runs) {
  const samples = commands.map(() => []);
  for (let i = 0; i < runs; i++) {
    commands.forEach((c, k) => {
      samples[k].push(...sampleCommand(c.label, c.cmd, c.args, { runs: 1, env: c.env }));
    });
  }
  return samples;
}

/**
 * Like report(), for rows sampled round-robin: the ratio is the median of the per-round ratios against the peer
 * (paired, so load that hits one round hits both sides), with their min–max.
 */
export function reportPaired(title, rows, peer) {
  const base = rows.find((r) => r.name === peer);
  console.log(`\n${title}`);
  for (const r of rows) {
    const ratios = r.samples.map((v, i) => v / base.samples[i]);
    console.log(
      `  ${r.name.padEnd(48)} ${median(r.samples).toFixed(1).padStart(9)} ms (min–max ${spread(r.samples)})` +
        `   ×${median(ratios).toFixed(2)} vs ${peer} (per-round ratios ${spread(ratios, 2)}, n=${ratios.length})`,
    );
  }
}
