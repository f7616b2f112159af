import { CdpackError } from '../errors';
import { formatReference } from '../image/reference';
import type { Log } from '../log';
import { backoffDelay } from '../retry';
import { editFile } from './edit';
import { imageNamesReaching, isKustomizationPath } from './kustomize-inputs';
import { resolveFiles } from './paths';
import type { FileEdit, ImageUpdate } from './types';

/** The config repository as the update flow sees it; the git adapter implements it. */
export interface ConfigRepo {
  /** Human name of the remote and branch, for messages (never carries credentials). */
  readonly description: string;
  trackedFiles(): Promise<string[]>;
  /** Texts of these repo-relative files, in order (only these need to be checked out). */
  readFiles(paths: string[]): Promise<string[]>;
  writeFile(path: string, text: string): Promise<void>;
  /** Unified diff of the working tree against the checked-out tip. */
  diff(): Promise<string>;
  /**
   * Commits every written file and pushes; `pushed: false` only when the remote moved meanwhile
   * (a race, retried on the new tip). A push the server refuses (hook, protected branch,
   * permission) throws with the server's message: retrying cannot change its answer.
   */
  commitAndPush(message: string): Promise<{ pushed: true; commit: string } | { pushed: false; reason: string }>;
  /** Fetches the remote tip and resets the working tree to it, discarding local edits. */
  refresh(): Promise<void>;
}

export interface UpdateSettings extends ImageUpdate {
  files: string[];
  commitMessage: string;
  maxAttempts: number;
  dryRun: boolean;
}

export interface UpdateResult {
  changed: boolean;
  commit: string;
  /** Changed files, repo-relative. */
  files: string[];
  /** File → previous image reference(s). */
  previous: Record<string, string>;
  /** Every matching place, changed or not, for the summary. */
  edits: FileEdit[];
  /** Why nothing was committed, when changed is false. */
  reason: string;
  attempts: number;
  diff: string;
}

export interface Timing {
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const realTiming: Timing = {
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** `{version}`: what the image is set to, e.g. `1.2.3`, `sha256:…` or `1.2.3@sha256:…`. */
export function versionOf(update: ImageUpdate): string {
  // formatReference('', …) starts with the separator of the first part (`:tag` or `@sha256:…`): drop it.
  return formatReference('', update.tag, update.digest).replace(/^[:@]/, '');
}

export function renderCommitMessage(template: string, update: ImageUpdate, files: string[]): string {
  const values: Record<string, string> = {
    image: update.image,
    tag: update.tag ?? '',
    digest: update.digest ?? '',
    version: versionOf(update),
    ref: formatReference(update.image, update.tag, update.digest),
    files: files.join(', '),
  };
  return template.replace(/\{(image|tag|digest|version|ref|files)\}/g, (_, name: string) => values[name] ?? '');
}

/**
 * Full-jitter exponential backoff: a random wait in [0, min(cap, base·2^(n-1))]. Sized so that 20 pipelines
 * racing on one branch all land within the default 10 attempts (the budget grows to about a minute).
 */
export function backoffMs(attempt: number, random: () => number, base = 500, cap = 15000): number {
  return backoffDelay(attempt, { baseDelayMs: base, maxDelayMs: cap, random });
}

/** Edits every listed file in the current checkout; nothing is written yet. */
async function planEdits(repo: ConfigRepo, settings: UpdateSettings): Promise<FileEdit[]> {
  const tracked = await repo.trackedFiles();
  const files = resolveFiles(settings.files, tracked);
  const texts = await repo.readFiles(files.map((f) => f.path));
  // Kustomizations also need the image names their resources write. Every read names all files
  // read so far: the checkout only keeps the files of the latest read.
  const paths = files.map((f) => f.path);
  const names = await imageNamesReaching(paths.filter(isKustomizationPath), tracked, async (more) => {
    const all = [...new Set([...paths, ...more])];
    const read = await repo.readFiles(all).catch(() => undefined); // e.g. a symlink out of the repository
    if (!read) return more.map(() => undefined);
    paths.splice(0, paths.length, ...all);
    return more.map((p) => read[all.indexOf(p)]);
  });
  return files.map((file, i) =>
    editFile(
      { path: file.path, text: texts[i] as string, explicit: file.explicit, imageNames: names.get(file.path) },
      settings,
    ),
  );
}

/**
 * Bumps the image in the config repository: edit, commit once, push. When the push is rejected
 * because the remote moved, the edit is re-run on the new tip (not rebased as text), so no
 * concurrent update is lost, with jittered backoff up to maxAttempts.
 */
export async function updateGitopsTag(
  repo: ConfigRepo,
  settings: UpdateSettings,
  log: Log,
  timing: Timing = realTiming,
): Promise<UpdateResult> {
  for (let attempt = 1; attempt <= settings.maxAttempts; attempt++) {
    const edits = await planEdits(repo, settings);
    reportUnmatched(edits, settings, log);

    const changed = edits.filter((e) => e.changed);
    const result: UpdateResult = {
      changed: changed.length > 0,
      commit: '',
      files: changed.map((e) => e.path),
      previous: previousOf(changed),
      edits,
      reason: '',
      attempts: attempt,
      diff: '',
    };
    if (changed.length === 0) {
      result.reason = `every target already holds ${formatReference(settings.image, settings.tag, settings.digest)}`;
      return result;
    }

    for (const e of changed) await repo.writeFile(e.path, e.text);
    result.diff = await repo.diff();
    if (settings.dryRun) {
      result.reason = 'dry-run: nothing committed or pushed';
      return result;
    }

    const message = renderCommitMessage(settings.commitMessage, settings, result.files);
    const push = await repo.commitAndPush(message);
    if (push.pushed) {
      result.commit = push.commit;
      return result;
    }
    if (attempt === settings.maxAttempts) break;
    const wait = backoffMs(attempt, timing.random);
    log.info(
      `push rejected (${push.reason}); attempt ${attempt}/${settings.maxAttempts}, retrying on the new tip in ${wait} ms`,
    );
    await timing.sleep(wait);
    await repo.refresh();
  }
  throw new CdpackError(
    `push to ${repo.description} was rejected ${settings.maxAttempts} times because the remote kept moving; nothing was pushed (raise 'max-attempts')`,
  );
}

/**
 * Fails when no file refers to the image (saying why when a file names it but cannot take the
 * update); otherwise notes skipped files and warns about files and places left unchanged.
 */
function reportUnmatched(edits: FileEdit[], settings: UpdateSettings, log: Log): void {
  const misses = edits.flatMap((e) => e.misses ?? []);
  if (!edits.some((e) => e.targets.length > 0)) {
    if (misses.length > 0) throw new CdpackError(misses.join('\n'));
    throw new CdpackError(
      `input 'image': no listed file refers to '${settings.image}' (looked in ${edits.map((e) => e.path).join(', ')})`,
    );
  }
  for (const e of edits) {
    if (e.skipped) log.info(`${e.path}: skipped: ${e.skipped}`);
    else if (e.targets.length === 0 && !e.misses) log.warn(`${e.path}: no reference to ${settings.image}`);
  }
  for (const miss of misses) log.warn(miss);
}

function previousOf(edits: FileEdit[]): Record<string, string> {
  const previous: Record<string, string> = {};
  for (const e of edits) {
    // Added entries (previous '') held nothing before.
    const changed = e.targets.filter((t) => t.previous !== t.next && t.previous !== '');
    const values = [...new Set(changed.map((t) => t.previous))];
    previous[e.path] = values.join(', ');
  }
  return previous;
}
