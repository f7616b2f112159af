import assert from 'node:assert/strict';
import { test } from 'node:test';
import { type ComposeProject, planCompose, servicesForRepository } from '../../../src/core/compose/plan';
import { serviceImages } from '../../../src/core/compose/service-image';

const COMPOSE = `# shop
services:
  web:
    image: "registry.example/shop/web:1.0.0" # pinned
    ports: ["8080:80"]
  worker:
    image: registry.example/shop/web:\${APP_TAG:-0.9}
    command: ["worker"]
  db:
    image: postgres:16
  built:
    build: .
`;

function project(composeText = COMPOSE, envText: string | null = 'APP_TAG=1.0.0\n'): ComposeProject {
  return {
    composePath: '/srv/shop/compose.yaml',
    composeText,
    envPath: '/srv/shop/.env',
    envText: envText ?? undefined,
  };
}

function diffLines(a: string, b: string): string[] {
  const x = a.split('\n');
  const y = b.split('\n');
  assert.equal(x.length, y.length);
  return x.flatMap((l, i) => (l === y[i] ? [] : [`${l} => ${y[i]}`]));
}

test('serviceImages: every service with an image, as written', () => {
  assert.deepEqual(
    serviceImages('c.yaml', COMPOSE).map((s) => [s.service, s.template, s.line]),
    [
      ['web', 'registry.example/shop/web:1.0.0', 4],
      ['worker', 'registry.example/shop/web:${APP_TAG:-0.9}', 7],
      ['db', 'postgres:16', 10],
    ],
  );
});

test('planCompose: a literal image is rewritten in place, quoting and comment kept', () => {
  const plan = planCompose(project(), ['web'], 'registry.example/shop/web:2.0.0');
  assert.deepEqual(diffLines(COMPOSE, plan.composeText ?? ''), [
    '    image: "registry.example/shop/web:1.0.0" # pinned =>     image: "registry.example/shop/web:2.0.0" # pinned',
  ]);
  assert.equal(plan.envText, undefined);
  assert.deepEqual(plan.changes, [
    {
      service: 'web',
      previous: 'registry.example/shop/web:1.0.0',
      image: 'registry.example/shop/web:2.0.0',
      via: { kind: 'image' },
    },
  ]);
});

test('planCompose: an image from a variable changes that variable in .env, not the compose file', () => {
  const plan = planCompose(project(), ['worker'], 'registry.example/shop/web:2.0.0');
  assert.equal(plan.composeText, undefined);
  assert.equal(plan.envText, 'APP_TAG=2.0.0\n');
  assert.deepEqual(plan.changes[0]?.via, { kind: 'env', name: 'APP_TAG' });
  assert.equal(plan.changes[0]?.previous, 'registry.example/shop/web:1.0.0');
  // No .env yet: the default applies before, and the variable is added.
  const fresh = planCompose(project(COMPOSE, null), ['worker'], 'registry.example/shop/web:2.0.0');
  assert.equal(fresh.changes[0]?.previous, 'registry.example/shop/web:0.9');
  assert.equal(fresh.envText, 'APP_TAG=2.0.0\n');
});

test('planCompose: both kinds together, and nothing to do when the files already name the image', () => {
  const plan = planCompose(project(), ['web', 'worker'], 'registry.example/shop/web:2.0.0');
  assert.notEqual(plan.composeText, undefined);
  assert.equal(plan.envText, 'APP_TAG=2.0.0\n');
  const same = planCompose(project(), ['web', 'worker'], 'registry.example/shop/web:1.0.0');
  assert.equal(same.composeText, undefined);
  assert.equal(same.envText, undefined);
  assert.deepEqual(
    same.changes.map((c) => c.via.kind),
    ['none', 'none'],
  );
});

test('planCompose: unknown, built and aliased services are errors naming the file and service', () => {
  assert.throws(
    () => planCompose(project(), ['nope'], 'registry.example/shop/web:2'),
    /compose\.yaml: no service 'nope'/,
  );
  assert.throws(
    () => planCompose(project(), ['built'], 'registry.example/shop/web:2'),
    /service 'built' has no 'image:'/,
  );
  const aliased = 'x-img: &img registry.example/shop/web:1\nservices:\n  web:\n    image: *img\n';
  assert.throws(() => planCompose(project(aliased), ['web'], 'registry.example/shop/web:2'), /is a YAML alias/);
  const merged = 'x-base: &base\n  image: registry.example/shop/web:1\nservices:\n  web:\n    <<: *base\n';
  assert.throws(
    () => planCompose(project(merged), ['web'], 'registry.example/shop/web:2'),
    /has no 'image:' of its own/,
  );
  assert.throws(
    () => planCompose(project('services:\n  web:\n    image: r/web:${TAG}\n'), ['web'], 'r/other:2'),
    /no single variable of it \(TAG\) can make it 'r\/other:2'/,
  );
  assert.throws(() => planCompose(project('services: [a]\n'), ['web'], 'r/web:2'), /no 'services:' mapping/);
});

test('servicesForRepository: the default selection, by normalised repository', () => {
  assert.deepEqual(servicesForRepository(project(), 'registry.example/shop/web'), ['web', 'worker']);
  assert.deepEqual(servicesForRepository(project(), 'docker.io/library/postgres'), ['db']);
  assert.deepEqual(servicesForRepository(project(), 'registry.example/other'), []);
});
