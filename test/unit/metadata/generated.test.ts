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

// The pipeline component wires all five steps; its interface is fixed (docs are written against these names).
interface PipelineJob {
  stage: string;
  needs: (string | { job: string; optional?: boolean })[];
  rules?: { if: string; when?: string }[];
  environment?: { name: string; url?: string; action?: string };
  variables: Record<string, string>;
  script: string[];
}
const pipelinePath = 'gitlab-components/templates/pipeline/template.yml';
const [pipelineHeader, pipelineBody] = parseAllDocuments(readFileSync(pipelinePath, 'utf8')).map((d) => d.toJS()) as [
  { spec: { inputs: Record<string, { default?: unknown; options?: string[]; description: string }> } },
  Record<string, PipelineJob>,
];
const pipelineInputs = pipelineHeader.spec.inputs;
const pipelineJob = (step: string) => pipelineBody[`$[[ inputs.job-prefix ]]${step}`] as PipelineJob;

test('the pipeline template is valid against GitLab ci.json, each job alone', () => {
  assert.ok(gitlabCi(pipelineHeader), `${pipelinePath} spec: ${ajv.errorsText(gitlabCi.errors)}`);
  assert.deepEqual(
    Object.keys(pipelineBody),
    specs.map((s) => `$[[ inputs.job-prefix ]]${s.name}`),
  );
  for (const [key, value] of Object.entries(pipelineBody)) {
    assert.ok(gitlabCi({ [key]: value }), `${pipelinePath} ${key}: ${ajv.errorsText(gitlabCi.errors)}`);
  }
  const verify = pipelineJob('verify-rollout');
  assert.equal(
    gitlabCi({ x: { ...verify, environment: { ...verify.environment, action: 'check' } } }),
    false,
    'the schema must reject an unknown environment action',
  );
});

test('the pipeline has the public inputs, with their defaults', () => {
  const fixed = [
    'deploy',
    'image',
    'context',
    'file',
    'tags',
    'platforms',
    'build-args',
    'severity-threshold',
    'ignore-file',
    'gitops-repository',
    'gitops-files',
    'gitops-branch',
    'gitops-token',
    'gitops-mode',
    'workloads',
    'namespace',
    'kubeconfig',
    'container',
    'environment',
    'environment-url',
    'timeout',
    'rollback',
    'argocd-app',
    'flux-kustomization',
    'job-prefix',
    'job-image',
    'cdpack-package',
    'build-stage',
    'test-stage',
    'deploy-stage',
  ];
  for (const name of fixed) assert.ok(pipelineInputs[name], `input ${name} missing`);
  assert.deepEqual(pipelineInputs.deploy?.options, ['gitops', 'kubernetes', 'none']);
  assert.deepEqual(pipelineInputs['gitops-mode']?.options, ['push', 'merge-request']);
  const defaults = Object.fromEntries(Object.entries(pipelineInputs).map(([n, i]) => [n, i.default]));
  assert.equal(defaults.deploy, 'gitops');
  assert.equal(defaults.image, '$CI_REGISTRY_IMAGE');
  assert.equal(defaults.environment, 'production');
  assert.equal(defaults['environment-url'], '');
  assert.equal(defaults['job-prefix'], 'cdpack-');
  assert.deepEqual(
    [defaults['build-stage'], defaults['test-stage'], defaults['deploy-stage']],
    ['build', 'test', 'deploy'],
  );
  // Every input is optional in the include: GitLab treats an input without default as required.
  for (const [name, input] of Object.entries(pipelineInputs)) assert.notEqual(input.default, undefined, name);
});

test('each pipeline job runs its step with that step’s variables, and its descriptions come from the step specs', () => {
  for (const spec of specs) {
    const job = pipelineJob(spec.name);
    assert.match(
      job.script.join('\n'),
      new RegExp(`^ {2}cdpack ${spec.name} --dotenv cdpack-${spec.name}\\.env$`, 'm'),
    );
    const stepVariables = new Set(Object.keys(spec.inputs).map((n) => `CDPACK_${n.toUpperCase().replace(/-/g, '_')}`));
    for (const [variable, value] of Object.entries(job.variables)) {
      if (variable === 'CDPACK_PACKAGE' || variable === 'CDPACK_ENVIRONMENT_URL') continue;
      assert.ok(stepVariables.has(variable), `${spec.name}: ${variable} is not an input of the step`);
      const input = /^\$\[\[ inputs\.([a-z-]+) \]\]$/.exec(value)?.[1];
      if (!input) continue;
      const stepInput = Object.entries(spec.inputs).find(
        ([n]) => `CDPACK_${n.toUpperCase().replace(/-/g, '_')}` === variable,
      )?.[1];
      assert.ok(pipelineInputs[input], `${spec.name}: ${variable} reads the undeclared input ${input}`);
      // The input that feeds several steps describes the first; every other one is named in its description.
      const description = pipelineInputs[input]?.description ?? '';
      assert.ok(
        description.startsWith(stepInput?.description ?? '\0') || description.includes(`${spec.name} \``),
        `${input}: description does not come from ${spec.name}'s spec`,
      );
    }
  }
});

test('the pipeline carries build-push’s digest through every job, and needs: chains the jobs', () => {
  assert.equal(pipelineJob('scan').variables.CDPACK_IMAGE, '$CDPACK_BUILD_PUSH_IMAGE_REF');
  assert.equal(pipelineJob('update-gitops-tag').variables.CDPACK_DIGEST, '$CDPACK_BUILD_PUSH_DIGEST');
  assert.equal(pipelineJob('update-gitops-tag').variables.CDPACK_TAG, '$CI_COMMIT_SHA');
  assert.equal(pipelineJob('set-image').variables.CDPACK_IMAGE, '$CDPACK_BUILD_PUSH_IMAGE_REF');
  assert.equal(pipelineJob('verify-rollout').variables.CDPACK_REVISION, '$CDPACK_UPDATE_GITOPS_TAG_COMMIT');
  assert.deepEqual(pipelineJob('build-push').needs, []);
  assert.deepEqual(pipelineJob('scan').needs, ['$[[ inputs.job-prefix ]]build-push']);
  for (const deploy of ['update-gitops-tag', 'set-image']) {
    assert.deepEqual(pipelineJob(deploy).needs, ['$[[ inputs.job-prefix ]]build-push', '$[[ inputs.job-prefix ]]scan']);
    assert.equal(pipelineJob(deploy).environment?.name, '$[[ inputs.environment ]]');
  }
  assert.deepEqual(pipelineJob('verify-rollout').needs, [
    { job: '$[[ inputs.job-prefix ]]update-gitops-tag', optional: true },
    { job: '$[[ inputs.job-prefix ]]set-image', optional: true },
  ]);
  assert.equal(pipelineJob('verify-rollout').environment?.action, 'verify');
  assert.deepEqual(pipelineJob('update-gitops-tag').rules, [{ if: '"$[[ inputs.deploy ]]" == "gitops"' }]);
  assert.deepEqual(pipelineJob('set-image').rules, [{ if: '"$[[ inputs.deploy ]]" == "kubernetes"' }]);
  assert.equal(pipelineJob('build-push').rules, undefined);
});
