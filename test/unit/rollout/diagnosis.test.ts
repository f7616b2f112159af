import assert from 'node:assert/strict';
import { test } from 'node:test';
import { podProblems, renderDiagnosis, warningEvents, workloadNotes } from '../../../src/core/rollout/diagnosis';
import { sanitizeLine, tailLines } from '../../../src/core/rollout/sanitize';

const waiting = (name: string, reason: string, message: string, extra: Record<string, unknown> = {}) => ({
  metadata: { name },
  status: { containerStatuses: [{ name: 'web', state: { waiting: { reason, message } }, restartCount: 0, ...extra }] },
});

test('pod problems: pull failures, crash loops, OOM, config errors, unschedulable', () => {
  const pods = [
    waiting('web-1', 'ImagePullBackOff', 'Back-off pulling image "r/web:bad"'),
    waiting('web-2', 'ErrImagePull', 'manifest unknown'),
    waiting('web-3', 'CrashLoopBackOff', 'back-off 10s restarting', {
      restartCount: 3,
      lastState: { terminated: { exitCode: 1, reason: 'Error' } },
    }),
    {
      metadata: { name: 'web-4' },
      status: { containerStatuses: [{ name: 'web', state: { terminated: { reason: 'OOMKilled', exitCode: 137 } } }] },
    },
    waiting('web-5', 'CreateContainerConfigError', 'secret "db" not found'),
    {
      metadata: { name: 'web-6' },
      status: {
        phase: 'Pending',
        conditions: [
          {
            type: 'PodScheduled',
            status: 'False',
            reason: 'Unschedulable',
            message: '0/3 nodes are available: 3 Insufficient cpu.',
          },
        ],
      },
    },
    {
      metadata: { name: 'web-7' },
      status: { containerStatuses: [{ name: 'web', state: { running: {} }, ready: true }] },
    },
  ];
  const problems = podProblems(pods);
  assert.deepEqual(
    problems.map((p) => [p.pod, p.reason, p.crashing]),
    [
      ['web-1', 'ImagePullBackOff', false],
      ['web-2', 'ErrImagePull', false],
      ['web-3', 'CrashLoopBackOff', true],
      ['web-4', 'OOMKilled', true],
      ['web-5', 'CreateContainerConfigError', false],
      ['web-6', 'Unschedulable', false],
    ],
  );
  assert.match(problems[2]?.message ?? '', /exit code 1/);
  assert.equal(problems[5]?.message, '0/3 nodes are available: 3 Insufficient cpu.');
});

test('warning events for the pods only, newest first, deduplicated', () => {
  const ev = (pod: string, type: string, reason: string, time: string, message = reason) => ({
    type,
    reason,
    message,
    involvedObject: { kind: 'Pod', name: pod },
    lastTimestamp: time,
  });
  const events = [
    ev('web-1', 'Warning', 'Failed', '2026-01-01T00:00:01Z', 'Failed to pull image'),
    ev('web-1', 'Normal', 'Pulling', '2026-01-01T00:00:02Z'),
    ev('other', 'Warning', 'BackOff', '2026-01-01T00:00:03Z'),
    ev('web-1', 'Warning', 'Failed', '2026-01-01T00:00:04Z', 'Failed to pull image'),
    ev('web-2', 'Warning', 'BackOff', '2026-01-01T00:00:05Z'),
  ];
  const lines = warningEvents(events, new Set(['web-1', 'web-2']));
  assert.deepEqual(
    lines.map((l) => [l.pod, l.reason, l.time]),
    [
      ['web-2', 'BackOff', '2026-01-01T00:00:05Z'],
      ['web-1', 'Failed', '2026-01-01T00:00:04Z'],
    ],
  );
});

test('the rendered diagnosis is sanitised and capped', () => {
  const text = renderDiagnosis({
    workload: 'deployment/web',
    failure: 'timed out after 5m0s',
    lastStatus: 'Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...\n',
    problems: [
      {
        pod: 'web-1',
        container: 'web',
        reason: 'CrashLoopBackOff',
        message: 'evil\x1b[31m\nfake line',
        crashing: true,
      },
    ],
    events: [],
    logs: [{ source: 'web-1/web', text: 'starting\npanic: boom \x07\n' }],
  });
  const controls = [...text].filter((c) => c !== '\n' && (c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f));
  assert.deepEqual(controls, [], 'no control characters except line breaks');
  assert.match(text, /^deployment\/web: timed out after 5m0s$/m);
  assert.match(text, /pod web-1 container web: CrashLoopBackOff: evil\\x1b\[31m\\nfake line/);
  assert.match(text, /^ {4}panic: boom \\x07$/m);
  const many = renderDiagnosis({
    workload: 'w',
    failure: 'f',
    problems: Array.from({ length: 50 }, (_, i) => ({
      pod: `p${i}`,
      reason: 'ErrImagePull',
      message: 'x'.repeat(1000),
      crashing: false,
    })),
    events: [],
    logs: [],
  });
  assert.ok(many.length < 4100);
  assert.match(many, /… and 45 more/);
});

test('sanitising helpers', () => {
  assert.equal(sanitizeLine('a\u202eb\u0000\r'), 'a\\u202eb\\0\\r');
  assert.equal(sanitizeLine('x'.repeat(10), 4), 'xxxx…');
  assert.deepEqual(tailLines('1\n2\n3\n', 2), ['2', '3']);
  assert.deepEqual(tailLines('', 2), []);
});

test('a paused Deployment is named as the reason', () => {
  const notes = workloadNotes('Deployment', { spec: { paused: true } });
  assert.deepEqual(workloadNotes('Deployment', { spec: {} }), []);
  const text = renderDiagnosis({
    workload: 'deployment/web',
    failure: 'timed out',
    notes,
    problems: [],
    events: [],
    logs: [],
  });
  assert.match(text, /the Deployment is paused/);
  assert.doesNotMatch(text, /no pod of the new revision/);
});
