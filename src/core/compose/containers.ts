/**
 * When the containers of a compose service count as up: each runs the expected image and is running; with a
 * healthcheck, healthy; without one, still running (same start, no restart) after a settling time, so a
 * process that exits at once is not taken for a success. Fed with `docker inspect` output over time.
 */
import { normalizeReference } from '../image/reference';
import { sanitizeLine } from '../rollout/sanitize';

/** The fields of `docker inspect <container>` this reads. */
export interface ContainerInspect {
  Id: string;
  Name?: string;
  RestartCount?: number;
  State?: {
    Status?: string;
    Running?: boolean;
    Restarting?: boolean;
    ExitCode?: number;
    Error?: string;
    StartedAt?: string;
    Health?: { Status?: string; Log?: { ExitCode?: number; Output?: string }[] };
  };
  Config?: { Image?: string; Labels?: Record<string, string> };
}

export type Verdict = { state: 'pending'; detail: string } | { state: 'ready' } | { state: 'failed'; detail: string };

/** Default settling time for containers without a healthcheck. */
export const SETTLE_MS = 5000;

/** Two references name the same image (`nginx:1` = `docker.io/library/nginx:1`; no tag = `latest`). */
export function sameImage(a: string, b: string): boolean {
  if (a === b) return true;
  const canon = (text: string) => {
    const n = normalizeReference(text);
    if (!n.ok) return text;
    const tag = n.ref.tag ?? (n.ref.digest ? undefined : 'latest');
    return `${n.ref.name}${tag ? `:${tag}` : ''}${n.ref.digest ? `@${n.ref.digest}` : ''}`;
  };
  return canon(a) === canon(b);
}

function nameOf(c: ContainerInspect): string {
  return sanitizeLine((c.Name ?? c.Id.slice(0, 12)).replace(/^\//, ''), 100);
}

/** Tracks one wait: call `observe` with the service's containers at each poll. */
export class ContainerWatch {
  /** Container id + StartedAt → first time it was seen running. */
  private readonly runningSince = new Map<string, number>();

  constructor(
    /** undefined: any image (a rollback to an image that could not be resolved). */
    private readonly expectedImage: string | undefined,
    private readonly settleMs = SETTLE_MS,
  ) {}

  observe(containers: ContainerInspect[], now: number): Verdict {
    if (containers.length === 0) return { state: 'pending', detail: 'no container yet' };
    const pending: string[] = [];
    for (const c of containers) {
      const name = nameOf(c);
      const image = c.Config?.Image ?? '';
      if (this.expectedImage !== undefined && !sameImage(image, this.expectedImage)) {
        return {
          state: 'failed',
          detail: `${name} runs ${sanitizeLine(image, 200)}, not ${this.expectedImage}`,
        };
      }
      const state = c.State ?? {};
      const status = state.Status ?? 'unknown';
      const exit = state.ExitCode ?? 0;
      const error = state.Error ? `: ${sanitizeLine(state.Error, 200)}` : '';
      if (status === 'exited' || status === 'dead') {
        return { state: 'failed', detail: `${name} ${status} with code ${exit}${error}` };
      }
      if (state.Restarting || (c.RestartCount ?? 0) > 0) {
        return {
          state: 'failed',
          detail: `${name} is restarting (${c.RestartCount ?? 0} restarts, last exit code ${exit})${error}`,
        };
      }
      if (status === 'paused' || status === 'removing') {
        return { state: 'failed', detail: `${name} is ${status}` };
      }
      if (status !== 'running') {
        pending.push(`${name} is ${sanitizeLine(status, 40)}`);
        continue;
      }
      const health = state.Health?.Status;
      if (health === 'unhealthy') {
        const last = state.Health?.Log?.at(-1);
        const output = last?.Output?.trim() ? `: ${sanitizeLine(last.Output.trim(), 200)}` : '';
        return {
          state: 'failed',
          detail: `${name} is unhealthy (healthcheck exit code ${last?.ExitCode ?? '?'})${output}`,
        };
      }
      if (health === 'starting') {
        pending.push(`${name} is running, health: starting`);
        continue;
      }
      if (health === 'healthy') continue;
      const key = `${c.Id} ${state.StartedAt ?? ''}`;
      const since = this.runningSince.get(key) ?? now;
      this.runningSince.set(key, since);
      if (now - since < this.settleMs) pending.push(`${name} is running (no healthcheck; settling)`);
    }
    return pending.length > 0 ? { state: 'pending', detail: pending.join(', ') } : { state: 'ready' };
  }
}
