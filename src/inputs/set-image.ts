import { dockerHostInputs } from './set-image-docker';
import type { ActionSpec } from './types';

/** Connection inputs shared by the Kubernetes steps. */
export const kubeConnectionInputs: ActionSpec['inputs'] = {
  kubeconfig: {
    description:
      'Kubeconfig content (plain YAML or base64). Default: KUBECONFIG (merged like kubectl), ~/.kube/config, or the in-cluster service account. Its tokens, passwords and keys are masked.',
    document: true,
  },
  context: { description: "Kubeconfig context to use. Default: the kubeconfig's current-context." },
  namespace: { description: "Namespace of the workloads. Default: the context's namespace, else `default`." },
};

export const setImage: ActionSpec = {
  name: 'set-image',
  title: 'cdpack set-image',
  description:
    'Point Kubernetes workloads (Deployment, StatefulSet, DaemonSet, CronJob) at a new image, the same patch as `kubectl set image`, with a change-cause for `kubectl rollout history`; or a docker compose service on a host over SSH, or a swarm service (`target`), waiting for the new containers and rolling back when they do not come up.',
  inputs: {
    image: {
      description:
        'New image, by tag or (best) digest, e.g. registry.example.com/team/web@sha256:… (the `image-ref` output of build-push). `latest` and tagless references are refused unless `allow-mutable-tag` is true.',
      required: true,
      gitlabDefault: '$CDPACK_BUILD_PUSH_IMAGE_REF',
    },
    workload: {
      description:
        'Workload(s) to update: `deployment/web`, `statefulset/db`, `daemonset/agent`, `cronjob/report`, Argo Rollouts `rollout/web` (kubectl short names `deploy`, `sts`, `ds`, `cj`, `ro` too); newline- or comma-separated. Required for target `kubernetes`.',
      type: 'list',
    },
    container: {
      description:
        "Container name(s) to update. Default: every container and init container whose image repository equals `image`'s.",
      type: 'list',
    },
    ...kubeConnectionInputs,
    'change-cause': {
      description:
        'Text for the `kubernetes.io/change-cause` annotation (shown by `kubectl rollout history`). Default: a line naming the image and the commit/run.',
    },
    'dry-run': {
      description:
        'Send the patch as a server-side dry run (dryRun=All): validated by the API server, nothing changed.',
      default: 'false',
      type: 'boolean',
    },
    'allow-mutable-tag': {
      description: 'Accept `latest` and tagless image references.',
      default: 'false',
      type: 'boolean',
    },
    ...dockerHostInputs,
  },
  outputs: {
    changed: {
      description: 'true when a workload was patched; false when all already ran that image (no patch sent).',
    },
    'previous-image': { description: 'Image the (first) updated container ran before.' },
    revision: {
      description:
        "The Deployment's new `deployment.kubernetes.io/revision` (first Deployment); empty where there is none.",
    },
    workloads: {
      description:
        'JSON list: per workload and container, {workload, container, previous, image} (compose/swarm: workload and container are the service).',
    },
    result: {
      description:
        '`success`, `failed` or `rolled-back` for targets `compose` and `swarm`, which wait for the new containers; empty for `kubernetes` (use verify-rollout).',
    },
  },
};
