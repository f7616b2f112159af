// The two ways of shipping one release in bench/whole-flow.ts, step by step on the same stand-ins:
// - cdpack through its CLI, the way the GitLab components call it: every input a CDPACK_* variable (the
//   component's GitLab defaults, like $CDPACK_BUILD_PUSH_IMAGE_REF, expanded from the job's variables), and each
//   step's --dotenv outputs passed on to the later steps, as GitLab passes dotenv artifacts;
// - the shell steps teams write today (bench/whole-flow/shell/*.sh), their outputs passed on the same way.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { specs } from '../../src/inputs';
import { envName } from '../../src/platform/cli';
import { readDotenvReport } from '../../test/support/dotenv-report';
import { jobEnv, runTimed, tailOf } from './process';
import { GIT_TOKEN, GIT_USER, OVERLAY, type Release, type StandIns } from './stand-ins';

export const STEPS = ['build + push', 'scan', 'GitOps bump', 'deploy (set image)', 'verify rollout'] as const;

export interface FlowRun {
  /** Wall time of each step, in the order of STEPS. */
  ms: number[];
  /** The digest the flow built, pushed and deployed. */
  digest: string | undefined;
}

export interface FlowContext {
  standIns: StandIns;
  release: Release;
  /** This run's own directory: dotenv files, logs, HOME. */
  dir: string;
  /** The repository root (for dist/, demo/ and bench/). */
  root: string;
}

/** Variables every job of the pipeline has: the runner's, GitLab's predefined ones, the cluster credentials. */
function pipelineEnv(c: FlowContext): NodeJS.ProcessEnv {
  const base = jobEnv();
  const home = join(c.dir, 'home');
  mkdirSync(home, { recursive: true });
  return {
    ...base,
    // The scripted Trivy first on PATH, for both flows.
    PATH: `${join(c.root, 'bench/whole-flow/bin')}:${base.PATH ?? '/usr/bin:/bin'}`,
    // One fresh HOME per run (kubectl's discovery cache starts cold, as in a new CI job); one temp dir for both.
    HOME: home,
    TMPDIR: c.standIns.jobTemp,
    KUBECONFIG: c.standIns.kubeconfig,
    CI: 'true',
    GITLAB_CI: 'true',
    CI_PROJECT_DIR: c.standIns.app,
    CI_COMMIT_SHA: c.release.sha,
    CI_COMMIT_SHORT_SHA: c.release.shortSha,
    CI_COMMIT_BRANCH: 'main',
    CI_COMMIT_REF_NAME: 'main',
    CI_REGISTRY_IMAGE: c.standIns.image,
  };
}

/** `$NAME` and `${NAME}` replaced from `env` (unset: empty), as GitLab expands job variables. */
function expand(value: string, env: NodeJS.ProcessEnv): string {
  return value.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, name: string) => env[name] ?? '');
}

/** A component job's variables: the inputs given, else the component's GitLab default, expanded. */
function componentVariables(step: string, given: Record<string, string>, env: NodeJS.ProcessEnv) {
  const spec = specs.find((s) => s.name === step);
  if (!spec) throw new Error(`no input spec for ${step}`);
  const variables: Record<string, string> = {};
  for (const [name, input] of Object.entries(spec.inputs)) {
    const value = given[name] ?? input.gitlabDefault;
    if (value !== undefined) variables[envName(name)] = expand(value, env);
  }
  for (const name of Object.keys(given)) {
    if (!(name in spec.inputs)) throw new Error(`${step} has no input '${name}'`);
  }
  return variables;
}

function failed(side: string, step: string, output: string): Error {
  return new Error(`${side}: ${step} failed:\n${tailOf(output)}`);
}

/** One release through `cdpack <step> --dotenv` for each step. */
export async function cdpackFlow(c: FlowContext): Promise<FlowRun> {
  const cli = join(c.root, 'dist/cli/index.js');
  const jobs: [string, Record<string, string>][] = [
    // No `tags`: the one tag is the full commit SHA (always added), the shell flow's tag too.
    ['build-push', { builder: 'buildah', 'tls-verify': 'false', context: '.' }],
    [
      'scan',
      {
        'scanner-version': 'path',
        'severity-threshold': 'high',
        'ignore-file': join(c.root, 'demo/scan/allowlist.yaml'),
      },
    ],
    [
      'update-gitops-tag',
      {
        repository: c.standIns.gitopsUrl,
        username: GIT_USER,
        token: GIT_TOKEN,
        files: OVERLAY,
      },
    ],
    // image: the component's default, $CDPACK_BUILD_PUSH_IMAGE_REF.
    ['set-image', { workload: 'deployment/web' }],
    ['verify-rollout', { workloads: 'deployment/web', timeout: '60s' }],
  ];
  let env = pipelineEnv(c);
  const ms: number[] = [];
  for (const [step, inputs] of jobs) {
    const dotenv = join(c.dir, `${step}.env`);
    const r = await runTimed(process.execPath, [cli, step, '--dotenv', dotenv], {
      cwd: c.standIns.app,
      env: { ...env, ...componentVariables(step, inputs, env) },
      log: join(c.dir, `${step}.log`),
    });
    if (r.code !== 0) throw failed('cdpack', step, r.output);
    ms.push(r.ms);
    // Dotenv artifacts: the later jobs see this job's outputs as variables.
    env = { ...env, ...readDotenvReport(dotenv) };
  }
  return { ms, digest: env.CDPACK_BUILD_PUSH_DIGEST };
}

/** One release through the shell steps, each a `bash` script as a .gitlab-ci.yml job would run it. */
export async function shellFlow(c: FlowContext): Promise<FlowRun> {
  const scripts = ['build-push', 'scan', 'bump', 'deploy', 'verify'];
  let env: NodeJS.ProcessEnv = {
    ...pipelineEnv(c),
    IMAGE: c.standIns.image,
    IGNORE_FILE: join(c.root, 'bench/whole-flow/trivyignore'),
    GITOPS_URL: c.standIns.gitopsUrl,
    GIT_USER,
    GIT_TOKEN,
    OVERLAY,
  };
  const ms: number[] = [];
  for (const script of scripts) {
    const dotenv = join(c.dir, `${script}.env`);
    const r = await runTimed('bash', [join(c.root, 'bench/whole-flow/shell', `${script}.sh`)], {
      cwd: c.standIns.app,
      env: { ...env, DOTENV: dotenv },
      log: join(c.dir, `${script}.log`),
    });
    if (r.code !== 0) throw failed('shell', script, r.output);
    ms.push(r.ms);
    env = { ...env, ...readDotenvReport(dotenv) };
  }
  return { ms, digest: env.DIGEST };
}
