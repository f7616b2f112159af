// The GitLab component as GitLab runs it: gitlab-ci-local (shell executor) includes the generated template with
// inputs, the job runs `cdpack` (from PATH, as in the runner image, or through npx from a packed tarball with
// `cdpack-package`), and a later job reads the outputs from the dotenv report.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import {
  commitProject,
  type GitlabCiLocalRun,
  gitlabCiLocalUnavailable,
  installPackedCdpack,
  runGitlabCiLocal,
} from '../support/gitlab-ci-local';
import { skipUnlessAvailable } from '../support/requirements';

const image = 'registry.example.com/team/web';
const skip = skipUnlessAvailable(gitlabCiLocalUnavailable());
let work = '';
let tarball = '';
/** A directory with a `cdpack` on it, installed from the tarball, as the runner image has one on PATH. */
let cdpackBin = '';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();

before(() => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'cdpack-glci-'));
  const packed = installPackedCdpack(work);
  tarball = packed.tarball;
  cdpackBin = join(work, 'bin');
  mkdirSync(cdpackBin);
  // Says where it came from, so the test can tell the image's cdpack from npx's.
  writeFileSync(join(cdpackBin, 'cdpack'), `#!/bin/sh\necho "cdpack from PATH"\nexec '${packed.cdpack}' "$@"\n`);
  chmodSync(join(cdpackBin, 'cdpack'), 0o755);
  git(work, 'init', '-q', '--bare', '-b', 'main', 'gitops.git');
  const seed = join(work, 'seed');
  mkdirSync(join(seed, 'app'), { recursive: true });
  writeFileSync(join(seed, 'app/kustomization.yaml'), `images:\n  - name: ${image}\n    newTag: v1 # CI\n`);
  mkdirSync(join(seed, 'prod'), { recursive: true });
  writeFileSync(join(seed, 'prod/kustomization.yaml'), `images:\n  - name: ${image}\n    newTag: v1\n`);
  // A folder whose name holds a variable reference: the `files` output names it, and must reach later jobs literally.
  mkdirSync(join(seed, 'team$CI_JOB_TOKEN'), { recursive: true });
  writeFileSync(join(seed, 'team$CI_JOB_TOKEN/kustomization.yaml'), `images:\n  - name: ${image}\n    newTag: v1\n`);
  git(seed, 'init', '-q', '-b', 'main');
  git(seed, 'add', '.');
  git(seed, 'commit', '-qm', 'seed');
  git(seed, 'push', '-q', join(work, 'gitops.git'), 'main');
});
after(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

const inputLines = (inputs: Record<string, string>) =>
  Object.entries(inputs)
    .map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`)
    .join('\n');

function pipeline(name: string, inputs: Record<string, string>, pathDir?: string): Promise<GitlabCiLocalRun> {
  return runPipeline(
    name,
    `stages: [deploy, check]
include:
  - local: templates/update-gitops-tag.yml
    inputs:
${inputLines(inputs)}
check:
  stage: check
  needs: [cdpack-update-gitops-tag]
  script:
    - echo "seen changed=$CDPACK_UPDATE_GITOPS_TAG_CHANGED commit=$CDPACK_UPDATE_GITOPS_TAG_COMMIT"
`,
    pathDir,
  );
}

function runPipeline(name: string, ci: string, pathDir?: string): Promise<GitlabCiLocalRun> {
  const project = join(work, name);
  mkdirSync(join(project, 'templates'), { recursive: true });
  copyFileSync(
    'gitlab-components/templates/update-gitops-tag/template.yml',
    join(project, 'templates/update-gitops-tag.yml'),
  );
  writeFileSync(join(project, '.gitlab-ci.yml'), ci);
  commitProject(project);
  return runGitlabCiLocal(project, { path: pathDir });
}

test('the component bumps the tag and a later job reads the outputs from the dotenv report', {
  skip,
  timeout: 300_000,
}, async () => {
  const run = await pipeline('ok', {
    repository: join(work, 'gitops.git'),
    files: 'app/kustomization.yaml',
    image,
    tag: 'v2',
    'cdpack-package': tarball,
  });
  assert.equal(run.code, 0, run.output);
  const tip = git(work, '--git-dir', join(work, 'gitops.git'), 'rev-parse', 'main');
  assert.match(run.output, new RegExp(`seen changed=true commit=${tip}`));
  assert.match(
    git(work, '--git-dir', join(work, 'gitops.git'), 'show', 'main:app/kustomization.yaml'),
    /newTag: v2 # CI/,
  );
});

test('by default the job runs the cdpack on PATH (the runner image’s), not npx', {
  skip,
  timeout: 300_000,
}, async () => {
  const run = await pipeline(
    'path',
    { repository: join(work, 'gitops.git'), files: 'app/kustomization.yaml', image, tag: 'v3' },
    cdpackBin,
  );
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /cdpack from PATH/);
  assert.match(run.output, /seen changed=true commit=[0-9a-f]{40}/);
  assert.match(
    git(work, '--git-dir', join(work, 'gitops.git'), 'show', 'main:app/kustomization.yaml'),
    /newTag: v3 # CI/,
  );
});

test('with cdpack-package the job runs cdpack through npx, not the one on PATH', {
  skip,
  timeout: 300_000,
}, async () => {
  const run = await pipeline(
    'npx',
    {
      repository: join(work, 'gitops.git'),
      files: 'app/kustomization.yaml',
      image,
      tag: 'v4',
      'cdpack-package': tarball,
    },
    cdpackBin,
  );
  assert.equal(run.code, 0, run.output);
  assert.doesNotMatch(run.output, /cdpack from PATH/);
  assert.match(
    git(work, '--git-dir', join(work, 'gitops.git'), 'show', 'main:app/kustomization.yaml'),
    /newTag: v4 # CI/,
  );
});

test('a bad input fails the job with the step’s message, and nothing is pushed', {
  skip,
  timeout: 300_000,
}, async () => {
  const tipBefore = git(work, '--git-dir', join(work, 'gitops.git'), 'rev-parse', 'main');
  const run = await pipeline('bad', {
    repository: join(work, 'gitops.git'),
    files: 'app/kustomization.yaml',
    image,
    tag: '-not-a-tag',
    'cdpack-package': tarball,
  });
  assert.notEqual(run.code, 0);
  assert.match(run.output, /input 'tag': '-not-a-tag' is not a valid tag/);
  assert.equal(git(work, '--git-dir', join(work, 'gitops.git'), 'rev-parse', 'main'), tipBefore);
});

test('a required component input left out is refused by the include', { skip, timeout: 300_000 }, async () => {
  const run = await pipeline('missing', { repository: join(work, 'gitops.git'), image, 'cdpack-package': tarball });
  assert.notEqual(run.code, 0);
  assert.match(run.output, /`files` input: required value has not been provided/);
});

// GitLab gives dotenv variables precedence over job variables: an output named like an input would replace the
// input of every later job that needs it (with outputs as CDPACK_<OUTPUT>, staging's `files` output replaced the
// prod job's `files` input and the prod bump edited staging again).
test('an earlier job’s outputs never replace a later job’s inputs (staging bump, then prod bump)', {
  skip,
  timeout: 300_000,
}, async () => {
  const common = { repository: join(work, 'gitops.git'), image, 'cdpack-package': tarball };
  const run = await runPipeline(
    'staging-prod',
    `stages: [staging, prod]
include:
  - local: templates/update-gitops-tag.yml
    inputs:
      job-name: bump-staging
      stage: staging
      files: app/kustomization.yaml
      tag: v7
${inputLines(common)}
  - local: templates/update-gitops-tag.yml
    inputs:
      job-name: bump-prod
      stage: prod
      files: prod/kustomization.yaml
      tag: v8
${inputLines(common)}
bump-prod:
  needs: [bump-staging]
`,
  );
  assert.equal(run.code, 0, run.output);
  const show = (path: string) => git(work, '--git-dir', join(work, 'gitops.git'), 'show', `main:${path}`);
  assert.match(show('app/kustomization.yaml'), /newTag: v7/);
  assert.match(show('prod/kustomization.yaml'), /newTag: v8/);
});

// GitLab expands `$NAME` in dotenv values: an output quoting a repository path (or a pod message) with
// `$CI_JOB_TOKEN` in it would reach the next job with the token's value. The report doubles every `$`.
test('an output holding `$NAME` reaches the next job literally, not expanded', { skip, timeout: 300_000 }, async () => {
  const run = await runPipeline(
    'dollar',
    `stages: [deploy, check]
include:
  - local: templates/update-gitops-tag.yml
    inputs:
      files: team$$CI_JOB_TOKEN/kustomization.yaml
      tag: v9
${inputLines({ repository: join(work, 'gitops.git'), image, 'cdpack-package': tarball })}
check:
  stage: check
  needs: [cdpack-update-gitops-tag]
  script:
    - echo "seen files=$CDPACK_UPDATE_GITOPS_TAG_FILES"
`,
  );
  assert.equal(run.code, 0, run.output);
  assert.match(run.output, /seen files=\["team\$CI_JOB_TOKEN\/kustomization\.yaml"\]/);
  assert.match(
    git(work, '--git-dir', join(work, 'gitops.git'), 'show', 'main:team$CI_JOB_TOKEN/kustomization.yaml'),
    /newTag: v9/,
  );
});
