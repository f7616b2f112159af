// A cancelled job (SIGTERM) during a real buildah push to a registry that accepts connections and
// never answers: the buildah process group is stopped, the temporary registry credentials are
// removed, and the CLI exits 143 (issue 7, item 2).
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { mountsUnder, unmountUnder } from '../../src/tools/process/mounts';
import { buildahUnavailable } from '../support/build-fixtures';
import { skipUnlessAvailable } from '../support/requirements';
import { CLI_ENTRY, cleanEnv, REPO_ROOT, TSX_LOADER, toFlags } from '../support/run';

const unavailable = skipUnlessAvailable(buildahUnavailable());

/** Pids of live (non-zombie) processes whose command line mentions `text`. */
function processesMentioning(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      const cmdline = readFileSync(`/proc/${entry}/cmdline`, 'utf8');
      if (cmdline.includes(text) && alive(Number(entry))) pids.push(Number(entry));
    } catch {}
  }
  return pids;
}

function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

/** Answers the /v2/ ping (so login succeeds), then accepts every other request and never answers it. */
async function startHangingRegistry(): Promise<{ host: string; hung: Promise<string>; stop(): void }> {
  const sockets = new Set<Socket>();
  let onHang: (what: string) => void = () => {};
  const hung = new Promise<string>((resolve) => {
    onHang = resolve;
  });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    if (req.url === '/v2/' || req.url === '/v2') {
      if (!req.headers.authorization) {
        res.writeHead(401, { 'www-authenticate': 'Basic realm="hang"', 'content-type': 'application/json' });
        res.end('{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}');
        return;
      }
      res.writeHead(200, { 'docker-distribution-api-version': 'registry/2.0', 'content-type': 'application/json' });
      res.end('{}');
      return;
    }
    onHang(`${req.method} ${req.url}`);
  });
  server.on('connection', (s: Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
    hung,
    stop() {
      for (const s of sockets) s.destroy();
      server.close();
    },
  };
}

test('SIGTERM during a hanging buildah push: no credentials or tool process left, exit 143', {
  skip: unavailable,
  timeout: 240_000,
}, async () => {
  const work = mkdtempSync(join(tmpdir(), 'cdpack-bp-signal-'));
  const registry = await startHangingRegistry();
  try {
    const context = join(work, 'ctx');
    mkdirSync(context);
    writeFileSync(join(context, 'app.txt'), 'hello\n');
    writeFileSync(join(context, 'Dockerfile'), 'FROM scratch\nCOPY app.txt /app.txt\n');
    const temp = join(work, 'temp');
    mkdirSync(temp);
    const password = `pw-${Math.random().toString(36).slice(2)}`;
    const inputs = {
      image: `${registry.host}/team/app`,
      builder: 'buildah',
      'tls-verify': 'false',
      context,
      tags: '1',
      username: 'ci',
      password,
    };
    const child = spawn(process.execPath, ['--import', TSX_LOADER, CLI_ENTRY, 'build-push', ...toFlags(inputs)], {
      cwd: REPO_ROOT,
      env: {
        ...cleanEnv(),
        CI_COMMIT_SHA: '1f2e3d4c5b6a79881f2e3d4c5b6a79881f2e3d4c',
        CI_COMMIT_BRANCH: 'main',
        SOURCE_DATE_EPOCH: '1700000000',
        CDPACK_TEMP: temp,
        BUILDAH_ISOLATION: 'chroot',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      output += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      output += d;
    });
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const first = await Promise.race([registry.hung, exited.then((code) => `exited ${code}`)]);
    assert.doesNotMatch(first, /^exited/, `the push should hang, but the CLI ${first}:\n${output}`);

    // At this point buildah is pushing and the login's credentials are on disk.
    const authFiles = readdirSync(temp, { recursive: true, encoding: 'utf8' }).filter((f) =>
      /cdpack-auth-[^/]+\/config\.json$/.test(f),
    );
    assert.equal(authFiles.length, 1, `one auth file while the push hangs: ${authFiles.join(', ')}`);
    assert.match(readFileSync(join(temp, authFiles[0] as string), 'utf8'), /"auth"/);
    const tools = processesMentioning(temp);
    assert.ok(tools.length > 0, 'buildah is running');

    child.kill('SIGTERM');
    const code = await exited;
    assert.equal(code, 143, output);
    for (const pid of tools) assert.ok(!alive(pid), `tool process ${pid} is gone`);
    assert.deepEqual(processesMentioning(temp), [], 'nothing started by the step is left');
    assert.deepEqual(readdirSync(temp), [], `auth dir and work dirs removed\n${output}`);
    assert.deepEqual(mountsUnder(temp), [], 'the buildah store is unmounted');
    assert.ok(!existsSync(join(temp, authFiles[0] as string)));
    assert.doesNotMatch(output, new RegExp(password), 'password never printed');
  } finally {
    registry.stop();
    unmountUnder(work); // only when the step failed to (the assertions above say so)
    rmSync(work, { recursive: true, force: true });
  }
});
