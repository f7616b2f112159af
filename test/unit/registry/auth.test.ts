import assert from 'node:assert/strict';
import { test } from 'node:test';
import { errorSummary, formatScopes, parseScope, parseWwwAuthenticate } from '../../../src/tools/registry/auth';

test('a Bearer challenge: quoted values keep their commas and colons', () => {
  const [c, ...rest] = parseWwwAuthenticate(
    'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",scope="repository:samalba/my-app:pull,push"',
  );
  assert.deepEqual(rest, []);
  assert.deepEqual(c, {
    scheme: 'bearer',
    params: {
      realm: 'https://auth.docker.io/token',
      service: 'registry.docker.io',
      scope: 'repository:samalba/my-app:pull,push',
    },
  });
});

test('Basic, unquoted values, escapes, an error param and several challenges in one header', () => {
  assert.deepEqual(parseWwwAuthenticate('Basic realm="test-registry"'), [
    { scheme: 'basic', params: { realm: 'test-registry' } },
  ]);
  assert.deepEqual(parseWwwAuthenticate('Bearer realm=https://r/t, service=reg ,error="insufficient_scope"'), [
    { scheme: 'bearer', params: { realm: 'https://r/t', service: 'reg', error: 'insufficient_scope' } },
  ]);
  assert.deepEqual(parseWwwAuthenticate('Basic realm="a \\"b\\"", Bearer realm="https://x/token",service="x"'), [
    { scheme: 'basic', params: { realm: 'a "b"' } },
    { scheme: 'bearer', params: { realm: 'https://x/token', service: 'x' } },
  ]);
  assert.deepEqual(parseWwwAuthenticate(''), []);
});

test('scopes merge per repository in a stable order (the token cache key)', () => {
  assert.deepEqual(
    formatScopes([
      { repository: 'prod/app', actions: ['push', 'pull'] },
      { repository: 'dev/app', actions: ['pull'] },
      { repository: 'prod/app', actions: ['pull'] },
    ]),
    ['repository:dev/app:pull', 'repository:prod/app:pull,push'],
  );
  assert.deepEqual(formatScopes([]), []);
});

test('a challenge scope is read back, other resource types ignored', () => {
  assert.deepEqual(parseScope('repository:a/b:pull,push registry:catalog:*'), [
    { repository: 'a/b', actions: ['pull', 'push'] },
  ]);
  assert.deepEqual(parseScope('repository:localhost:5000/x:pull'), [
    { repository: 'localhost:5000/x', actions: ['pull'] },
  ]);
  assert.deepEqual(parseScope(''), []);
});

test('error bodies: first code and message, nothing else', () => {
  assert.equal(
    errorSummary(
      '{"errors":[{"code":"DENIED","message":"requested access to the resource is denied","detail":{"x":1}}]}',
    ),
    ': DENIED requested access to the resource is denied',
  );
  assert.equal(errorSummary('{"details":"incorrect username or password"}'), ': incorrect username or password');
  assert.equal(errorSummary('<html>bad gateway</html>'), '');
  assert.equal(errorSummary(''), '');
});
