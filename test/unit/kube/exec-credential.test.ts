import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ExecConfig } from '../../../src/tools/kube/config';
import {
  ExecCredentialProvider,
  execInfo,
  parseExecCredential,
  type RunPlugin,
  resolvePluginCommand,
} from '../../../src/tools/kube/exec-credential';

const v1 = 'client.authentication.k8s.io/v1' as const;

function execConfig(over: Partial<ExecConfig> = {}): ExecConfig {
  return {
    apiVersion: v1,
    command: 'plugin',
    args: [],
    env: [],
    interactiveMode: 'Never',
    provideClusterInfo: false,
    baseDir: '/',
    ...over,
  };
}

const cluster = { server: 'https://k:6443', insecureSkipTlsVerify: false, disableCompression: false };

function credential(status: Record<string, unknown>, apiVersion: string = v1): string {
  return JSON.stringify({ apiVersion, kind: 'ExecCredential', status });
}

describe('ExecCredential output', () => {
  it('a token, or a certificate and key; every secret masked first', () => {
    const masked: string[] = [];
    const c = parseExecCredential(
      credential({ token: 'tok-123', expirationTimestamp: '2030-01-01T00:00:00Z' }),
      execConfig(),
      (v) => masked.push(v),
    );
    assert.deepEqual(c, { token: 'tok-123', expiresAt: Date.parse('2030-01-01T00:00:00Z') });
    assert.ok(masked.includes('tok-123'));
    const key = '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIkeymaterial\n-----END EC PRIVATE KEY-----\n';
    const cert = '-----BEGIN CERTIFICATE-----\nMIIBcert\n-----END CERTIFICATE-----\n';
    const c2 = parseExecCredential(credential({ clientCertificateData: cert, clientKeyData: key }), execConfig(), (v) =>
      masked.push(v),
    );
    assert.equal(c2.clientKey, key);
    assert.ok(masked.includes(key) && masked.includes('MHcCAQEEIkeymaterial'));
  });

  it('refuses a wrong apiVersion, kind, missing status, half a certificate, nothing usable, a bad timestamp', () => {
    const none = () => {};
    const e = execConfig();
    assert.throws(
      () => parseExecCredential(credential({ token: 't' }, 'client.authentication.k8s.io/v1beta1'), e, none),
      /it answered apiVersion 'client.authentication.k8s.io\/v1beta1', the kubeconfig asks for 'client.authentication.k8s.io\/v1'/,
    );
    assert.throws(
      () => parseExecCredential(JSON.stringify({ apiVersion: v1, kind: 'Pod' }), e, none),
      /not an ExecCredential \(kind 'Pod'\)/,
    );
    assert.throws(
      () => parseExecCredential(JSON.stringify({ apiVersion: v1, kind: 'ExecCredential' }), e, none),
      /has no status/,
    );
    assert.throws(
      () => parseExecCredential(credential({ clientKeyData: 'k' }), e, none),
      /returned only clientKeyData/,
    );
    assert.throws(() => parseExecCredential(credential({}), e, none), /neither a token nor a client certificate/);
    assert.throws(
      () => parseExecCredential(credential({ token: 't', expirationTimestamp: 'tomorrow' }), e, none),
      /expirationTimestamp is not an RFC 3339 time/,
    );
  });

  it('output that is not JSON is masked whole and never quoted', () => {
    const masked: string[] = [];
    assert.throws(
      () => parseExecCredential('token=hunter2-secret', execConfig(), (v) => masked.push(v)),
      (err: Error) => !err.message.includes('hunter2') && /not JSON/.test(err.message),
    );
    assert.deepEqual(masked, ['token=hunter2-secret']);
  });
});

describe('KUBERNETES_EXEC_INFO', () => {
  it('interactive false; the cluster only with provideClusterInfo', () => {
    assert.deepEqual(JSON.parse(execInfo(execConfig(), cluster)), {
      apiVersion: v1,
      kind: 'ExecCredential',
      spec: { interactive: false },
    });
    const full = JSON.parse(
      execInfo(execConfig({ provideClusterInfo: true }), {
        ...cluster,
        certificateAuthority: 'PEM',
        tlsServerName: 'sni',
        proxyUrl: 'http://p:1',
        execExtension: { a: 1 },
      }),
    );
    assert.deepEqual(full.spec.cluster, {
      server: 'https://k:6443',
      'tls-server-name': 'sni',
      'certificate-authority-data': Buffer.from('PEM').toString('base64'),
      'proxy-url': 'http://p:1',
      config: { a: 1 },
    });
  });
});

describe('running the plugin', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'exec-unit-'));
    mkdirSync(join(dir, 'bin'));
    for (const p of [join(dir, 'bin', 'on-path'), join(dir, 'local')]) {
      writeFileSync(p, '#!/bin/sh\n');
      chmodSync(p, 0o755);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('a bare name comes from PATH; a path with a separator from the kubeconfig directory', () => {
    const env = { PATH: `/nonexistent:${join(dir, 'bin')}` };
    assert.equal(resolvePluginCommand(execConfig({ command: 'on-path' }), env), join(dir, 'bin', 'on-path'));
    assert.equal(
      resolvePluginCommand(execConfig({ command: 'local' }), env),
      undefined,
      'a bare name is not looked up in the kubeconfig dir',
    );
    assert.equal(resolvePluginCommand(execConfig({ command: './local', baseDir: dir }), env), join(dir, 'local'));
    assert.equal(
      resolvePluginCommand(execConfig({ command: 'bin/on-path', baseDir: dir }), {}),
      join(dir, 'bin', 'on-path'),
    );
  });

  it('passes args, our env plus the plugin env and KUBERNETES_EXEC_INFO; caches until expiry; shares one run', async () => {
    const calls: { args: readonly string[]; env: Record<string, string | undefined> }[] = [];
    let now = Date.parse('2030-01-01T00:00:00Z');
    const run: RunPlugin = async (_file, args, options) => {
      calls.push({ args, env: options.env });
      return {
        code: 0,
        stdout: credential({ token: `t${calls.length}`, expirationTimestamp: new Date(now + 3600_000).toISOString() }),
        stderr: '',
      };
    };
    const provider = new ExecCredentialProvider(
      execConfig({ command: 'on-path', args: ['--x', 'y z'], env: [{ name: 'PROFILE', value: 'prod' }] }),
      { env: { PATH: join(dir, 'bin'), HOME: '/h' }, cluster, setSecret: () => {}, run, now: () => now },
    );
    const [a, b] = await Promise.all([provider.get(), provider.get()]);
    assert.equal(a.token, 't1');
    assert.equal(b, a);
    assert.equal(calls.length, 1);
    assert.deepEqual(calls[0]?.args, ['--x', 'y z']);
    assert.equal(calls[0]?.env.PROFILE, 'prod');
    assert.equal(calls[0]?.env.HOME, '/h');
    assert.ok(calls[0]?.env.KUBERNETES_EXEC_INFO?.includes('"interactive":false'));
    now += 30 * 60_000;
    assert.equal((await provider.get()).token, 't1');
    now += 31 * 60_000;
    assert.equal((await provider.get()).token, 't2', 'an expired credential is fetched again');
    provider.invalidate(await provider.get());
    assert.equal((await provider.get()).token, 't3');
  });

  it('a failing plugin: exit code and escaped stderr, stdout masked not shown', async () => {
    const masked: string[] = [];
    const provider = new ExecCredentialProvider(execConfig({ command: 'on-path' }), {
      env: { PATH: join(dir, 'bin') },
      cluster,
      setSecret: (v) => masked.push(v),
      run: async () => ({ code: 3, stdout: 'partial-secret', stderr: 'token expired\u001b[0m\n' }),
    });
    await assert.rejects(provider.get(), (e: Error) => {
      assert.match(e.message, /exec plugin 'on-path': exited with code 3: token expired\\u001b\[0m/);
      assert.ok(!e.message.includes('partial-secret'));
      return true;
    });
    assert.deepEqual(masked, ['partial-secret']);
  });

  it('Always refuses before running anything; a missing program names the install hint', async () => {
    let ran = 0;
    const run: RunPlugin = async () => {
      ran++;
      return { code: 0, stdout: '', stderr: '' };
    };
    const always = new ExecCredentialProvider(execConfig({ interactiveMode: 'Always', command: 'on-path' }), {
      env: { PATH: join(dir, 'bin') },
      cluster,
      setSecret: () => {},
      run,
    });
    await assert.rejects(always.get(), /interactiveMode is Always/);
    const missing = new ExecCredentialProvider(
      execConfig({ command: 'gke-gcloud-auth-plugin', installHint: 'Install it with gcloud components install' }),
      {
        env: { PATH: join(dir, 'bin') },
        cluster,
        setSecret: () => {},
        run,
      },
    );
    await assert.rejects(missing.get(), /executable not found; Install it with gcloud components install/);
    assert.equal(ran, 0);
  });
});

describe('the real plugin runner', () => {
  it("never shows the plugin's answer: only its stderr reaches the log, at debug level", () => {
    const dir = mkdtempSync(join(tmpdir(), 'exec-quiet-'));
    try {
      const plugin = join(dir, 'plugin');
      writeFileSync(
        plugin,
        `#!/bin/sh\necho 'plugin stderr line' >&2\necho '{"apiVersion":"${v1}","kind":"ExecCredential","status":{"token":"quiet-token-77"}}'\n`,
      );
      chmodSync(plugin, 0o755);
      const script = `
        import { ExecCredentialProvider } from ${JSON.stringify(join(process.cwd(), 'src/tools/kube/exec-credential.ts'))};
        const p = new ExecCredentialProvider(
          { apiVersion: '${v1}', command: ${JSON.stringify(plugin)}, args: [], env: [], interactiveMode: 'Never', provideClusterInfo: false, baseDir: '/' },
          { env: { PATH: process.env.PATH }, cluster: { server: 'https://k', insecureSkipTlsVerify: false, disableCompression: false }, setSecret: () => {},
            log: { info: (m) => console.log('info:' + m), warn: (m) => console.log('warn:' + m), debug: (m) => console.log('debug:' + m), group: (_t, f) => f() } },
        );
        const c = await p.get();
        if (c.token !== 'quiet-token-77') process.exit(3);
      `;
      const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        encoding: 'utf8',
      });
      assert.equal(run.status, 0, run.stderr);
      assert.ok(!run.stdout.includes('quiet-token-77') && !run.stderr.includes('quiet-token-77'));
      assert.equal(
        run.stdout,
        'debug:plugin stderr line\n',
        "the plugin's stderr goes to the debug log, its stdout nowhere",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
