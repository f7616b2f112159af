import { InputError } from '../../core/errors';
import { type DeployImage, parseDeployImage } from '../../core/rollout/image';
import { parseWorkloadRef, uniqueRefs, type WorkloadRef } from '../../core/rollout/workload';
import { parseBoolean, parseList, type RawInputs } from '../../inputs/read';
import type { KubeInputs } from '../kube-connection';

export interface Settings extends KubeInputs {
  image: DeployImage;
  workloads: WorkloadRef[];
  containers: string[];
  changeCause: string;
  dryRun: boolean;
}

const containerNameRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const namespaceRe = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

/** Validates every input before anything is read from or sent to the cluster. */
export function parseSettings(raw: RawInputs, env: Readonly<Record<string, string | undefined>>): Settings {
  const get = (name: string) => raw[name] ?? '';
  const allowMutable = parseBoolean('allow-mutable-tag', get('allow-mutable-tag'));
  const image = parseDeployImage('image', get('image'), allowMutable);
  const workloads = uniqueRefs(parseList(get('workload')).map((w) => parseWorkloadRef('workload', w)));
  if (workloads.length === 0) throw new InputError('workload', 'name at least one workload, e.g. deployment/web');
  const containers = parseList(get('container'));
  for (const c of containers) {
    if (!containerNameRe.test(c) || c.length > 63) throw new InputError('container', `'${c}' is not a container name`);
  }
  const namespace = get('namespace');
  if (namespace && (!namespaceRe.test(namespace) || namespace.length > 63)) {
    throw new InputError('namespace', `'${namespace}' is not a namespace name (lowercase RFC 1123 label)`);
  }
  const changeCause = get('change-cause') || defaultChangeCause(image.reference, env);
  if (changeCause.length > 1024) throw new InputError('change-cause', 'at most 1024 characters');
  return {
    image,
    workloads,
    containers,
    kubeconfig: get('kubeconfig'),
    context: get('context'),
    namespace,
    changeCause,
    dryRun: parseBoolean('dry-run', get('dry-run')),
  };
}

/** `cdpack set-image <image> (commit abc1234, run <url>)` from the GitHub or GitLab job context, when there is one. */
export function defaultChangeCause(image: string, env: Readonly<Record<string, string | undefined>>): string {
  const sha = env.GITHUB_SHA || env.CI_COMMIT_SHA;
  const run =
    env.GITHUB_RUN_ID && env.GITHUB_REPOSITORY
      ? `${env.GITHUB_SERVER_URL || 'https://github.com'}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
      : env.CI_JOB_URL || env.CI_PIPELINE_URL;
  const context = [sha ? `commit ${sha.slice(0, 12)}` : '', run ? `run ${run}` : ''].filter(Boolean).join(', ');
  return `cdpack set-image ${image}${context ? ` (${context})` : ''}`;
}
