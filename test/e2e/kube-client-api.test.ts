/**
 * The kube client's requests end to end against the scripted API server over TLS (test/support/fake-kube-api):
 * GET/LIST/PATCH/logs, a watch that resumes after a dropped connection, re-lists on 410 Gone (as an ERROR event
 * and as an HTTP status), honours bookmarks and stops on abort; bounded retries on 500, 429 and resets.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createKubeApi, type KubeClientOptions } from '../../src/tools/kube/client';
import { loadKubeConnection } from '../../src/tools/kube/config';
import { KubeApiError } from '../../src/tools/kube/errors';
import type { KubeApi, KubeObject, WatchEvent } from '../../src/tools/kube/types';
import { type FakeKube, startFakeKube } from '../support/fake-kube-api';
import {
  makePki,
  type Pki,
  secretsRecorder,
  sendJson,
  startTlsServer,
  status,
  type TlsServer,
} from './kube-client-support';

const podsPath = '/api/v1/namespaces/default/pods';

function pod(name: string) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'web', image: 'registry.test/web:1' }] },
  };
}

function deployment(name: string) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default' },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { containers: [{ name: 'web', image: 'registry.test/web:1' }] },
      },
    },
  };
}

async function connect(fake: FakeKube, options: Partial<KubeClientOptions> = {}) {
  const path = await fake.kubeconfig();
  const env = { PATH: process.env.PATH ?? '', KUBECONFIG: path };
  const waits: number[] = [];
  const rec = secretsRecorder();
  const api = createKubeApi(loadKubeConnection({ env }), {
    env,
    setSecret: rec.setSecret,
    log: rec.log,
    retry: {
      attempts: 3,
      sleep: async (ms) => {
        waits.push(ms);
      },
    },
    ...options,
  });
  return { api, waits, rec };
}

/** Runs a watch in the background, collecting events; `until` decides when it stops. */
function collect(
  api: KubeApi,
  rv: string,
  until: (events: WatchEvent[]) => boolean,
  signal?: AbortSignal,
): { events: WatchEvent[]; done: Promise<void> } {
  const events: WatchEvent[] = [];
  const done = api.watch(
    podsPath,
    rv,
    (e) => {
      events.push(e);
      return until(events);
    },
    signal ? { signal } : {},
  );
  return { events, done };
}

const summary = (events: WatchEvent[]) => events.map((e) => `${e.type} ${e.object.metadata.name ?? ''}`.trim());

describe('kube client against the scripted API server', { timeout: 60_000 }, () => {
  let fake: FakeKube;
  before(async () => {
    fake = await startFakeKube();
  });
  after(() => fake?.close());

  it('GET, LIST, the three PATCH content types, pod logs; a token never reaches a log line', async () => {
    fake.create(pod('logs'));
    fake.create(deployment('web'));
    fake.setLog('logs', 'web', 'line one\nline two\n');
    const { api, rec } = await connect(fake);
    assert.equal(api.namespace, 'default');
    const got = await api.get<KubeObject>('/apis/apps/v1/namespaces/default/deployments/web');
    assert.equal(got.kind, 'Deployment');
    const list = await api.list(podsPath, { query: { labelSelector: 'app=web' } });
    assert.deepEqual(
      list.items.map((i) => i.metadata.name),
      ['logs'],
    );
    assert.ok(list.metadata.resourceVersion);
    const since = fake.requests.length;
    await api.patch('/apis/apps/v1/namespaces/default/deployments/web', 'strategic', {
      spec: { template: { spec: { containers: [{ name: 'web', image: 'registry.test/web:2' }] } } },
    });
    await api.patch('/apis/apps/v1/namespaces/default/deployments/web', 'merge', {
      metadata: { annotations: { note: 'merge' } },
    });
    const patched = await api.patch<KubeObject>(
      '/apis/apps/v1/namespaces/default/deployments/web',
      'json',
      [{ op: 'add', path: '/metadata/labels', value: { tier: 'front' } }],
      { query: { fieldManager: 'cdpack' } },
    );
    assert.deepEqual(patched.metadata.labels, { tier: 'front' });
    assert.equal(patched.metadata.annotations?.note, 'merge');
    assert.deepEqual(
      fake.requests.slice(since).map((r) => r.contentType),
      ['application/strategic-merge-patch+json', 'application/merge-patch+json', 'application/json-patch+json'],
    );
    assert.equal(fake.requests.at(-1)?.query.fieldManager, 'cdpack');
    assert.equal(
      await api.text(`${podsPath}/logs/log`, { query: { container: 'web', tailLines: 20 } }),
      'line one\nline two\n',
    );
    assert.ok(rec.secrets.includes(fake.token ?? '-'), 'the kubeconfig token was handed to setSecret');
    assert.ok(!api.description.includes(fake.token ?? '-'));
    assert.ok(api.requestCount >= 6);
    api.close();
  });

  it('a missing object and a forbidden verb are KubeApiErrors with the Status reason, not retried', async () => {
    const { api, waits } = await connect(fake);
    await assert.rejects(api.get('/apis/apps/v1/namespaces/default/deployments/nope'), (e: unknown) => {
      assert.ok(e instanceof KubeApiError);
      assert.equal(e.status, 404);
      assert.equal(e.reason, 'NotFound');
      assert.match(e.message, /deployments\.apps "nope" not found/);
      return true;
    });
    const rule = fake.forbid('patch', 'deployments');
    const before = api.requestCount;
    await assert.rejects(api.patch('/apis/apps/v1/namespaces/default/deployments/web', 'merge', {}), {
      status: 403,
      reason: 'Forbidden',
    });
    rule.remove();
    assert.equal(api.requestCount - before, 1);
    assert.deepEqual(waits, []);
    api.close();
  });

  it('retries 500s and answers once the server recovers; 429 waits what Retry-After asks', async () => {
    const { api, waits, rec } = await connect(fake);
    fake.inject({ match: (r) => r.verb === 'get' && r.name === 'web', times: 2, answer: { status: 500 } });
    const before = api.requestCount;
    const got = await api.get('/apis/apps/v1/namespaces/default/deployments/web');
    assert.equal(got.metadata.name, 'web');
    assert.equal(api.requestCount - before, 3);
    assert.equal(waits.length, 2);
    assert.ok(rec.lines.some((l) => /HTTP 500.*retrying/.test(l)));

    waits.length = 0;
    fake.inject({ match: (r) => r.verb === 'get', times: 1, answer: { status: 429, retryAfter: 7 } });
    await api.get('/apis/apps/v1/namespaces/default/deployments/web');
    assert.deepEqual(waits, [7000]);

    waits.length = 0;
    fake.inject({ match: (r) => r.verb === 'get', times: 1, answer: 'reset' });
    await api.get('/apis/apps/v1/namespaces/default/deployments/web');
    assert.equal(waits.length, 1, 'a reset connection is retried');
    api.close();
  });

  it('gives up after the attempts with the last status, its message escaped and capped', async () => {
    const { api } = await connect(fake);
    const rule = fake.inject({
      match: (r) => r.verb === 'get',
      answer: { status: 503, message: `overloaded\u001b[31m\n${'x'.repeat(5000)}` },
    });
    await assert.rejects(api.get('/apis/apps/v1/namespaces/default/deployments/web'), (e: unknown) => {
      assert.ok(e instanceof KubeApiError);
      assert.equal(e.status, 503);
      assert.match(e.message, /overloaded\\u001b\[31m\\n/);
      assert.match(e.message, /after 3 attempts/);
      assert.ok(e.message.length < 800, `capped (${e.message.length})`);
      return true;
    });
    rule.remove();
    api.close();
  });

  it('a dropped watch (connection reset) resumes from the last resourceVersion seen', async () => {
    fake.create(pod('a'));
    const { api } = await connect(fake);
    const list = await api.list(podsPath);
    const since = fake.requests.length;
    const w = collect(api, list.metadata.resourceVersion ?? '', (events) => events.length === 2);
    await fake.waitForWatch('pods', since);
    fake.update('Pod', 'a', (o) => {
      o.metadata.labels = { app: 'web', step: '1' };
    });
    // Wait until the first event is in, then cut the connection.
    while (w.events.length < 1) await new Promise((r) => setTimeout(r, 10));
    const seen = w.events[0]?.object.metadata.resourceVersion;
    const reconnect = fake.requests.length;
    fake.dropWatches({ mode: 'reset' });
    const second = await fake.waitForWatch('pods', reconnect);
    assert.equal(second.query.resourceVersion, seen, 'the new watch starts where the old one stopped');
    fake.update('Pod', 'a', (o) => {
      o.metadata.labels = { app: 'web', step: '2' };
    });
    await w.done;
    assert.deepEqual(summary(w.events), ['MODIFIED a', 'MODIFIED a']);
    assert.equal(w.events[1]?.object.metadata.labels?.step, '2');
    const watches = fake.requests.slice(since).filter((r) => r.verb === 'watch');
    assert.equal(watches.length, 2);
    assert.equal(watches[0]?.query.allowWatchBookmarks, 'true');
    api.close();
  });

  it('a watch the server ends cleanly resumes too, and BOOKMARK events move the resourceVersion on', async () => {
    const { api } = await connect(fake);
    const list = await api.list(podsPath);
    const since = fake.requests.length;
    const w = collect(api, list.metadata.resourceVersion ?? '', (events) => events.some((e) => e.type === 'ADDED'));
    await fake.waitForWatch('pods', since);
    // A write in another namespace moves the resourceVersion without an event for this watch.
    fake.create({ ...pod('elsewhere'), metadata: { name: 'elsewhere', namespace: 'other' } });
    fake.bookmark();
    while (!w.events.some((e) => e.type === 'BOOKMARK')) await new Promise((r) => setTimeout(r, 10));
    assert.equal(w.events.length, 1, 'only the bookmark arrived');
    const bookmarkRv = w.events.find((e) => e.type === 'BOOKMARK')?.object.metadata.resourceVersion;
    assert.equal(bookmarkRv, String(fake.resourceVersion));
    assert.notEqual(bookmarkRv, list.metadata.resourceVersion);
    const reconnect = fake.requests.length;
    fake.dropWatches({ mode: 'end' });
    const second = await fake.waitForWatch('pods', reconnect);
    assert.equal(second.query.resourceVersion, bookmarkRv);
    fake.create(pod('b'));
    await w.done;
    assert.deepEqual(summary(w.events).slice(-1), ['ADDED b']);
    api.close();
  });

  it('410 Gone as an ERROR event in the stream: re-lists (items as ADDED) and watches from the list', async () => {
    const { api } = await connect(fake);
    const old = (await api.list(podsPath)).metadata.resourceVersion ?? '';
    fake.create(pod('c'));
    fake.compact();
    const since = fake.requests.length;
    const w = collect(api, old, (events) => events.some((e) => e.type === 'ADDED' && e.object.metadata.name === 'd'));
    const watch = await fake.waitForWatch('pods', since);
    fake.create(pod('d'));
    await w.done;
    const names = summary(w.events);
    assert.ok(names.includes('ADDED c'), `re-listed items arrive as ADDED: ${names.join(', ')}`);
    assert.equal(names.at(-1), 'ADDED d');
    const verbs = fake.requests.slice(since).map((r) => r.verb);
    assert.deepEqual(verbs.slice(0, 3), ['watch', 'list', 'watch']);
    assert.ok(watch);
    api.close();
  });

  it('a watch whose connection is answered 500 is retried like any request', async () => {
    const { api, waits } = await connect(fake);
    const rv = (await api.list(podsPath)).metadata.resourceVersion ?? '';
    const rule = fake.inject({ match: (r) => r.verb === 'watch', times: 1, answer: { status: 500 } });
    const since = fake.requests.length;
    const w = collect(api, rv, (events) => events.length === 1);
    await fake.waitForWatch('pods', since);
    fake.create(pod('after-500'));
    await w.done;
    rule.remove();
    assert.deepEqual(summary(w.events), ['ADDED after-500']);
    assert.deepEqual(
      fake.requests.slice(since).map((r) => `${r.verb} ${r.status}`),
      ['watch 500', 'watch 200'],
    );
    assert.equal(waits.length, 1);
    api.close();
  });

  it('a watch stops when its signal aborts', async () => {
    const { api } = await connect(fake);
    const controller = new AbortController();
    const since = fake.requests.length;
    const w = collect(api, '', () => false, controller.signal);
    await fake.waitForWatch('pods', since);
    controller.abort();
    await w.done;
    // close() ends a running watch too.
    const since2 = fake.requests.length;
    const w2 = collect(api, '', () => false);
    await fake.waitForWatch('pods', since2);
    api.close();
    await w2.done;
  });
});

describe('410 Gone as an HTTP status', { timeout: 30_000 }, () => {
  let fake: FakeKube;
  before(async () => {
    fake = await startFakeKube({ goneAs: 'status' });
  });
  after(() => fake?.close());

  it('re-lists and watches from the list', async () => {
    const { api } = await connect(fake);
    fake.create(pod('e'));
    fake.create(pod('f'));
    fake.compact();
    const since = fake.requests.length;
    const w = collect(api, '1', (events) => events.some((e) => e.object.metadata.name === 'g'));
    await fake.waitForWatch('pods', since);
    fake.create(pod('g'));
    await w.done;
    assert.deepEqual(summary(w.events), ['ADDED e', 'ADDED f', 'ADDED g']);
    const reqs = fake.requests.slice(since);
    assert.deepEqual(reqs.map((r) => `${r.verb} ${r.status}`).slice(0, 3), ['watch 410', 'list 200', 'watch 200']);
    api.close();
  });
});

describe('an ERROR event other than 410 inside a watch stream', { timeout: 30_000 }, () => {
  let pki: Pki;
  let server: TlsServer;
  let watches = 0;
  before(async () => {
    pki = makePki();
    server = await startTlsServer(pki, (req, res) => {
      if (!req.url.includes('watch=true')) return sendJson(res, 404, status(404, 'NotFound', 'no'));
      watches++;
      res.writeHead(200, { 'content-type': 'application/json' });
      const event = (type: string, object: unknown) => res.write(`${JSON.stringify({ type, object })}\n`);
      if (req.url.includes('forbidden')) {
        event('ERROR', status(403, 'Forbidden', 'no watching for you'));
      } else if (watches === 1) {
        event('ADDED', { kind: 'Pod', metadata: { name: 'one', resourceVersion: '11' } });
        event('ERROR', status(500, 'InternalError', 'etcd hiccup'));
      } else {
        event('ADDED', {
          kind: 'Pod',
          metadata: {
            name: `from-${new URL(req.url, server.url).searchParams.get('resourceVersion')}`,
            resourceVersion: '12',
          },
        });
      }
      res.end();
    });
  });
  after(async () => {
    await server?.close();
    pki?.cleanup();
  });

  function api() {
    const config = loadKubeConnection({
      env: {},
      kubeconfig: JSON.stringify({
        apiVersion: 'v1',
        kind: 'Config',
        'current-context': 'x',
        clusters: [
          {
            name: 'c',
            cluster: { server: server.url, 'certificate-authority-data': Buffer.from(pki.caPem).toString('base64') },
          },
        ],
        users: [{ name: 'u', user: { token: 't' } }],
        contexts: [{ name: 'x', context: { cluster: 'c', user: 'u' } }],
      }),
    });
    return createKubeApi(config, { env: {}, setSecret: () => {}, retry: { sleep: async () => {} } });
  }

  it('a 500 ERROR event resumes the watch from the last resourceVersion; a 403 one is final', async () => {
    const client = api();
    const w = collect(client, '10', (events) => events.length === 2);
    await w.done;
    assert.deepEqual(summary(w.events), ['ADDED one', 'ADDED from-11']);
    await assert.rejects(
      client.watch('/api/v1/namespaces/forbidden/pods', '1', () => true),
      (e: unknown) => e instanceof KubeApiError && e.status === 403 && /no watching for you/.test(e.message),
    );
    client.close();
  });
});
