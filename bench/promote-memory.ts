// Peak memory (RSS) of a promote between two registries, for a 50 MB and a 500 MB image (layers of random bytes,
// 50 MB each), against `skopeo copy` of the same images and against the promote process doing nothing (imports
// only). Each promote runs in its own process under GNU time; blobs stream, so RSS should not grow with the image.
// Printed: MB and the 500 MB / 50 MB ratio per client. BENCH_QUICK=1 uses 20 MB and 200 MB.
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
const quick = process.env.BENCH_QUICK === '1';
const LAYER = (quick ? 20 : 50) * 1_000_000;
const sizes: [number, number] = [1, 10]; // layers: 50 MB and 500 MB (20 and 200 under BENCH_QUICK)

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
  const rows: { size: string; cdpack: number; skopeo?: number }[] = [];
  for (const layers of sizes) {
    const size = `${(layers * LAYER) / 1_000_000} MB`;
    // Built in this process (not the one measured) and pushed to the source registry.
    const image = makeImage({ layerSizes: Array(layers).fill(LAYER), label: size });
    await pushImage({ url: source.url }, 'src/app', image, String(layers));
    const from = `${host(source.url)}/src/app@${image.digest}`;
    const cdpack = peakKb(process.execPath, [
      '--import',
      'tsx',
      'bench/promote-child.ts',
      from,
      `${host(target.url)}/cdpack/app:${layers}`,
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
        `docker://${host(target.url)}/skopeo/app:${layers}`,
      ]);
    }
    rows.push({ size, cdpack, skopeo });
  }
  const mb = (kb: number | undefined) => (kb === undefined ? '-' : `${(kb / 1024).toFixed(1)} MB`);
  console.log('\nPeak RSS of a promote between two registries (GNU time, one run per size)');
  console.log(`  promote process, imports only (floor)        ${mb(floor)}`);
  for (const r of rows) {
    console.log(
      `  ${r.size.padEnd(8)} cdpack promote ${mb(r.cdpack).padStart(10)} (×${(r.cdpack / floor).toFixed(2)} of the floor)` +
        `   skopeo copy ${mb(r.skopeo).padStart(10)}`,
    );
  }
  const [small, large] = rows;
  if (small && large) {
    const ratio = (a?: number, b?: number) => (a && b ? `×${(a / b).toFixed(2)}` : '-');
    console.log(
      `  RSS ${large.size} / ${small.size}: cdpack ${ratio(large.cdpack, small.cdpack)}, skopeo ${ratio(large.skopeo, small.skopeo)}` +
        ` (image ×${sizes[1] / sizes[0]})`,
    );
  }
} finally {
  await source.stop();
  await target.stop();
}
