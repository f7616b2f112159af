import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import {
  decodeKubeconfigInput,
  inClusterConnection,
  kubeconfigPaths,
  loadKubeConnection,
  mergeKubeconfigs,
  parseKubeconfig,
  selectContext,
} from '../../../src/tools/kube/config';
import { KubeConfigError } from '../../../src/tools/kube/errors';

const pem = '-----BEGIN CERTIFICATE-----\nMIIBfake\n-----END CERTIFICATE-----\n';
const pemKey = '-----BEGIN EC PRIVATE KEY-----\nMHcfakekey\n-----END EC PRIVATE KEY-----\n';
const b64 = (s: string) => Buffer.from(s).toString('base64');

function config(body: string): string {
  return `apiVersion: v1\nkind: Config\n${body}`;
}

const simple = config(`current-context: dev
clusters:
- name: c
  cluster: {server: "https://k8s.example:6443/", certificate-authority-data: ${b64(pem)}}
users:
- name: u
  user: {token: abc}
contexts:
- name: dev
  context: {cluster: c, user: u, namespace: team}
- name: bare
  context: {cluster: c, user: u}
`);

describe('kubeconfig parsing and merging', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubecfg-unit-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('selects current-context, its cluster, user and namespace (server without a trailing slash)', () => {
    const c = selectContext(parseKubeconfig(simple, 'f', dir));
    assert.equal(c.contextName, 'dev');
    assert.equal(c.namespace, 'team');
    assert.equal(c.cluster.server, 'https://k8s.example:6443');
    assert.equal(c.cluster.certificateAuthority, pem);
    assert.equal(c.user.token, 'abc');
  });

  it("a context override wins; a context without a namespace gets 'default'", () => {
    const c = selectContext(parseKubeconfig(simple, 'f', dir), 'bare');
    assert.equal(c.contextName, 'bare');
    assert.equal(c.namespace, 'default');
  });

  it('merging: the first file to name an entry keeps it whole; the first current-context wins', () => {
    const a = parseKubeconfig(
      config(`clusters:
- name: c
  cluster: {server: "https://a:1"}
users:
- name: u
  user: {token: from-a}
contexts:
- name: x
  context: {cluster: c, user: u}
`),
      'a',
      dir,
    );
    const b = parseKubeconfig(
      config(`current-context: x
clusters:
- name: c
  cluster: {server: "https://b:1", tls-server-name: sni}
- name: only-b
  cluster: {server: "https://b:2"}
users:
- name: u
  user: {token: from-b}
contexts:
- name: x
  context: {cluster: only-b, user: u, namespace: nb}
`),
      'b',
      dir,
    );
    const merged = selectContext(mergeKubeconfigs([a, b]));
    assert.equal(merged.cluster.server, 'https://a:1');
    assert.equal(merged.cluster.tlsServerName, undefined, 'no field merging inside an entry');
    assert.equal(merged.user.token, 'from-a');
    assert.equal(merged.namespace, 'default');
    const reversed = selectContext(mergeKubeconfigs([b, a]));
    assert.equal(reversed.cluster.server, 'https://b:2');
    assert.equal(reversed.namespace, 'nb');
  });

  it('relative certificate and token paths resolve against the file that names them', () => {
    const sub = join(dir, 'sub');
    mkdirSync(join(sub, 'pki'), { recursive: true });
    writeFileSync(join(sub, 'pki', 'ca.crt'), pem);
    writeFileSync(join(sub, 'pki', 'client.crt'), pem);
    writeFileSync(join(sub, 'pki', 'client.key'), pemKey);
    writeFileSync(
      join(sub, 'config'),
      config(`current-context: x
clusters:
- name: c
  cluster: {server: "https://k:1", certificate-authority: pki/ca.crt}
users:
- name: u
  user: {client-certificate: pki/client.crt, client-key: pki/client.key, tokenFile: pki/token}
contexts:
- name: x
  context: {cluster: c, user: u}
`),
    );
    const c = loadKubeConnection({ env: { KUBECONFIG: `${join(dir, 'missing')}::${join(sub, 'config')}` } });
    assert.equal(c.cluster.certificateAuthority, pem);
    assert.equal(c.user.clientCertificate, pem);
    assert.equal(c.user.clientKey, pemKey);
    assert.equal(c.user.tokenFile, join(sub, 'pki', 'token'));
    assert.match(c.source, /^KUBECONFIG=/);
  });

  it('KUBECONFIG: empty entries and repeats dropped; unset means ~/.kube/config', () => {
    assert.deepEqual(kubeconfigPaths({ KUBECONFIG: 'a::b:a' }), ['a', 'b']);
    assert.equal(kubeconfigPaths({ KUBECONFIG: '' }), undefined);
    const home = join(dir, 'home');
    mkdirSync(join(home, '.kube'), { recursive: true });
    writeFileSync(join(home, '.kube', 'config'), simple);
    assert.equal(loadKubeConnection({ env: { HOME: home } }).contextName, 'dev');
  });

  it('the kubeconfig input (plain or base64) overrides KUBECONFIG; garbage names the input', () => {
    const env = { KUBECONFIG: join(dir, 'missing') };
    assert.equal(loadKubeConnection({ env, kubeconfig: simple }).contextName, 'dev');
    assert.equal(loadKubeConnection({ env, kubeconfig: b64(simple), context: 'bare' }).contextName, 'bare');
    assert.equal(
      loadKubeConnection({ env, kubeconfig: `${b64(simple).replace(/(.{60})/g, '$1\n')}\n` }).contextName,
      'dev',
    );
    assert.throws(
      () => decodeKubeconfigInput('bm90IGEga3ViZWNvbmZpZw=='),
      /input 'kubeconfig': expected kubeconfig file content/,
    );
    for (const path of ['/home/runner/work/_temp/kubeconfig', './kubeconfig', '~/.kube/config']) {
      assert.throws(
        () => decodeKubeconfigInput(path),
        /input 'kubeconfig': this looks like a file path; give the file's content/,
      );
    }
    assert.throws(
      () => loadKubeConnection({ env, kubeconfig: 'a: [unclosed' }),
      /input 'kubeconfig': not a valid kubeconfig \(YAML error/,
    );
  });

  it('a YAML error names the file and line but never quotes the content', () => {
    const text = 'users:\n- name: u\n  user: {token: "supersecret-token\n';
    assert.throws(
      () => parseKubeconfig(text, '/x/config', dir),
      (e: Error) => {
        assert.ok(e instanceof KubeConfigError);
        assert.match(e.message, /^\/x\/config: not a valid kubeconfig \(YAML error/);
        assert.ok(!e.message.includes('supersecret'));
        return true;
      },
    );
  });

  it('clear errors: no current-context, unknown context, missing cluster or user, two auth methods', () => {
    const noCurrent = parseKubeconfig(simple.replace('current-context: dev\n', ''), 'f', dir);
    assert.throws(
      () => selectContext(noCurrent),
      /no current-context is set; give the 'context' input \(contexts: dev, bare\)/,
    );
    assert.throws(
      () => selectContext(noCurrent, 'nope'),
      /input 'context': context 'nope' was not found in f \(contexts: dev, bare\)/,
    );
    const noCluster = parseKubeconfig(
      simple.replace('{cluster: c, user: u, namespace', '{cluster: zz, user: u, namespace'),
      'f',
      dir,
    );
    assert.throws(() => selectContext(noCluster), /context 'dev' names cluster 'zz', which is not defined/);
    const noUser = parseKubeconfig(
      simple.replace('{cluster: c, user: u, namespace', '{cluster: c, user: yy, namespace'),
      'f',
      dir,
    );
    assert.throws(() => selectContext(noUser), /names user 'yy', which is not defined/);
    const both = parseKubeconfig(simple.replace('{token: abc}', '{token: abc, username: me, password: pw}'), 'f', dir);
    assert.throws(() => selectContext(both), /username\/password or a bearer token may be set, but not both/);
    const halfCert = parseKubeconfig(
      simple.replace('{token: abc}', `{client-certificate-data: ${b64(pem)}}`),
      'f',
      dir,
    );
    assert.throws(() => selectContext(halfCert), /needs both the certificate and the key/);
    const provider = parseKubeconfig(simple.replace('{token: abc}', '{auth-provider: {name: gcp}}'), 'f', dir);
    assert.throws(() => selectContext(provider), /auth-provider 'gcp' is not supported.*exec credential plugin/);
    const badServer = parseKubeconfig(simple.replace('https://k8s.example:6443/', 'ftp://x'), 'f', dir);
    assert.throws(() => selectContext(badServer), /server 'ftp:\/\/x' is not an http\(s\) URL/);
    const insecureWithCa = parseKubeconfig(
      simple.replace('certificate-authority-data:', 'insecure-skip-tls-verify: true, certificate-authority-data:'),
      'f',
      dir,
    );
    assert.throws(() => selectContext(insecureWithCa), /insecure-skip-tls-verify and a certificate authority/);
    assert.throws(() => parseKubeconfig('clusters: {a: 1}', 'f', dir), /'clusters' must be a list/);
    assert.throws(() => parseKubeconfig('users:\n- user: {}', 'f', dir), /users\[0\] has no name/);
  });

  it('cluster options: insecure, tls-server-name, proxy-url, the exec extension', () => {
    const c = selectContext(
      parseKubeconfig(
        config(`current-context: x
clusters:
- name: c
  cluster:
    server: https://k:1
    insecure-skip-tls-verify: true
    tls-server-name: api.internal
    proxy-url: http://proxy:3128
    extensions:
    - name: client.authentication.k8s.io/exec
      extension: {audience: sts}
users:
- name: u
  user: {username: me, password: pw}
contexts:
- name: x
  context: {cluster: c, user: u}
`),
        'f',
        dir,
      ),
    );
    assert.equal(c.cluster.insecureSkipTlsVerify, true);
    assert.equal(c.cluster.tlsServerName, 'api.internal');
    assert.equal(c.cluster.proxyUrl, 'http://proxy:3128');
    assert.deepEqual(c.cluster.execExtension, { audience: 'sts' });
    assert.deepEqual([c.user.username, c.user.password], ['me', 'pw']);
  });

  it('exec sections: v1 needs interactiveMode, v1beta1 defaults to IfAvailable, bad values are named', () => {
    const withExec = (exec: string) => parseKubeconfig(simple.replace('{token: abc}', `\n    exec: ${exec}`), 'f', dir);
    const beta = selectContext(
      withExec('{apiVersion: client.authentication.k8s.io/v1beta1, command: aws, args: [eks, get-token]}'),
    );
    assert.equal(beta.user.exec?.interactiveMode, 'IfAvailable');
    assert.deepEqual(beta.user.exec?.args, ['eks', 'get-token']);
    assert.equal(beta.user.exec?.baseDir, dir);
    assert.throws(
      () => selectContext(withExec('{apiVersion: client.authentication.k8s.io/v1, command: aws}')),
      /interactiveMode must be specified/,
    );
    assert.throws(
      () => selectContext(withExec('{apiVersion: client.authentication.k8s.io/v1alpha1, command: aws}')),
      /apiVersion 'client.authentication.k8s.io\/v1alpha1' is not supported/,
    );
    assert.throws(
      () =>
        selectContext(
          withExec('{apiVersion: client.authentication.k8s.io/v1, command: aws, interactiveMode: Sometimes}'),
        ),
      /invalid interactiveMode 'Sometimes'/,
    );
    assert.throws(
      () => selectContext(withExec('{apiVersion: client.authentication.k8s.io/v1}')),
      /'command' is required/,
    );
  });
});

describe('in-cluster credentials', () => {
  let sa: string;
  before(() => {
    sa = mkdtempSync(join(tmpdir(), 'sa-unit-'));
    writeFileSync(join(sa, 'token'), 'sa-token\n');
    writeFileSync(join(sa, 'ca.crt'), pem);
    writeFileSync(join(sa, 'namespace'), 'payments\n');
  });
  after(() => rmSync(sa, { recursive: true, force: true }));

  const env = { KUBERNETES_SERVICE_HOST: '10.0.0.1', KUBERNETES_SERVICE_PORT: '443', HOME: '/nonexistent' };

  it('used when there is no kubeconfig: server from env, token file, CA and namespace from the mount', () => {
    const c = loadKubeConnection({ env, serviceAccountDir: sa });
    assert.equal(c.cluster.server, 'https://10.0.0.1:443');
    assert.equal(c.cluster.certificateAuthority, pem);
    assert.equal(c.user.tokenFile, join(sa, 'token'));
    assert.equal(c.namespace, 'payments');
    assert.equal(c.source, 'in-cluster service account');
  });

  it('IPv6 hosts are bracketed; POD_NAMESPACE wins over the file', () => {
    const c = inClusterConnection({ ...env, KUBERNETES_SERVICE_HOST: 'fd00::1', POD_NAMESPACE: 'ops' }, sa);
    assert.equal(c?.cluster.server, 'https://[fd00::1]:443');
    assert.equal(c?.namespace, 'ops');
  });

  it('a kubeconfig wins over in-cluster; a context input without a kubeconfig is an error', () => {
    assert.equal(loadKubeConnection({ env, serviceAccountDir: sa, kubeconfig: simple }).contextName, 'dev');
    assert.throws(
      () => loadKubeConnection({ env, serviceAccountDir: sa, context: 'x' }),
      /input 'context': no kubeconfig/,
    );
  });

  it('no credentials at all is one clear error', () => {
    assert.throws(() => loadKubeConnection({ env: { HOME: '/nonexistent' } }), /no Kubernetes credentials/);
    assert.throws(
      () => loadKubeConnection({ env: { KUBECONFIG: '/nonexistent/a:/nonexistent/b' } }),
      /KUBECONFIG \(\/nonexistent\/a:\/nonexistent\/b\) names no readable kubeconfig/,
    );
  });
});
