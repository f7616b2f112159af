// Component inputs that look like shell (quotes, `$(…)`, backticks, `;`, `|`, `&&`, a leading `-`, newlines) pass
// through gitlab-ci-local (shell executor) as GitLab would pass them, reach cdpack unchanged and execute nothing:
// a canary file that any execution would create stays absent.
//
// How the templates keep it so: an input is only ever the whole value of a `CDPACK_<INPUT>` job variable (interpolated
// after the YAML is parsed, on GitLab as in gitlab-ci-local), the runner hands variables to the job as environment,
// and the script names only "$CDPACK_PACKAGE", quoted. No input is interpolated into `script:`, so nothing depends on
// `| posix_quote`, which GitLab applies and gitlab-ci-local ignores (with a warning): the first test holds every
// template to that.
//
// Where GitLab's semantics bite: GitLab expands `$NAME` and `${NAME}` inside variable values when the job starts
// (that is how `$CI_REGISTRY_IMAGE` and `$CDPACK_BUILD_PUSH_DIGEST` defaults work), an unknown name becoming empty,
// and `$$` is a literal `$`. gitlab-ci-local does the same. So a `$` meant literally in an input is written `$$`;
// `$(`, `$[[`, a lone `$` and backticks are no variable references and pass as they are. Not covered here: a project
// CI/CD variable that an input names (`token: $GITOPS_TOKEN`) is itself expanded on GitLab unless its "Expand
// variable reference" setting is off, so a secret holding `$` is stored that way; gitlab-ci-local has no such
// setting. And GitLab's runner hands the variables over its own way (exported in the job script, or as the
// container's environment), gitlab-ci-local as the environment of its bash: either way cdpack reads them from its
// environment, which is what is checked here.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
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
import { after, before, test } from 'node:test';
import { parseAllDocuments, stringify } from 'yaml';
import {
  commitProject,
  type GitlabCiLocalRun,
  gitlabCiLocalUnavailable,
  runGitlabCiLocal,
} from '../support/gitlab-ci-local';
import { missingProgram, skipUnlessAvailable } from '../support/requirements';

const CLI = join(process.cwd(), 'dist/cli/index.js');
const TEMPLATES = 'gitlab-components/templates';
const STEPS = ['build-push', 'scan', 'update-gitops-tag', 'set-image', 'verify-rollout'];
const skip = skipUnlessAvailable(gitlabCiLocalUnavailable() ?? missingProgram(CLI, 'npm run build makes it'));

let work = '';
/** Created by any execution of a hostile value; must never exist. */
let canary = '';
before(() => {
  work = mkdtempSync(join(tmpdir(), 'cdpack-quoting-'));
  canary = join(work, 'canary');
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Values a shell would act on, each built around the canary. */
function hostileValues(): string[] {
  const touch = `touch ${canary}`;
  return [
    'two  words   apart',
    "it's 'single' quoted",
    'say "double" and ""',
    `$(${touch})`,
    `\`${touch}\``,
    `x; ${touch}`,
    `x | ${touch}`,
    `true && ${touch}`,
    `x > ${canary}`,
    '-rf --version',
    `first line\nsecond; ${touch}\n$(${touch})`,
    `'"$(${touch})"'\`${touch}\`\\`,
    '$[[ inputs.job-name ]] $ lone dollar',
  ];
}

interface SpecInput {
  type?: string;
  options?: unknown[];
  default?: unknown;
}
function templateParts(path: string): { inputs: Record<string, SpecInput>; job: Record<string, unknown> } {
  const [header, body] = parseAllDocuments(readFileSync(path, 'utf8')).map((d) => d.toJS()) as [
    { spec: { inputs: Record<string, SpecInput> } },
    Record<string, Record<string, unknown>>,
  ];
  return { inputs: header.spec.inputs, job: Object.values(body)[0] ?? {} };
}

/** Free-text inputs of a step (no options, no type): the ones a hostile value can go to. */
function textInputs(step: string): string[] {
  const { inputs } = templateParts(`${TEMPLATES}/${step}/template.yml`);
  return Object.entries(inputs)
    .filter(([, input]) => !input.type && !input.options)
    .map(([name]) => name)
    .filter((name) => !['job-name', 'stage', 'job-image', 'cdpack-package'].includes(name));
}

/**
 * What a template does with `$[[ inputs.* ]]`, as problems: an input anywhere but the whole value of a variable,
 * the job name, `stage` or `image` could be read by a shell, and would then rely on `| posix_quote`.
 */
function quotingProblems(job: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const visit = (value: unknown, path: string) => {
    if (typeof value === 'string') {
      const whole = /^\$\[\[ inputs\.[\w-]+ \]\]$/.test(value);
      const allowed = /^(variables\.\w+|stage|image)$/.test(path);
      if (value.includes('$[[') && !(whole && allowed)) problems.push(`${path}: ${value.split('\n')[0]}`);
    } else if (Array.isArray(value)) {
      for (const [i, v] of value.entries()) visit(v, `${path}[${i}]`);
    } else if (value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value)) visit(v, path ? `${path}.${k}` : k);
    }
  };
  visit(job, '');
  const script = JSON.stringify(job.script ?? []);
  for (const [reference] of script.matchAll(/\$\{?CDPACK_\w+\}?/g)) {
    // Inside the script's double quotes only: unquoted, a value would be split into words and globbed.
    if (!script.includes(`\\"${reference}\\"`)) problems.push(`script: ${reference} is not double-quoted`);
  }
  return problems;
}

test('every template interpolates inputs only as whole variable values, never into the script', () => {
  for (const step of STEPS) {
    const { job } = templateParts(`${TEMPLATES}/${step}/template.yml`);
    assert.deepEqual(quotingProblems(job), [], step);
  }
  const { job } = templateParts(`${TEMPLATES}/update-gitops-tag/template.yml`);
  const spliced = { ...job, script: ['cdpack update-gitops-tag --tag $[[ inputs.tag ]]'] };
  assert.match(quotingProblems(spliced).join('\n'), /script\[0\]/);
  const unquoted = { ...job, script: ['npx --package $CDPACK_PACKAGE -- cdpack update-gitops-tag'] };
  assert.match(quotingProblems(unquoted).join('\n'), /\$CDPACK_PACKAGE is not double-quoted/);
  const partial = { ...job, variables: { CDPACK_TAG: 'v-$[[ inputs.tag ]]' } };
  assert.match(quotingProblems(partial).join('\n'), /variables\.CDPACK_TAG/);
});

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  });

/** A project whose .gitlab-ci.yml includes local copies of the templates, run by gitlab-ci-local. */
function runPipeline(name: string, ci: object, pathDir: string): Promise<GitlabCiLocalRun> {
  const project = join(work, name);
  mkdirSync(join(project, 'templates'), { recursive: true });
  for (const step of STEPS) copyFileSync(`${TEMPLATES}/${step}/template.yml`, join(project, `templates/${step}.yml`));
  writeFileSync(join(project, '.gitlab-ci.yml'), stringify(ci));
  commitProject(project);
  return runGitlabCiLocal(project, { path: pathDir });
}

/** A `cdpack` that records its arguments and CDPACK_* environment as JSON in `dir`, one file per job. */
function recordingCdpack(dir: string): string {
  const bin = join(dir, 'bin');
  mkdirSync(join(dir, 'seen'), { recursive: true });
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'cdpack'),
    `#!${process.execPath}
const { writeFileSync } = require('node:fs');
const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k.startsWith('CDPACK_')));
writeFileSync(${JSON.stringify(join(dir, 'seen'))} + '/' + process.env.CI_JOB_NAME + '.json',
  JSON.stringify({ argv: process.argv.slice(2), env }));
`,
  );
  chmodSync(join(bin, 'cdpack'), 0o755);
  return bin;
}

interface Seen {
  argv: string[];
  env: Record<string, string>;
}
const seen = (dir: string, job: string) => JSON.parse(readFileSync(join(dir, 'seen', `${job}.json`), 'utf8')) as Seen;
const variable = (input: string) => `CDPACK_${input.toUpperCase().replace(/-/g, '_')}`;

test('hostile values in every free-text input of every component reach cdpack unchanged, and run nothing', {
  skip,
  timeout: 300_000,
}, async () => {
  const dir = join(work, 'recorded');
  const bin = recordingCdpack(dir);
  const values = hostileValues();
  /** Job name → step and the inputs it was given. Every value goes through every template, in some input. */
  const jobs = new Map<string, { step: string; inputs: Record<string, string> }>();
  for (const step of STEPS) {
    const names = textInputs(step);
    for (let job = 0; job * names.length < values.length; job++) {
      const inputs = Object.fromEntries(
        names.map((name, i) => [name, values[(job * names.length + i) % values.length] as string]),
      );
      jobs.set(`quote-${step}-${job}`, { step, inputs });
    }
  }
  const ci = {
    stages: ['test'],
    include: [...jobs].map(([name, { step, inputs }]) => ({
      local: `templates/${step}.yml`,
      inputs: { 'job-name': name, stage: 'test', ...inputs },
    })),
  };
  const run = await runPipeline('hostile', ci, bin);
  assert.equal(run.code, 0, run.output);
  assert.equal(existsSync(canary), false, 'a hostile value was executed');
  assert.equal(readdirSync(join(dir, 'seen')).length, jobs.size, 'every job ran cdpack');
  for (const [name, { step, inputs }] of jobs) {
    const got = seen(dir, name);
    assert.deepEqual(got.argv, [step, '--dotenv', `cdpack-${step}.env`], `${name}: argv carries no input`);
    for (const [input, value] of Object.entries(inputs)) {
      assert.equal(got.env[variable(input)], value, `${name}: ${input}`);
    }
  }
});

// `cdpack-package` is the one input the script itself reads: it must reach npx as a single argument.
test('a hostile cdpack-package reaches npx as one argument, and runs nothing', { skip, timeout: 300_000 }, async () => {
  const dir = join(work, 'npx');
  const bin = join(dir, 'bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'npx'),
    `#!${process.execPath}\nrequire('node:fs').writeFileSync(${JSON.stringify(join(dir, 'argv.json'))}, JSON.stringify(process.argv.slice(2)));\n`,
    { mode: 0o755 },
  );
  const value = `x; touch ${canary} $(touch ${canary}) \`touch ${canary}\` | touch ${canary}\n-y`;
  const run = await runPipeline(
    'npx',
    {
      stages: ['test'],
      include: [
        {
          local: 'templates/scan.yml',
          inputs: { 'job-name': 'npx', stage: 'test', 'cdpack-package': value, report: 'r.json' },
        },
      ],
    },
    bin,
  );
  assert.equal(run.code, 0, run.output);
  assert.equal(existsSync(canary), false, 'a hostile value was executed');
  assert.deepEqual(JSON.parse(readFileSync(join(dir, 'argv.json'), 'utf8')), [
    '--yes',
    '--package',
    value,
    '--',
    'cdpack',
    'scan',
    '--dotenv',
    'cdpack-scan.env',
  ]);
});

// The canary can fail: the same values spliced into a script line (what an input interpolated into `script:`
// without `| posix_quote` amounts to) do run.
test('control: hostile values spliced into a script line do create the canary', {
  skip,
  timeout: 300_000,
}, async () => {
  const control = join(work, 'control-canary');
  const values = hostileValues().filter((v) => v.includes(canary) && !v.includes('\n'));
  const run = await runPipeline(
    'control',
    {
      stages: ['test'],
      ...Object.fromEntries(
        values.map((value, i) => [
          `splice-${i}`,
          { stage: 'test', script: [`echo ${value.replaceAll(canary, `${control}-${i}`)} || true`] },
        ]),
      ),
    },
    '/nonexistent',
  );
  assert.equal(run.code, 0, run.output);
  const executed = values.filter((_, i) => existsSync(`${control}-${i}`));
  assert.deepEqual(executed, values, 'each of these values runs its command when spliced into a script');
});

test('`$NAME` in an input is expanded as GitLab expands variables; `$$` keeps a literal `$`', {
  skip,
  timeout: 300_000,
}, async () => {
  const dir = join(work, 'dollar');
  const bin = recordingCdpack(dir);
  const given: Record<string, [string, string]> = {
    // input: [written in .gitlab-ci.yml, what cdpack receives]
    image: ['$QUOTING_PROBE/web', 'registry.example.com/web'],
    workload: ['deployment/${QUOTING_PROBE_NAME}', 'deployment/web'],
    container: ['a$QUOTING_UNSET-b', 'a-b'],
    'change-cause': ['costs $$5, home is $$HOME, $$(touch x) stays', 'costs $5, home is $HOME, $(touch x) stays'],
    namespace: ['$$QUOTING_PROBE', '$QUOTING_PROBE'],
  };
  const ci = {
    stages: ['test'],
    variables: { QUOTING_PROBE: 'registry.example.com', QUOTING_PROBE_NAME: 'web' },
    include: [
      {
        local: 'templates/set-image.yml',
        inputs: {
          'job-name': 'dollar',
          stage: 'test',
          ...Object.fromEntries(Object.entries(given).map(([k, [v]]) => [k, v])),
        },
      },
    ],
  };
  const run = await runPipeline('dollar', ci, bin);
  assert.equal(run.code, 0, run.output);
  const got = seen(dir, 'dollar');
  for (const [input, [, expected]] of Object.entries(given)) {
    assert.equal(got.env[variable(input)], expected, input);
  }
});

test('through the real cdpack: a hostile commit message, author and file path land byte for byte in the commit', {
  skip,
  timeout: 300_000,
}, async () => {
  const image = 'registry.example.com/team/web';
  const bare = join(work, 'gitops.git');
  git(work, 'init', '-q', '--bare', '-b', 'main', bare);
  const seed = join(work, 'seed');
  const folder = `apps/it's "web" app`;
  mkdirSync(join(seed, folder), { recursive: true });
  writeFileSync(join(seed, folder, 'kustomization.yaml'), `images:\n  - name: ${image}\n    newTag: v1\n`);
  git(seed, 'init', '-q', '-b', 'main');
  git(seed, 'add', '.');
  git(seed, 'commit', '-qm', 'seed');
  git(seed, 'push', '-q', bare, 'main');

  const bin = join(work, 'real-bin');
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'cdpack'), `#!/bin/sh\nexec '${process.execPath}' '${CLI}' "$@"\n`);
  chmodSync(join(bin, 'cdpack'), 0o755);

  const touch = `touch ${canary}`;
  // git keeps a message as given but for trailing whitespace and blank lines; cdpack trims the ends.
  const message = [
    `-m "deploy" it's 'single' and "double"; ${touch} | ${touch} && ${touch}`,
    '',
    `$(${touch}) \`${touch}\` > ${canary}`,
    '-- a line with a leading dash',
    '$[[ inputs.tag ]] and a lone $',
  ].join('\n');
  const author = `O'Brien "the builder" $(${touch}) \`${touch}\``;
  const run = await runPipeline(
    'real',
    {
      stages: ['deploy'],
      include: [
        {
          local: 'templates/update-gitops-tag.yml',
          inputs: {
            repository: bare,
            files: `${folder}/kustomization.yaml`,
            image,
            tag: 'v2',
            digest: '',
            'commit-message': message,
            'author-name': author,
          },
        },
      ],
    },
    bin,
  );
  assert.equal(run.code, 0, run.output);
  assert.equal(existsSync(canary), false, 'a hostile value was executed');
  const show = (format: string) => git(work, '--git-dir', bare, 'log', '-1', `--format=${format}`, 'main');
  assert.equal(show('%B'), `${message}\n\n`);
  assert.equal(show('%an'), `${author}\n`);
  assert.match(git(work, '--git-dir', bare, 'show', `main:${folder}/kustomization.yaml`), /newTag: v2/);
});
