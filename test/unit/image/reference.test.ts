import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  isValidDigest,
  isValidTag,
  normalizeName,
  parseReference,
  sameRepository,
} from '../../../src/core/image/reference';

test('parses name, tag and digest', () => {
  const r = parseReference(`127.0.0.1:5000/team/web:1.2@sha256:${'a'.repeat(64)}`);
  assert.ok(r.ok);
  assert.equal(r.ref.domain, '127.0.0.1:5000');
  assert.equal(r.ref.path, 'team/web');
  assert.equal(r.ref.tag, '1.2');
});

test('tags and digests', () => {
  assert.ok(isValidTag('v1.2.3-rc_1'));
  assert.ok(!isValidTag('-bad'));
  assert.ok(!isValidTag('a'.repeat(129)));
  assert.ok(isValidDigest(`sha256:${'0'.repeat(64)}`));
  assert.ok(!isValidDigest(`sha256:${'A'.repeat(64)}`));
});

test('Docker Hub normalisation', () => {
  assert.equal(normalizeName('nginx'), 'docker.io/library/nginx');
  assert.ok(sameRepository('docker.io/library/nginx', 'nginx'));
  assert.ok(!sameRepository('registry.example.com/web', 'web'));
});
