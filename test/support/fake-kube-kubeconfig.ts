/**
 * Kubeconfig files for the fake API server, one per kind of credentials kubectl and cdpack resolve:
 * a static token, a client certificate (files or `-data`), basic auth, an exec credential plugin
 * (a shell script printing an ExecCredential and logging each call), or none; the cluster trusted
 * through `certificate-authority(-data)` or `insecure-skip-tls-verify`.
 */
import { chmodSync, writeFileSync } from 'node:fs';
import { stringify as toYaml } from 'yaml';
import type { FakeKubeAuth } from './fake-kube-api';
import type { Raw } from './fake-kube-resources';
import type { FakeKubePki } from './fake-kube-tls';

export interface KubeconfigOptions {
  /** Which credentials to write (default: the first the server accepts: token, client cert, basic; `none` writes none). */
  auth?: 'token' | 'cert' | 'exec' | 'basic' | 'none';
  /** A different token (e.g. a wrong one), for `token` and `exec`. */
  token?: string;
  /** Basic auth user/password (default: the server's). */
  user?: string;
  password?: string;
  /** Client certificate subject, and whether an untrusted CA signs it. */
  certUser?: string;
  certGroups?: string[];
  untrustedCert?: boolean;
  /** ExecCredential version for `exec` (default v1) and an expiry to report. */
  execApiVersion?: 'client.authentication.k8s.io/v1' | 'client.authentication.k8s.io/v1beta1';
  execExpiry?: string;
  namespace?: string;
  /** Embed certificates as `-data` (base64) instead of file paths. */
  inline?: boolean;
  /** `insecure-skip-tls-verify: true` instead of a certificate authority. */
  insecure?: boolean;
  contextName?: string;
  /** Where to write it (default: a new file in the fake's directory). */
  file?: string;
}

export interface KubeconfigServer {
  url: string;
  auth: FakeKubeAuth;
  /** Undefined for a plain-HTTP server. */
  pki: FakeKubePki | undefined;
  /** Where to write the kubeconfig. */
  file: string;
}

/** Where the exec plugin of an `auth: 'exec'` kubeconfig logs its calls (one line per call: KUBERNETES_EXEC_INFO). */
export function execPluginCallsFile(kubeconfigPath: string): string {
  return `${kubeconfigPath}.exec-calls`;
}

export async function writeFakeKubeconfig(server: KubeconfigServer, k: KubeconfigOptions): Promise<string> {
  const { url, auth, pki, file } = server;
  const mode =
    k.auth ??
    (Object.keys(auth.tokens ?? {}).length ? 'token' : auth.clientCert ? 'cert' : auth.basic ? 'basic' : 'none');
  const token = k.token ?? Object.keys(auth.tokens ?? {})[0] ?? 'no-token';
  const cluster: Raw = { server: url };
  if (pki) {
    if (k.insecure) cluster['insecure-skip-tls-verify'] = true;
    else if (k.inline) cluster['certificate-authority-data'] = Buffer.from(pki.ca).toString('base64');
    else cluster['certificate-authority'] = pki.caFile;
  }
  const user: Raw = {};
  if (mode === 'token') user.token = token;
  if (mode === 'basic') {
    user.username = k.user ?? auth.basic?.user ?? 'user';
    user.password = k.password ?? auth.basic?.password ?? 'password';
  }
  if (mode === 'cert') {
    if (!pki) throw new Error('fake-kube: client certificates need TLS');
    const cert = await pki.clientCert(k.certUser ?? 'cert-user', {
      groups: k.certGroups ?? [],
      untrusted: k.untrustedCert === true,
    });
    if (k.inline) {
      user['client-certificate-data'] = Buffer.from(cert.cert).toString('base64');
      user['client-key-data'] = Buffer.from(cert.key).toString('base64');
    } else {
      user['client-certificate'] = cert.certFile;
      user['client-key'] = cert.keyFile;
    }
  }
  if (mode === 'exec') {
    const apiVersion = k.execApiVersion ?? 'client.authentication.k8s.io/v1';
    const credential = {
      apiVersion,
      kind: 'ExecCredential',
      status: { token, ...(k.execExpiry ? { expirationTimestamp: k.execExpiry } : {}) },
    };
    const script = `${file}.exec-plugin.sh`;
    const calls = execPluginCallsFile(file);
    writeFileSync(
      script,
      `#!/bin/sh\necho "$KUBERNETES_EXEC_INFO" >> '${calls}'\ncat <<'EOF'\n${JSON.stringify(credential)}\nEOF\n`,
    );
    chmodSync(script, 0o755);
    user.exec = {
      apiVersion,
      command: script,
      args: [],
      env: [{ name: 'FAKE_KUBE_PLUGIN', value: '1' }],
      interactiveMode: 'Never',
      provideClusterInfo: false,
    };
  }
  const context = k.contextName ?? 'fake';
  const config = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: `${context}-cluster`, cluster }],
    users: [{ name: `${context}-user`, user }],
    contexts: [
      {
        name: context,
        context: {
          cluster: `${context}-cluster`,
          user: `${context}-user`,
          ...(k.namespace ? { namespace: k.namespace } : {}),
        },
      },
    ],
    'current-context': context,
  };
  writeFileSync(file, toYaml(config), { mode: 0o600 });
  return file;
}
