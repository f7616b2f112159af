// A missing tool skips a test only outside CI; with CI=true it fails the run naming what is missing.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import {
  MissingRequirement,
  missingProgram,
  missingShared,
  skipIfMissing,
  skipUnlessAvailable,
} from '../../support/requirements';

const missing = missingProgram('/no/such/kubectl', 'apt-get install kubectl');

test('a missing program is named with how to install it; a present one is not missing', () => {
  assert.equal(missing, '/no/such/kubectl is missing (apt-get install kubectl)');
  assert.equal(missingProgram(process.execPath, 'x'), undefined);
});

test('outside CI: skip with the reason', () => {
  assert.equal(skipUnlessAvailable(missing, {}), missing);
  assert.equal(skipUnlessAvailable(missing, { CI: 'false' }), missing);
  assert.equal(skipUnlessAvailable(undefined, { CI: 'true' }), false);
});

test('with CI=true: fail, naming what is missing', () => {
  assert.throws(
    () => skipUnlessAvailable(missing, { CI: 'true' }),
    (e: Error) => e instanceof MissingRequirement && e.message.includes('/no/such/kubectl is missing'),
  );
  assert.throws(
    () => skipUnlessAvailable(missingShared('no-such-oracle'), { CI: 'true' }),
    /no-such-oracle is missing/,
  );
});

test('inside a test: skipIfMissing skips outside CI and throws in CI', (t) => {
  const skipped: string[] = [];
  const fake = { skip: (reason: string) => skipped.push(reason) } as unknown as typeof t;
  assert.equal(skipIfMissing(fake, missing, {}), true);
  assert.deepEqual(skipped, [missing]);
  assert.equal(skipIfMissing(fake, undefined, { CI: 'true' }), false);
  assert.throws(() => skipIfMissing(fake, missing, { CI: 'true' }), MissingRequirement);
});

/**
 * Every skip goes through test/support/requirements (which fails in CI): no `t.skip(…)` of its own,
 * no `skip:` option with an inline check or reason, and a file that skips imports the helper.
 */
test('no test skips on its own', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
    );
  // Skips that are not a missing tool: a machine set-up that the test reports on.
  const allowed = [/t\.skip\('buildx is installed here/, /t\.skip\(arm\.reason\)/];
  const own: string[] = [];
  for (const file of files('test')) {
    if (file.endsWith('requirements.ts') || file.endsWith('requirements.test.ts')) continue;
    const text = readFileSync(file, 'utf8');
    text.split('\n').forEach((line, i) => {
      const inline =
        /\bt\.skip\(/.test(line) ||
        /(?:^|[{,])\s*skip:(?!\s*skipUnlessAvailable\()[^,}]*(['"`]|existsSync|!)/.test(line);
      if (inline && !allowed.some((a) => a.test(line))) own.push(`${file}:${i + 1}: ${line.trim()}`);
    });
    if (/[{,]\s*skip\s*[,}:]/.test(text) && !text.includes('support/requirements')) {
      own.push(`${file}: skips without test/support/requirements`);
    }
  }
  assert.deepEqual(own, []);
});
