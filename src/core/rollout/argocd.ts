/**
 * The verdict on an Argo CD Application (argoproj.io/v1alpha1), as read from its REST API or from the Kubernetes
 * object: has it applied our commit, in sync and healthy? Pure: the application JSON in, a verdict out.
 */
import { sanitizeLine } from './sanitize';

// biome-ignore lint/suspicious/noExplicitAny: Application JSON from the API, read field by field
type Json = any;

export type GitOpsState = 'done' | 'failed' | 'waiting';

export interface GitOpsVerdict {
  state: GitOpsState;
  /** Why it is done / failed / still waiting (one line). */
  message: string;
  /** Extra lines for the diagnosis when it failed (resources' messages), sanitised. */
  details: string[];
  /** A short line that changes when the progress does (sync/health, revision). */
  progress: string;
}

const MAX_DETAILS = 10;
const short = (sha: string) => sha.slice(0, 12);

/** The revision(s) Argo CD last compared/synced: `status.sync.revisions` for multi-source apps, else `revision`. */
export function syncedRevisions(app: Json): string[] {
  const sync = app?.status?.sync ?? {};
  if (Array.isArray(sync.revisions) && sync.revisions.length > 0) return sync.revisions.map(String);
  return typeof sync.revision === 'string' && sync.revision ? [sync.revision] : [];
}

const isOurs = (revisions: string[], sha: string) =>
  revisions.length > 0 && revisions.every((r) => r.trim().toLowerCase() === sha);

/** The revisions the current (or last) operation was about. */
function operationRevisions(op: Json): string[] {
  const result = op?.syncResult ?? {};
  if (Array.isArray(result.revisions) && result.revisions.length > 0) return result.revisions.map(String);
  if (typeof result.revision === 'string' && result.revision) return [result.revision];
  const wanted = op?.operation?.sync ?? {};
  if (Array.isArray(wanted.revisions) && wanted.revisions.length > 0) return wanted.revisions.map(String);
  return typeof wanted.revision === 'string' && wanted.revision ? [wanted.revision] : [];
}

function resourceName(r: Json): string {
  const kind = String(r?.kind ?? 'resource');
  const ns = r?.namespace ? `${r.namespace}/` : '';
  return `${kind}/${ns}${String(r?.name ?? '?')}`;
}

/** The failing resources' messages: degraded health, failed sync results and hooks. */
export function failingResources(app: Json): string[] {
  const lines: string[] = [];
  for (const r of Array.isArray(app?.status?.resources) ? app.status.resources : []) {
    const health = r?.health?.status;
    if (health === 'Degraded' || health === 'Missing') {
      lines.push(`${resourceName(r)}: ${health}${r.health.message ? `: ${r.health.message}` : ''}`);
    }
  }
  const results = app?.status?.operationState?.syncResult?.resources;
  for (const r of Array.isArray(results) ? results : []) {
    const failed = r?.status === 'SyncFailed' || r?.hookPhase === 'Failed' || r?.hookPhase === 'Error';
    if (failed) lines.push(`${resourceName(r)}: ${r.status ?? r.hookPhase}${r.message ? `: ${r.message}` : ''}`);
  }
  const unique = [...new Set(lines.map((l) => sanitizeLine(l, 300)))];
  return unique.length > MAX_DETAILS
    ? [...unique.slice(0, MAX_DETAILS), `… and ${unique.length - MAX_DETAILS} more`]
    : unique;
}

/**
 * Done when every synced revision is `sha` (a full, lower-case SHA), sync Synced and health Healthy. Failed at
 * once when, on our revision, health is Degraded, or an operation about our revision (or, when it names none, one
 * started at/after `since`) ended Failed/Error. A degraded app still on an older revision is waited on: that is
 * the previous release, not ours.
 */
export function argoAppVerdict(app: Json, sha: string, since?: Date): GitOpsVerdict {
  const sync = String(app?.status?.sync?.status ?? 'Unknown');
  const health = String(app?.status?.health?.status ?? 'Unknown');
  const revisions = syncedRevisions(app);
  const ours = isOurs(revisions, sha);
  const op = app?.status?.operationState;
  const phase = op?.phase ? String(op.phase) : '';
  const shown = revisions.length > 0 ? revisions.map(short).join(',') : 'none';
  const progress = `sync ${sync}, health ${health}, revision ${shown}${phase ? `, operation ${phase}` : ''}`;
  const verdict = (state: GitOpsState, message: string, details: string[] = []): GitOpsVerdict => ({
    state,
    message: sanitizeLine(message),
    details,
    progress: sanitizeLine(progress),
  });

  if (phase === 'Failed' || phase === 'Error') {
    const opRevisions = operationRevisions(op);
    const started = Date.parse(String(op?.startedAt ?? ''));
    const about = opRevisions.length > 0 ? isOurs(opRevisions, sha) : since !== undefined && started >= since.getTime();
    if (about) {
      return verdict(
        'failed',
        `the sync operation ended ${phase}: ${String(op?.message ?? 'no message')}`,
        failingResources(app),
      );
    }
  }
  if (ours && health === 'Degraded') {
    const message = app?.status?.health?.message ? `: ${app.status.health.message}` : '';
    return verdict(
      'failed',
      `revision ${short(sha)} is applied but the application is Degraded${message}`,
      failingResources(app),
    );
  }
  if (ours && sync === 'Synced' && health === 'Healthy') {
    return verdict('done', `revision ${short(sha)} is synced and healthy`);
  }
  const why = !ours
    ? `waiting for revision ${short(sha)} (synced: ${shown})`
    : `revision ${short(sha)} is applied; sync ${sync}, health ${health}`;
  return verdict('waiting', why);
}
