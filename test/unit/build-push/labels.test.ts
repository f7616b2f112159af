import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildArgKeyRe, createdTime, defaultLabels, labelKeyRe, parseKeyValues } from '../../../src/core/build/labels';

const sha = 'f'.repeat(40);

test('default OCI labels: source, revision, created, version', () => {
  assert.deepEqual(
    defaultLabels({
      sourceUrl: 'https://github.com/acme/web',
      commit: sha,
      created: '2024-01-02T03:04:05Z',
      version: '1.2.3',
    }),
    {
      'org.opencontainers.image.source': 'https://github.com/acme/web',
      'org.opencontainers.image.revision': sha,
      'org.opencontainers.image.created': '2024-01-02T03:04:05Z',
      'org.opencontainers.image.version': '1.2.3',
    },
  );
  const noSource = defaultLabels({ sourceUrl: undefined, commit: sha, created: 'x', version: sha });
  assert.equal('org.opencontainers.image.source' in noSource, false);
});

test('created: SOURCE_DATE_EPOCH makes it reproducible, else now (whole seconds)', () => {
  const now = new Date('2030-05-06T07:08:09.123Z');
  assert.equal(createdTime('1700000000', now), '2023-11-14T22:13:20Z');
  assert.equal(createdTime(' 0 ', now), '1970-01-01T00:00:00Z');
  assert.equal(createdTime(undefined, now), '2030-05-06T07:08:09Z');
  assert.equal(createdTime('', now), '2030-05-06T07:08:09Z');
  assert.throws(() => createdTime('yesterday', now), /SOURCE_DATE_EPOCH is 'yesterday', expected seconds/);
});

test('KEY=VALUE lines: values keep = and commas; later keys win; comments skipped', () => {
  assert.deepEqual(parseKeyValues('labels', 'a.b=1\n# note\n\nurl=https://x/?q=a,b\na.b = 2', labelKeyRe), {
    'a.b': '2',
    url: 'https://x/?q=a,b',
  });
  assert.deepEqual(parseKeyValues('build-args', 'NODE_VERSION=20\nEMPTY=', buildArgKeyRe), {
    NODE_VERSION: '20',
    EMPTY: '',
  });
  assert.throws(() => parseKeyValues('labels', 'novalue', labelKeyRe), /input 'labels': 'novalue' is not KEY=VALUE/);
  assert.throws(
    () => parseKeyValues('build-args', '1X=2', buildArgKeyRe),
    /input 'build-args': '1X' is not a valid key/,
  );
  assert.throws(() => parseKeyValues('labels', '=v', labelKeyRe), /input 'labels': '' is not a valid key/);
});
