import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runAction } from '../../../src/actions/run-action';
import { InputError } from '../../../src/core/errors';
import { NetworkError } from '../../../src/tools/http/client';
import { ScannerError } from '../../../src/tools/scanners/errors';
import { recordingPlatform } from '../scan/fake-platform';

async function failWith(error: unknown) {
  const platform = recordingPlatform({});
  await runAction(platform, async () => {
    throw error;
  });
  return { failure: platform.failure, logged: platform.infos.join('\n') };
}

test('typed tool failures: the message names the input concerned, no stack trace', async () => {
  const scan = await failWith(
    new ScannerError('scan', 'trivy', 'trivy exited with code 1: FATAL unable to find the image', 'image'),
  );
  assert.equal(scan.failure, "input 'image': trivy exited with code 1: FATAL unable to find the image");
  assert.doesNotMatch(scan.logged, /\n\s+at /, 'no stack trace');

  const install = await failWith(new ScannerError('install', 'trivy', 'download of https://x/y failed: HTTP 404'));
  assert.equal(install.failure, 'download of https://x/y failed: HTTP 404');
  assert.doesNotMatch(install.logged, /\n\s+at /);

  const network = await failWith(new NetworkError('https://registry.test/v2/', 'ETIMEDOUT', 'no data for 120000 ms'));
  assert.equal(network.failure, 'registry.test: no data for 120000 ms');
  assert.doesNotMatch(network.logged, /\n\s+at /);

  const input = await failWith(new InputError('tags', 'expected a list'));
  assert.equal(input.failure, "input 'tags': expected a list");

  const os = await failWith(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }));
  assert.equal(os.failure, 'ENOSPC: no space left on device, write');
  assert.doesNotMatch(os.logged, /\n\s+at /, 'an operating-system error is not a bug in cdpack');
});

test('a real bug (not a typed failure) is reported as one, with its stack trace', async () => {
  const bug = await failWith(new TypeError("Cannot read properties of undefined (reading 'digest')"));
  assert.equal(bug.failure, "internal error: Cannot read properties of undefined (reading 'digest')");
  assert.match(bug.logged, /bug in cdpack/);
  assert.match(bug.logged, /\n\s+at /, 'the stack trace is shown');
});

test('proxy passwords from the environment are masked before the action runs', async () => {
  const platform = recordingPlatform(
    {},
    { env: { HTTPS_PROXY: 'http://corp%5Cuser:p%40ss@proxy.corp:3128', http_proxy: 'proxy:80' } },
  );
  const masked: string[] = [];
  platform.setSecret = (value) => void masked.push(value);
  let maskedFirst = false;
  await runAction(platform, async () => {
    maskedFirst = masked.length > 0;
  });
  assert.ok(maskedFirst);
  assert.ok(masked.includes('p%40ss') && masked.includes('p@ss'));
  assert.ok(masked.includes(Buffer.from('corp\\user:p@ss').toString('base64')));
});
