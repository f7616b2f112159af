import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import type { Log } from '../../../src/core/log';
import { execTool, ToolNotFoundError } from '../../../src/tools/exec';

const dir = mkdtempSync(join(tmpdir(), 'cdpack-exec-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** A log that records lines and group boundaries in order; `onLine` runs as each line is logged. */
function recordingLog(onLine: (line: string) => void = () => {}): Log & { events: string[] } {
  const events: string[] = [];
  return {
    events,
    info: (m) => {
      events.push(`info:${m}`);
      onLine(m);
    },
    debug: (m) => events.push(`debug:${m}`),
    warn: (m) => events.push(`warn:${m}`),
    async group(title, fn) {
      events.push(`group:${title}`);
      try {
        return await fn();
      } finally {
        events.push('endgroup');
      }
    },
  };
}

test('output reaches the log line by line while the tool still runs, inside the caller’s group', async () => {
  // The fake tool prints a line, then waits (up to ~10 s) for the go-file that the test creates only
  // when that first line has reached the log. Buffered output would time it out: "no-go".
  const go = join(dir, 'go');
  const tool = join(dir, 'slow-tool');
  writeFileSync(
    tool,
    `#!/bin/sh
echo "step 1/2: building"
echo "warming up" >&2
i=0
while [ ! -e '${go}' ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i+1)); done
if [ -e '${go}' ]; then echo "step 2/2: go"; else echo "step 2/2: no-go"; fi
printf 'no newline at the end'
`,
  );
  chmodSync(tool, 0o755);
  const log = recordingLog((line) => {
    if (line === 'step 1/2: building') writeFileSync(go, '');
  });
  const r = await log.group('Build', () => execTool(tool, [], { output: { log } }));
  assert.equal(r.code, 0);
  assert.ok(existsSync(go));
  assert.deepEqual(
    log.events.filter((e) => !e.startsWith('info:warming')),
    ['group:Build', 'info:step 1/2: building', 'info:step 2/2: go', 'info:no newline at the end', 'endgroup'],
  );
  assert.ok(log.events.includes('info:warming up'), 'stderr lines are logged too');
  assert.equal(r.stdout, 'step 1/2: building\nstep 2/2: go\nno newline at the end', 'still captured whole for parsing');
  assert.equal(r.stderr, 'warming up\n');
});

test('per-stream levels: machine output on stdout is captured but not logged', async () => {
  const log = recordingLog();
  const r = await execTool('sh', ['-c', 'echo \'{"report":1}\'; echo progress >&2'], {
    output: { log, stdout: 'none', stderr: 'debug' },
  });
  assert.equal(r.stdout, '{"report":1}\n');
  assert.deepEqual(log.events, ['debug:progress']);
});

test('a missing program is a typed failure naming it', async () => {
  await assert.rejects(execTool('cdpack-no-such-tool', []), (e: unknown) => {
    assert.ok(e instanceof ToolNotFoundError);
    assert.equal(e.tool, 'cdpack-no-such-tool');
    return true;
  });
});
