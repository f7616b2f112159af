/**
 * The kube client's credentials end to end, each against a real TLS API server: an exec credential plugin
 * (cached, re-run on 401, masked), client certificates verified by the server, and merged KUBECONFIG files
 * where kubectl (`config view --minify --flatten`, `get --raw`) is the referee for what is picked.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { promisify } from 'node:util';
import { createKubeApi } from '../../src/tools/kube/client';
import { type KubeConnection, loadKubeConnection } from '../../src/tools/kube/config';
import { NetworkError } from '../../src/tools/kube/transport';
import { type ConnectProxy, startConnectProxy } from '../support/connect-proxy';
import { KUBECTL, kubectlUnavailable } from '../support/fake-kube-kubectl';
import { skipUnlessAvailable } from '../support/requirements';
import {
  makePki,
  type Pki,
  secretsRecorder,
  sendJson,
  startTlsServer,
  status,
  type TlsServer,
} from './kube-client-support';

/** kubectl, asynchronously: the test servers live in this process and must keep answering. */
async function kubectl(args: string[], env: Record<string, string>): Promise<string> {
  const { stdout } = await promisify(execFile)(KUBECTL, args, { env: { ...process.env, ...env }, encoding: 'utf8' });
  return stdout;
}

// Outside CI a missing kubectl skips the referee checks; in CI it fails the run.
const skipKubectl = skipUnlessAvailable(kubectlUnavailable());
const baseEnv = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: '/nonexistent-home' };

/** The identity a request carried, as the server saw it. */
function whoami(req: { headers: Record<string, unknown>; clientCn?: string }): string {
  const auth = String(req.headers.authorization ?? '');
  if (auth.startsWith('Bearer ')) return `token:${auth.slice(7)}`;
  if (auth.startsWith('Basic ')) return `basic:${Buffer.from(auth.slice(6), 'base64').toString('utf8')}`;
  return req.clientCn ? `cert:${req.clientCn}` : 'anonymous';
}

function pod(name: string, who: string) {
  return { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', annotations: { who } } };
}

describe('exec credential plugin', { timeout: 60_000 }, () => {
  let pki: Pki;
  let server: TlsServer;
  const accepted = new Set<string>();
  let dir: string;

  before(async () => {
    pki = makePki();
    server = await startTlsServer(pki, (req, res) => {
      const who = whoami(req);
      if (req.url.startsWith('/version')) return sendJson(res, 404, status(404, 'NotFound', 'no version'));
      if (!accepted.has(who)) return sendJson(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
      sendJson(res, 200, pod('p', who));
    });
    dir = join(pki.dir, 'exec');
    mkdirSync(join(dir, 'bin'), { recursive: true });
    // Counts its runs, keeps what it was given in KUBERNETES_EXEC_INFO, prints a token numbered by the run.
    writeFileSync(
      join(dir, 'bin', 'get-token'),
      [
        '#!/bin/sh',
        'n=$(cat "$1" 2>/dev/null || echo 0); n=$((n+1)); echo $n > "$1"',
        'printf "%s" "$KUBERNETES_EXEC_INFO" > "$1.info"',
        'echo "arg2=$2" > "$1.args"',
        'echo \'{"apiVersion":"client.authentication.k8s.io/\'"$API"\'","kind":"ExecCredential","status":{"token":"tok-\'$n\'-\'"$SUFFIX"\'","expirationTimestamp":"\'"$EXPIRES"\'"}}\'',
      ].join('\n'),
    );
    chmodSync(join(dir, 'bin', 'get-token'), 0o755);
  });
  after(async () => {
    await server?.close();
    pki?.cleanup();
  });

  function kubeconfig(
    counter: string,
    options: { api?: 'v1' | 'v1beta1'; expires?: string; interactive?: string; command?: string },
  ) {
    const api = options.api ?? 'v1';
    const expires = options.expires ?? new Date(Date.now() + 3600_000).toISOString();
    const path = join(dir, `${counter}.kubeconfig`);
    writeFileSync(
      path,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'exec',
        clusters: [
          {
            name: 'c',
            cluster: {
              server: server.url,
              'certificate-authority': pki.caFile,
              extensions: [{ name: 'client.authentication.k8s.io/exec', extension: { audience: 'test' } }],
            },
          },
        ],
        users: [
          {
            name: 'u',
            user: {
              exec: {
                apiVersion: `client.authentication.k8s.io/${api}`,
                command: options.command ?? './bin/get-token',
                args: [join(dir, counter), 'second arg'],
                env: [
                  { name: 'SUFFIX', value: 'secretsuffix9' },
                  { name: 'EXPIRES', value: expires },
                  { name: 'API', value: api },
                ],
                provideClusterInfo: true,
                ...(options.interactive
                  ? { interactiveMode: options.interactive }
                  : api === 'v1'
                    ? { interactiveMode: 'Never' }
                    : {}),
              },
            },
          },
        ],
        contexts: [{ name: 'exec', context: { cluster: 'c', user: 'u', namespace: 'apps' } }],
      }),
    );
    return path;
  }

  const runs = (counter: string) => Number(readFileSync(join(dir, counter), 'utf8').trim());

  it('runs the plugin once for several requests, sends its token, masks it first, never logs it', async () => {
    accepted.add('token:tok-1-secretsuffix9');
    const path = kubeconfig('once', {});
    const rec = secretsRecorder();
    const config = loadKubeConnection({ env: { ...baseEnv, KUBECONFIG: path } });
    assert.equal(config.namespace, 'apps');
    const api = createKubeApi(config, { env: baseEnv, setSecret: rec.setSecret, log: rec.log });
    for (let i = 0; i < 3; i++) {
      const got = await api.get('/api/v1/namespaces/apps/pods/p');
      assert.equal(got.metadata.annotations?.who, 'token:tok-1-secretsuffix9');
    }
    api.close();
    assert.equal(runs('once'), 1, 'the plugin ran once thanks to the cache');
    assert.equal(api.execRuns, 1);
    assert.ok(rec.secrets.includes('tok-1-secretsuffix9'), 'the token was handed to setSecret');
    assert.ok(!rec.lines.some((l) => l.includes('tok-1')), 'no log line shows the token');
    assert.ok(!api.description.includes('tok-1'));
    // The relative command resolved against the kubeconfig's directory; args and cluster info arrived.
    assert.equal(readFileSync(join(dir, 'once.args'), 'utf8').trim(), 'arg2=second arg');
    const info = JSON.parse(readFileSync(join(dir, 'once.info'), 'utf8'));
    assert.deepEqual(info, {
      apiVersion: 'client.authentication.k8s.io/v1',
      kind: 'ExecCredential',
      spec: {
        interactive: false,
        cluster: {
          server: server.url,
          'certificate-authority-data': Buffer.from(pki.caPem).toString('base64'),
          config: { audience: 'test' },
        },
      },
    });
  });

  it('kubectl, given the same kubeconfig, gives the plugin the same cluster info and sends the same kind of token', {
    skip: skipKubectl,
  }, async () => {
    const path = kubeconfig('kubectl', {});
    accepted.add('token:tok-1-secretsuffix9');
    const out = await kubectl(['get', '--raw', '/api/v1/namespaces/apps/pods/p'], { KUBECONFIG: path, HOME: pki.dir });
    assert.equal(JSON.parse(out).metadata.annotations.who, 'token:tok-1-secretsuffix9');
    const ours = JSON.parse(readFileSync(join(dir, 'once.info'), 'utf8'));
    const theirs = JSON.parse(readFileSync(join(dir, 'kubectl.info'), 'utf8'));
    assert.deepEqual(ours, theirs);
  });

  it('a 401 re-runs the plugin once and retries with the new token', async () => {
    const path = kubeconfig('revoked', { api: 'v1beta1' });
    accepted.delete('token:tok-1-secretsuffix9');
    accepted.add('token:tok-2-secretsuffix9');
    const rec = secretsRecorder();
    const api = createKubeApi(loadKubeConnection({ env: { ...baseEnv, KUBECONFIG: path } }), {
      env: baseEnv,
      setSecret: rec.setSecret,
    });
    const got = await api.get('/api/v1/namespaces/apps/pods/p');
    assert.equal(got.metadata.annotations?.who, 'token:tok-2-secretsuffix9');
    assert.equal(runs('revoked'), 2);
    // A second refusal is final: the plugin does not run in a loop.
    accepted.delete('token:tok-2-secretsuffix9');
    await assert.rejects(api.get('/api/v1/namespaces/apps/pods/p'), (e: Error & { status?: number }) => {
      assert.equal(e.status, 401);
      assert.ok(!e.message.includes('tok-'));
      return true;
    });
    assert.equal(runs('revoked'), 3);
    api.close();
  });

  it('an expired credential is not cached', async () => {
    const path = kubeconfig('expired', { expires: '2020-01-01T00:00:00Z' });
    for (let n = 1; n <= 3; n++) accepted.add(`token:tok-${n}-secretsuffix9`);
    const api = createKubeApi(loadKubeConnection({ env: { ...baseEnv, KUBECONFIG: path } }), {
      env: baseEnv,
      setSecret: () => {},
    });
    await api.get('/api/v1/namespaces/apps/pods/p');
    await api.get('/api/v1/namespaces/apps/pods/p');
    assert.equal(runs('expired'), 2);
    api.close();
  });

  it('interactiveMode Always fails with a clear message, and a missing command names the install hint', async () => {
    const path = kubeconfig('always', { interactive: 'Always' });
    const api = createKubeApi(loadKubeConnection({ env: { ...baseEnv, KUBECONFIG: path } }), {
      env: baseEnv,
      setSecret: () => {},
    });
    await assert.rejects(api.get('/api/v1/namespaces/apps/pods/p'), /interactiveMode is Always.*without a terminal/);
    api.close();
    const missing = kubeconfig('missing', { command: 'no-such-plugin-xyz' });
    const api2 = createKubeApi(loadKubeConnection({ env: { ...baseEnv, KUBECONFIG: missing } }), {
      env: baseEnv,
      setSecret: () => {},
    });
    await assert.rejects(
      api2.get('/api/v1/namespaces/apps/pods/p'),
      /exec plugin 'no-such-plugin-xyz': executable not found/,
    );
    api2.close();
  });
});

describe('client certificates', { timeout: 60_000 }, () => {
  let pki: Pki;
  let server: TlsServer;
  before(async () => {
    pki = makePki();
    server = await startTlsServer(
      pki,
      (req, res) => {
        if (req.url.startsWith('/version')) return sendJson(res, 404, status(404, 'NotFound', 'no version'));
        sendJson(res, 200, pod('p', whoami(req)));
      },
      { requireClientCert: true },
    );
  });
  after(async () => {
    await server?.close();
    pki?.cleanup();
  });

  function write(name: string, user: Record<string, unknown>, cluster: Record<string, unknown> = {}): string {
    const path = join(pki.dir, name);
    writeFileSync(
      path,
      [
        'apiVersion: v1',
        'kind: Config',
        'current-context: c',
        'clusters:',
        `- name: c`,
        '  cluster:',
        `    server: ${JSON.stringify(server.url)}`,
        ...Object.entries({ 'certificate-authority': 'ca.crt', ...cluster }).map(
          ([k, v]) => `    ${k}: ${JSON.stringify(v)}`,
        ),
        'users:',
        '- name: u',
        '  user:',
        ...Object.entries(user).map(([k, v]) => `    ${k}: ${JSON.stringify(v)}`),
        'contexts:',
        '- name: c',
        '  context: {cluster: c, user: u}',
      ].join('\n'),
    );
    return path;
  }

  it('files (relative to the kubeconfig) and -data both authenticate; the server verified the certificate', async () => {
    const files = write('certs-files', { 'client-certificate': 'client.crt', 'client-key': 'client.key' });
    const data = write('certs-data', {
      'client-certificate-data': Buffer.from(pki.clientCertPem).toString('base64'),
      'client-key-data': Buffer.from(pki.clientKeyPem).toString('base64'),
    });
    for (const path of [files, data]) {
      const rec = secretsRecorder();
      const api = createKubeApi(loadKubeConnection({ env: { ...baseEnv, KUBECONFIG: path } }), {
        env: baseEnv,
        setSecret: rec.setSecret,
      });
      const got = await api.get('/api/v1/namespaces/default/pods/p');
      assert.equal(got.metadata.annotations?.who, 'cert:alice');
      assert.ok(rec.secrets.includes(pki.clientKeyPem), 'the client key was masked');
      api.close();
    }
    if (!skipKubectl) {
      const out = await kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/p'], {
        KUBECONFIG: files,
        HOME: pki.dir,
      });
      assert.equal(JSON.parse(out).metadata.annotations.who, 'cert:alice', 'kubectl authenticates the same way');
    }
  });

  it('the kubeconfig input (base64) with a tls-server-name works; a certificate from another CA is refused', async () => {
    const text = readFileSync(
      write(
        'certs-sni',
        { 'client-certificate': 'client.crt', 'client-key': 'client.key' },
        { 'tls-server-name': 'kube.test' },
      ),
      'utf8',
    );
    const config = loadKubeConnection({
      env: baseEnv,
      kubeconfig: Buffer.from(text).toString('base64'),
      baseDir: pki.dir,
    });
    assert.equal(config.cluster.tlsServerName, 'kube.test');
    const api = createKubeApi(config, { env: baseEnv, setSecret: () => {} });
    assert.equal((await api.get('/api/v1/namespaces/default/pods/p')).metadata.annotations?.who, 'cert:alice');
    api.close();

    const stranger: KubeConnection = {
      ...config,
      user: { clientCertificate: pki.strangerCertPem, clientKey: pki.strangerKeyPem },
    };
    const api2 = createKubeApi(stranger, { env: baseEnv, setSecret: () => {}, retry: { attempts: 1 } });
    await assert.rejects(api2.get('/api/v1/namespaces/default/pods/p'), NetworkError);
    api2.close();
  });
});

describe('merged KUBECONFIG files, kubectl as the referee', { timeout: 90_000 }, () => {
  let pki: Pki;
  let serverA: TlsServer;
  let serverB: TlsServer;
  let root: string;

  before(async () => {
    pki = makePki();
    const handler =
      (name: string) =>
      (
        req: Parameters<Parameters<typeof startTlsServer>[1]>[0],
        res: Parameters<Parameters<typeof startTlsServer>[1]>[1],
      ) => {
        if (req.url.startsWith('/version')) return sendJson(res, 404, status(404, 'NotFound', 'no version'));
        sendJson(res, 200, pod(name, whoami(req)));
      };
    serverA = await startTlsServer(pki, handler('server-a'));
    serverB = await startTlsServer(pki, handler('server-b'));
    root = join(pki.dir, 'merge');
    // Two directories, each with its own copy of the CA and its own relative paths.
    for (const d of ['one', 'two/sub']) {
      mkdirSync(join(root, d, 'pki'), { recursive: true });
      // Same CA, different bytes: a path resolved against the wrong file's directory shows.
      writeFileSync(join(root, d, 'pki', 'ca.crt'), `# CA bundle of ${d}\n${pki.caPem}`);
      writeFileSync(join(root, d, 'token.txt'), `file-token-${d.replace('/', '-')}\n`);
    }
    writeFileSync(join(root, 'one', 'pki', 'client.crt'), pki.clientCertPem);
    writeFileSync(join(root, 'one', 'pki', 'client.key'), pki.clientKeyPem);
    writeFileSync(
      join(root, 'one', 'config'),
      `apiVersion: v1
kind: Config
clusters:
- name: shared
  cluster: {server: "${serverA.url}", certificate-authority: pki/ca.crt}
users:
- name: alice
  user: {token: alice-token-from-one}
- name: dave
  user: {client-certificate: pki/client.crt, client-key: pki/client.key}
contexts:
- name: dev
  context: {cluster: shared, user: alice, namespace: dev-one}
- name: conflict
  context: {cluster: shared, user: alice}
`,
    );
    writeFileSync(
      join(root, 'two', 'sub', 'config'),
      `apiVersion: v1
kind: Config
current-context: conflict
clusters:
- name: shared
  cluster: {server: "${serverB.url}", certificate-authority: pki/ca.crt, tls-server-name: ignored.example}
- name: other
  cluster: {server: "${serverB.url}", certificate-authority: pki/ca.crt}
users:
- name: alice
  user: {token: alice-token-from-two, username: nobody}
- name: bob
  user: {tokenFile: token.txt}
- name: carol
  user: {username: carol, password: "carol-pw"}
contexts:
- name: conflict
  context: {cluster: other, user: bob, namespace: from-two}
- name: bobs
  context: {cluster: other, user: bob}
- name: carols
  context: {cluster: shared, user: carol}
- name: daves
  context: {cluster: other, user: dave}
`,
    );
  });
  after(async () => {
    await serverA?.close();
    await serverB?.close();
    pki?.cleanup();
  });

  type Flat = {
    'current-context': string;
    contexts: { name: string; context: { cluster: string; user?: string; namespace?: string } }[];
    clusters: { name: string; cluster: Record<string, string | boolean> }[];
    users: { name: string; user: Record<string, string> }[];
  };

  async function kubectlView(kubeconfig: string, context?: string): Promise<Flat> {
    const args = ['config', 'view', '--minify', '--flatten', '-o', 'json', ...(context ? ['--context', context] : [])];
    return JSON.parse(await kubectl(args, { KUBECONFIG: kubeconfig, HOME: pki.dir }));
  }

  const cases: { name: string; files: string[]; context?: string; refused?: RegExp }[] = [
    {
      name: 'current-context set only in the second file; the context conflicts (first file wins)',
      files: ['one', 'two/sub'],
    },
    {
      name: 'the other order: the second file names current-context and its own version of the context wins',
      files: ['two/sub', 'one'],
    },
    {
      name: 'a context from the second file using a user and cluster from the second file (tokenFile relative)',
      files: ['one', 'two/sub'],
      context: 'bobs',
    },
    {
      name: 'users across files: the first file defines cluster "shared", the second the user (basic auth)',
      files: ['one', 'two/sub'],
      context: 'carols',
    },
    { name: 'a context override naming a context of the first file', files: ['one', 'two/sub'], context: 'dev' },
    {
      name: 'a context of the second file with a user of the first whose client certificate paths are relative',
      files: ['one', 'two/sub'],
      context: 'daves',
    },
    {
      name: 'a context of the second file whose user the first file defines with a token and basic auth: both refuse',
      files: ['two/sub', 'one'],
      context: 'dev',
      refused: /username\/password or a bearer token may be set, but not both/,
    },
  ];

  for (const c of cases) {
    it(c.name, { skip: skipKubectl }, async () => {
      const kubeconfig = [...c.files.map((f) => join(root, f, 'config')), join(root, 'missing', 'config')].join(':');
      const env = { ...baseEnv, KUBECONFIG: kubeconfig };
      const contextArgs = c.context ? ['--context', c.context] : [];
      const raw = () =>
        kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/p', ...contextArgs], {
          KUBECONFIG: kubeconfig,
          HOME: pki.dir,
        });
      if (c.refused) {
        assert.throws(() => loadKubeConnection({ env, ...(c.context ? { context: c.context } : {}) }), c.refused);
        await assert.rejects(raw(), /more than one authentication method found/);
        return;
      }
      const view = await kubectlView(kubeconfig, c.context);
      const ours = loadKubeConnection({ env, ...(c.context ? { context: c.context } : {}) });
      const [ctx] = view.contexts;
      const [cluster] = view.clusters;
      const [user] = view.users;
      assert.ok(ctx && cluster && user);
      assert.equal(ours.contextName, view['current-context']);
      assert.equal(ours.clusterName, ctx.context.cluster);
      assert.equal(ours.userName, ctx.context.user);
      assert.equal(ours.namespace, ctx.context.namespace ?? 'default');
      assert.equal(ours.cluster.server, cluster.cluster.server);
      assert.equal(ours.cluster.tlsServerName, cluster.cluster['tls-server-name']);
      assert.equal(
        ours.cluster.certificateAuthority,
        Buffer.from(String(cluster.cluster['certificate-authority-data']), 'base64').toString('utf8'),
      );
      assert.equal(ours.user.token, user.user.token);
      assert.equal(ours.user.username, user.user.username);
      assert.equal(ours.user.password, user.user.password);
      const decoded = (v: string | undefined) =>
        v === undefined ? undefined : Buffer.from(v, 'base64').toString('utf8');
      assert.equal(ours.user.clientCertificate, decoded(user.user['client-certificate-data']));
      assert.equal(ours.user.clientKey, decoded(user.user['client-key-data']));
      // kubectl's view shows tokenFile as written; ours is resolved against its file's directory.
      assert.equal(ours.user.tokenFile && basename(ours.user.tokenFile), user.user.tokenFile);

      // The same request through both clients reaches the same server as the same identity.
      const api = createKubeApi(ours, { env: baseEnv, setSecret: () => {} });
      const mine = await api.get('/api/v1/namespaces/default/pods/p');
      api.close();
      assert.deepEqual(mine, JSON.parse(await raw()));
    });
  }

  it('an unknown context is an error naming the input and the contexts there are', () => {
    const kubeconfig = [join(root, 'one', 'config'), join(root, 'two', 'sub', 'config')].join(':');
    assert.throws(
      () => loadKubeConnection({ env: { ...baseEnv, KUBECONFIG: kubeconfig }, context: 'prod' }),
      /input 'context': context 'prod' was not found in KUBECONFIG=.*\(contexts: dev, conflict, bobs, carols, daves\)/,
    );
  });
});

describe('proxy-url: through an HTTP CONNECT proxy, as kubectl goes', { timeout: 60_000 }, () => {
  let pki: Pki;
  let server: TlsServer;
  let proxy: ConnectProxy;
  before(async () => {
    pki = makePki();
    server = await startTlsServer(pki, (req, res) => {
      if (req.url.startsWith('/version')) return sendJson(res, 404, status(404, 'NotFound', 'no version'));
      sendJson(res, 200, pod('p', whoami(req)));
    });
    proxy = await startConnectProxy({ username: 'proxyuser', password: 'proxy-pw' });
  });
  after(async () => {
    await proxy?.stop();
    await server?.close();
    pki?.cleanup();
  });

  it('tunnels to the API server with the proxy credentials from the URL, and so does kubectl', async () => {
    const proxyUrl = proxy.url.replace('http://', 'http://proxyuser:proxy-pw@');
    const path = join(pki.dir, 'proxied');
    writeFileSync(
      path,
      JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'p',
        clusters: [
          { name: 'c', cluster: { server: server.url, 'certificate-authority': 'ca.crt', 'proxy-url': proxyUrl } },
        ],
        users: [{ name: 'u', user: { token: 'proxied-token' } }],
        contexts: [{ name: 'p', context: { cluster: 'c', user: 'u' } }],
      }),
    );
    const api = createKubeApi(loadKubeConnection({ env: { ...baseEnv, KUBECONFIG: path } }), {
      env: baseEnv,
      setSecret: () => {},
    });
    const got = await api.get('/api/v1/namespaces/default/pods/p');
    api.close();
    assert.equal(got.metadata.annotations?.who, 'token:proxied-token');
    const ours = proxy.calls.splice(0);
    assert.deepEqual(
      ours.map((c) => [c.method, c.target]),
      [['CONNECT', `127.0.0.1:${server.port}`]],
    );
    assert.equal(ours[0]?.proxyAuthorization, `Basic ${Buffer.from('proxyuser:proxy-pw').toString('base64')}`);
    if (!skipKubectl) {
      const out = await kubectl(['get', '--raw', '/api/v1/namespaces/default/pods/p'], {
        KUBECONFIG: path,
        HOME: pki.dir,
      });
      assert.equal(JSON.parse(out).metadata.annotations.who, 'token:proxied-token');
      assert.deepEqual(
        [...new Set(proxy.calls.map((c) => `${c.method} ${c.target} ${c.proxyAuthorization}`))],
        [`CONNECT 127.0.0.1:${server.port} ${ours[0]?.proxyAuthorization}`],
      );
    }
  });
});

describe('in-cluster service account', { timeout: 30_000 }, () => {
  let pki: Pki;
  let server: TlsServer;
  before(async () => {
    pki = makePki();
    server = await startTlsServer(pki, (req, res) => sendJson(res, 200, pod('p', whoami(req))));
  });
  after(async () => {
    await server?.close();
    pki?.cleanup();
  });

  it('with no kubeconfig, the mounted token, CA and namespace reach the server named by KUBERNETES_SERVICE_HOST/PORT', async () => {
    const sa = join(pki.dir, 'serviceaccount');
    mkdirSync(sa);
    writeFileSync(join(sa, 'token'), 'sa-bound-token\n');
    writeFileSync(join(sa, 'ca.crt'), pki.caPem);
    writeFileSync(join(sa, 'namespace'), 'payments');
    const env = { ...baseEnv, KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: String(server.port) };
    const rec = secretsRecorder();
    const api = createKubeApi(loadKubeConnection({ env, serviceAccountDir: sa }), { env, setSecret: rec.setSecret });
    assert.equal(api.namespace, 'payments');
    const got = await api.get('/api/v1/namespaces/payments/pods/p');
    assert.equal(got.metadata.annotations?.who, 'token:sa-bound-token');
    assert.ok(rec.secrets.includes('sa-bound-token'));
    api.close();
  });
});
