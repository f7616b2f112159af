import assert from 'node:assert/strict';
import { test } from 'node:test';
import { registryApiHost } from '../../../src/core/image/reference';
import { isIndexMediaType, MediaTypes, parseTarget, sha256Digest } from '../../../src/tools/registry/client';

const digest = `sha256:${'a'.repeat(64)}`;

test('references map to registry, API host, repository path and reference', () => {
  assert.deepEqual(parseTarget('127.0.0.1:5000/team/app:1'), {
    registry: '127.0.0.1:5000',
    apiHost: '127.0.0.1:5000',
    path: 'team/app',
    reference: '1',
    name: '127.0.0.1:5000/team/app',
  });
  assert.deepEqual(parseTarget('nginx'), {
    registry: 'docker.io',
    apiHost: 'registry-1.docker.io',
    path: 'library/nginx',
    reference: undefined,
    name: 'docker.io/library/nginx',
  });
  assert.equal(parseTarget('index.docker.io/acme/web:2').name, 'docker.io/acme/web');
  assert.equal(parseTarget(`ghcr.io/acme/web:2@${digest}`).reference, digest, 'the digest wins over the tag');
  assert.equal(parseTarget('localhost/app').registry, 'localhost');
});

test('invalid references are refused with the grammar reason', () => {
  assert.throws(
    () => parseTarget('Registry.example.com/App:1'),
    /invalid image reference 'Registry\.example\.com\/App:1': repository name must be lowercase/,
  );
  assert.throws(() => parseTarget('r.example.com/app:bad tag'), /invalid reference format/);
});

test('Docker Hub is served by registry-1.docker.io; other hosts are unchanged', () => {
  assert.equal(registryApiHost('docker.io'), 'registry-1.docker.io');
  assert.equal(registryApiHost('index.docker.io'), 'registry-1.docker.io');
  assert.equal(registryApiHost('ghcr.io'), 'ghcr.io');
});

test('index media types and digests', () => {
  assert.ok(isIndexMediaType(MediaTypes.ociIndex));
  assert.ok(isIndexMediaType(MediaTypes.dockerManifestList));
  assert.ok(!isIndexMediaType(MediaTypes.ociManifest));
  assert.equal(
    sha256Digest(Buffer.from('')),
    'sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  );
});
