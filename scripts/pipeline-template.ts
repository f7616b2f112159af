/**
 * The GitLab `pipeline` component: the whole flow build-push → scan → (update-gitops-tag | set-image) →
 * verify-rollout in one include, generated from the five step specs (src/inputs/) so its descriptions, defaults and
 * the variables each job reads cannot drift from the step components. scripts/generate.ts writes it.
 */

import type { ActionSpec, InputSpec } from '../src/inputs/types';
import { outputEnvName } from '../src/platform/cli';

/** What the step components' generator shares with this one (generate.ts owns the formats). */
export interface ComponentParts {
  header: (source: string) => string;
  yamlText: (value: unknown) => string;
  /** The `spec:inputs` entry GitLab gets for a step input (description, type, default, options, regex). */
  gitlabInput: (input: InputSpec) => Record<string, unknown>;
  /** The job-shaping inputs every component has (`job-image`, `cdpack-package`), with their defaults. */
  jobInputs: Record<string, { description: string; default: string }>;
  /** The job's script: `cdpack <step> --dotenv cdpack-<step>.env`, or through npx with `cdpack-package`. */
  cdpackCommand: (step: string) => string;
  /** The CDPACK_<INPUT> variable a step reads an input from. */
  envName: (input: string) => string;
}

type Step = 'build-push' | 'scan' | 'update-gitops-tag' | 'set-image' | 'verify-rollout';
const STEPS: Step[] = ['build-push', 'scan', 'update-gitops-tag', 'set-image', 'verify-rollout'];

interface WiredInput {
  /** The step inputs this pipeline input feeds; the first supplies description, type, default and options. */
  feeds: [Step, string][];
  /** Appended to the first step input's description. */
  note?: string;
  /** Replaces the step's default (a step-required input is optional here: only one deploy style needs it). */
  default?: string;
  /** Also validated by GitLab when the pipeline is created (values used in `rules:if` must not break it). */
  regex?: string;
}

const objectNameRegex = '^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$';

/**
 * The pipeline's step inputs, by the names its users see. Names that two steps share with different meanings get
 * the phase as prefix (`gitops-repository`, `registry-username`, `kube-context`).
 */
const WIRED: Record<string, WiredInput> = {
  image: {
    feeds: [
      ['build-push', 'image'],
      ['update-gitops-tag', 'image'],
    ],
    note: 'Also the image update-gitops-tag matches in the GitOps files.',
  },
  context: { feeds: [['build-push', 'context']] },
  file: { feeds: [['build-push', 'file']] },
  tags: { feeds: [['build-push', 'tags']] },
  platforms: { feeds: [['build-push', 'platforms']] },
  'build-args': { feeds: [['build-push', 'build-args']] },
  target: { feeds: [['build-push', 'target']] },
  builder: { feeds: [['build-push', 'builder']] },
  registry: { feeds: [['build-push', 'registry']] },
  'registry-username': { feeds: [['build-push', 'username']] },
  'registry-password': { feeds: [['build-push', 'password']] },
  'registry-tls-verify': { feeds: [['build-push', 'tls-verify']] },
  'registry-ca-file': { feeds: [['build-push', 'ca-file']] },
  'severity-threshold': { feeds: [['scan', 'severity-threshold']] },
  'ignore-file': { feeds: [['scan', 'ignore-file']] },
  'ignore-unfixed': { feeds: [['scan', 'ignore-unfixed']] },
  scanner: { feeds: [['scan', 'scanner']] },
  'scanner-version': { feeds: [['scan', 'scanner-version']] },
  'gitops-repository': {
    feeds: [
      ['update-gitops-tag', 'repository'],
      ['verify-rollout', 'repository'],
    ],
    note: 'deploy: gitops. Also where a `rollback: true` verify-rollout pushes its revert.',
  },
  'gitops-files': {
    feeds: [['update-gitops-tag', 'files']],
    default: '',
    note: 'Required with deploy: gitops.',
  },
  'gitops-branch': {
    feeds: [
      ['update-gitops-tag', 'branch'],
      ['verify-rollout', 'branch'],
    ],
  },
  'gitops-token': {
    feeds: [
      ['update-gitops-tag', 'token'],
      ['verify-rollout', 'token'],
    ],
  },
  'gitops-username': {
    feeds: [
      ['update-gitops-tag', 'username'],
      ['verify-rollout', 'username'],
    ],
  },
  'gitops-mode': {
    feeds: [['update-gitops-tag', 'mode']],
    note: 'With merge-request, verify-rollout does not run (nothing is applied before the request is merged).',
  },
  workloads: {
    feeds: [
      ['verify-rollout', 'workloads'],
      ['set-image', 'workload'],
    ],
    note: 'deploy: kubernetes: also the workloads set-image patches (required there).',
  },
  namespace: {
    feeds: [
      ['set-image', 'namespace'],
      ['verify-rollout', 'namespace'],
    ],
  },
  kubeconfig: {
    feeds: [
      ['set-image', 'kubeconfig'],
      ['verify-rollout', 'kubeconfig'],
    ],
  },
  'kube-context': {
    feeds: [
      ['set-image', 'context'],
      ['verify-rollout', 'context'],
    ],
  },
  container: { feeds: [['set-image', 'container']] },
  timeout: { feeds: [['verify-rollout', 'timeout']] },
  rollback: { feeds: [['verify-rollout', 'rollback']] },
  'argocd-app': {
    feeds: [['verify-rollout', 'argocd-app']],
    regex: '^(([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$',
    note: 'deploy: gitops: verify-rollout runs only with this or `flux-kustomization`.',
  },
  'argocd-server': { feeds: [['verify-rollout', 'argocd-server']] },
  'argocd-token': { feeds: [['verify-rollout', 'argocd-token']] },
  'flux-kustomization': {
    feeds: [['verify-rollout', 'flux-kustomization']],
    regex: objectNameRegex,
    note: 'deploy: gitops: verify-rollout runs only with this or `argocd-app`.',
  },
};

/**
 * Step inputs set from an earlier job's outputs (dotenv CDPACK_<STEP>_<OUTPUT>), never from the pipeline's inputs:
 * the same digest goes through every job. Inputs with a `gitlabDefault` (scan `image`, update-gitops-tag `digest`
 * and `tag`, …) get that default as they do in the step components.
 */
const FROM_OUTPUTS: Partial<Record<Step, Record<string, [Step, string]>>> = {
  scan: { image: ['build-push', 'image-ref'] },
  'update-gitops-tag': { digest: ['build-push', 'digest'] },
  'set-image': { image: ['build-push', 'image-ref'] },
  'verify-rollout': { revision: ['update-gitops-tag', 'commit'] },
};

const STAGE_INPUTS = { build: 'build-stage', test: 'test-stage', deploy: 'deploy-stage' } as const;

const job = (step: Step) => `$[[ inputs.job-prefix ]]${step}`;

/**
 * Choosing the deploy job: `rules:if` comparing the interpolated input, quoted, with a string,
 * `'"$[[ inputs.deploy ]]" == "gitops"'`. Inputs are interpolated when the pipeline is created, so GitLab sees a
 * comparison of two string literals; GitLab's CI/CD inputs examples use this form for inputs in rules (the whole
 * condition single-quoted in YAML, the input in double quotes; also gitlab-org/gitlab!184163), and gitlab-ci-local
 * 4.73 evaluates it the same way (test/e2e/gitlab-pipeline.test.ts). One input per condition: some GitLab versions
 * interpolated only the first input of a line (gitlab-org/gitlab#442327), hence one rule per input. The
 * other construct, a job variable `CDPACK_DEPLOY: $[[ inputs.deploy ]]` tested as `$CDPACK_DEPLOY == "gitops"`,
 * would let a project or group variable of that name pick the deploy style behind the include's back (those take
 * precedence over job variables). Only inputs whose values cannot contain quotes (`options` or a `regex`) appear in
 * these rules.
 */
const when = (input: string, op: '==' | '!=', value: string) => ({ if: `"$[[ inputs.${input} ]]" ${op} "${value}"` });

const RULES: Partial<Record<Step, Record<string, unknown>[]>> = {
  'update-gitops-tag': [when('deploy', '==', 'gitops')],
  'set-image': [when('deploy', '==', 'kubernetes')],
  'verify-rollout': [
    { ...when('deploy', '==', 'none'), when: 'never' },
    when('deploy', '==', 'kubernetes'),
    { ...when('gitops-mode', '==', 'merge-request'), when: 'never' },
    when('argocd-app', '!=', ''),
    when('flux-kustomization', '!=', ''),
  ],
};

const NEEDS: Record<Step, (string | { job: string; optional: boolean })[]> = {
  'build-push': [],
  scan: [job('build-push')],
  // scan gates the deploy: its verdict must pass before anything is deployed.
  'update-gitops-tag': [job('build-push'), job('scan')],
  'set-image': [job('build-push'), job('scan')],
  'verify-rollout': [
    { job: job('update-gitops-tag'), optional: true },
    { job: job('set-image'), optional: true },
  ],
};

function specOf(specs: readonly ActionSpec[], step: Step): ActionSpec {
  const spec = specs.find((s) => s.name === step);
  if (!spec) throw new Error(`pipeline: no spec for step ${step}`);
  return spec;
}

function stepInput(specs: readonly ActionSpec[], step: Step, name: string): InputSpec {
  const input = specOf(specs, step).inputs[name];
  if (!input) throw new Error(`pipeline: ${step} has no input '${name}'`);
  return input;
}

/** The pipeline-only inputs, in the order the README lists them. */
function pipelineOnlyInputs(specs: readonly ActionSpec[], parts: ComponentParts): Record<string, unknown> {
  const stages = Object.fromEntries(
    Object.entries(STAGE_INPUTS).map(([stage, input]) => {
      const steps = STEPS.filter((s) => (specOf(specs, s).gitlab?.stage ?? 'deploy') === stage);
      return [
        input,
        { description: `Stage of the ${steps.join(', ')} job${steps.length > 1 ? 's' : ''}.`, default: stage },
      ];
    }),
  );
  return {
    deploy: {
      description:
        'Which deploy job runs after build-push and scan: `gitops` (update-gitops-tag commits the digest to the GitOps repository), `kubernetes` (set-image patches the workloads), `none` (build and scan only).',
      default: 'gitops',
      options: ['gitops', 'kubernetes', 'none'],
    },
    environment: {
      description:
        'GitLab environment of the deploy job (deployment tracking); verify-rollout reports on it with `action: verify`.',
      default: 'production',
    },
    'environment-url': { description: 'URL of the environment, shown by GitLab. Empty: none.', default: '' },
    'job-prefix': {
      description:
        'Prefix of the job names: `<prefix>build-push`, `<prefix>scan`, `<prefix>update-gitops-tag`, `<prefix>set-image`, `<prefix>verify-rollout`.',
      default: 'cdpack-',
    },
    ...stages,
    ...Object.fromEntries(
      Object.entries(parts.jobInputs).map(([name, i]) => [name, { description: i.description, default: i.default }]),
    ),
  };
}

function wiredInputs(specs: readonly ActionSpec[], parts: ComponentParts): Record<string, Record<string, unknown>> {
  const inputs: Record<string, Record<string, unknown>> = {};
  for (const [name, wired] of Object.entries(WIRED)) {
    const [[step, first]] = wired.feeds as [[Step, string]];
    const source = stepInput(specs, step, first);
    for (const [s, n] of wired.feeds) stepInput(specs, s, n);
    const fed = wired.feeds.map(([s, n]) => `${s} \`${n}\``).join(', ');
    const entry = parts.gitlabInput({
      ...source,
      required: false,
      description: `${source.description}${wired.note ? ` ${wired.note}` : ''} (${fed})`,
      ...(wired.default !== undefined ? { default: wired.default, gitlabDefault: undefined } : {}),
    });
    inputs[name] = { ...entry, ...(wired.regex ? { regex: wired.regex } : {}) };
  }
  return inputs;
}

/** Job variables: each step input the pipeline sets, as CDPACK_<INPUT>. */
function variablesOf(specs: readonly ActionSpec[], step: Step, parts: ComponentParts): Record<string, string> {
  const spec = specOf(specs, step);
  const variables: Record<string, string> = { CDPACK_PACKAGE: '$[[ inputs.cdpack-package ]]' };
  const fromOutputs = FROM_OUTPUTS[step] ?? {};
  for (const [name, input] of Object.entries(spec.inputs)) {
    const wired = Object.entries(WIRED).find(([, w]) => w.feeds.some(([s, n]) => s === step && n === name));
    const output = fromOutputs[name];
    if (output) {
      const [from, out] = output;
      if (!specOf(specs, from).outputs[out]) throw new Error(`pipeline: ${from} has no output '${out}'`);
      variables[parts.envName(name)] = `$${outputEnvName(from, out)}`;
    } else if (wired) variables[parts.envName(name)] = `$[[ inputs.${wired[0]} ]]`;
    else if (input.gitlabDefault !== undefined) variables[parts.envName(name)] = input.gitlabDefault;
  }
  return variables;
}

function jobOf(specs: readonly ActionSpec[], step: Step, parts: ComponentParts): Record<string, unknown> {
  const spec = specOf(specs, step);
  const stage = STAGE_INPUTS[spec.gitlab?.stage ?? 'deploy'];
  const isDeploy = step === 'update-gitops-tag' || step === 'set-image';
  const variables = variablesOf(specs, step, parts);
  // environment:url must be a URL or a variable (GitLab's schema): the input goes through a job variable.
  if (isDeploy) variables.CDPACK_ENVIRONMENT_URL = '$[[ inputs.environment-url ]]';
  return {
    stage: `$[[ inputs.${stage} ]]`,
    image: '$[[ inputs.job-image ]]',
    needs: NEEDS[step],
    ...(RULES[step] ? { rules: RULES[step] } : {}),
    ...(isDeploy ? { environment: { name: '$[[ inputs.environment ]]', url: '$CDPACK_ENVIRONMENT_URL' } } : {}),
    ...(step === 'verify-rollout' ? { environment: { name: '$[[ inputs.environment ]]', action: 'verify' } } : {}),
    variables,
    script: [parts.cdpackCommand(step)],
    artifacts: { when: 'always', reports: { dotenv: `cdpack-${step}.env`, ...spec.gitlab?.reports } },
  };
}

function pipelineTemplate(specs: readonly ActionSpec[], parts: ComponentParts): string {
  const inputs = { ...pipelineOnlyInputs(specs, parts), ...wiredInputs(specs, parts) };
  const jobs = Object.fromEntries(STEPS.map((step) => [job(step), jobOf(specs, step, parts)]));
  return `${parts.header('src/inputs/*.ts (scripts/pipeline-template.ts)')}${parts.yamlText({ spec: { inputs } })}---\n${parts.yamlText(jobs)}`;
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function pipelineReadme(specs: readonly ActionSpec[], parts: ComponentParts): string {
  const inputs = { ...pipelineOnlyInputs(specs, parts), ...wiredInputs(specs, parts) } as Record<
    string,
    { description: string; default?: unknown; options?: string[] }
  >;
  const inputRows = Object.entries(inputs).map(([name, i]) => {
    const def = i.default === undefined || i.default === '' ? '' : `\`${cell(String(i.default))}\``;
    const options = i.options ? ` One of: ${i.options.map((o) => `\`${o}\``).join(', ')}.` : '';
    return `| \`${name}\` | ${def} | ${cell(i.description)}${options} |`;
  });
  const outputRows = STEPS.flatMap((step) =>
    Object.entries(specOf(specs, step).outputs).map(
      ([name, o]) => `| \`${outputEnvName(step, name)}\` | \`<prefix>${step}\` | ${cell(o.description)} |`,
    ),
  );
  const wiring = STEPS.flatMap((step) =>
    Object.entries(FROM_OUTPUTS[step] ?? {}).map(
      ([input, [from, out]]) => `- ${step} \`${input}\` ← ${from} \`${out}\` (\`$${outputEnvName(from, out)}\`)`,
    ),
  );
  return `<!-- Generated by scripts/generate.ts (scripts/pipeline-template.ts) from src/inputs/*.ts -->
# pipeline (GitLab CI/CD component)

The whole cdpack flow in one include: build and push the image by commit SHA, scan the pushed digest, deploy that
same digest (a commit to the GitOps repository, or a patch of the Kubernetes workloads), then verify the rollout.
Each job runs the same \`cdpack\` step as the single-step components, with the same descriptions and defaults.

\`\`\`yaml
include:
  - component: $CI_SERVER_FQDN/<group>/cdpack/pipeline@0.1.0
    inputs:
      deploy: gitops
      gitops-repository: https://gitlab.example.com/team/config.git
      gitops-files: apps/web/overlays/prod/kustomization.yaml
      gitops-token: $CONFIG_REPO_TOKEN
      argocd-app: web                  # verify-rollout waits until Argo CD has synced the commit
      kubeconfig: $KUBECONFIG_PROD     # a CI/CD variable holding the kubeconfig's content
\`\`\`

or, deploying straight to the cluster:

\`\`\`yaml
include:
  - component: $CI_SERVER_FQDN/<group>/cdpack/pipeline@0.1.0
    inputs:
      deploy: kubernetes
      workloads: deployment/web
      namespace: shop
      kubeconfig: $KUBECONFIG_PROD
      environment-url: https://shop.example.com
\`\`\`

## Jobs, stages and needs

\`\`\`
stage build-stage    <prefix>build-push
                         │ needs
stage test-stage     <prefix>scan
                         │ needs (build-push and scan)
stage deploy-stage   <prefix>update-gitops-tag   (deploy: gitops)       environment: <environment>
                     <prefix>set-image           (deploy: kubernetes)   environment: <environment>
                         │ needs (optional: whichever of the two runs)
                     <prefix>verify-rollout                             environment: <environment>, action: verify
\`\`\`

- \`deploy: none\` runs build-push and scan only. verify-rollout runs with \`deploy: kubernetes\`, and with
  \`deploy: gitops\` when \`argocd-app\` or \`flux-kustomization\` names what applies the commit (not with
  \`gitops-mode: merge-request\`, where nothing is applied before the request is merged).
- The deploy job's \`environment:\` is the same in both GitOps modes (GitLab's \`environment:action\` cannot follow
  an input): with \`gitops-mode: merge-request\`, GitLab records a deployment when the request is opened, while
  what deploys is its merge.
- The defaults fit GitLab's default stages (build, test, deploy); verify-rollout runs in the deploy stage after the
  deploy job through \`needs:\`.
- The same digest goes through every job:
${wiring.map((w) => `  ${w}`).join('\n')}
- update-gitops-tag's \`tag\` is \`$CI_COMMIT_SHA\`, the tag build-push always pushes.
- Every input reaches its step as a job variable \`CDPACK_<INPUT>\`, never interpolated into a shell line. Outputs
  are \`CDPACK_<STEP>_<OUTPUT>\` in each job's dotenv report, so no earlier output can replace a later job's input
  (later jobs of your own that \`needs:\` these jobs read them too).

## Inputs

| Input | Default | Description |
| --- | --- | --- |
${inputRows.join('\n')}

## Outputs

Dotenv variables of each job, for later jobs that \`needs:\` it:

| Variable | Job | Description |
| --- | --- | --- |
${outputRows.join('\n')}
`;
}

export function pipelineComponent(
  specs: readonly ActionSpec[],
  parts: ComponentParts,
): { template: string; readme: string } {
  return { template: pipelineTemplate(specs, parts), readme: pipelineReadme(specs, parts) };
}
