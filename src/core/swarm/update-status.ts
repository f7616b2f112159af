/**
 * What a swarm service's `UpdateStatus` says about the update we started. The status of an earlier update can
 * still be there right after `docker service update`: it only counts once its `StartedAt` differs from the one
 * read before the update.
 */

export interface UpdateStatus {
  State?: string;
  StartedAt?: string;
  CompletedAt?: string;
  Message?: string;
}

export type SwarmVerdict =
  | { state: 'updating'; detail: string }
  | { state: 'completed' }
  /** The update failed and swarm paused it: ours to roll back. */
  | { state: 'paused'; detail: string }
  /** Swarm rolls back by itself (update-failure-action rollback). */
  | { state: 'rolling-back'; detail: string }
  | { state: 'rolled-back'; detail: string }
  | { state: 'rollback-paused'; detail: string };

export function updateVerdict(
  status: UpdateStatus | null | undefined,
  before: UpdateStatus | null | undefined,
): SwarmVerdict {
  const message = status?.Message ?? '';
  if (!status?.State || (before?.StartedAt && status.StartedAt === before.StartedAt)) {
    return { state: 'updating', detail: 'waiting for the update to start' };
  }
  switch (status.State) {
    case 'completed':
      return { state: 'completed' };
    case 'paused':
      return { state: 'paused', detail: message || 'update paused' };
    case 'rollback_started':
      return { state: 'rolling-back', detail: message || 'rollback started' };
    case 'rollback_completed':
      return { state: 'rolled-back', detail: message || 'rollback completed' };
    case 'rollback_paused':
      return { state: 'rollback-paused', detail: message || 'rollback paused' };
    default:
      return { state: 'updating', detail: message || status.State };
  }
}

/** The state of a rollback we requested: done, still going, or stuck. */
export function rollbackVerdict(status: UpdateStatus | null | undefined): 'done' | 'going' | 'paused' {
  if (status?.State === 'rollback_completed') return 'done';
  if (status?.State === 'rollback_paused') return 'paused';
  return 'going';
}
