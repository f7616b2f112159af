import assert from 'node:assert/strict';
import { test } from 'node:test';
import { verifyDigest } from '../../../src/actions/build-push/verify';
import { silentLog } from '../../../src/core/log';

const d1 = `sha256:${'1'.repeat(64)}`;
const d2 = `sha256:${'2'.repeat(64)}`;
const refs = ['r.example.com/app:a', 'r.example.com/app:b'];

test('every tag must be served with the pushed digest', async () => {
  const asked: string[] = [];
  const digest = await verifyDigest(
    refs,
    d1,
    async (ref) => {
      asked.push(ref);
      return d1;
    },
    silentLog,
  );
  assert.equal(digest, d1);
  assert.deepEqual(asked, refs);
});

test('an empty or malformed digest never makes a successful step', async () => {
  for (const bad of [undefined, '', 'sha256:abc', `sha512:${'1'.repeat(128)}`]) {
    await assert.rejects(
      verifyDigest(refs, bad, async () => d1, silentLog),
      /reported no valid digest/,
      String(bad),
    );
  }
});

test('a tag served with another digest, or none, is an error naming it', async () => {
  await assert.rejects(
    verifyDigest(refs, d1, async (ref) => (ref.endsWith(':b') ? d2 : d1), silentLog),
    new RegExp(`serves r.example.com/app:b as ${d2}, but the push reported ${d1}`),
  );
  await assert.rejects(
    verifyDigest(refs, d1, async () => undefined, silentLog),
    /as \(no digest\)/,
  );
  await assert.rejects(
    verifyDigest(
      refs,
      d1,
      async () => {
        throw new Error('HTTP 401');
      },
      silentLog,
    ),
    /could not check the digest of r.example.com\/app:a at the registry: HTTP 401/,
  );
});
