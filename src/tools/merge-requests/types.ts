import { CdpackError, InputError } from '../../core/errors';
import type { MergeRequest, RequestText } from '../../core/gitops/merge-request';
import { escapeControlLine } from '../../core/text/control';

/** One forge's merge/pull request API, as update-gitops-tag's merge-request mode needs it. */
export interface MergeRequestApi {
  /** For messages: `GitLab project acme/gitops at https://…`. */
  readonly description: string;
  /** Open requests from `source` into `target` in the project itself (not from forks). */
  listOpen(source: string, target: string): Promise<MergeRequest[]>;
  open(source: string, target: string, text: RequestText): Promise<MergeRequest>;
  update(request: MergeRequest, text: RequestText): Promise<MergeRequest>;
  /**
   * Asks the forge to merge the request once its checks pass, only while its head is `sha` (the
   * commit we pushed). Returns what happened, for the log.
   */
  enableAutoMerge(request: MergeRequest, sha: string): Promise<string>;
  close(): void;
}

export interface MergeRequestApiOptions {
  apiUrl: string;
  project: string;
  token: string;
  /** The job's environment (proxies). */
  env: Readonly<Record<string, string | undefined>>;
  /** Waits between auto-merge attempts while GitLab still computes mergeability (tests pass a no-op). */
  sleep?: (ms: number) => Promise<void>;
}

/**
 * A request's web URL from an API answer, when it is one: http(s), no whitespace or control
 * characters (it goes to outputs, the log and the summary). Anything else becomes ''.
 */
export function webUrl(value: unknown): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters disqualify a URL
  return typeof value === 'string' && value.length <= 2048 && /^https?:\/\/[^\s\x00-\x1f\x7f-\x9f]+$/i.test(value)
    ? value
    : '';
}

/** The server's own words from an error body (JSON `message`/`error`/`errors`), log-safe and short. */
export function serverMessage(body: unknown): string {
  let text = '';
  if (typeof body === 'string') {
    try {
      return serverMessage(JSON.parse(body));
    } catch {
      text = body.startsWith('<') ? '' : body; // an HTML error page says nothing useful
    }
  } else if (body && typeof body === 'object') {
    const o = body as Record<string, unknown>;
    const parts = [o.message, o.error, o.errors]
      .filter((p) => p !== undefined && p !== null)
      .map((p) => (typeof p === 'string' ? p : JSON.stringify(p)));
    text = parts.join('; ');
  }
  const line = escapeControlLine(text.trim());
  return line.length > 300 ? `${line.slice(0, 299)}…` : line;
}

/**
 * An API answer we cannot go on from, as an error that names what to fix: 401/403 the `token`,
 * 404 the `project` (when the forge says the project is missing) or else `api-url`.
 */
export function apiError(what: string, api: string, status: number, body: unknown): Error {
  const said = serverMessage(body);
  const detail = said ? ` (the server said: ${said})` : '';
  switch (status) {
    case 401:
      return new InputError('token', `${what}: ${api} answered 401 Unauthorized${detail}: check 'token'`);
    case 403:
      return new InputError(
        'token',
        `${what}: ${api} answered 403 Forbidden${detail}: the token lacks permission (GitHub: pull-requests: write; GitLab: api scope, Developer role)`,
      );
    case 404:
      if (/project not found/i.test(said)) {
        return new InputError('project', `${what}: ${api} answered 404${detail}: check 'project'`);
      }
      return new InputError(
        'api-url',
        `${what}: ${api} answered 404 Not Found${detail}: check 'api-url' and 'project' (and that 'token' can see the project)`,
      );
    default:
      return new CdpackError(`${what}: ${api} answered HTTP ${status}${detail}`);
  }
}
