import { InputError } from '../errors';
import { redactCredentials } from '../text/url-credentials';

/**
 * Where a merge request goes: which forge API (GitHub or GitLab), its root URL and the project,
 * from the inputs, the config repository's remote URL and the CI platform's variables (passed in:
 * cores never read the environment).
 */

export type Forge = 'github' | 'gitlab';

export interface RequestTarget {
  forge: Forge;
  /** API root without a trailing slash, e.g. https://api.github.com or https://gitlab.example.com/api/v4. */
  apiUrl: string;
  /** GitHub `owner/repo`; GitLab project path or numeric id. */
  project: string;
}

export interface RequestTargetInputs {
  forge: 'auto' | Forge;
  apiUrl: string;
  project: string;
  /** The remote the change is pushed to (a URL, or a local path). */
  remoteUrl: string;
  /** True when `repository` was left empty (the workspace's own repository). */
  workspaceRepository: boolean;
}

/** Platform variables read by the action: GITHUB_ACTIONS, GITHUB_SERVER_URL, GITHUB_API_URL, GITHUB_REPOSITORY, GITLAB_CI, CI_SERVER_URL, CI_API_V4_URL, CI_PROJECT_PATH. */
export type PlatformEnv = Readonly<Record<string, string | undefined>>;

interface RemoteLocation {
  scheme: 'http' | 'https' | 'ssh';
  /** Host name, lower case, without port. */
  hostname: string;
  /** Host with port, for http(s) remotes. */
  host: string;
  /** Path without leading/trailing slashes and `.git`. */
  path: string;
}

/** Host and repository path of a git remote URL (https, ssh:// or scp form); undefined for a local path. */
export function remoteLocation(remote: string): RemoteLocation | undefined {
  const shown = redactCredentials(remote).shown;
  const clean = (path: string) => path.replace(/^\/+|\/+$/g, '').replace(/\.git$/, '');
  const scheme = /^(https?|ssh|git\+ssh|ssh\+git):\/\//i.exec(shown)?.[1]?.toLowerCase();
  if (scheme) {
    try {
      const url = new URL(scheme.includes('ssh') ? shown.replace(/^[^:]+:/, 'ssh:') : shown);
      return {
        scheme: scheme.startsWith('http') ? (scheme as 'http' | 'https') : 'ssh',
        hostname: url.hostname.toLowerCase(),
        host: url.host.toLowerCase(),
        path: clean(decodeURIComponent(url.pathname)),
      };
    } catch {
      return undefined;
    }
  }
  const scp = /^(?:[^@/\s]+@)?([^:/\s]+):(?!\/\/)(.+)$/.exec(shown);
  if (scp?.[1] && scp[2] && !/^[a-z]$/i.test(scp[1])) {
    const hostname = scp[1].toLowerCase();
    return { scheme: 'ssh', hostname, host: hostname, path: clean(scp[2]) };
  }
  return undefined;
}

function hostnameOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
}

function detectForge(inputs: RequestTargetInputs, remote: RemoteLocation | undefined, env: PlatformEnv): Forge {
  if (inputs.forge !== 'auto') return inputs.forge;
  if (inputs.apiUrl) {
    if (/\/api\/v4\/?$/.test(inputs.apiUrl)) return 'gitlab';
    if (/\/api\/v3\/?$/.test(inputs.apiUrl) || hostnameOf(inputs.apiUrl) === 'api.github.com') return 'github';
  }
  const host = remote?.hostname;
  if (host) {
    if (host === 'github.com' || host.endsWith('.github.com')) return 'github';
    if (host === 'gitlab.com' || host.startsWith('gitlab.')) return 'gitlab';
    if (host === hostnameOf(env.GITHUB_SERVER_URL)) return 'github';
    if (host === hostnameOf(env.CI_SERVER_URL)) return 'gitlab';
  }
  if (env.GITHUB_ACTIONS === 'true') return 'github';
  if (env.GITLAB_CI === 'true') return 'gitlab';
  throw new InputError(
    'forge',
    "cannot tell whether the config repository is on GitHub or GitLab; set 'forge' to github or gitlab",
  );
}

function defaultApiUrl(forge: Forge, remote: RemoteLocation | undefined, env: PlatformEnv): string {
  const platformApi = forge === 'github' ? env.GITHUB_API_URL : env.CI_API_V4_URL;
  const platformServer = forge === 'github' ? (env.GITHUB_SERVER_URL ?? 'https://github.com') : env.CI_SERVER_URL;
  if (platformApi && (!remote || remote.hostname === hostnameOf(platformServer))) return platformApi;
  if (remote) {
    if (forge === 'github' && (remote.hostname === 'github.com' || remote.hostname === 'ssh.github.com')) {
      return 'https://api.github.com';
    }
    // An http(s) remote keeps its scheme and port; an ssh remote's API is on https.
    const origin = remote.scheme === 'ssh' ? `https://${remote.hostname}` : `${remote.scheme}://${remote.host}`;
    return `${origin}/api/${forge === 'github' ? 'v3' : 'v4'}`;
  }
  if (forge === 'github') return 'https://api.github.com';
  throw new InputError('api-url', 'cannot derive the GitLab API URL from a local repository path; give api-url');
}

function checkApiUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InputError('api-url', `'${redactCredentials(url).shown}' is not a URL`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new InputError('api-url', `expected an http(s) URL, got '${redactCredentials(url).shown}'`);
  }
  if (parsed.username || parsed.password) {
    throw new InputError('api-url', "must not carry credentials: give the token in 'token'");
  }
  if (parsed.search || parsed.hash) throw new InputError('api-url', 'expected the API root, without query or fragment');
  return parsed.href.replace(/\/+$/, '');
}

const SEGMENT = '[A-Za-z0-9_.][A-Za-z0-9_.-]*';
const GITHUB_PROJECT = new RegExp(`^${SEGMENT}/${SEGMENT}$`);
const GITLAB_PROJECT = new RegExp(`^(\\d+|${SEGMENT}(/${SEGMENT})+)$`);

function checkProject(forge: Forge, project: string, from: string): string {
  const ok = forge === 'github' ? GITHUB_PROJECT.test(project) : GITLAB_PROJECT.test(project);
  if (!ok) {
    const expected = forge === 'github' ? 'owner/repo' : 'a project path (group/project) or numeric id';
    throw new InputError('project', `${from ? `${from} ` : ''}'${project}' is not ${expected}`);
  }
  return project;
}

function defaultProject(
  forge: Forge,
  apiUrl: string,
  remote: RemoteLocation | undefined,
  inputs: RequestTargetInputs,
  env: PlatformEnv,
): string {
  if (remote) {
    let path = remote.path;
    // A GitLab served under a path (https://host/gitlab/api/v4) has that prefix in its clone URLs too.
    const prefix = new URL(apiUrl).pathname.replace(/\/api\/v[34]\/?$/, '').replace(/^\/+|\/+$/g, '');
    if (prefix && path.startsWith(`${prefix}/`) && remote.hostname === hostnameOf(apiUrl)) {
      path = path.slice(prefix.length + 1);
    }
    return checkProject(forge, path, `the remote URL's path`);
  }
  const fromPlatform = inputs.workspaceRepository
    ? forge === 'github'
      ? env.GITHUB_REPOSITORY
      : env.CI_PROJECT_PATH
    : undefined;
  if (fromPlatform) return checkProject(forge, fromPlatform, 'the platform project');
  throw new InputError(
    'project',
    `cannot tell the project from the repository '${redactCredentials(inputs.remoteUrl).shown}'; give ${forge === 'github' ? 'owner/repo' : 'the GitLab project path or id'}`,
  );
}

export function resolveRequestTarget(inputs: RequestTargetInputs, env: PlatformEnv): RequestTarget {
  const remote = remoteLocation(inputs.remoteUrl);
  const forge = detectForge(inputs, remote, env);
  const apiUrl = checkApiUrl(inputs.apiUrl || defaultApiUrl(forge, remote, env));
  const project = inputs.project
    ? checkProject(forge, inputs.project, '')
    : defaultProject(forge, apiUrl, remote, inputs, env);
  return { forge, apiUrl, project };
}
