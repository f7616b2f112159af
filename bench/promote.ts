// Promote one image (3 random layers, ~7 MB) to a new repository of the same registry:
// cdpack's in-process promote vs `skopeo copy` vs `docker pull && docker tag && docker push`.
// A counting proxy in front of a real docker-registry measures the blob bytes each one moves
// (uploaded through PATCH/PUT on …/blobs/uploads/, downloaded through GET …/blobs/…).
// When no Docker engine answers, a throwaway dockerd is started for the docker peer (test/support/dockerd.ts:
// Debian's docker.io, its data in a temp dir, stopped and removed at the end).
// Wall times, ratios and bytes are printed; nothing is asserted.
// Run: node --import tsx bench/promote.ts   (BENCH_RUNS=5 for more runs)
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryClient } from '../src/tools/registry/client';
import { promote } from '../src/tools/registry/promote';
import { startDockerd, type TestDockerd } from '../test/support/dockerd';
import { makeImage, pushImage } from '../test/support/oci-image';
import { type ProxiedRequest, registryUnavailable, startFaultProxy, startRegistry } from '../test/support/registry';

const runs = Number(process.env.BENCH_RUNS ?? (process.env.BENCH_QUICK === '1' ? 3 : 5));
const unavailable = registryUnavailable();
if (unavailable) {
  console.log(`promote benchmark skipped: ${unavailable}`);
  process.exit(0);
}

interface Moved {
  uploadRequests: number;
  bytesUp: number;
  bytesDown: number;
}

function moved(requests: ProxiedRequest[]): Moved {
  const uploads = requests.filter(
    (r) => (r.method === 'PATCH' || r.method === 'PUT') && r.path.includes('/blobs/uploads/'),
  );
  const downloads = requests.filter((r) => r.method === 'GET' && /\/blobs\/sha256:/.test(r.path));
  return {
    uploadRequests: uploads.length,
    bytesUp: uploads.reduce((n, r) => n + r.bytesIn, 0),
    bytesDown: downloads.reduce((n, r) => n + r.bytesOut, 0),
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

/** Runs a program without blocking the event loop (the counting proxy lives in this process). */
function run(file: string, args: string[], env?: NodeJS.ProcessEnv): Promise<{ ok: boolean; out: string }> {
  return new Promise((resolve) => {
    execFile(file, args, { encoding: 'utf8', env: { ...process.env, ...env } }, (error, stdout, stderr) => {
      resolve({ ok: !error, out: `${stderr}${stdout}`.trim() || String(error ?? '') });
    });
  });
}

const registry = await startRegistry();
const proxy = await startFaultProxy({ target: registry.url });
const host = proxy.host;
const image = makeImage({ layerSizes: [4_000_000, 2_000_000, 1_000_000] });
await pushImage({ url: registry.url }, 'src/app', image, '1');
const layerBytes = image.blobs.reduce((n, b) => n + b.size, 0);
const source = `${host}/src/app:1`;

interface Row {
  name: string;
  ms: number;
  moved: Moved;
  note?: string;
  /** min–max of the runs (the noise of this machine). */
  spread: string;
}
const rows: Row[] = [];
let startedDockerd: TestDockerd | undefined;
let dockerConfig: string | undefined;

/**
 * The Docker engine for the docker peer: the one DOCKER_HOST (or the default socket) names when it answers, else a
 * throwaway dockerd started here (127.0.0.0/8 registries are insecure by default; the proxy is listed anyway).
 * The CLI gets its own config dir, so nothing is written to ~/.docker.
 */
async function dockerEngine(): Promise<{ env: NodeJS.ProcessEnv; note: string } | { reason: string }> {
  dockerConfig = mkdtempSync(join(tmpdir(), 'cdpack-bench-docker-config-'));
  const info = await run('docker', ['info', '--format', '{{.ServerVersion}}'], { DOCKER_CONFIG: dockerConfig });
  if (info.ok) return { env: { DOCKER_CONFIG: dockerConfig }, note: '' };
  const started = await startDockerd([host]);
  if ('reason' in started) return { reason: `no engine answers (${info.out.split('\n')[0]}) and ${started.reason}` };
  startedDockerd = started;
  const version = await run('docker', ['--host', started.host, 'version', '--format', '{{.Server.Version}}']);
  return {
    env: { DOCKER_HOST: started.host, DOCKER_CONFIG: dockerConfig },
    note: `docker: a dockerd ${version.out.trim()} started for this run (test/support/dockerd.ts), stopped after`,
  };
}
const skipped: string[] = [];
const notes: string[] = [];

async function measure(name: string, once: (i: number) => Promise<void> | void): Promise<void> {
  const times: number[] = [];
  let last: Moved = { uploadRequests: 0, bytesUp: 0, bytesDown: 0 };
  for (let i = 0; i < runs; i++) {
    const first = proxy.requests.length;
    const start = process.hrtime.bigint();
    await once(i);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
    last = moved(proxy.requests.slice(first));
  }
  rows.push({
    name,
    ms: median(times),
    moved: last,
    spread: `${Math.min(...times).toFixed(1)}–${Math.max(...times).toFixed(1)}`,
  });
}

try {
  const client = new RegistryClient();
  await measure('cdpack promote (in-process, mount)', async (i) => {
    const r = await promote({ client, source, destinations: [`${host}/cdpack-${i}/app:v1`] });
    if (r.digest !== image.digest) throw new Error('cdpack: digest changed');
  });
  client.close();

  if (existsSync('/usr/bin/skopeo')) {
    await measure('skopeo copy --preserve-digests', async (i) => {
      const r = await run('skopeo', [
        'copy',
        '--src-tls-verify=false',
        '--dest-tls-verify=false',
        '--preserve-digests',
        `docker://${source}`,
        `docker://${host}/skopeo-${i}/app:v1`,
      ]);
      if (!r.ok) throw new Error(`skopeo copy failed: ${r.out}`);
    });
  } else skipped.push('skopeo copy: /usr/bin/skopeo not installed');

  const docker = await dockerEngine();
  if ('env' in docker) {
    const dockerRun = (args: string[]) => run('docker', args, docker.env);
    if (docker.note) notes.push(docker.note);
    await measure('docker pull && tag && push', async (i) => {
      const target = `${host}/docker-${i}/app:v1`;
      // Start each run with no local copy, so the pull is a real one.
      const ids = (await dockerRun(['image', 'ls', '-q', '--filter', `reference=${host}/*/app`])).out.split(/\s+/);
      if (ids.some(Boolean)) await dockerRun(['rmi', '-f', ...new Set(ids.filter(Boolean))]);
      for (const args of [
        ['pull', '-q', source],
        ['tag', source, target],
        ['push', '-q', target],
      ]) {
        const r = await dockerRun(args);
        if (!r.ok) throw new Error(`docker ${args[0]} failed: ${r.out}`);
      }
    });
  } else skipped.push(`docker pull/tag/push: ${docker.reason}`);

  const base = rows.find((r) => r.name.startsWith('skopeo')) ?? rows[0];
  console.log(
    `\nPromote within one registry: image of ${image.blobs.length} blobs, ${layerBytes} bytes; median of ${runs} runs`,
  );
  for (const r of rows) {
    const ratio = base ? (r.ms / base.ms).toFixed(2) : '-';
    console.log(
      `  ${r.name.padEnd(38)} ${r.ms.toFixed(1).padStart(8)} ms  ×${ratio} vs ${base?.name.split(' ')[0]}` +
        `   uploads: ${r.moved.uploadRequests} req, ${r.moved.bytesUp} B up, ${r.moved.bytesDown} B down` +
        `   (min–max ${r.spread} ms)`,
    );
  }
  for (const n of notes) console.log(`  ${n}`);
  for (const s of skipped) console.log(`  skipped: ${s}`);
} finally {
  await startedDockerd?.stop();
  if (dockerConfig) rmSync(dockerConfig, { recursive: true, force: true });
  await proxy.stop();
  await registry.stop();
}
