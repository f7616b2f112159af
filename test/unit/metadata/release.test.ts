// The release machinery, checked without running it: the GitHub release workflow against SchemaStore's workflow
// schema and the GitLab catalog project's .gitlab-ci.yml against GitLab's ci.json (../shared/oracles), plus the
// facts that tie the channels together (one runner image name, one version, the same pinned Trivy).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import Ajv from 'ajv';
import { parse, parseAllDocuments } from 'yaml';
import { RUNNER_IMAGE, RUNNER_IMAGE_REPOSITORY } from '../../../scripts/runner-image';
import { specs } from '../../../src/inputs/index';
import { PINNED_VERSIONS } from '../../../src/tools/scanners/releases';
import { CDPACK_VERSION } from '../../../src/version';
import { requireShared } from '../../support/requirements';

const oracles = requireShared('oracles/schemas');
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false });
const githubWorkflow = ajv.compile(JSON.parse(readFileSync(`${oracles}/schemastore/github-workflow.json`, 'utf8')));
const gitlabCi = ajv.compile(JSON.parse(readFileSync(`${oracles}/gitlab/ci.json`, 'utf8')));

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: { push: { tags: string[]; branches?: unknown } };
  env: Record<string, string>;
  jobs: Record<string, { needs?: string | string[]; steps: Step[]; permissions?: Record<string, string> }>;
}

const workflowText = readFileSync('.github/workflows/release.yml', 'utf8');
const workflow = parse(workflowText) as Workflow;
const catalogCi = parse(readFileSync('gitlab-components/.gitlab-ci.yml', 'utf8')) as Record<string, unknown>;
const allSteps = Object.values(workflow.jobs).flatMap((j) => j.steps);
/** Every component the catalog publishes: one per step, and the pipeline that wires them. */
const components = [...specs.map((s) => s.name), 'pipeline'];

test('release.yml is a valid GitHub workflow (SchemaStore github-workflow.json)', () => {
  assert.ok(githubWorkflow(workflow), ajv.errorsText(githubWorkflow.errors));
  const broken = { ...workflow, jobs: { x: { 'runs-on': 'ubuntu-24.04', steps: [{ uses: 1 }] } } };
  assert.equal(githubWorkflow(broken), false, 'the schema must reject a step whose uses is not a string');
});

test('release.yml runs on semver tags only', () => {
  assert.equal(workflow.on.push.branches, undefined);
  const patterns = workflow.on.push.tags;
  // GitHub's tag filters are globs, not regexes: translate the few forms used here to check them.
  const glob = (p: string) =>
    new RegExp(
      `^${p
        .replace(/\./g, '\\.')
        .replace(/\[0-9\]\+/g, '[0-9]+')
        .replace(/\*/g, '.*')}$`,
    );
  const matches = (tag: string) => patterns.some((p) => glob(p).test(tag));
  for (const tag of ['v0.1.0', 'v1.20.3', 'v1.0.0-rc.1']) assert.ok(matches(tag), `${tag} should release`);
  for (const tag of ['v0', 'latest', '0.1.0', 'v1.2']) assert.ok(!matches(tag), `${tag} must not release`);
});

test('the release builds the runner image for amd64 and arm64 with our build-push, scans it with our scan', () => {
  const build = allSteps.find((s) => s.uses === './actions/build-push' && s.with?.file === 'Dockerfile');
  assert.ok(build, 'no ./actions/build-push step builds the Dockerfile');
  assert.equal(build.with?.image, '${{ env.RUNNER_IMAGE }}');
  assert.deepEqual(String(build.with?.platforms).split(',').sort(), ['linux/amd64', 'linux/arm64']);
  const scan = allSteps.find((s) => s.uses === './actions/scan');
  assert.ok(scan, 'no ./actions/scan step');
  assert.equal(scan.with?.image, `\${{ steps.${build.id}.outputs.image-ref }}`, 'scan the digest that was pushed');
  // Version tags go to the scanned digest only after the scan.
  const promote = allSteps.find((s) => s.uses === './actions/build-push' && s.with?.source);
  assert.ok(promote, 'no promote step');
  assert.equal(promote.with?.source, `\${{ steps.${build.id}.outputs.image-ref }}`);
  assert.ok(allSteps.indexOf(scan) < allSteps.indexOf(promote));
});

test('npm publish and the major tag come after the image; the checks come first', () => {
  const needs = (job: string) => [workflow.jobs[job]?.needs ?? []].flat();
  assert.ok(needs('image').includes('check'));
  assert.ok(needs('npm').includes('image'));
  assert.ok(needs('github').includes('npm'));
  assert.match(allSteps.map((s) => s.run ?? '').join('\n'), /npm publish --provenance/);
  assert.match(allSteps.map((s) => s.run ?? '').join('\n'), /git push --force origin "refs\/tags\/\$MAJOR"/);
  assert.match(workflowText, /npm run build[\s\S]*git status --porcelain -- dist/, 'dist must be checked');
});

test('one runner image: release.yml pushes where the GitLab components default to, at the package version', () => {
  assert.equal(workflow.env.RUNNER_IMAGE, RUNNER_IMAGE_REPOSITORY);
  assert.equal(RUNNER_IMAGE, `${RUNNER_IMAGE_REPOSITORY}:${CDPACK_VERSION}`);
  for (const spec of specs) {
    const path = `gitlab-components/templates/${spec.name}/template.yml`;
    const [header, body] = parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS());
    const inputs = (header as { spec: { inputs: Record<string, { default?: unknown }> } }).spec.inputs;
    assert.equal(inputs['job-image']?.default, RUNNER_IMAGE, `${path}: job-image`);
    assert.equal(inputs['cdpack-package']?.default, '', `${path}: cdpack-package (empty: no npx)`);
    const [job] = Object.values(body as Record<string, { script: string[] }>);
    const script = job?.script.join('\n') ?? '';
    assert.match(script, new RegExp(`^ {2}cdpack ${spec.name} --dotenv`, 'm'), `${path}: runs cdpack directly`);
  }
  const [pipeline] = parseAllDocuments(readFileSync('gitlab-components/templates/pipeline/template.yml', 'utf8')).map(
    (d) => d.toJS(),
  );
  const pipelineInputs = (pipeline as { spec: { inputs: Record<string, { default?: unknown }> } }).spec.inputs;
  assert.equal(pipelineInputs['job-image']?.default, RUNNER_IMAGE, 'pipeline: job-image');
  assert.equal(pipelineInputs['cdpack-package']?.default, '', 'pipeline: cdpack-package');
});

test('the Dockerfile pins kubectl and Trivy per architecture, Trivy at the version cdpack scan pins', () => {
  const dockerfile = readFileSync('Dockerfile', 'utf8');
  const arg = (name: string) => new RegExp(`^ARG ${name}=(.*)$`, 'm').exec(dockerfile)?.[1];
  for (const tool of ['KUBECTL', 'TRIVY']) {
    for (const arch of ['AMD64', 'ARM64']) {
      assert.match(arg(`${tool}_URL_${arch}`) ?? '', /^https:\/\//, `${tool}_URL_${arch}`);
      assert.match(arg(`${tool}_SHA256_${arch}`) ?? '', /^([0-9a-f]{64})?$/, `${tool}_SHA256_${arch}`);
    }
  }
  assert.equal(arg('TRIVY_VERSION'), PINNED_VERSIONS.trivy);
  assert.match(dockerfile, /^ARG BASE_IMAGE=/m);
  assert.match(dockerfile, /^ARG TARGETARCH$/m);
});

test('the catalog project’s .gitlab-ci.yml is valid for GitLab (ci.json) and tests every component', () => {
  assert.ok(gitlabCi(catalogCi), ajv.errorsText(gitlabCi.errors));
  for (const [key, value] of Object.entries(catalogCi)) {
    assert.ok(gitlabCi({ [key]: value }), `${key}: ${ajv.errorsText(gitlabCi.errors)}`);
  }
  assert.deepEqual(readdirSync('gitlab-components/templates').sort(), [...components].sort());
  const included = (catalogCi.include as { component: string }[]).map((i) => i.component);
  for (const component of components) {
    assert.ok(
      included.includes(`$CI_SERVER_FQDN/$CI_PROJECT_PATH/${component}@$CI_COMMIT_SHA`),
      `${component} is not tested at this commit`,
    );
  }
  assert.equal(gitlabCi({ release: { stage: 'release', script: ['x'], release: { tag_name: 1 } } }), false);
});

test('the catalog publishes on semver tags with release:', () => {
  const release = catalogCi.release as {
    rules: { if: string }[];
    release: { tag_name: string; description: string };
  };
  assert.equal(release.release.tag_name, '$CI_COMMIT_TAG');
  for (const component of components) {
    assert.match(release.release.description, new RegExp(`\\b${component}\\b`), `${component} not in the release`);
  }
  const rule = /^\$CI_COMMIT_TAG =~ \/(.*)\/$/.exec(release.rules[0]?.if ?? '')?.[1];
  assert.ok(rule, 'release runs on a tag rule');
  const re = new RegExp(rule);
  for (const tag of ['0.1.0', '1.2.3', '1.0.0-rc.1']) assert.ok(re.test(tag), `${tag} should publish`);
  for (const tag of ['v0', 'latest', '1.2', 'main']) assert.ok(!re.test(tag), `${tag} must not publish`);
});
