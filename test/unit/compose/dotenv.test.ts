import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDotenv, setDotenv } from '../../../src/core/compose/dotenv';

const FILE = [
  '# deployment settings',
  'COMPOSE_PROJECT_NAME=shop',
  'APP_TAG=1.0.0   # set by CI',
  "QUOTED='1.0.0'",
  'DQ="1.0.0"',
  'export EXPORTED=1.0.0',
  'SPACED = 1.0.0',
  'EMPTY=',
  'DUP=1',
  'DUP=2',
  '',
].join('\n');

test('parseDotenv: values the way compose reads them', () => {
  const env = parseDotenv(FILE);
  assert.equal(env.get('APP_TAG'), '1.0.0');
  assert.equal(env.get('QUOTED'), '1.0.0');
  assert.equal(env.get('DQ'), '1.0.0');
  assert.equal(env.get('EXPORTED'), '1.0.0');
  assert.equal(env.get('SPACED'), '1.0.0');
  assert.equal(env.get('EMPTY'), '');
  assert.equal(env.get('DUP'), '2');
  assert.equal(env.get('NOPE'), undefined);
  assert.equal(parseDotenv('A="x\\"y"\r\nB=z\r\n').get('A'), 'x"y');
});

test('setDotenv: one value token changes; quoting, export, comments and other lines stay', () => {
  const lines = (t: string) => t.split('\n');
  const changed = (key: string) => {
    const before = lines(FILE);
    const after = lines(setDotenv(FILE, key, '2.0.0'));
    assert.equal(after.length, before.length);
    return before.flatMap((l, i) => (l === after[i] ? [] : [`${l} => ${after[i]}`]));
  };
  assert.deepEqual(changed('APP_TAG'), ['APP_TAG=1.0.0   # set by CI => APP_TAG=2.0.0   # set by CI']);
  assert.deepEqual(changed('QUOTED'), ["QUOTED='1.0.0' => QUOTED='2.0.0'"]);
  assert.deepEqual(changed('DQ'), ['DQ="1.0.0" => DQ="2.0.0"']);
  assert.deepEqual(changed('EXPORTED'), ['export EXPORTED=1.0.0 => export EXPORTED=2.0.0']);
  assert.deepEqual(changed('SPACED'), ['SPACED = 1.0.0 => SPACED = 2.0.0']);
  assert.deepEqual(changed('EMPTY'), ['EMPTY= => EMPTY=2.0.0']);
  assert.deepEqual(changed('DUP'), ['DUP=2 => DUP=2.0.0']);
});

test('setDotenv: a missing key is appended; CRLF and a missing final newline are kept', () => {
  assert.equal(setDotenv('A=1\n', 'TAG', '2'), 'A=1\nTAG=2\n');
  assert.equal(setDotenv('A=1', 'TAG', '2'), 'A=1\nTAG=2\n');
  assert.equal(setDotenv('', 'TAG', '2'), 'TAG=2\n');
  assert.equal(setDotenv('A=1\r\nTAG=1\r\n', 'TAG', '2'), 'A=1\r\nTAG=2\r\n');
  assert.equal(setDotenv('A=1\r\n', 'TAG', '2'), 'A=1\r\nTAG=2\r\n');
});

test('setDotenv: a value that would need quoting is refused', () => {
  assert.throws(() => setDotenv('', 'TAG', 'a b'), /needs quoting/);
  assert.throws(() => setDotenv('', 'TAG', 'x\nEVIL=1'), /needs quoting/);
  assert.throws(() => setDotenv('', 'TAG', '$(id)'), /needs quoting/);
});
