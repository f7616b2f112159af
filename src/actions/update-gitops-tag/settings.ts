import { InputError } from '../../core/errors';
import { defaultSourceBranch, isValidBranchName } from '../../core/gitops/merge-request';
import type { Forge } from '../../core/gitops/request-target';
import type { UpdateSettings } from '../../core/gitops/update';
import { isValidDigest, isValidTag, parseReference } from '../../core/image/reference';
import { excerpt } from '../../core/text/control';
import { redactCredentials } from '../../core/text/url-credentials';
import { parseBoolean, parseInteger, parseList, type RawInputs } from '../../inputs/read';

export interface Settings extends UpdateSettings {
  repository: string;
  branch: string;
  token: string;
  username: string;
  authorName: string;
  authorEmail: string;
  /** Set in merge-request mode: where the request comes from and goes. */
  mergeRequest: MergeRequestSettings | undefined;
}

export interface MergeRequestSettings {
  /** The branch cdpack owns and force-pushes; never `branch`. */
  sourceBranch: string;
  autoMerge: boolean;
  forge: 'auto' | Forge;
  /** '' for the default (platform variable or derived from the remote). */
  apiUrl: string;
  /** '' for the default (from the remote URL or the platform). */
  project: string;
}

/**
 * Typed settings from inputs that readInputs has already defaulted and checked (required, options,
 * type), so a bad value fails before anything is cloned or pushed.
 */
export function parseSettings(raw: RawInputs): Settings {
  const get = (name: string) => raw[name] ?? '';
  const image = get('image');
  const parsed = parseReference(image);
  if (!parsed.ok) throw new InputError('image', `'${image}' is not an image repository (${parsed.reason})`);
  if (parsed.ref.tag || parsed.ref.digest) {
    throw new InputError('image', `give the repository without tag or digest (got '${image}'); use 'tag' and 'digest'`);
  }
  const tag = get('tag') || undefined;
  const digest = get('digest') || undefined;
  if (!tag && !digest) throw new InputError('tag', "give 'tag', 'digest' or both");
  if (tag && !isValidTag(tag)) {
    throw new InputError('tag', `'${tag}' is not a valid tag: 1-128 of [A-Za-z0-9_.-], not starting with '.' or '-'`);
  }
  if (digest && !isValidDigest(digest)) {
    throw new InputError('digest', `'${digest}' is not a digest: expected sha256: followed by 64 lowercase hex digits`);
  }
  const branch = get('branch');
  if (!isValidBranchName(branch)) throw new InputError('branch', `'${branch}' is not a valid branch name`);
  const files = parseList(get('files'));
  if (files.length === 0) throw new InputError('files', 'list at least one path or glob');
  const mergeRequest =
    get('mode') === 'merge-request' ? parseMergeRequest(get, { image, files, targetBranch: branch }) : undefined;
  const key = get('key') || undefined;
  if (key && !/^[^.\s]+(\.[^.\s]+)*$/.test(key)) {
    throw new InputError('key', `'${key}' is not a dotted YAML path such as image.tag`);
  }
  return {
    repository: checkRepository(get('repository')),
    branch,
    token: get('token'),
    username: get('username'),
    files,
    image,
    tag,
    digest,
    key,
    commitMessage: get('commit-message'),
    authorName: get('author-name'),
    authorEmail: get('author-email'),
    maxAttempts: parseInteger('max-attempts', get('max-attempts'), 1, 100),
    dryRun: parseBoolean('dry-run', get('dry-run')),
    mergeRequest,
  };
}

function parseMergeRequest(
  get: (name: string) => string,
  job: { image: string; files: string[]; targetBranch: string },
): MergeRequestSettings {
  const sourceBranch = get('source-branch') || defaultSourceBranch(job);
  if (!isValidBranchName(sourceBranch)) {
    throw new InputError('source-branch', `'${sourceBranch}' is not a valid branch name`);
  }
  if (sourceBranch === job.targetBranch) {
    throw new InputError(
      'source-branch',
      `'${sourceBranch}' is the target branch ('branch'); the request needs a branch of its own that cdpack may rewrite`,
    );
  }
  return {
    sourceBranch,
    autoMerge: parseBoolean('auto-merge', get('auto-merge')),
    forge: get('forge') as 'auto' | Forge,
    apiUrl: get('api-url'),
    project: get('project'),
  };
}

const REPOSITORY_SCHEMES = ['https:', 'http:', 'ssh:'];

/**
 * The shape of `repository`, so a bad value fails here naming the input rather than inside git: an https, http
 * or ssh URL with a host, an scp-like `user@host:path`, or a local path ('' is the workspace). Remote helpers
 * (`ext::…`) and option-like values are refused; whether a path exists is checked when it is resolved.
 */
function checkRepository(value: string): string {
  const shown = excerpt(redactCredentials(value).shown, 80);
  if (value.startsWith('-')) throw new InputError('repository', `'${shown}' must not start with '-'`);
  if (/^[a-z][a-z0-9+.-]*::/i.test(value)) {
    throw new InputError('repository', `'${shown}' is a git remote-helper address; give an https, http or ssh URL`);
  }
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return value; // scp-like address or local path
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  // WHATWG URL reads `https:///path` as host `path`: an authority must follow `//` itself.
  const hasAuthority = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]/i.test(value);
  if (!url || !hasAuthority || !REPOSITORY_SCHEMES.includes(url.protocol) || url.hostname === '') {
    throw new InputError(
      'repository',
      `'${shown}' is not a repository URL: expected https://host/path, http://host/path, ssh://host/path, user@host:path or a local path`,
    );
  }
  return value;
}
