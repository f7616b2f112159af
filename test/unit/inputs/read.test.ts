// readInputs is the one owner of the spec's generic rules: defaults, required, options, type.
import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { THRESHOLDS } from '../../../src/core/scan/severity';
import { readInputs } from '../../../src/inputs/read';
import { scan } from '../../../src/inputs/scan';
import type { ActionSpec } from '../../../src/inputs/types';
import { updateGitopsTag } from '../../../src/inputs/update-gitops-tag';

const spec: ActionSpec = {
  name: 'demo',
  title: 'demo',
  description: 'demo',
  outputs: {},
  inputs: {
    image: { description: 'd', required: true },
    mode: { description: 'd', default: 'fast', options: ['fast', 'slow'] },
    push: { description: 'd', default: 'true', type: 'boolean' },
    attempts: { description: 'd', default: '3', type: 'number' },
    files: { description: 'd', type: 'list' },
    password: { description: 'd', secret: true },
    token: { description: 'd', githubDefault: '${{ github.token }}' },
  },
};

function read(values: Record<string, string>, target: ActionSpec = spec) {
  const secrets: string[] = [];
  const raw = readInputs(target, { input: (n) => values[n] ?? '', setSecret: (v) => secrets.push(v) });
  return { raw, secrets };
}

test('defaults apply when an input is unset or blank; githubDefault is left to the runner', () => {
  const { raw } = read({ image: 'app', push: '  ' });
  assert.deepEqual(raw, {
    image: 'app',
    mode: 'fast',
    push: 'true',
    attempts: '3',
    files: '',
    password: '',
    token: '',
  });
  assert.equal(read({ image: 'app', mode: 'slow' }).raw.mode, 'slow');
});

test('values are trimmed, except lists; secrets are registered before any check', () => {
  assert.equal(read({ image: ' app \n' }).raw.image, 'app');
  assert.equal(read({ image: 'app', files: 'a.yaml\nb.yaml\n' }).raw.files, 'a.yaml\nb.yaml\n');
  const secrets: string[] = [];
  assert.throws(() =>
    readInputs(spec, {
      input: (n) => ({ password: 's3cret', mode: 'bad' })[n] ?? '',
      setSecret: (v) => secrets.push(v),
    }),
  );
  assert.deepEqual(secrets, ['s3cret']);
});

describe('generic checks name the input', () => {
  const cases: [Record<string, string>, RegExp][] = [
    [{}, /^InputError: input 'image': is required$/],
    [{ image: '   ' }, /^InputError: input 'image': is required$/],
    [{ image: 'app', mode: 'quick' }, /^InputError: input 'mode': expected one of fast, slow, got 'quick'$/],
    [{ image: 'app', mode: 'FAST' }, /input 'mode': expected one of fast, slow, got 'FAST'/],
    [{ image: 'app', push: 'maybe' }, /^InputError: input 'push': expected true or false, got 'maybe'$/],
    [{ image: 'app', attempts: 'ten' }, /^InputError: input 'attempts': expected a whole number, got 'ten'$/],
    [{ image: 'app', attempts: '-1' }, /input 'attempts': expected a whole number/],
    [{ image: 'app', attempts: '2.5' }, /input 'attempts': expected a whole number/],
  ];
  for (const [values, message] of cases) {
    it(JSON.stringify(values), () =>
      assert.throws(
        () => read(values),
        (e: Error) => message.test(`${e.name}: ${e.message}`),
      ),
    );
  }
});

test('a default is checked like a given value (a spec typo fails loudly)', () => {
  const bad: ActionSpec = {
    ...spec,
    inputs: { ...spec.inputs, mode: { description: 'd', default: 'fats', options: ['fast'] } },
  };
  assert.throws(() => read({ image: 'app' }, bad), /input 'mode': expected one of fast, got 'fats'/);
});

test("real specs: options are the values the actions' settings types accept", () => {
  assert.deepEqual(scan.inputs['severity-threshold']?.options, [...THRESHOLDS]);
  const { raw } = read({ image: 'r/web', files: 'a.yaml' }, updateGitopsTag);
  assert.equal(raw.branch, 'main');
  assert.equal(raw['max-attempts'], '10');
  assert.equal(raw.token, '', 'the token default is a GitHub expression: the runner fills it in');
});

describe('credentials written into any input value are registered as secrets before anything is checked', () => {
  const cases: [string, Record<string, string>, string[]][] = [
    ['a URL in a string input', { image: 'https://bob:Zq8Canary@host/web:1' }, ['Zq8Canary']],
    ['scp-like user-info', { image: 'bob:Zq8Canary@host/web:1' }, ['Zq8Canary']],
    ['a token as user name', { image: 'https://Zq8Canary@host/web' }, ['Zq8Canary']],
    ['an item of a list', { image: 'app', files: 'a.yaml,https://u:Zq8Canary@h/x b.yaml' }, ['Zq8Canary']],
    ['a value that fails the generic checks', { image: 'app', mode: 'https://u:Zq8Canary@h/' }, ['Zq8Canary']],
  ];
  for (const [name, values, expected] of cases) {
    it(name, () => {
      const secrets: string[] = [];
      try {
        readInputs(spec, { input: (n) => values[n] ?? '', setSecret: (v) => secrets.push(v) });
      } catch {
        // the point is what was registered before any error
      }
      for (const secret of expected) assert.ok(secrets.includes(secret), `${secret} in ${secrets.join(' ')}`);
    });
  }
  it('image references by digest and ssh logins hold no secret', () => {
    const { secrets } = read({
      image: `registry.example.com/team/web@sha256:${'a'.repeat(64)}`,
      files: `web@sha256:${'b'.repeat(64)}, git@github.com:o/r.git, ssh://git@host/x.git`,
    });
    assert.deepEqual(secrets, []);
  });
});

describe('size and shape rules shared by every input', () => {
  const shaped: ActionSpec = {
    ...spec,
    inputs: {
      ...spec.inputs,
      kubeconfig: { description: 'd', document: true },
      message: { description: 'd', multiline: true },
    },
  };
  const rejects = (values: Record<string, string>, pattern: RegExp) =>
    assert.throws(() => read({ image: 'app', ...values }, shaped), pattern);

  it('refuses a value over 64 KiB, naming the input and the limit', () => {
    rejects({ image: 'a'.repeat(64 * 1024 + 1) }, /input 'image': is 65537 characters long; at most 65536/);
    rejects({ files: `a\n${'b'.repeat(70_000)}` }, /input 'files': .*at most 65536/);
  });

  it('allows a document up to 1 MiB', () => {
    assert.equal(
      read({ image: 'app', kubeconfig: `a: b\n${'c'.repeat(100_000)}` }, shaped).raw.kubeconfig?.length,
      100_005,
    );
    rejects({ kubeconfig: 'c'.repeat(1024 * 1024 + 1) }, /input 'kubeconfig': .*at most 1048576/);
  });

  it('refuses a line break in a single-line input, not in a list, a document or a multiline input', () => {
    rejects({ image: 'a@b\nSigned-off-by: x' }, /input 'image': must be a single line/);
    rejects({ password: 'x\ry' }, /input 'password': must be a single line/);
    const { raw } = read({ image: 'app', files: 'a\nb', kubeconfig: 'a: b\r\nc: d', message: 'one\n\ntwo' }, shaped);
    assert.deepEqual([raw.files, raw.kubeconfig, raw.message], ['a\nb', 'a: b\r\nc: d', 'one\n\ntwo']);
  });

  it('refuses control characters anywhere', () => {
    rejects({ image: 'app\u0000x' }, /input 'image': must not contain control characters/);
    rejects({ kubeconfig: 'a: \u001b[31m' }, /input 'kubeconfig': must not contain control characters/);
    assert.equal(read({ image: 'app', message: 'tab\there' }, shaped).raw.message, 'tab\there');
  });
});
