/**
 * The Argo CD REST API, as far as verify-rollout needs it: read one Application (optionally asking for a refresh).
 * The token travels only in the Authorization header; errors name the input, never the token or a response body.
 */
import { CdpackError } from '../../core/errors';
import { sanitizeLine } from '../../core/rollout/sanitize';
import { HttpClient, type HttpClientOptions } from '../http/client';

// biome-ignore lint/suspicious/noExplicitAny: Application JSON, read field by field by core/rollout/argocd
export type ArgoApplication = any;

export class ArgoCdApiError extends CdpackError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface ArgoCdApi {
  readonly description: string;
  /** GET /api/v1/applications/{name}; `refresh: 'normal'` makes Argo CD compare with git now. */
  getApplication(
    name: string,
    options: { appNamespace?: string | undefined; refresh?: 'normal' | undefined; signal?: AbortSignal | undefined },
  ): Promise<ArgoApplication>;
  close(): void;
}

/** The `message` (or `error`) of an Argo CD error body, sanitised and short; '' when there is none. */
function apiMessage(body: string): string {
  try {
    const parsed = JSON.parse(body) as { message?: unknown; error?: unknown };
    return sanitizeLine(parsed.message ?? parsed.error ?? '', 200);
  } catch {
    return '';
  }
}

export function createArgoCdApi(
  server: string,
  token: string,
  options: { env?: HttpClientOptions['env']; http?: HttpClient } = {},
): ArgoCdApi {
  const base = new URL(server);
  const http = options.http ?? new HttpClient({ env: options.env ?? {}, idleTimeoutMs: 30_000 });
  return {
    description: `Argo CD ${base.origin}`,
    async getApplication(name, { appNamespace, refresh, signal }) {
      const url = new URL(
        `api/v1/applications/${encodeURIComponent(name)}`,
        base.href.endsWith('/') ? base : `${base.href}/`,
      );
      if (appNamespace) url.searchParams.set('appNamespace', appNamespace);
      if (refresh) url.searchParams.set('refresh', refresh);
      const res = await http.request({
        method: 'GET',
        url: url.href,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        ...(signal ? { signal } : {}),
      });
      const body = (await res.buffer()).toString('utf8');
      if (res.status === 200) {
        try {
          return JSON.parse(body);
        } catch {
          throw new ArgoCdApiError(
            res.status,
            `Argo CD answered application '${name}' with something that is not JSON`,
          );
        }
      }
      const detail = apiMessage(body);
      const suffix = detail ? `: ${detail}` : '';
      if (res.status === 401) {
        throw new ArgoCdApiError(
          401,
          `Argo CD rejected \`argocd-token\` (401 Unauthorized${suffix}); give a valid API token`,
        );
      }
      if (res.status === 403 || res.status === 404) {
        // Argo CD answers 403 "permission denied" for an application that does not exist, too.
        throw new ArgoCdApiError(
          res.status,
          `Argo CD application '${name}'${appNamespace ? ` in namespace '${appNamespace}'` : ''} not found or not readable with \`argocd-token\` (${res.status}${suffix})`,
        );
      }
      throw new ArgoCdApiError(res.status, `Argo CD answered ${res.status} for application '${name}'${suffix}`);
    },
    close() {
      if (!options.http) http.close();
    },
  };
}
