// Peak memory (RSS) of a promote between two registries against image size, against `skopeo copy` of the same
// images and against the promote process doing nothing (imports only). Images of random bytes: 50 MB in one layer,
// 500 MB in ten layers of 50 MB (promote copies up to 4 blobs at once, so more layers means more streams in
// flight), and 500 MB in one layer (the case a promote that buffers a blob would show). Each promote runs in its
// own process under GNU time; blobs stream, so RSS should not grow with the image.
// Printed: the median MB of 3 runs per image and client (each to a new repository, so every blob moves again), their
// min–max, and the 500 MB / 50 MB ratios of the medians. BENCH_QUICK=1 uses 20 MB and 200 MB and one run, unless
// BENCH_PROMOTE_MEMORY=full (the sizes and runs of the issue, for `npm run bench` under BENCH_QUICK=1).
// BENCH_RUNS=n sets the runs.
// Run: node --import tsx bench/promote-memory.ts
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { makeImage, pushImage } from '../test/support/oci-image';
import { registryUnavailable, startRegistry } from '../test/support/registry';
import { median, spread } from './lib.mjs';

const unavailable = registryUnavailable();
if (unavailable || !existsSync('/usr/bin/time')) {
  console.log(`promote memory benchmark skipped: ${unavailable ?? '/usr/bin/time missing'}`);
  process.exit(0);
}
const quick = process.env.BENCH_QUICK === '1' && process.env.BENCH_PROMOTE_MEMORY !== 'full';
const UNIT = (quick ? 20 : 50) * 1_000_000;
const runs = Number(process.env.BENCH_RUNS ?? (quick ? 1 : 3));

interface Shape {
  name: string;
  layerSizes: number[];
}
const mb = (bytes: number) => `${bytes / 1_000_000} MB`;
const shapes: Shape[] = [
  { name: `${mb(UNIT)}, 1 layer`, layerSizes: [UNIT] },
  { name: `${mb(10 * UNIT)}, 10 layers`, layerSizes: Array(10).fill(UNIT) },
  { name: `${mb(10 * UNIT)}, 1 layer`, layerSizes: [10 * UNIT] },
];

/**
 * Peak RSS in KB of one run under GNU time. Asynchronous on purpose: the registries' logs are pipes that this
 * process drains, and a spawnSync here would leave them full, so the registry (and the promote) would stall.
 */
function peakKb(file: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    execFile('/usr/bin/time', ['-f', 'peak-rss-kb=%M', file, ...args], { encoding: 'utf8' }, (error, _out, stderr) => {
      if (error) return reject(new Error(`${file} ${args[0]} failed: ${stderr || error.message}`));
      const m = /peak-rss-kb=(\d+)/.exec(stderr);
      if (!m) return reject(new Error('GNU time printed no peak RSS'));
      resolve(Number(m[1]));
    });
  });
}

const source = await startRegistry();
const target = await startRegistry();
const host = (url: string) => new URL(url).host;
try {
  const floor = await peakKb(process.execPath, ['--import', 'tsx', 'bench/promote-child.ts']);
  const rows: { shape: Shape; cdpack: number[]; skopeo: number[] }[] = [];
  for (const [i, shape] of shapes.entries()) {
    // Built in this process (not the one measured) and pushed to the source registry.
    const image = makeImage({ layerSizes: shape.layerSizes, label: shape.name });
    await pushImage({ url: source.url }, 'src/app', image, String(i));
    const from = `${host(source.url)}/src/app@${image.digest}`;
    const row = { shape, cdpack: [] as number[], skopeo: [] as number[] };
    for (let run = 0; run < runs; run++) {
      const to = (client: string) => `${host(target.url)}/${client}-${i}-${run}/app:1`;
      row.cdpack.push(
        await peakKb(process.execPath, ['--import', 'tsx', 'bench/promote-child.ts', from, to('cdpack')]),
      );
      if (existsSync('/usr/bin/skopeo')) {
        row.skopeo.push(
          await peakKb('skopeo', [
            'copy',
            '-q',
            '--src-tls-verify=false',
            '--dest-tls-verify=false',
            '--preserve-digests',
            `docker://${from}`,
            `docker://${to('skopeo')}`,
          ]),
        );
      }
    }
    rows.push(row);
  }
  const inMb = (kb: number) => `${(kb / 1024).toFixed(1)} MB`;
  const cell = (kbs: number[]) =>
    kbs.length
      ? `${inMb(median(kbs)).padStart(9)}${runs > 1 ? ` (${spread(kbs.map((k) => k / 1024))})` : ''}`
      : '        -';
  console.log(
    `\nPeak RSS of a promote between two registries (GNU time; median of ${runs} run(s) per image and client)`,
  );
  console.log(`  promote process, imports only (floor)           ${inMb(floor)}`);
  for (const r of rows) {
    console.log(
      `  ${r.shape.name.padEnd(18)} cdpack promote ${cell(r.cdpack)} ×${(median(r.cdpack) / floor).toFixed(2)} of the floor` +
        `   skopeo copy ${cell(r.skopeo)}`,
    );
  }
  const ratio = (a: number[], b: number[] | undefined) =>
    a.length && b?.length ? `×${(median(a) / median(b)).toFixed(2)}` : '-';
  const [small, ...large] = rows;
  for (const r of small ? large : []) {
    console.log(
      `  RSS ${r.shape.name} / ${small?.shape.name}: cdpack ${ratio(r.cdpack, small?.cdpack)},` +
        ` skopeo ${ratio(r.skopeo, small?.skopeo)} (image ×10)`,
    );
  }
} finally {
  await source.stop();
  await target.stop();
}
