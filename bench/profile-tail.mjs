// What a process did after its last idle stretch (> 100 ms), from a V8 CPU profile: for verify-rollout under
// BENCH_CPU_PROF (bench/rollout-verdict.ts), that is the work between the watch event and the exit.
// Usage: node bench/profile-tail.mjs <file.cpuprofile> [timeline [depth] | total]
//   timeline (default): each change of the sampled stack (its top `depth` frames, default 4), with ms since then;
//   total: ms per function (inclusive) over that tail, the 40 largest.
import { readFileSync } from 'node:fs';

const [file, mode = 'timeline', depthArg = '4'] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bench/profile-tail.mjs <file.cpuprofile> [timeline [depth] | total]');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const frames = (id) => {
  const out = [];
  for (let x = id; x !== undefined; x = parent.get(x)) {
    const f = nodes.get(x).callFrame;
    out.push(`${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber}`);
  }
  return out;
};
let t = profile.startTime;
const times = profile.timeDeltas.map((d) => (t += d));
const isIdle = (i) => nodes.get(profile.samples[i]).callFrame.functionName === '(idle)';

let from = 0;
for (let i = 0, idleStart = -1; i < profile.samples.length; i++) {
  if (isIdle(i)) {
    if (idleStart < 0) idleStart = i;
  } else {
    if (idleStart >= 0 && times[i] - times[idleStart] > 100_000) from = i;
    idleStart = -1;
  }
}
const since = (i) => ((times[i] - times[from]) / 1000).toFixed(2).padStart(7);
console.log(`after the last idle stretch: ${since(times.length - 1)} ms, ${profile.samples.length - from} samples`);
if (mode === 'total') {
  const inclusive = new Map();
  for (let i = from; i < profile.samples.length; i++) {
    const d = (times[i + 1] ?? times[i]) - times[i];
    for (const f of new Set(frames(profile.samples[i]))) inclusive.set(f, (inclusive.get(f) ?? 0) + d);
  }
  for (const [f, d] of [...inclusive].sort((a, b) => b[1] - a[1]).slice(0, 40)) {
    console.log(`${(d / 1000).toFixed(2).padStart(7)} ms  ${f}`);
  }
} else {
  let previous = '';
  for (let i = from; i < profile.samples.length; i++) {
    const key = frames(profile.samples[i]).slice(0, Number(depthArg)).join(' < ');
    if (key !== previous) console.log(`${since(i)} ${key}`);
    previous = key;
  }
}
