import { createHash } from 'node:crypto';
import { escapeControlLine } from '../text/control';
import { escapeMarkdown, markdownCode, markdownLink } from '../text/markdown';
import type { FileEdit, ImageUpdate } from './types';
import { versionOf } from './update';

/**
 * merge-request mode of update-gitops-tag, the decisions only: which branch cdpack owns, what the
 * request says, and whether to open a request or update the one already open. The forge adapters
 * (src/tools/merge-requests/) do the talking.
 */

/** A merge request (GitLab) or pull request (GitHub), as both adapters report it. */
export interface MergeRequest {
  /** GitLab: the IID (`!N`); GitHub: the number (`#N`). */
  number: number;
  /** Web page of the request. */
  url: string;
  title: string;
  body: string;
  sourceBranch: string;
  targetBranch: string;
  /** GitHub's GraphQL node id (auto-merge goes through GraphQL). */
  nodeId?: string;
}

export interface RequestText {
  title: string;
  body: string;
}

/** A git branch name git accepts (check-ref-format, roughly) that cannot be read as an option. */
export function isValidBranchName(name: string): boolean {
  return (
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are not allowed in ref names
    /^(?!-)(?!.*\.\.)(?!.*\/\/)(?!.*@\{)[^\s~^:?*[\\\x00-\x1f\x7f]+(?<![/.])$/.test(name) && !name.endsWith('.lock')
  );
}

/** GitLab's and GitHub's title limits are 255 and 256 characters. */
const TITLE_MAX = 255;
/** Rows listed in the request's table; the rest are counted. GitHub caps a body at 65,536 characters. */
const ROWS_MAX = 100;

/**
 * The branch cdpack owns for one job: the same on every run of that job (so a later run finds and
 * updates its request), different for jobs that bump the same image in other files or into
 * another branch (staging and prod must not overwrite each other's request). Readable part: the
 * image path without its registry; the hash covers target branch, image and the sorted files.
 */
export function defaultSourceBranch(update: { image: string; files: string[]; targetBranch: string }): string {
  const slash = update.image.indexOf('/');
  const host = slash < 0 ? '' : update.image.slice(0, slash);
  // Same rule as image references: a first part with a dot or colon (or localhost) is a registry.
  const path = /[.:]/.test(host) || host === 'localhost' ? update.image.slice(slash + 1) : update.image;
  const slug =
    path
      .toLowerCase()
      .replace(/[^a-z0-9._-]+/g, '-')
      .replace(/\.{2,}/g, '.')
      .replace(/^[-.]+|[-.]+$/g, '')
      .slice(0, 60)
      .replace(/[-.]+$/, '') || 'image';
  const identity = JSON.stringify([update.targetBranch, update.image, [...update.files].sort()]);
  const hash = createHash('sha256').update(identity).digest('hex').slice(0, 8);
  return `cdpack/${slug}-${hash}`;
}

export interface RequestTextInput {
  update: ImageUpdate;
  /** The rendered commit message: its first line becomes the title. */
  commitMessage: string;
  edits: FileEdit[];
  sourceBranch: string;
  targetBranch: string;
  /** The CI run that made the change (a link when it is a safe https URL). */
  runUrl?: string | undefined;
}

/**
 * Title and description of the request. Everything in the body that comes from inputs or the
 * repository (paths, references) is escaped Markdown, so a file name cannot add links, HTML or rows.
 */
export function requestText(input: RequestTextInput): RequestText {
  const version = versionOf(input.update);
  const firstLine = input.commitMessage.split('\n').find((line) => line.trim() !== '') ?? '';
  let title = escapeControlLine(firstLine.trim()) || `Set ${input.update.image} to ${version}`;
  if (title.length > TITLE_MAX) title = `${title.slice(0, TITLE_MAX - 1)}…`;

  const places = input.edits.flatMap((e) =>
    e.targets.filter((t) => t.previous !== t.next).map((t) => ({ path: e.path, ...t })),
  );
  const rows = places
    .slice(0, ROWS_MAX)
    .map(
      (p) =>
        `| ${markdownCode(p.path)}:${p.line} | ${escapeMarkdown(p.kind)} | ${p.previous ? markdownCode(p.previous) : '(added)'} | ${markdownCode(p.next)} |`,
    );
  if (places.length > ROWS_MAX) rows.push(`| … and ${places.length - ROWS_MAX} more | | | |`);
  const by = input.runUrl ? ` by ${markdownLink('this run', input.runUrl)}` : '';
  const body = [
    `Sets ${markdownCode(input.update.image)} to ${markdownCode(version)} in ${markdownCode(input.targetBranch)}.`,
    '',
    '| Place | Kind | Before | After |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    `Opened or updated${by} with cdpack update-gitops-tag. cdpack owns the branch ${markdownCode(input.sourceBranch)}: ` +
      `every run rewrites it from the tip of ${markdownCode(input.targetBranch)}, so commits pushed to it by hand are replaced.`,
    '',
  ].join('\n');
  return { title, body };
}

export type RequestPlan =
  | { action: 'open' }
  | {
      action: 'update';
      request: MergeRequest;
      /** Whether the title or description differs from what we would write. */
      textChanged: boolean;
      /** Further open requests from the same branch (left alone; someone opened them by hand). */
      others: MergeRequest[];
    };

/**
 * Open a request, or update the one already open from `source` into `target`. The forge's list is
 * filtered again here (it is an answer from the network, and a filter we did not write). With
 * several, the oldest is the one cdpack keeps updating.
 */
export function planRequest(open: MergeRequest[], source: string, target: string, text: RequestText): RequestPlan {
  const ours = open
    .filter((r) => r.sourceBranch === source && r.targetBranch === target)
    .sort((a, b) => a.number - b.number);
  const [request, ...others] = ours;
  if (!request) return { action: 'open' };
  const textChanged = request.title !== text.title || normalize(request.body) !== normalize(text.body);
  return { action: 'update', request, textChanged, others };
}

/** Forges store descriptions with CRLF or trimmed: compare what a reader sees. */
function normalize(text: string): string {
  return text.replace(/\r\n/g, '\n').trim();
}
