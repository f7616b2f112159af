/**
 * Why a rollout did not land, from the new revision's pods: waiting/terminated reasons, the scheduler's message,
 * recent Warning events and the last log lines of crashing containers. Everything from the API is sanitised.
 */
import { sanitizeLine, tailLines } from './sanitize';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (v && typeof v === 'object' ? (v as Json) : {});
const arr = (v: unknown): Json[] => (Array.isArray(v) ? v.map(obj) : []);

/** What the workload's own spec says about a stuck rollout. */
export function workloadNotes(kind: string, object: unknown): string[] {
  const spec = obj(obj(object).spec);
  if (kind === 'Deployment' && spec.paused === true) {
    return [
      'the Deployment is paused (spec.paused: true): it does not roll out until resumed (kubectl rollout resume)',
    ];
  }
  return [];
}

/** Reasons that explain a stuck rollout on their own. */
const waitingReasons = new Set([
  'ImagePullBackOff',
  'ErrImagePull',
  'CrashLoopBackOff',
  'CreateContainerConfigError',
  'CreateContainerError',
  'InvalidImageName',
  'RunContainerError',
]);

export interface PodProblem {
  pod: string;
  container?: string;
  reason: string;
  message: string;
  /** A container that exited: its previous run's logs explain it. */
  crashing: boolean;
}

export function podProblems(pods: readonly unknown[]): PodProblem[] {
  const problems: PodProblem[] = [];
  for (const pod of pods) {
    const p = obj(pod);
    const name = String(obj(p.metadata).name ?? '');
    const status = obj(p.status);
    const scheduled = arr(status.conditions).find((c) => c.type === 'PodScheduled');
    if (scheduled && scheduled.status === 'False') {
      problems.push({
        pod: name,
        reason: String(scheduled.reason ?? 'Unschedulable'),
        message: String(scheduled.message ?? ''),
        crashing: false,
      });
      continue;
    }
    for (const c of [...arr(status.initContainerStatuses), ...arr(status.containerStatuses)]) {
      const container = String(c.name ?? '');
      const state = obj(c.state);
      const last = obj(c.lastState);
      const waiting = state.waiting ? obj(state.waiting) : undefined;
      const terminated = state.terminated ? obj(state.terminated) : last.terminated ? obj(last.terminated) : undefined;
      const restarts = typeof c.restartCount === 'number' ? c.restartCount : 0;
      if (waiting && waitingReasons.has(String(waiting.reason))) {
        const reason = String(waiting.reason);
        const lastExit = terminated ? exitText(terminated) : '';
        problems.push({
          pod: name,
          container,
          reason,
          message: [String(waiting.message ?? ''), lastExit].filter(Boolean).join('; '),
          crashing: reason === 'CrashLoopBackOff' || (restarts > 0 && terminated !== undefined),
        });
      } else if (terminated && (terminated.reason === 'OOMKilled' || terminated.reason === 'Error')) {
        problems.push({
          pod: name,
          container,
          reason: String(terminated.reason),
          message: exitText(terminated),
          crashing: true,
        });
      }
    }
  }
  return problems;
}

function exitText(terminated: Json): string {
  const parts = [`exit code ${String(terminated.exitCode ?? '?')}`];
  if (terminated.reason) parts.push(`last state ${String(terminated.reason)}`);
  if (terminated.message) parts.push(String(terminated.message));
  return parts.join(', ');
}

export interface EventLine {
  pod: string;
  reason: string;
  message: string;
  count: number;
  time: string;
}

/** The most recent Warning events about `pods`, newest first, one per distinct reason+message. */
export function warningEvents(events: readonly unknown[], pods: ReadonlySet<string>, limit = 5): EventLine[] {
  const lines = events
    .map(obj)
    .filter((e) => e.type === 'Warning' && pods.has(String(obj(e.involvedObject).name ?? '')))
    .map((e) => ({
      pod: String(obj(e.involvedObject).name),
      reason: String(e.reason ?? ''),
      message: String(e.message ?? ''),
      count: typeof e.count === 'number' ? e.count : 1,
      time: String(e.lastTimestamp ?? e.eventTime ?? obj(e.metadata).creationTimestamp ?? ''),
    }))
    .sort((a, b) => (a.time < b.time ? 1 : a.time > b.time ? -1 : 0));
  const seen = new Set<string>();
  const out: EventLine[] = [];
  for (const e of lines) {
    const key = `${e.reason}\u0000${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(e);
    if (out.length >= limit) break;
  }
  return out;
}

export interface WorkloadDiagnosis {
  workload: string;
  /** What went wrong: kubectl's error, `timed out after 5m`, a smoke check... */
  failure: string;
  /** The last status message kubectl would have printed. */
  lastStatus?: string;
  /** Facts about the workload itself that explain the wait (paused, ...). */
  notes?: string[];
  problems: PodProblem[];
  events: EventLine[];
  /** Last log lines of crashing containers, by `pod/container`. */
  logs: { source: string; text: string }[];
}

/** A short plain-text diagnosis (each line sanitised, the whole capped). */
export function renderDiagnosis(
  d: WorkloadDiagnosis,
  options: { maxProblems?: number; logLines?: number } = {},
): string {
  const maxProblems = options.maxProblems ?? 5;
  const lines = [`${sanitizeLine(d.workload, 120)}: ${sanitizeLine(d.failure)}`];
  if (d.lastStatus) lines.push(`  last status: ${sanitizeLine(d.lastStatus.trim())}`);
  for (const note of d.notes ?? []) lines.push(`  ${sanitizeLine(note)}`);
  for (const p of d.problems.slice(0, maxProblems)) {
    const where = p.container ? `pod ${p.pod} container ${p.container}` : `pod ${p.pod}`;
    lines.push(
      `  ${sanitizeLine(where, 160)}: ${sanitizeLine(p.reason, 60)}${p.message ? `: ${sanitizeLine(p.message)}` : ''}`,
    );
  }
  if (d.problems.length > maxProblems) lines.push(`  … and ${d.problems.length - maxProblems} more`);
  if (d.problems.length === 0 && !d.notes?.length) {
    lines.push('  no pod of the new revision reports a waiting or terminated reason');
  }
  for (const e of d.events) {
    const count = e.count > 1 ? ` (x${e.count})` : '';
    lines.push(
      `  event ${sanitizeLine(e.pod, 120)}: ${sanitizeLine(e.reason, 60)}${count}: ${sanitizeLine(e.message)}`,
    );
  }
  for (const log of d.logs) {
    const tail = tailLines(log.text, options.logLines ?? 10);
    lines.push(`  last log lines of ${sanitizeLine(log.source, 160)}:`);
    for (const l of tail) lines.push(`    ${l}`);
    if (tail.length === 0) lines.push('    (empty)');
  }
  const text = lines.join('\n');
  return text.length > 4000 ? `${text.slice(0, 4000)}\n  … (truncated)` : text;
}
