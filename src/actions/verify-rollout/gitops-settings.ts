/** The GitOps inputs of verify-rollout (Argo CD, Flux), validated before anything is read. */
import { InputError } from '../../core/errors';
import { parseCommitSha } from '../../core/rollout/gitops-revision';
import { parseBoolean, type RawInputs } from '../../inputs/read';

export interface GitOpsSettings {
  /** Full commit SHA, lower case. */
  revision: string;
  refresh: boolean;
  argocd?: { name: string; namespace: string | undefined; server: string | undefined; token: string };
  fluxKustomization?: string;
  fluxHelmRelease?: string;
}

const nameRe = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

function objectName(input: string, value: string): string {
  if (!nameRe.test(value) || value.length > 253) {
    throw new InputError(input, `'${value}' is not an object name (lowercase RFC 1123 subdomain)`);
  }
  return value;
}

/** undefined when no GitOps object is named. */
export function parseGitOpsSettings(raw: RawInputs): GitOpsSettings | undefined {
  const get = (name: string) => (raw[name] ?? '').trim();
  const app = get('argocd-app');
  const kustomization = get('flux-kustomization');
  const helmRelease = get('flux-helmrelease');
  const server = get('argocd-server');
  const token = get('argocd-token');
  if (!app && !kustomization && !helmRelease) {
    // Without a GitOps object, `revision` still names the commit a `rollback: true` reverts (settings.ts checks it).
    const rollback = parseBoolean('rollback', get('rollback') || 'false');
    for (const stray of ['argocd-server', 'argocd-token', ...(rollback ? [] : ['revision'])]) {
      if (get(stray)) {
        throw new InputError(
          stray,
          stray === 'revision'
            ? 'needs `argocd-app`, `flux-kustomization` or `flux-helmrelease` (what to wait for), or `rollback: true` (what to revert)'
            : 'needs `argocd-app`, `flux-kustomization` or `flux-helmrelease`',
        );
      }
    }
    return undefined;
  }
  const revisionText = get('revision');
  if (!revisionText)
    throw new InputError('revision', "is required with a GitOps application (update-gitops-tag's `commit` output)");
  const revision = parseCommitSha(revisionText);
  if (!revision) throw new InputError('revision', `'${revisionText}' is not a full commit SHA (40 or 64 hex digits)`);
  const settings: GitOpsSettings = { revision, refresh: parseBoolean('refresh', get('refresh') || 'true') };
  if (app) {
    const [first, second, ...rest] = app.split('/');
    if (rest.length > 0 || first === undefined)
      throw new InputError('argocd-app', `'${app}' is not \`name\` or \`namespace/name\``);
    const name = objectName('argocd-app', second ?? first);
    const namespace = second === undefined ? undefined : objectName('argocd-app', first);
    if (server) {
      let url: URL | undefined;
      try {
        url = new URL(server);
      } catch {
        url = undefined;
      }
      if (!url || !['http:', 'https:'].includes(url.protocol) || url.username || url.password) {
        throw new InputError(
          'argocd-server',
          `expected an http(s) URL without credentials, e.g. https://argocd.example.com`,
        );
      }
      if (!token) throw new InputError('argocd-token', 'is required with `argocd-server`');
    } else if (token) {
      throw new InputError(
        'argocd-server',
        'is required with `argocd-token` (without both, the Application is read through the Kubernetes API)',
      );
    }
    settings.argocd = { name, namespace, server: server || undefined, token };
  } else if (server || token) {
    throw new InputError(server ? 'argocd-server' : 'argocd-token', 'needs `argocd-app`');
  }
  if (kustomization) settings.fluxKustomization = objectName('flux-kustomization', kustomization);
  if (helmRelease) settings.fluxHelmRelease = objectName('flux-helmrelease', helmRelease);
  return settings;
}
