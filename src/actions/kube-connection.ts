/** The Kubernetes connection of set-image and verify-rollout: kubeconfig/context inputs → a KubeApi. */
import { CdpackError } from '../core/errors';
import type { Platform } from '../platform/types';
import { createKubeApi } from '../tools/kube/client';
import { loadKubeConnection } from '../tools/kube/config';
import { KubeApiError } from '../tools/kube/errors';
import { NetworkError } from '../tools/kube/transport';
import type { KubeApi } from '../tools/kube/types';

export interface KubeInputs {
  kubeconfig: string;
  context: string;
  namespace: string;
}

export interface KubeSession {
  api: KubeApi;
  namespace: string;
}

/** How the steps get their client; tests pass one that returns an in-memory KubeApi. */
export type Connect = (platform: Platform, inputs: KubeInputs) => KubeSession;

export const connectKube: Connect = (platform, inputs) => {
  // The client masks every credential in the kubeconfig; a base64 kubeconfig is one opaque line, masked whole.
  // (Masking a YAML kubeconfig line by line would also hide ordinary words such as `cluster:` in every log line.)
  const kubeconfig = inputs.kubeconfig.trim();
  if (kubeconfig && !kubeconfig.includes('\n')) platform.setSecret(kubeconfig);
  const connection = loadKubeConnection({
    env: platform.env,
    ...(inputs.kubeconfig ? { kubeconfig: inputs.kubeconfig } : {}),
    ...(inputs.context ? { context: inputs.context } : {}),
    baseDir: platform.workspace,
  });
  const api = createKubeApi(connection, { env: platform.env, setSecret: (v) => platform.setSecret(v), log: platform });
  return { api, namespace: inputs.namespace || api.namespace || 'default' };
};

/** An API failure about one object, in words that name it (404, 403 and the rest). */
export function describeApiError(e: unknown, action: string, object: string, namespace: string): Error {
  if (e instanceof NetworkError) {
    return new CdpackError(`cannot reach the Kubernetes API server to ${action} ${object}: ${e.message}`);
  }
  if (!(e instanceof KubeApiError)) return e instanceof Error ? e : new Error(String(e));
  if (e.status === 404) return new CdpackError(`${object} not found in namespace '${namespace}' (${action})`);
  if (e.status === 403) {
    return new CdpackError(
      `not allowed to ${action} ${object} in namespace '${namespace}' (RBAC): ${e.detail || e.reason}`,
    );
  }
  if (e.status === 401)
    return new CdpackError(`the API server rejected the credentials (${action} ${object}): ${e.detail || e.reason}`);
  return new CdpackError(`${action} ${object} in namespace '${namespace}': ${e.message}`);
}
