import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT, TSX_LOADER } from '../../support/run';

/** Whether a pid is a live process (a zombie waiting to be reaped counts as gone). */
export function alive(pid: number): boolean {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return false;
  }
}

async function runUntilReady(
  parent: string,
  signal: NodeJS.Signals,
  env: Record<string, string> = {},
): Promise<{ code: number | null; stdout: string; pids: number[] }> {
  const child = spawn(
    process.execPath,
    ['--import', TSX_LOADER, join(REPO_ROOT, 'test/unit/tools/fixtures/stop-target.ts'), parent],
    { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  let pids: number[] = [];
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
  });
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  // Ready once the step printed its line and the tool wrote its own and its background job's pid.
  const pidFile = join(parent, 'pids');
  while (!pids.length) {
    await new Promise((resolve) => setTimeout(resolve, 20));
    const text = stdout.includes('\n') && existsSync(pidFile) ? readFileSync(pidFile, 'utf8').trim() : '';
    if (/^\d+ \d+$/.test(text)) pids = text.split(' ').map(Number);
  }
  for (const pid of pids) assert.ok(alive(pid), `tool process ${pid} runs before the signal`);
  child.kill(signal);
  return { code: await exited, stdout, pids };
}

test('SIGTERM: the tool’s process group is killed, temporary credentials removed, exit 143', {
  timeout: 60_000,
}, async () => {
  const parent = mkdtempSync(join(tmpdir(), 'cdpack-stop-'));
  try {
    const r = await runUntilReady(parent, 'SIGTERM');
    assert.equal(r.code, 143);
    for (const pid of r.pids) assert.ok(!alive(pid), `process ${pid} is gone`);
    assert.deepEqual(
      readdirSync(parent).filter((f) => f.startsWith('cdpack-')),
      [],
      'no cdpack-auth-* dir left',
    );
    assert.ok(!existsSync(join(parent, 'second-tool')), 'no tool starts once the stop began');
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});

test('SIGINT: exit 130; a grandchild that ignores SIGTERM is killed after the grace period', {
  timeout: 60_000,
}, async () => {
  const parent = mkdtempSync(join(tmpdir(), 'cdpack-stop-'));
  try {
    const r = await runUntilReady(parent, 'SIGINT', { IGNORE_TERM: '1', GRACE_MS: '300' });
    assert.equal(r.code, 130);
    for (const pid of r.pids) assert.ok(!alive(pid), `process ${pid} is gone`);
    assert.deepEqual(
      readdirSync(parent).filter((f) => f.startsWith('cdpack-')),
      [],
    );
  } finally {
    rmSync(parent, { recursive: true, force: true });
  }
});
