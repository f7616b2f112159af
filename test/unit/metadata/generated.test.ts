// The generated metadata is checked against the third-party schemas in ../shared/oracles (SchemaStore's
// github-action schema; GitLab's ci.json), so a generator bug cannot ship an action.yml GitHub would reject.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { specs } from '../../../src/inputs/index';
import { requireShared } from '../../support/requirements';

interface ActionYml {
  runs: { using: string; main: string };
  inputs: Record<string, unknown>;
  outputs: Record<string, unknown>;
}

const oracles = requireShared('oracles/schemas');
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
const githubAction = ajv.compile(JSON.parse(readFileSync(`${oracles}/schemastore/github-action.json`, 'utf8')));
const gitlabCi = ajv.compile(JSON.parse(readFileSync(`${oracles}/gitlab/ci.json`, 'utf8')));

test('every action.yml is valid for GitHub and runs its bundle on node24', () => {
  for (const path of ['action.yml', ...specs.map((s) => `actions/${s.name}/action.yml`)]) {
    const doc = parse(readFileSync(path, 'utf8')) as ActionYml;
    assert.ok(githubAction(doc), `${path}: ${ajv.errorsText(githubAction.errors)}`);
    assert.equal(doc.runs.using, 'node24');
  }
  const bad = { name: 'x', description: 'y', runs: { using: 'node24' } };
  assert.equal(githubAction(bad), false, 'the schema must reject an action without runs.main');
});

test('action.yml inputs and outputs are exactly the declared ones', () => {
  for (const spec of specs) {
    const doc = parse(readFileSync(`actions/${spec.name}/action.yml`, 'utf8')) as ActionYml;
    assert.deepEqual(Object.keys(doc.inputs), Object.keys(spec.inputs));
    assert.deepEqual(Object.keys(doc.outputs), Object.keys(spec.outputs));
    assert.equal(doc.runs.main, `../../dist/${spec.name}/index.js`);
  }
});

test('every GitLab template is valid against GitLab ci.json (each top-level key alone, as GitLab’s own tests do)', () => {
  for (const spec of specs) {
    const path = `gitlab-components/templates/${spec.name}/template.yml`;
    const [header, body] = parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS());
    assert.ok(gitlabCi(header), `${path} spec: ${ajv.errorsText(gitlabCi.errors)}`);
    for (const [key, value] of Object.entries(body as Record<string, unknown>)) {
      assert.ok(gitlabCi({ [key]: value }), `${path} ${key}: ${ajv.errorsText(gitlabCi.errors)}`);
    }
    const inputs = (header as { spec: { inputs: Record<string, unknown> } }).spec.inputs;
    for (const name of Object.keys(spec.inputs)) assert.ok(inputs[name], `${path}: input ${name} missing`);
  }
  assert.equal(
    gitlabCi({ spec: { inputs: { x: { type: 'nonsense' } } } }),
    false,
    'the schema must reject a bad input type',
  );
});
