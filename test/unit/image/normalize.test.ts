// Docker Hub normalisation, registry hosts and digests: one module (src/core/image/reference.ts),
// checked against distribution/reference's own test tables (../shared/oracles/image-reference).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it, test } from 'node:test';
import {
  digestIn,
  formatReference,
  isValidDigest,
  normalizeName,
  normalizeReference,
  registryApiHost,
  registryOf,
  registryOfAuthKey,
  sameRepository,
} from '../../../src/core/image/reference';
import { missingShared, sharedPath, skipUnlessAvailable } from '../../support/requirements';

const D = `sha256:${'ab'.repeat(32)}`;

function normalized(text: string) {
  const r = normalizeReference(text);
  assert.ok(r.ok, `${text}: ${r.ok ? '' : r.reason}`);
  return r.ref;
}

test('Docker Hub: short names, docker.io and index.docker.io are one registry; library/ for one component', () => {
  for (const text of [
    'nginx',
    'docker.io/nginx',
    'index.docker.io/nginx',
    'docker.io/library/nginx',
    'library/nginx',
  ]) {
    assert.equal(normalized(text).name, 'docker.io/library/nginx', text);
  }
  assert.equal(normalized('index.docker.io/acme/web:2').name, 'docker.io/acme/web');
  assert.equal(normalized('acme/web').name, 'docker.io/acme/web');
  assert.equal(normalized('docker.io/library/foo/bar').path, 'library/foo/bar');
  assert.ok(sameRepository('index.docker.io/library/nginx', 'nginx'));
  assert.equal(normalizeName('index.docker.io/nginx'), 'docker.io/library/nginx');
});

test('registry-1.docker.io is a name of its own, as in distribution/reference (only its API host is Hub)', () => {
  const r = normalized('registry-1.docker.io/library/nginx');
  assert.equal(r.registry, 'registry-1.docker.io');
  assert.equal(normalized('registry-1.docker.io/nginx').path, 'nginx', 'no library/ outside docker.io');
  assert.ok(!sameRepository('registry-1.docker.io/library/nginx', 'nginx'));
});

test('ports, localhost and IP hosts', () => {
  assert.deepEqual(normalized(`localhost:5000/team/app:1@${D}`), {
    registry: 'localhost:5000',
    path: 'team/app',
    name: 'localhost:5000/team/app',
    tag: '1',
    digest: D,
  });
  assert.equal(normalized('localhost/app').registry, 'localhost');
  assert.equal(normalized('127.0.0.1:5000/app').registry, '127.0.0.1:5000');
  assert.equal(normalized('[::1]:5000/app').registry, '[::1]:5000');
  // A name without `/` is always Docker Hub's, even `localhost`: `:5000` is then a tag.
  assert.deepEqual(
    [normalized('localhost:5000').name, normalized('localhost:5000').tag],
    ['docker.io/library/localhost', '5000'],
  );
  assert.equal(normalized('team/app:5000').tag, '5000');
});

test('registryOf: the registry to log in to and retry against', () => {
  assert.equal(registryOf('nginx:1'), 'docker.io');
  assert.equal(registryOf('index.docker.io/team/app:1'), 'docker.io');
  assert.equal(registryOf('ghcr.io/team/app'), 'ghcr.io');
  assert.equal(registryOf(`127.0.0.1:5000/team/app@${D}`), '127.0.0.1:5000');
  assert.equal(registryOf('Not A Reference'), 'docker.io');
});

test('API host and credential keys', () => {
  assert.equal(registryApiHost('docker.io'), 'registry-1.docker.io');
  assert.equal(registryApiHost('index.docker.io'), 'registry-1.docker.io');
  assert.equal(registryApiHost('localhost:5000'), 'localhost:5000');
  for (const key of [
    'https://index.docker.io/v1/',
    'index.docker.io',
    'registry-1.docker.io',
    'registry.hub.docker.com',
    'docker.io',
  ]) {
    assert.equal(registryOfAuthKey(key), 'docker.io', key);
  }
  assert.equal(registryOfAuthKey('http://127.0.0.1:5000'), '127.0.0.1:5000');
  assert.equal(registryOfAuthKey('ghcr.io'), 'ghcr.io');
});

test('digests: sha256 with 64 lowercase hex digits only', () => {
  assert.equal(digestIn(` ${D}\n`), D);
  assert.equal(digestIn(D.toUpperCase()), undefined);
  assert.equal(digestIn(`sha512:${'a'.repeat(128)}`), undefined);
  assert.equal(digestIn(D.slice(0, -1)), undefined);
  assert.ok(!isValidDigest(`sha256:${'A'.repeat(64)}`));
  assert.equal(normalizeReference(`app@sha256:${'A'.repeat(64)}`).ok, false);
  assert.equal(formatReference('docker.io/library/nginx', '1', D), `docker.io/library/nginx:1@${D}`);
});

const skip = skipUnlessAvailable(missingShared('oracles/image-reference'));
describe('distribution/reference normalisation tables', { skip }, () => {
  const tables = skip
    ? {}
    : (JSON.parse(readFileSync(sharedPath('oracles/image-reference/distribution-reference-test-cases.json'), 'utf8'))
        .tables as Record<string, { cases: unknown[] }>);
  const cases = <T>(name: string) => (tables[name]?.cases ?? []) as T[];

  it('TestNormalizedSplitHostname: domain and path', () => {
    const rows = cases<{ input: string; domain: string; path: string }>('TestNormalizedSplitHostname');
    assert.ok(skip || rows.length > 5);
    for (const c of rows) {
      const r = normalized(c.input);
      assert.deepEqual([r.registry, r.path], [c.domain, c.path], c.input);
    }
  });

  it('TestParseRepositoryInfo: every spelling gives the full name, domain and remote name', () => {
    type Info = { RemoteName: string; FamiliarName: string; FullName: string; AmbiguousName: string; Domain: string };
    for (const c of cases<Info>('TestParseRepositoryInfo')) {
      for (const spelling of [c.FamiliarName, c.FullName, c.AmbiguousName].filter(Boolean)) {
        const r = normalized(spelling);
        assert.deepEqual([r.name, r.registry, r.path], [c.FullName, c.Domain, c.RemoteName], spelling);
      }
    }
  });

  it('TestParseAnyReference: names (not bare image IDs) normalise to the equivalent', () => {
    for (const c of cases<{ Reference: string; Equivalent: string }>('TestParseAnyReference')) {
      if (/^(sha256:)?[a-f0-9]{64}$/.test(c.Reference)) continue; // image IDs: not references cdpack takes
      const r = normalized(c.Reference);
      assert.equal(formatReference(r.name, r.tag, r.digest), c.Equivalent, c.Reference);
    }
  });

  it('TestValidateReferenceName: valid names normalise, invalid ones are refused', () => {
    const valid = cases<string>('TestValidateReferenceName.valid');
    const invalid = cases<string>('TestValidateReferenceName.invalid');
    for (const text of valid) normalized(text);
    const accepted = invalid.filter((text) => normalizeReference(text).ok);
    assert.deepEqual(accepted, []);
  });
});
