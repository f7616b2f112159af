// cdpack's version is written once, in package.json; code and generated files take it from there.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { CDPACK_VERSION } from '../../src/version';

const packageVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;

test('CDPACK_VERSION is package.json’s version', () => {
  assert.equal(CDPACK_VERSION, packageVersion);
});

test('no source or build script repeats the version', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : /\.(ts|mjs|js)$/.test(e.name) ? [join(dir, e.name)] : [],
    );
  const literal = new RegExp(`['"\`@v]${packageVersion.replace(/\./g, '\\.')}['"\`]`);
  const repeats = [...files('src'), ...files('scripts')].filter((f) => literal.test(readFileSync(f, 'utf8')));
  assert.deepEqual(repeats, []);
});

test('the GitLab component installs this version by default', () => {
  const template = readFileSync('gitlab-components/templates/scan/template.yml', 'utf8');
  assert.ok(template.includes(`cdpack@${packageVersion}`));
});
