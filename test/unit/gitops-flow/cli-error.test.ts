/** Issue 9 item 5: a located error (a YAML syntax error in a config file) is printed once, location once. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runAction } from '../../../src/actions/run-action';
import { FileError } from '../../../src/core/errors';
import { editFile } from '../../../src/core/gitops/edit';
import { updateGitopsTag as spec } from '../../../src/inputs/update-gitops-tag';
import { cliPlatform } from '../../../src/platform/cli';

function cli() {
  const err: string[] = [];
  const platform = cliPlatform({
    step: spec.name,
    flags: {},
    dotenv: undefined,
    env: {},
    out: () => {},
    err: (l) => err.push(l),
  });
  return { platform, err };
}

test('a YAML syntax error names file:line once, on one error line', async () => {
  const { platform, err } = cli();
  await runAction(platform, async () => {
    editFile(
      { path: 'a/b.yaml', text: 'image:\n  repository: x/y\n  tag: [1\n', explicit: true },
      { image: 'x/y', tag: '2', digest: undefined, key: undefined },
    );
  });
  assert.equal(platform.failed, true);
  const errors = err.filter((l) => l.startsWith('error:'));
  assert.equal(errors.length, 1, errors.join('\n'));
  assert.match(errors[0] as string, /^error: a\/b\.yaml:4: YAML syntax error: /);
  assert.equal(errors[0]?.split('a/b.yaml').length, 2, 'the location appears once');
});

test('an error without a location in its message still gets the location prefix', () => {
  const { platform, err } = cli();
  platform.error('entry expired', { file: 'ignore.yaml', line: 3 });
  platform.fail(new FileError('x.yaml', 1, 'bad').message);
  assert.deepEqual(err, ['error: ignore.yaml:3: entry expired', 'error: x.yaml:1: bad']);
});
