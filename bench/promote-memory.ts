// Peak memory (RSS) of a promote between two registries against image size, against `skopeo copy` of the same
// images and against the promote process doing nothing (imports only). Images of random bytes: 50 MB in one layer,
// 500 MB in ten layers of 50 MB (promote copies up to 4 blobs at once, so more layers means more streams in
// flight), and 500 MB in one layer (the case a promote that buffers a blob would show). Each promote runs in its
// own process under GNU time; blobs stream, so RSS should not grow with the image.
// Printed: MB, and the 500 MB / 50 MB ratios per client. BENCH_QUICK=1 uses 20 MB and 200 MB, unless
// BENCH_PROMOTE_MEMORY=full (the sizes of the issue, for `npm run bench` under BENCH_QUICK=1).
// Run: node --import tsx bench/promote-memory.ts
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { makeImage, pushImage } from '../test/support/oci-image';
import { registryUnavailable, startRegistry } from '../test/support/registry';

const unavailable = registryUnavailable();
if (unavailable || !existsSync('/usr/bin/time')) {
  console.log(`promote memory benchmark skipped: ${unavailable ?? '/usr/bin/time missing'}`);
  process.exit(0);
}
const quick = process.env.BENCH_QUICK === '1' && process.env.BENCH_PROMOTE_MEMORY !== 'full';
const UNIT = (quick ? 20 : 50) * 1_000_000;

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

function peakKb(file: string, args: string[]): number {
  const r = spawnSync('/usr/bin/time', ['-f', 'peak-rss-kb=%M', file, ...args], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${file} ${args[0]} failed: ${r.stderr}`);
  const m = /peak-rss-kb=(\d+)/.exec(r.stderr);
  if (!m) throw new Error('GNU time printed no peak RSS');
  return Number(m[1]);
}

const source = await startRegistry();
const target = await startRegistry();
const host = (url: string) => new URL(url).host;
try {
  const floor = peakKb(process.execPath, ['--import', 'tsx', 'bench/promote-child.ts']);
  const rows: { shape: Shape; cdpack: number; skopeo?: number }[] = [];
  for (const [i, shape] of shapes.entries()) {
    // Built in this process (not the one measured) and pushed to the source registry.
    const image = makeImage({ layerSizes: shape.layerSizes, label: shape.name });
    await pushImage({ url: source.url }, 'src/app', image, String(i));
    const from = `${host(source.url)}/src/app@${image.digest}`;
    const cdpack = peakKb(process.execPath, [
      '--import',
      'tsx',
      'bench/promote-child.ts',
      from,
      `${host(target.url)}/cdpack/app:${i}`,
    ]);
    let skopeo: number | undefined;
    if (existsSync('/usr/bin/skopeo')) {
      skopeo = peakKb('skopeo', [
        'copy',
        '-q',
        '--src-tls-verify=false',
        '--dest-tls-verify=false',
        '--preserve-digests',
        `docker://${from}`,
        `docker://${host(target.url)}/skopeo/app:${i}`,
      ]);
    }
    rows.push({ shape, cdpack, skopeo });
  }
  const inMb = (kb: number | undefined) => (kb === undefined ? '-' : `${(kb / 1024).toFixed(1)} MB`);
  console.log('\nPeak RSS of a promote between two registries (GNU time, one run per image)');
  console.log(`  promote process, imports only (floor)           ${inMb(floor)}`);
  for (const r of rows) {
    console.log(
      `  ${r.shape.name.padEnd(18)} cdpack promote ${inMb(r.cdpack).padStart(9)} (×${(r.cdpack / floor).toFixed(2)} of the floor)` +
        `   skopeo copy ${inMb(r.skopeo).padStart(9)}`,
    );
  }
  const ratio = (a?: number, b?: number) => (a && b ? `×${(a / b).toFixed(2)}` : '-');
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
