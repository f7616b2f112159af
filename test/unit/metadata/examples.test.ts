// The example workflows (examples/) checked the way their platforms would check them, and against our own
// interfaces: the GitHub workflow against SchemaStore's github-workflow.json, every `with:` against the used
// action.yml, every `steps.*` / `needs.*` output reference against what exists; the GitLab pipeline against
// GitLab's ci.json, every component include against the template's `spec: inputs`, every `$CDPACK_<STEP>_<OUTPUT>`
// against the step's outputs and the jobs the consumer receives dotenv reports from. Each check is shown to reject a
// mutated copy. gitlab-ci-local then resolves the GitLab example (includes rewritten to local copies of the
// templates) and must see the same jobs, needs and variables.
import assert from 'node:assert/strict';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, type TestContext, test } from 'node:test';
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { parse, parseAllDocuments, stringify } from 'yaml';
import {
  commitProject,
  gitlabCiLocalUnavailable,
  runGitlabCiLocal,
  SHELL_EXECUTOR,
} from '../../support/gitlab-ci-local';
import { requireShared, skipUnlessAvailable } from '../../support/requirements';

const oracles = requireShared('oracles/schemas');
const ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
addFormats(ajv);
const githubWorkflowSchema = ajv.compile(
  JSON.parse(readFileSync(`${oracles}/schemastore/github-workflow.json`, 'utf8')),
);
const gitlabCiSchema = ajv.compile(JSON.parse(readFileSync(`${oracles}/gitlab/ci.json`, 'utf8')));

const GITHUB_EXAMPLE = 'examples/github/deliver.yml';
const GITLAB_EXAMPLE = 'examples/gitlab/.gitlab-ci.yml';
const githubExample = () => parse(readFileSync(GITHUB_EXAMPLE, 'utf8')) as Workflow;
const gitlabExample = () => parse(readFileSync(GITLAB_EXAMPLE, 'utf8')) as Ci;

/** A deep copy to mutate. */
const copy = <T>(value: T): T => structuredClone(value);
/** Every string inside a value (keys excluded). */
function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

// ---------------------------------------------------------------------------------------------------------------
// GitHub: the workflow against the actions it uses.

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
  [key: string]: unknown;
}
interface Job {
  needs?: string | string[];
  outputs?: Record<string, string>;
  steps: Step[];
  [key: string]: unknown;
}
interface Workflow {
  jobs: Record<string, Job>;
  [key: string]: unknown;
}
interface ActionMetadata {
  inputs: Record<string, { required?: boolean; default?: string }>;
  outputs: Record<string, unknown>;
}

const CDPACK_USES = /^[^/]+\/cdpack\/actions\/([^@]+)@(.+)$/;

function actionMetadata(step: string): ActionMetadata | undefined {
  const path = `actions/${step}/action.yml`;
  return existsSync(path) ? (parse(readFileSync(path, 'utf8')) as ActionMetadata) : undefined;
}

/** The cdpack action a step uses, or undefined for any other step. */
function usedAction(step: Step): { name: string; metadata: ActionMetadata | undefined } | undefined {
  const name = CDPACK_USES.exec(step.uses ?? '')?.[1];
  return name === undefined ? undefined : { name, metadata: actionMetadata(name) };
}

const STEP_OUTPUT = /\bsteps\.([\w-]+)\.outputs\.([\w-]+)/g;
const NEEDS_OUTPUT = /\bneeds\.([\w-]+)\.outputs\.([\w-]+)/g;
/** (source, output) pairs a pattern finds in texts; also outside `${{ }}`, since an `if:` is an expression without it. */
const references = (texts: string[], pattern: RegExp): [string, string][] =>
  texts.flatMap((t) => [...t.matchAll(pattern)].map((m): [string, string] => [m[1] ?? '', m[2] ?? '']));

/** What is wrong in a workflow against our action.yml files; empty when nothing is. */
function githubProblems(workflow: Workflow): string[] {
  const problems: string[] = [];
  const readme = readFileSync('README.md', 'utf8');
  for (const [jobName, job] of Object.entries(workflow.jobs)) {
    const needs = [job.needs ?? []].flat();
    /** `steps.<id>.outputs.<name>` seen from `where`: the step must come earlier and have that output. */
    const checkStepOutputs = (texts: string[], visible: Step[], where: string) => {
      for (const [id, output] of references(texts, STEP_OUTPUT)) {
        const producer = visible.find((s) => s.id === id);
        const action = producer && usedAction(producer);
        if (!producer) problems.push(`${where}: steps.${id} is no earlier step of job ${jobName}`);
        else if (!action?.metadata)
          problems.push(`${where}: steps.${id} is not a cdpack step (its outputs are unknown)`);
        else if (!(output in action.metadata.outputs)) {
          problems.push(`${where}: ${action.name} has no output '${output}' (steps.${id}.outputs.${output})`);
        }
      }
    };
    for (const [need, output] of references(strings(job), NEEDS_OUTPUT)) {
      if (!needs.includes(need)) problems.push(`job ${jobName}: needs.${need} is not in its needs`);
      else if (!(output in (workflow.jobs[need]?.outputs ?? {}))) {
        problems.push(`job ${jobName}: job ${need} declares no output '${output}'`);
      }
    }
    checkStepOutputs(strings(job.outputs ?? {}), job.steps, `job ${jobName} outputs`);
    job.steps.forEach((step, index) => {
      const where = `job ${jobName} step ${step.id ?? index + 1}`;
      checkStepOutputs(strings(step), job.steps.slice(0, index), where);
      const action = usedAction(step);
      if (!action) return;
      if (!action.metadata) {
        problems.push(`${where}: ${step.uses} names no action (actions/${action.name}/action.yml)`);
        return;
      }
      if (!readme.includes(`uses: ${step.uses}`)) {
        problems.push(`${where}: '${step.uses}' is not written as the README's uses: lines are`);
      }
      const given = step.with ?? {};
      for (const key of Object.keys(given)) {
        if (!(key in action.metadata.inputs)) problems.push(`${where}: ${action.name} has no input '${key}'`);
      }
      for (const [key, input] of Object.entries(action.metadata.inputs)) {
        if (input.required && input.default === undefined && !(key in given)) {
          problems.push(`${where}: ${action.name}'s required input '${key}' is missing`);
        }
      }
    });
  }
  return problems;
}

test('the GitHub example is a valid workflow (SchemaStore github-workflow.json)', () => {
  const workflow = githubExample();
  assert.ok(githubWorkflowSchema(workflow), ajv.errorsText(githubWorkflowSchema.errors));
  const broken = copy(workflow);
  delete broken.jobs.build?.['runs-on'];
  assert.equal(githubWorkflowSchema(broken), false, 'a job without runs-on must be rejected');
});

test('the GitHub example uses all five steps, carries the digest in job outputs, and is least-privilege', () => {
  const workflow = githubExample();
  assert.deepEqual(githubProblems(workflow), []);
  const used = Object.values(workflow.jobs).flatMap((j) => j.steps.map((s) => usedAction(s)?.name ?? []));
  assert.deepEqual([...new Set(used.flat())].sort(), [
    'build-push',
    'scan',
    'set-image',
    'update-gitops-tag',
    'verify-rollout',
  ]);
  assert.deepEqual(workflow.permissions, {}, 'nothing granted at the workflow level');
  assert.ok(workflow.concurrency, 'concurrency: one delivery at a time');
  const text = readFileSync(GITHUB_EXAMPLE, 'utf8');
  assert.match(text, /needs\.build\.outputs\.digest/);
  assert.match(text, /needs\.build\.outputs\.image-ref/);
  assert.match(text, /upload-sarif/);
  assert.match(text, /rollback: true/);
});

test('GitHub checks reject a mutated example (each check can fail)', () => {
  const cases: [string, (w: Workflow) => void, RegExp][] = [
    ['unknown input', (w) => Object.assign(w.jobs.build?.steps[1]?.with ?? {}, { imgae: 'x' }), /no input 'imgae'/],
    ['missing required input', (w) => delete w.jobs.build?.steps[1]?.with?.image, /required input 'image'/],
    [
      'unknown step output',
      (w) => Object.assign(w.jobs.build?.outputs ?? {}, { digest: '${{ steps.build.outputs.digets }}' }),
      /no output 'digets'/,
    ],
    [
      'unknown step id',
      (w) => Object.assign(w.jobs.build?.outputs ?? {}, { digest: '${{ steps.bild.outputs.digest }}' }),
      /steps\.bild is no earlier step/,
    ],
    [
      'a step read before it ran',
      (w) => w.jobs.production?.steps.reverse(),
      /steps\.deploy is no earlier step|steps\.verify is no earlier step/,
    ],
    [
      'undeclared job output',
      (w) => Object.assign(w.jobs.production?.steps[0]?.with ?? {}, { image: '${{ needs.build.outputs.ref }}' }),
      /job build declares no output 'ref'/,
    ],
    ['a job not in needs', (w) => Object.assign(w.jobs.scan ?? {}, { needs: [] }), /needs\.build is not in its needs/],
    [
      'an action that does not exist',
      (w) => Object.assign(w.jobs.build?.steps[1] ?? {}, { uses: '<owner>/cdpack/actions/deploy@v0' }),
      /names no action/,
    ],
    [
      'a uses: line the README does not give',
      (w) => Object.assign(w.jobs.build?.steps[1] ?? {}, { uses: 'someone/cdpack/actions/build-push@main' }),
      /not written as the README's/,
    ],
  ];
  for (const [name, mutate, expected] of cases) {
    const workflow = githubExample();
    mutate(workflow);
    assert.match(githubProblems(workflow).join('\n'), expected, name);
  }
});

// ---------------------------------------------------------------------------------------------------------------
// GitLab: the pipeline against the components' spec:inputs and outputs.

interface TemplateInput {
  default?: unknown;
  type?: 'string' | 'boolean' | 'number' | 'array';
  options?: unknown[];
  regex?: string;
}
interface Template {
  inputs: Record<string, TemplateInput>;
  /** The job the template defines, with `$[[ inputs.* ]]` left in. */
  job: Record<string, unknown>;
}
interface Include {
  component?: string;
  local?: string;
  inputs?: Record<string, unknown>;
}
type Ci = Record<string, unknown> & { include?: Include[]; stages?: string[] };
type Need = string | { job: string };

const TEMPLATES = 'gitlab-components/templates';
function template(name: string): Template | undefined {
  const path = `${TEMPLATES}/${name}/template.yml`;
  if (!existsSync(path)) return undefined;
  const [header, body] = parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS()) as [
    { spec: { inputs: Record<string, TemplateInput> } },
    Record<string, Record<string, unknown>>,
  ];
  return { inputs: header.spec.inputs, job: Object.values(body)[0] ?? {} };
}
/** Outputs of a step, from its action.yml (the same spec generates the template's dotenv names). */
const stepOutputs = (step: string) => Object.keys(actionMetadata(step)?.outputs ?? {});
const snake = (name: string) => name.toUpperCase().replace(/-/g, '_');

/** `<host>/<project path>/<component>@<version>` → component name. */
const componentName = (address: string) => /^.+\/([^/@]+)@[^/@]+$/.exec(address)?.[1];

interface ComponentJob {
  step: string;
  name: string;
  stage: string;
  /** Every input's value: given, else the template's default. */
  inputs: Record<string, unknown>;
}

/** The jobs the component includes make, with their effective inputs. */
function componentJobs(ci: Ci): ComponentJob[] {
  return (ci.include ?? []).flatMap((include) => {
    const step = include.component && componentName(include.component);
    const spec = step && template(step);
    if (!step || !spec) return [];
    const inputs = Object.fromEntries(
      Object.entries(spec.inputs).map(([key, input]) => [key, include.inputs?.[key] ?? input.default]),
    );
    // A template of several jobs (pipeline) has no job-name: its includes are checked, not its jobs.
    if (!('job-name' in spec.inputs)) return [];
    const name = String(inputs['job-name']);
    const override = ci[name] as { stage?: string } | undefined;
    return [{ step, name, stage: override?.stage ?? String(inputs.stage), inputs }];
  });
}

const typeOf = (value: unknown) => (Array.isArray(value) ? 'array' : typeof value);

/** What is wrong in a pipeline against the component templates; empty when nothing is. */
function gitlabProblems(ci: Ci): string[] {
  const problems: string[] = [];
  for (const include of ci.include ?? []) {
    if (!include.component) continue;
    const step = componentName(include.component);
    const spec = step ? template(step) : undefined;
    if (!step || !spec) {
      problems.push(`${include.component}: no such component in ${TEMPLATES}`);
      continue;
    }
    const given = include.inputs ?? {};
    for (const [key, value] of Object.entries(given)) {
      const input = spec.inputs[key];
      if (!input) {
        problems.push(`${step}: no input '${key}'`);
        continue;
      }
      if (typeOf(value) !== (input.type ?? 'string')) {
        problems.push(`${step}: input '${key}' is a ${typeOf(value)}, the spec says ${input.type ?? 'string'}`);
      }
      if (input.options && !input.options.includes(value)) {
        problems.push(`${step}: input '${key}': '${value}' is not one of ${input.options.join(', ')}`);
      }
      if (input.regex && !new RegExp(input.regex).test(String(value))) {
        problems.push(`${step}: input '${key}': '${value}' does not match ${input.regex}`);
      }
    }
    for (const [key, input] of Object.entries(spec.inputs)) {
      if (input.default === undefined && !(key in given)) problems.push(`${step}: required input '${key}' is missing`);
    }
  }

  const jobs = componentJobs(ci);
  const stages = ci.stages ?? ['build', 'test', 'deploy'];
  const plainJobs = Object.keys(ci).filter(
    (k) => !['include', 'stages', 'variables', 'default', 'workflow'].includes(k) && !k.startsWith('.'),
  );
  const allJobs = new Set([...jobs.map((j) => j.name), ...plainJobs]);
  const stepOf = new Map(jobs.map((j) => [j.name, j.step]));
  const stageOf = (name: string) =>
    jobs.find((j) => j.name === name)?.stage ?? String((ci[name] as { stage?: string })?.stage ?? 'test');
  for (const name of allJobs) {
    const own = ci[name] as { needs?: Need[]; stage?: string } | undefined;
    const needs = own?.needs?.map((n) => (typeof n === 'string' ? n : n.job));
    for (const need of needs ?? []) {
      if (!allJobs.has(need)) problems.push(`job ${name}: needs ${need}, which no include or job defines`);
    }
    if (!stages.includes(stageOf(name))) problems.push(`job ${name}: stage ${stageOf(name)} is not in stages`);
    /** Jobs whose dotenv reports this one receives: its needs, else every job of an earlier stage. */
    const sources = needs ?? [...allJobs].filter((j) => stages.indexOf(stageOf(j)) < stages.indexOf(stageOf(name)));
    const texts = [...strings(jobs.find((j) => j.name === name)?.inputs ?? {}), ...strings(own ?? {})];
    for (const [, variable] of texts.flatMap((t) => [...t.matchAll(/\$\{?(CDPACK_[A-Z0-9_]+)/g)])) {
      const producer = [...new Set(jobs.map((j) => j.step))].find((step) =>
        stepOutputs(step).some((output) => variable === `CDPACK_${snake(step)}_${snake(output)}`),
      );
      if (!producer) {
        problems.push(`job ${name}: $${variable} is no step's output`);
      } else if (!sources.some((source) => stepOf.get(source) === producer)) {
        problems.push(`job ${name}: reads $${variable} but receives no ${producer} job's dotenv report`);
      }
    }
  }
  return problems;
}

test('the GitLab example is valid for GitLab (ci.json)', () => {
  const ci = gitlabExample();
  assert.ok(gitlabCiSchema(ci), ajv.errorsText(gitlabCiSchema.errors));
  for (const [key, value] of Object.entries(ci)) {
    assert.ok(gitlabCiSchema({ [key]: value }), `${key}: ${ajv.errorsText(gitlabCiSchema.errors)}`);
  }
  const broken = copy(ci);
  broken['deploy-staging'] = { ...(ci['deploy-staging'] as object), environment: { name: 'x', action: 'deploy' } };
  assert.equal(gitlabCiSchema(broken), false, 'an unknown environment action must be rejected');
});

test('the GitLab example includes the five components and wires their outputs through needs:', () => {
  const ci = gitlabExample();
  assert.deepEqual(gitlabProblems(ci), []);
  const jobs = componentJobs(ci);
  assert.deepEqual(jobs.map((j) => j.step).sort(), [
    'build-push',
    'scan',
    'set-image',
    'update-gitops-tag',
    'verify-rollout',
  ]);
  for (const include of ci.include ?? []) {
    assert.match(include.component ?? '', /^\$CI_SERVER_FQDN\/[^/]+\/cdpack\/[a-z-]+@\d+\.\d+\.\d+$/);
  }
  const text = readFileSync(GITLAB_EXAMPLE, 'utf8');
  assert.match(text, /component: \$CI_SERVER_FQDN\/[^/]+\/cdpack\/pipeline@/, 'points at the pipeline component');
  const environments = Object.values(ci).flatMap((job) => strings((job as { environment?: unknown }).environment));
  assert.ok(environments.includes('production') && environments.includes('staging'), 'environment: on deploys');
});

test('GitLab checks reject a mutated example (each check can fail)', () => {
  const include = (ci: Ci, step: string) => {
    const found = ci.include?.find((i) => i.component?.includes(`/${step}@`));
    assert.ok(found?.inputs, step);
    return found.inputs;
  };
  const cases: [string, (ci: Ci) => void, RegExp][] = [
    ['unknown input', (ci) => Object.assign(include(ci, 'scan'), { imgae: 'x' }), /scan: no input 'imgae'/],
    ['missing required input', (ci) => delete include(ci, 'update-gitops-tag').files, /required input 'files'/],
    [
      'option not allowed',
      (ci) => Object.assign(include(ci, 'scan'), { 'severity-threshold': 'severe' }),
      /'severe' is not one of/,
    ],
    [
      'wrong input type',
      (ci) => Object.assign(include(ci, 'verify-rollout'), { rollback: 'yes' }),
      /'rollback' is a string, the spec says boolean/,
    ],
    [
      'no such output',
      (ci) => Object.assign(include(ci, 'set-image'), { image: '$CDPACK_BUILD_PUSH_IMAGEREF' }),
      /CDPACK_BUILD_PUSH_IMAGEREF is no step's output/,
    ],
    [
      'an input variable taken for an output',
      (ci) => Object.assign(include(ci, 'set-image'), { image: '$CDPACK_IMAGE' }),
      /CDPACK_IMAGE is no step's output/,
    ],
    [
      'an output read without needing its job',
      (ci) => Object.assign(ci['deploy-production'] as object, { needs: ['deploy-staging'] }),
      /deploy-production: reads \$CDPACK_BUILD_PUSH_IMAGE_REF but receives no build-push/,
    ],
    [
      'a default that reads an output, without needing its job',
      (ci) => Object.assign(ci['deploy-staging'] as object, { needs: ['cdpack-scan'] }),
      /deploy-staging: reads \$CDPACK_BUILD_PUSH_DIGEST/,
    ],
    [
      'a need that names no job',
      (ci) => Object.assign(ci['verify-production'] as object, { needs: ['deploy-prod'] }),
      /needs deploy-prod, which no include or job defines/,
    ],
    [
      'a component that does not exist',
      (ci) => ci.include?.push({ component: '$CI_SERVER_FQDN/cdpack/cdpack/deploy@0.1.0' }),
      /no such component/,
    ],
  ];
  for (const [name, mutate, expected] of cases) {
    const ci = gitlabExample();
    mutate(ci);
    assert.match(gitlabProblems(ci).join('\n'), expected, name);
  }
});

// ---------------------------------------------------------------------------------------------------------------
// The GitLab example as gitlab-ci-local resolves it.

const skipGlcl = skipUnlessAvailable(gitlabCiLocalUnavailable());
const work: string[] = [];
after(() => {
  for (const dir of work) rmSync(dir, { recursive: true, force: true });
});

/** The example in a temp git repository, its `component:` includes rewritten to local copies of the templates. */
function localProject(ci: Ci): string {
  const dir = mkdtempSync(join(tmpdir(), 'cdpack-examples-'));
  work.push(dir);
  mkdirSync(join(dir, 'templates'));
  const rewritten = copy(ci);
  rewritten.include = ci.include?.map(({ component, ...rest }) => {
    const name = component ? componentName(component) : undefined;
    if (!name) return { component, ...rest };
    copyFileSync(`${TEMPLATES}/${name}/template.yml`, join(dir, `templates/${name}.yml`));
    return { local: `templates/${name}.yml`, ...rest };
  });
  writeFileSync(join(dir, '.gitlab-ci.yml'), stringify(rewritten));
  commitProject(dir);
  return dir;
}

const gitlabCiLocal = (dir: string, args: string[], path?: string) => runGitlabCiLocal(dir, { args, path });

interface ListedJob {
  name: string;
  stage: string;
  needs?: { job: string }[];
}

test('gitlab-ci-local resolves the GitLab example: jobs, stages, needs and every CDPACK_ variable', {
  skip: skipGlcl,
}, async () => {
  const ci = gitlabExample();
  const dir = localProject(ci);
  const list = await gitlabCiLocal(dir, ['--list-json']);
  assert.equal(list.code, 0, list.output);
  const listed = JSON.parse(list.stdout) as ListedJob[];
  const expected = componentJobs(ci);
  assert.deepEqual(listed.map((j) => j.name).sort(), expected.map((j) => j.name).sort());
  for (const job of expected) {
    const seen = listed.find((j) => j.name === job.name);
    assert.equal(seen?.stage, job.stage, job.name);
    const needs = (ci[job.name] as { needs?: string[] } | undefined)?.needs;
    assert.deepEqual(
      seen?.needs?.map((n) => n.job),
      needs,
      `${job.name} needs`,
    );
  }

  const preview = await gitlabCiLocal(dir, ['--preview']);
  assert.equal(preview.code, 0, preview.output);
  const resolved = parse(preview.stdout) as Record<string, { variables: Record<string, unknown>; script: string[] }>;
  for (const job of expected) {
    const variables = resolved[job.name]?.variables ?? {};
    for (const [key, value] of Object.entries(job.inputs)) {
      if (['job-name', 'stage', 'job-image'].includes(key)) continue;
      const name = key === 'cdpack-package' ? 'CDPACK_PACKAGE' : `CDPACK_${snake(key)}`;
      assert.equal(String(variables[name]), String(value), `${job.name}: ${name}`);
    }
    assert.match(resolved[job.name]?.script.join('\n') ?? '', new RegExp(`cdpack ${job.step} --dotenv`));
  }

  // gitlab-ci-local enforces the spec too: a wrong option in the example fails the include.
  const broken = copy(ci);
  const scan = broken.include?.find((i) => i.component?.includes('/scan@'));
  Object.assign(scan?.inputs ?? {}, { 'severity-threshold': 'severe' });
  const refused = await gitlabCiLocal(localProject(broken), ['--list-json']);
  assert.notEqual(refused.code, 0);
  assert.match(refused.output, /severe.*not in the list of allowed options/);
});

/**
 * A `cdpack` that records its CDPACK_* environment in `<dir>/seen/<job>.json` and writes the given outputs of
 * its step to its dotenv report. Returns the directory to put on PATH.
 */
function stubCdpack(dir: string, outputs: Record<string, string>): string {
  mkdirSync(join(dir, 'bin'));
  mkdirSync(join(dir, 'seen'));
  const path = join(dir, 'bin/cdpack');
  writeFileSync(
    path,
    `#!${process.execPath}
const { writeFileSync } = require('node:fs');
const [step, flag, dotenv] = process.argv.slice(2);
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('CDPACK_')));
writeFileSync(${JSON.stringify(join(dir, 'seen'))} + '/' + process.env.CI_JOB_NAME + '.json', JSON.stringify(env));
const outputs = ${JSON.stringify(outputs)};
const prefix = 'CDPACK_' + step.toUpperCase().replace(/-/g, '_') + '_';
if (flag === '--dotenv') writeFileSync(dotenv, Object.entries(outputs)
  .filter(([k]) => k.startsWith(prefix)).map(([k, v]) => k + '=' + v + '\\n').join(''));
`,
    { mode: 0o755 },
  );
  return join(dir, 'bin');
}

test('the GitLab example runs in gitlab-ci-local: the digest build-push reports reaches scan, staging and production', {
  skip: skipGlcl,
  timeout: 300_000,
}, async () => {
  const dir = localProject(gitlabExample());
  const digest = `sha256:${'ab'.repeat(32)}`;
  const imageRef = `registry.example.com/acme/web@${digest}`;
  const stub = mkdtempSync(join(tmpdir(), 'cdpack-examples-stub-'));
  work.push(stub);
  const bin = stubCdpack(stub, {
    CDPACK_BUILD_PUSH_DIGEST: digest,
    CDPACK_BUILD_PUSH_IMAGE_REF: imageRef,
    CDPACK_UPDATE_GITOPS_TAG_COMMIT: 'c'.repeat(40),
  });
  const run = await gitlabCiLocal(
    dir,
    // GITOPS_TOKEN stands for the project's CI/CD variable.
    [...SHELL_EXECUTOR, '--variable', 'GITOPS_TOKEN=token-value'],
    bin,
  );
  assert.equal(run.code, 0, run.output);
  const seen = (job: string) =>
    JSON.parse(readFileSync(join(stub, 'seen', `${job}.json`), 'utf8')) as Record<string, string>;
  assert.equal(seen('cdpack-scan').CDPACK_IMAGE, imageRef, 'scan scans the pushed digest');
  assert.equal(seen('deploy-staging').CDPACK_DIGEST, digest, 'staging gets the pushed digest');
  assert.equal(seen('deploy-staging').CDPACK_TOKEN, 'token-value', 'inputs reading CI/CD variables are expanded');
  assert.equal(seen('deploy-production').CDPACK_IMAGE, imageRef, 'production deploys the pushed digest');
  assert.equal(seen('verify-production').CDPACK_ROLLBACK, 'true');
});

// ---------------------------------------------------------------------------------------------------------------
// The catalog project's README (GitLab's catalog requires one) and the pipeline alternative the example points at.

const CATALOG_README = 'gitlab-components/README.md';
const COMPONENTS = ['pipeline', 'build-push', 'scan', 'update-gitops-tag', 'set-image', 'verify-rollout'];
/** The pipeline template comes from another branch; until it is merged its checks are skipped. */
const hasPipeline = () => existsSync(`${TEMPLATES}/pipeline/template.yml`);

/** Components a README's component table links to, in order. */
const listedComponents = (readme: string) =>
  [...readme.matchAll(/^\| \[`([a-z-]+)`\]\(templates\/([a-z-]+)\/README\.md\) \|/gm)]
    .filter((m) => m[1] === m[2])
    .map((m) => m[1]);

test('the catalog README lists every component directory, with a link to its README', () => {
  const readme = readFileSync(CATALOG_README, 'utf8');
  const listed = listedComponents(readme);
  assert.deepEqual([...listed].sort(), [...COMPONENTS].sort());
  for (const dir of readdirSync(TEMPLATES))
    assert.ok(listed.includes(dir), `${dir} is not listed in ${CATALOG_README}`);
  for (const name of listed) {
    if (name === 'pipeline' && !hasPipeline()) continue;
    assert.ok(existsSync(`${TEMPLATES}/${name}/README.md`), `${name}: templates/${name}/README.md is missing`);
  }
  const withoutScan = readme.replace(/^\| \[`scan`\].*\n/m, '');
  assert.ok(!listedComponents(withoutScan).includes('scan'), 'a component missing from the table is noticed');
});

test('the catalog README names the GitHub repository as the root README does', () => {
  const readme = readFileSync(CATALOG_README, 'utf8');
  const owner = /uses: ([^/\s]+)\/cdpack\/actions\//.exec(readFileSync('README.md', 'utf8'))?.[1];
  assert.ok(owner, 'README.md has uses: lines');
  assert.ok(readme.includes(`https://github.com/${owner}/cdpack`), `no link to https://github.com/${owner}/cdpack`);
});

/** YAML blocks of a Markdown text that include components. */
const includeBlocks = (markdown: string) =>
  [...markdown.matchAll(/```yaml\n([\s\S]*?)```/g)]
    .map((m) => parse(m[1] ?? '') as Ci)
    .filter((ci) => ci?.include?.some((i) => i.component));

/** Whether a pipeline's checks need the pipeline template, which is not there yet. */
function skipWithoutPipeline(t: TestContext, ci: Ci): boolean {
  const needs = ci.include?.some((i) => i.component && componentName(i.component) === 'pipeline');
  if (needs && !hasPipeline()) {
    t.diagnostic('skipped: gitlab-components/templates/pipeline is not there yet (merged from the pipeline branch)');
    return true;
  }
  return false;
}

test('the catalog README’s examples use each component’s inputs as its spec declares them', (t) => {
  const blocks = includeBlocks(readFileSync(CATALOG_README, 'utf8'));
  assert.ok(blocks.length >= 3, 'quick starts for the pipeline and for single components');
  let checked = 0;
  for (const ci of blocks) {
    if (skipWithoutPipeline(t, ci)) continue;
    assert.deepEqual(gitlabProblems(ci), [], stringify(ci));
    assert.ok(gitlabCiSchema(ci), ajv.errorsText(gitlabCiSchema.errors));
    checked++;
  }
  assert.ok(checked >= 1);
  const single = blocks.find((ci) => !ci.include?.some((i) => i.component?.includes('/pipeline@')));
  assert.ok(single);
  const broken = copy(single);
  Object.assign(broken.include?.[0]?.inputs ?? {}, { tag: 'x' });
  assert.match(gitlabProblems(broken).join('\n'), /no input 'tag'/);
});

test('the pipeline alternative in the GitLab example’s header is a valid include of the pipeline component', (t) => {
  const text = readFileSync(GITLAB_EXAMPLE, 'utf8');
  const start = text.indexOf('#   include:');
  assert.ok(start >= 0, 'the header shows the pipeline include');
  const lines = text.slice(start).split('\n');
  const block = lines
    .slice(
      0,
      lines.findIndex((l) => !l.startsWith('#   ')),
    )
    .map((l) => l.slice(4));
  const ci = parse(block.join('\n')) as Ci;
  assert.match(ci.include?.[0]?.component ?? '', /\/pipeline@/);
  if (skipWithoutPipeline(t, ci)) return;
  assert.deepEqual(gitlabProblems(ci), []);
});
