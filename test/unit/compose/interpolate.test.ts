import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type Part,
  parseTemplate,
  resolveTemplate,
  solveTemplate,
  variablesOf,
} from '../../../src/core/compose/interpolate';

function parts(t: string): Part[] {
  const p = parseTemplate(t);
  if (!Array.isArray(p)) throw new Error(p.error);
  return p;
}
const env = (o: Record<string, string>) => new Map(Object.entries(o));

test('compose interpolation: the forms compose reads', () => {
  const e = env({ TAG: '1.2', EMPTY: '', REG: 'r.example' });
  const r = (t: string) => resolveTemplate(parts(t), e);
  assert.equal(r('app:${TAG}'), 'app:1.2');
  assert.equal(r('app:$TAG'), 'app:1.2');
  assert.equal(r('${REG}/app:${TAG}'), 'r.example/app:1.2');
  assert.equal(r('app:${NOPE:-3}'), 'app:3');
  assert.equal(r('app:${EMPTY:-3}'), 'app:3');
  assert.equal(r('app:${EMPTY-3}'), 'app:');
  assert.equal(r('app:${NOPE-3}'), 'app:3');
  assert.equal(r('app:${TAG:+x}'), 'app:x');
  assert.equal(r('app:${NOPE:+x}'), 'app:');
  assert.equal(r('app:${NOPE:?set it}'), undefined);
  assert.equal(r('app:${TAG?set it}'), 'app:1.2');
  assert.equal(r('a$$b'), 'a$b');
  assert.equal(r('a$'), 'a$');
  assert.deepEqual(variablesOf(parts('${REG}/app:${TAG}-$TAG')), ['REG', 'TAG']);
});

test('compose interpolation: unsupported forms are errors, not guesses', () => {
  assert.match((parseTemplate('app:${TAG') as { error: string }).error, /unclosed/);
  assert.match((parseTemplate('app:${TAG:-${OTHER}}') as { error: string }).error, /nested/);
  assert.match((parseTemplate('app:${1}') as { error: string }).error, /variable name/);
  assert.match((parseTemplate('app:${TAG:x}') as { error: string }).error, /not a supported/);
});

test('solveTemplate: the one variable to set, the others kept', () => {
  const e = env({ TAG: '1', REG: 'r.example', IMAGE: 'r.example/app:1' });
  assert.deepEqual(solveTemplate(parts('r.example/app:${TAG}'), e, 'r.example/app:2'), {
    kind: 'set',
    name: 'TAG',
    value: '2',
  });
  assert.deepEqual(solveTemplate(parts('${REG}/app:${TAG}'), e, 'r.example/app:2'), {
    kind: 'set',
    name: 'TAG',
    value: '2',
  });
  assert.deepEqual(solveTemplate(parts('${REG}/app:${TAG}'), e, 'other.example/app:1'), {
    kind: 'set',
    name: 'REG',
    value: 'other.example',
  });
  assert.deepEqual(solveTemplate(parts('${IMAGE}'), e, 'r.example/app@sha256:00'), {
    kind: 'set',
    name: 'IMAGE',
    value: 'r.example/app@sha256:00',
  });
  // A digest rides along with the tag variable: name:tag@digest is a valid reference.
  assert.deepEqual(solveTemplate(parts('r.example/app:${TAG:-0}'), env({}), 'r.example/app:2@sha256:ab'), {
    kind: 'set',
    name: 'TAG',
    value: '2@sha256:ab',
  });
  assert.deepEqual(solveTemplate(parts('r.example/app:${TAG}'), e, 'r.example/app:1'), { kind: 'unchanged' });
  assert.equal(solveTemplate(parts('${REG}/app:${TAG}'), e, 'other.example/app:2').kind, 'impossible');
  assert.equal(solveTemplate(parts('r.example/app:${TAG}'), e, 'r.example/web:2').kind, 'impossible');
  // A variable used twice, or only through :+, cannot be solved for.
  assert.equal(solveTemplate(parts('r/${N}:${N}'), env({ N: 'a' }), 'r/b:b').kind, 'impossible');
  assert.equal(solveTemplate(parts('r/app${T:+:x}'), env({ T: '1' }), 'r/app:y').kind, 'impossible');
  // Two variables that could both do it: the last one (the tag side) wins.
  assert.deepEqual(solveTemplate(parts('r/app:${A}${B}'), env({ A: '', B: '1' }), 'r/app:2'), {
    kind: 'set',
    name: 'B',
    value: '2',
  });
});
