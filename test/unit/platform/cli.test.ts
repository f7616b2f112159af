import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { actionHelp, parseArgs } from '../../../src/cli/args';
import { updateGitopsTag as spec } from '../../../src/inputs/update-gitops-tag';
import { cliPlatform, envName } from '../../../src/platform/cli';
import { Masker } from '../../../src/platform/masker';

test('flags: --name value, --name=value, bare booleans, --dotenv', () => {
  const parsed = parseArgs(spec, [
    '--image',
    'r/web',
    '--tag=v1',
    '--dry-run',
    '--files',
    'a.yaml',
    '--dotenv',
    'o.env',
  ]);
  assert.deepEqual(parsed.flags, { image: 'r/web', tag: 'v1', 'dry-run': 'true', files: 'a.yaml' });
  assert.equal(parsed.dotenv, 'o.env');
  assert.throws(
    () => parseArgs(spec, ['--imag', 'x']),
    /unknown option '--imag' for update-gitops-tag; known: repository/,
  );
  assert.throws(() => parseArgs(spec, ['--image']), /needs a value/);
});

test('help lists every input with its default', () => {
  const help = actionHelp(spec);
  for (const name of Object.keys(spec.inputs)) assert.match(help, new RegExp(`--${name} `));
  assert.match(help, /default: main/);
});

test('inputs come from flags, then CDPACK_* env, raw (readInputs applies defaults); outputs go to stdout and dotenv', () => {
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-cli-'));
  const out: string[] = [];
  const err: string[] = [];
  const platform = cliPlatform({
    step: spec.name,
    flags: { image: 'from-flag' },
    dotenv: join(dir, 'o.env'),
    env: { [envName('image')]: 'from-env', [envName('tag')]: 'v2', [envName('max-attempts')]: '' },
    out: (l) => out.push(l),
    err: (l) => err.push(l),
  });
  assert.equal(platform.input('image'), 'from-flag');
  assert.equal(platform.input('tag'), 'v2');
  assert.equal(platform.input('max-attempts'), '');
  assert.equal(platform.input('branch'), '');
  platform.setOutput('changed', 'true');
  platform.setOutput('files', '["a.yaml"]');
  assert.deepEqual(out, ['changed=true', 'files=["a.yaml"]']);
  assert.equal(
    readFileSync(join(dir, 'o.env'), 'utf8'),
    'CDPACK_UPDATE_GITOPS_TAG_CHANGED=true\nCDPACK_UPDATE_GITOPS_TAG_FILES=["a.yaml"]\n',
  );
  platform.setSecret('s3cr3t-token');
  platform.info('using s3cr3t-token now');
  assert.equal(err.at(-1), 'using *** now');
  assert.equal(platform.failed, false);
  platform.fail('boom');
  assert.equal(platform.failed, true);
});

test('masker replaces the longest secret first and ignores tiny values', () => {
  const m = new Masker();
  m.add('abc');
  m.add('abcdef');
  m.add('x');
  assert.equal(m.mask('abcdef abc x'), '*** *** x');
});
