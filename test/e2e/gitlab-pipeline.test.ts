// The GitLab `pipeline` component end to end: gitlab-ci-local (shell executor) includes the generated template and
// runs every job with the `cdpack` from `npm pack` on PATH, against real things on loopback: docker-registry,
// buildah (build-push), git http-backend (the GitOps repository) and the scripted Kubernetes API (set-image,
// verify-rollout). Trivy cannot run here: a stand-in on PATH (scan `scanner-version: path`) records its argv and
// writes a real Trivy report from ../shared/oracles.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { buildahUnavailable } from '../support/build-fixtures';
import { type FakeKube, startFakeKube } from '../support/fake-kube-api';
import { deploymentManifest } from '../support/fake-kube-workloads';
import { type GitServer, startGitServer } from '../support/git-http-server';
import {
  commitProject,
  gitlabCiLocalUnavailable,
  installPackedCdpack,
  runGitlabCiLocal,
} from '../support/gitlab-ci-local';
import { fluxStatus, kustomization, registerGitOpsCrds } from '../support/gitops-objects';
import { registryUnavailable, startRegistry, type TestRegistry } from '../support/registry';
import { requireShared, skipUnlessAvailable } from '../support/requirements';

const TRIVY_REPORT = requireShared('oracles/trivy/integration-golden/alpine-310.json.golden');
const GIT_TOKEN = 'gitops-token-not-a-secret';
const skip = skipUnlessAvailable(gitlabCiLocalUnavailable() ?? registryUnavailable() ?? buildahUnavailable());

let work = '';
/** `cdpack` (from the packed tarball) and the stand-in `trivy`, as the runner image has them on PATH. */
let bin = '';
let trivyArgv = '';
let registry: TestRegistry;
let gitServer: GitServer;
let kube: FakeKube;
let kubeconfig = '';
let image = '';

const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
const gitops = (...args: string[]) => git(work, '--git-dir', join(work, 'repos/gitops.git'), ...args);

before(async () => {
  if (skip) return;
  work = mkdtempSync(join(tmpdir(), 'cdpack-glci-pipeline-'));
  const { cdpack } = installPackedCdpack(work);
  bin = join(work, 'bin');
  mkdirSync(bin);
  // gitlab-ci-local gives a job with `image:` the container's CI_PROJECT_DIR (/builds/…) even with the shell
  // executor, where the job runs in its own copy of the project: the current directory.
  writeFileSync(join(bin, 'cdpack'), `#!/bin/sh\nCI_PROJECT_DIR="$PWD" exec '${cdpack}' "$@"\n`, { mode: 0o755 });
  trivyArgv = join(work, 'trivy-argv.log');
  writeFileSync(
    join(bin, 'trivy'),
    `#!/bin/sh
if [ "$1" = "--version" ]; then echo "Version: 0.69.3"; exit 0; fi
printf '%s\\n' "$*" >> '${trivyArgv}'
out=""; prev=""
for a in "$@"; do [ "$prev" = "--output" ] && out="$a"; prev="$a"; done
cat '${TRIVY_REPORT}' > "$out"
`,
    { mode: 0o755 },
  );

  registry = await startRegistry();
  image = `${registry.host}/team/web`;

  mkdirSync(join(work, 'repos'));
  gitServer = await startGitServer({ root: join(work, 'repos'), user: 'ci', password: 'unused', token: GIT_TOKEN });
  git(work, 'init', '-q', '--bare', '-b', 'main', 'repos/gitops.git');
  const seed = join(work, 'seed');
  for (const dir of ['app', 'other']) {
    mkdirSync(join(seed, dir), { recursive: true });
    writeFileSync(join(seed, dir, 'kustomization.yaml'), `images:\n  - name: ${image}\n    newTag: old\n`);
  }
  git(seed, 'init', '-q', '-b', 'main');
  git(seed, 'add', '.');
  git(seed, 'commit', '-qm', 'seed');
  git(seed, 'push', '-q', join(work, 'repos/gitops.git'), 'main');

  // The simulated cluster rolls a patched Deployment out at once (rollout: instant).
  registerGitOpsCrds();
  kube = await startFakeKube({ rollout: 'instant' });
  kube.create(deploymentManifest({ image: `${image}:0.9.0` }));
  kube.create(
    kustomization('apps', 'flux-system', {
      applied: 'main@sha1:0000000000000000000000000000000000000000',
      ready: 'True',
      reason: 'ReconciliationSucceeded',
    }),
    { raw: true },
  );
  kubeconfig = readFileSync(await kube.kubeconfig(), 'utf8');
});

after(async () => {
  await Promise.allSettled([registry?.stop(), gitServer?.close(), kube?.close()]);
  if (work) rmSync(work, { recursive: true, force: true });
});

/** The digest the registry answers for a tag (Docker-Content-Digest of the manifest), asked independently of cdpack. */
async function registryDigest(tag: string): Promise<string> {
  const r = await fetch(`${registry.url}/v2/team/web/manifests/${tag}`, {
    method: 'HEAD',
    headers: {
      accept: [
        'application/vnd.oci.image.index.v1+json',
        'application/vnd.oci.image.manifest.v1+json',
        'application/vnd.docker.distribution.manifest.v2+json',
        'application/vnd.docker.distribution.manifest.list.v2+json',
      ].join(', '),
    },
  });
  assert.equal(r.status, 200, `no manifest for tag ${tag}`);
  return r.headers.get('docker-content-digest') ?? '';
}

const yamlInputs = (inputs: Record<string, string | boolean>) =>
  Object.entries(inputs)
    .map(([k, v]) => `      ${k}: ${JSON.stringify(v)}`)
    .join('\n');

/** The inputs every run needs here: the local plain-HTTP registry without login, buildah, the stand-in trivy. */
const localInputs = () => ({
  image,
  builder: 'buildah',
  registry: '',
  'registry-username': '',
  'registry-password': '',
  'registry-tls-verify': false,
  'scanner-version': 'path',
});

/** A project with a tiny FROM-scratch image and the templates, run through gitlab-ci-local; never blocks the loop. */
async function runProject(name: string, ci: string): Promise<{ code: number; output: string; commit: string }> {
  const project = join(work, name);
  mkdirSync(join(project, 'templates'), { recursive: true });
  for (const component of ['pipeline', 'update-gitops-tag', 'build-push']) {
    copyFileSync(`gitlab-components/templates/${component}/template.yml`, join(project, `templates/${component}.yml`));
  }
  writeFileSync(join(project, 'hello.txt'), `hello from ${name}\n`);
  writeFileSync(join(project, 'Dockerfile'), 'FROM scratch\nCOPY hello.txt /hello.txt\n');
  writeFileSync(join(project, '.gitlab-ci.yml'), ci);
  const commit = commitProject(project);
  const { code, output } = await runGitlabCiLocal(project, { path: bin });
  return { code, output, commit };
}

const jobRan = (output: string, job: string) => new RegExp(`^ *PASS +${job} *$`, 'm').test(output);

/**
 * A simulated Flux: when verify-rollout asks the Kustomization to reconcile, it "applies" the tip of the GitOps
 * repository's main branch.
 */
async function fluxAppliesMain(): Promise<void> {
  await kube.waitForRequest((q) => q.verb === 'patch' && q.resource === 'kustomizations');
  const tip = gitops('rev-parse', 'main');
  kube.update(
    'Kustomization',
    'apps',
    (k) =>
      fluxStatus('Kustomization', k, { applied: `main@sha1:${tip}`, ready: 'True', reason: 'ReconciliationSucceeded' }),
    'flux-system',
  );
}

test('deploy: gitops — the digest build-push pushed is the one scanned and committed, and its commit the one verified; a later job’s explicit digest: "" and tags: stay as given', {
  skip,
  timeout: 600_000,
}, async () => {
  const repository = gitServer.url('gitops.git');
  const flux = fluxAppliesMain();
  const run = await runProject(
    'gitops',
    `include:
  - local: templates/pipeline.yml
    inputs:
      deploy: gitops
${yamlInputs({ ...localInputs(), 'gitops-repository': repository, 'gitops-files': 'app/kustomization.yaml', 'gitops-token': GIT_TOKEN, 'flux-kustomization': 'apps', namespace: 'flux-system', kubeconfig, timeout: '60s' })}
  # A second bump after the pipeline's: an explicit empty digest must stay empty (with outputs named
  # CDPACK_<OUTPUT>, build-push's CDPACK_DIGEST from the dotenv report replaced it).
  - local: templates/update-gitops-tag.yml
    inputs:
      job-name: bump-tag-only
      digest: ""
${yamlInputs({ repository, token: GIT_TOKEN, files: 'other/kustomization.yaml', image, tag: 'explicit-tag' })}
  # A promotion of the pushed digest: its explicit tags must be the ones pushed (build-push's JSON list of tags,
  # once CDPACK_TAGS, replaced them).
  - local: templates/build-push.yml
    inputs:
      job-name: promote
      stage: deploy
      source: $CDPACK_BUILD_PUSH_IMAGE_REF
      tags: promoted
${yamlInputs({ image, builder: 'buildah', registry: '', username: '', password: '', 'tls-verify': false })}
bump-tag-only:
  needs: [cdpack-build-push, cdpack-verify-rollout]
promote:
  needs: [cdpack-build-push]
check:
  stage: deploy
  needs: [cdpack-update-gitops-tag, cdpack-verify-rollout]
  script:
    - echo "bumped=$CDPACK_UPDATE_GITOPS_TAG_COMMIT verified=$CDPACK_VERIFY_ROLLOUT_REVISION result=$CDPACK_VERIFY_ROLLOUT_RESULT"
`,
  );
  assert.equal(run.code, 0, run.output);
  await flux;
  const jobs = [
    'cdpack-build-push',
    'cdpack-scan',
    'cdpack-update-gitops-tag',
    'cdpack-verify-rollout',
    'bump-tag-only',
  ];
  for (const job of [...jobs, 'promote', 'check']) {
    assert.ok(jobRan(run.output, job), `${job} did not run and pass:\n${run.output}`);
  }
  assert.ok(!jobRan(run.output, 'cdpack-set-image'), 'deploy: gitops must not run set-image');
  assert.ok(!run.output.includes(GIT_TOKEN), 'the GitOps token appears in the job logs');

  const digest = await registryDigest(run.commit);
  assert.match(digest, /^sha256:[0-9a-f]{64}$/);
  const scanned = readFileSync(trivyArgv, 'utf8').trim().split('\n');
  assert.equal(scanned.length, 1, 'one scan');
  assert.ok(scanned[0]?.endsWith(` ${image}@${digest}`), `scan did not scan the pushed digest: ${scanned[0]}`);

  const committed = gitops('show', 'main~1:app/kustomization.yaml');
  assert.match(committed, new RegExp(`newTag: ${run.commit}\\b`));
  assert.match(committed, new RegExp(`digest: ${digest}`));
  const bumped = gitops('rev-parse', 'main~1');
  assert.match(run.output, new RegExp(`bumped=${bumped} verified=${bumped} result=success`));

  const tagOnly = gitops('show', 'main:other/kustomization.yaml');
  assert.match(tagOnly, /newTag: explicit-tag/);
  assert.doesNotMatch(tagOnly, /sha256:/, 'the explicit empty digest was replaced by build-push’s output');
  assert.equal(await registryDigest('promoted'), digest, 'the promotion did not push its explicit tag');
});

test('deploy: kubernetes — set-image points the Deployment at the pushed digest and verify-rollout passes', {
  skip,
  timeout: 600_000,
}, async () => {
  const run = await runProject(
    'kubernetes',
    `include:
  - local: templates/pipeline.yml
    inputs:
      deploy: kubernetes
${yamlInputs({ ...localInputs(), workloads: 'deployment/web', namespace: 'default', kubeconfig, timeout: '60s', environment: 'staging' })}
`,
  );
  assert.equal(run.code, 0, run.output);
  for (const job of ['cdpack-build-push', 'cdpack-scan', 'cdpack-set-image', 'cdpack-verify-rollout']) {
    assert.ok(jobRan(run.output, job), `${job} did not run and pass:\n${run.output}`);
  }
  assert.ok(!jobRan(run.output, 'cdpack-update-gitops-tag'), 'deploy: kubernetes must not bump the GitOps repo');
  const digest = await registryDigest(run.commit);
  const deployment = kube.get('deployment', 'web');
  assert.equal(deployment?.spec.template.spec.containers[0].image, `${image}@${digest}`);
  assert.match(run.output, /cdpack-verify-rollout.*environment: \{ name: staging/);
  assert.ok(existsSync(trivyArgv));
  assert.ok(readFileSync(trivyArgv, 'utf8').includes(`${image}@${digest}`), 'scan did not scan the pushed digest');
});
