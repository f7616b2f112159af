/**
 * Reverting an update-gitops-tag commit in the config repository: what to write (pure planning), and the same
 * fetch / re-edit / retry loop as the update (never a force push).
 *
 * Per file the commit changed: when the file is still as that commit left it, it is restored whole (a plain
 * revert). When a later commit changed it too, only the lines our commit changed are put back (the image
 * references), and only where they still read as our commit wrote them; a line changed again since is left alone
 * (a newer deploy owns it) and reported.
 */
import { CdpackError } from '../errors';
import type { Log } from '../log';
import { backoffMs, type ConfigRepo, realTiming, type Timing } from './update';

/** One file of the commit to revert: its text before the commit, after it, and on the branch tip now. */
export interface RevertInput {
  path: string;
  before: string | undefined;
  after: string | undefined;
  now: string | undefined;
}

export interface FileRevert {
  path: string;
  /** The text to write, or undefined when nothing changes in this file. */
  text: string | undefined;
  mode: 'whole-file' | 'lines' | 'already-reverted' | 'unchanged';
  /** `line 12: image: …:2.0.0 → image: …:1.0.0` for each line put back. */
  restored: string[];
  /** Lines of our commit changed again by a later commit (not touched). */
  skipped: string[];
}

const splitLines = (text: string): string[] => text.split('\n');

/** The commit's line changes as (line index, before, after) — update-gitops-tag edits lines in place. */
function lineChanges(before: string, after: string): { index: number; before: string; after: string }[] | undefined {
  const a = splitLines(before);
  const b = splitLines(after);
  if (a.length !== b.length) return undefined;
  return a.flatMap((line, index) => (line === b[index] ? [] : [{ index, before: line, after: b[index] as string }]));
}

export function planFileRevert(input: RevertInput): FileRevert {
  const { path, before, after, now } = input;
  const plan = (
    mode: FileRevert['mode'],
    text: string | undefined,
    restored: string[] = [],
    skipped: string[] = [],
  ) => ({
    path,
    text,
    mode,
    restored,
    skipped,
  });
  if (before === undefined || after === undefined) {
    throw new CdpackError(
      `${path}: the commit to revert ${before === undefined ? 'added' : 'deleted'} this file; only image edits are reverted`,
    );
  }
  if (now === undefined)
    throw new CdpackError(`${path}: deleted on the branch since the commit; nothing to restore into`);
  if (before === after) return plan('unchanged', undefined);
  if (now === after) return plan('whole-file', before, describe(lineChanges(before, after) ?? []));
  if (now === before) return plan('already-reverted', undefined);

  const changes = lineChanges(before, after);
  if (!changes) {
    throw new CdpackError(
      `${path}: changed since the commit to revert, and that commit added or removed lines, so its image edits cannot be restored on their own; revert it by hand`,
    );
  }
  const lines = splitLines(now);
  const restored: string[] = [];
  const skipped: string[] = [];
  const used = new Set<number>();
  for (const change of changes) {
    const at = findLine(lines, change.after, change.index, used);
    if (at === undefined) {
      // Reverted already, or rewritten by a later commit: either way not ours to change.
      if (findLine(lines, change.before, change.index, used) === undefined)
        skipped.push(`line ${change.index + 1}: ${change.after.trim()}`);
      continue;
    }
    used.add(at);
    lines[at] = change.before;
    restored.push(`line ${at + 1}: ${change.after.trim()} → ${change.before.trim()}`);
  }
  const text = lines.join('\n');
  return text === now ? plan('already-reverted', undefined, [], skipped) : plan('lines', text, restored, skipped);
}

function describe(changes: { index: number; before: string; after: string }[]): string[] {
  return changes.map((c) => `line ${c.index + 1}: ${c.after.trim()} → ${c.before.trim()}`);
}

/** The line equal to `text` nearest to `near` (lines may have shifted), not one already used. */
function findLine(lines: string[], text: string, near: number, used: Set<number>): number | undefined {
  let best: number | undefined;
  lines.forEach((line, i) => {
    if (line !== text || used.has(i)) return;
    if (best === undefined || Math.abs(i - near) < Math.abs(best - near)) best = i;
  });
  return best;
}

/** `Revert "<subject>"` with git's body, so tools and people recognise it. */
export function revertMessage(subject: string, commit: string): string {
  return `Revert "${subject}"\n\nThis reverts commit ${commit}.\n`;
}

/** What the revert flow needs besides the checkout: the commit's files before and after it. */
export interface CommitSource {
  /** Subject line of the commit. */
  subject: string;
  /** Paths the commit changed, with their texts before and after it. */
  files: { path: string; before: string | undefined; after: string | undefined }[];
}

export interface RevertResult {
  reverted: boolean;
  commit: string;
  files: FileRevert[];
  /** A later commit changed these files too: only our lines were restored. */
  partial: boolean;
  attempts: number;
  reason: string;
}

/**
 * Pushes the revert: plan on the current tip, write, commit, push; when the remote moved, refresh and plan again
 * on the new tip (jittered backoff, maxAttempts), as update-gitops-tag does.
 */
export async function revertGitopsCommit(
  repo: ConfigRepo,
  commit: string,
  source: CommitSource,
  options: { maxAttempts: number },
  log: Log,
  timing: Timing = realTiming,
): Promise<RevertResult> {
  for (let attempt = 1; attempt <= options.maxAttempts; attempt++) {
    const tracked = new Set(await repo.trackedFiles());
    const paths = source.files.map((f) => f.path);
    const present = paths.filter((p) => tracked.has(p));
    const texts = await repo.readFiles(present);
    const plans = source.files.map((f) =>
      planFileRevert({ ...f, now: tracked.has(f.path) ? texts[present.indexOf(f.path)] : undefined }),
    );
    const toWrite = plans.filter((p) => p.text !== undefined);
    const result: RevertResult = {
      reverted: toWrite.length > 0,
      commit: '',
      files: plans,
      partial: plans.some((p) => p.mode === 'lines'),
      attempts: attempt,
      reason: '',
    };
    if (toWrite.length === 0) {
      result.reason = `the branch no longer holds the changes of ${commit.slice(0, 12)} (already reverted or changed since)`;
      return result;
    }
    for (const p of toWrite) await repo.writeFile(p.path, p.text as string);
    const push = await repo.commitAndPush(revertMessage(source.subject, commit));
    if (push.pushed) {
      result.commit = push.commit;
      return result;
    }
    if (attempt === options.maxAttempts) break;
    const wait = backoffMs(attempt, timing.random);
    log.info(
      `push rejected (${push.reason}); attempt ${attempt}/${options.maxAttempts}, retrying on the new tip in ${wait} ms`,
    );
    await timing.sleep(wait);
    await repo.refresh();
  }
  throw new CdpackError(
    `push of the revert to ${repo.description} was rejected ${options.maxAttempts} times because the remote kept moving; nothing was pushed`,
  );
}
