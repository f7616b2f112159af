import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { apiError } from '../../../src/tools/kube/client';
import { KubeApiError, safeText } from '../../../src/tools/kube/errors';
import { proxyForServer } from '../../../src/tools/kube/proxy';

describe('API errors', () => {
  it('reads status, reason and message of a Status object', () => {
    const e = apiError(
      409,
      JSON.stringify({
        kind: 'Status',
        status: 'Failure',
        reason: 'Conflict',
        message: 'the object has been modified',
        code: 409,
      }),
      'PATCH',
      '/apis/apps/v1/namespaces/a/deployments/web',
    );
    assert.ok(e instanceof KubeApiError);
    assert.equal(e.status, 409);
    assert.equal(e.reason, 'Conflict');
    assert.equal(e.detail, 'the object has been modified');
    assert.equal(
      e.message,
      'PATCH /apis/apps/v1/namespaces/a/deployments/web: the object has been modified (HTTP 409 Conflict)',
    );
  });

  it('a body that is not a Status: its start only, escaped', () => {
    const e = apiError(502, `<html>\n${'x'.repeat(1000)}`, 'GET', '/api');
    assert.equal(e.reason, '');
    assert.match(e.message, /^GET \/api: <html>\\nxxx/);
    assert.ok(e.message.length < 260);
  });

  it('safeText escapes control characters and caps the length', () => {
    assert.equal(safeText('a\u001b[2Jb\r\n'), 'a\\u001b[2Jb\\u000d\\n');
    assert.equal(safeText('abcdef', 3), 'abc… (3 more characters)');
  });
});

describe('proxy from the environment, by kubectl (Go) rules', () => {
  it('HTTPS_PROXY for https servers, HTTP_PROXY for http, upper case first', () => {
    const env = { HTTPS_PROXY: 'http://upper:1', https_proxy: 'http://lower:1', HTTP_PROXY: 'http://plain:1' };
    assert.equal(proxyForServer('https://k8s.example:6443', env), 'http://upper:1');
    assert.equal(proxyForServer('https://k8s.example:6443', { https_proxy: 'http://lower:1' }), 'http://lower:1');
    assert.equal(proxyForServer('http://k8s.example:8080', env), 'http://plain:1');
  });

  it('NO_PROXY exceptions and loopback are direct', () => {
    const env = { HTTPS_PROXY: 'http://p:1', NO_PROXY: '.internal,10.0.0.0/8,k8s.example:443' };
    assert.equal(proxyForServer('https://api.internal:6443', env), undefined);
    assert.equal(proxyForServer('https://10.1.2.3:6443', env), undefined);
    assert.equal(proxyForServer('https://k8s.example:6443', env), 'http://p:1', 'the port does not match');
    assert.equal(proxyForServer('https://127.0.0.1:6443', env), undefined);
    assert.equal(proxyForServer('https://localhost:6443', env), undefined);
    assert.equal(proxyForServer('https://[::1]:6443', env), undefined);
  });
});
