import { kubeConnectionInputs } from './set-image';
import type { ActionSpec } from './types';
import { updateGitopsTag } from './update-gitops-tag';

export const verifyRollout: ActionSpec = {
  name: 'verify-rollout',
  title: 'cdpack verify-rollout',
  description:
    'Wait for Kubernetes rollouts with the verdicts of `kubectl rollout status`, diagnose failures (image pulls, crash loops, scheduling), run smoke checks, and roll back when asked.',
  inputs: {
    workloads: {
      description:
        'Workloads to verify: `deployment/web`, `statefulset/db`, `daemonset/agent`, Argo Rollouts `rollout/web` (short names `deploy`, `sts`, `ds`, `ro` too); newline- or comma-separated.',
      required: true,
      type: 'list',
    },
    ...kubeConnectionInputs,
    timeout: {
      description: 'Longest wait for all rollouts, as a Go duration (`90s`, `5m`, `1h30m`).',
      default: '5m',
    },
    rollback: {
      description:
        'On failure, undo to the previous revision like `kubectl rollout undo` and wait for it (the step still fails).',
      default: 'false',
      type: 'boolean',
    },
    'smoke-url': {
      description: 'URL(s) checked after the rollouts succeed; a failing check counts as a failed rollout.',
      type: 'list',
    },
    'smoke-status': { description: 'HTTP status the smoke URLs must answer.', default: '200', type: 'number' },
    'smoke-body': { description: 'Text the smoke response body must contain, or `/regex/`.' },
    'smoke-retries': {
      description: 'Further attempts per smoke URL before it counts as failed.',
      default: '3',
      type: 'number',
    },
    'smoke-interval': { description: 'Wait between smoke attempts, as a Go duration.', default: '5s' },
    // GitOps rollback (also declared by the Argo CD / Flux wait: one `revision` input for both).
    revision: {
      description:
        "Config-repo commit the GitOps controller should apply (update-gitops-tag's `commit` output). With `rollback: true`, a failure reverts this commit in `repository` instead of `kubectl rollout undo`.",
    },
    // The config repository for the GitOps rollback: update-gitops-tag's inputs, same meaning.
    repository: { ...updateGitopsTag.inputs.repository } as ActionSpec['inputs'][string],
    branch: { ...updateGitopsTag.inputs.branch } as ActionSpec['inputs'][string],
    token: { ...updateGitopsTag.inputs.token } as ActionSpec['inputs'][string],
    username: { ...updateGitopsTag.inputs.username } as ActionSpec['inputs'][string],
  },
  outputs: {
    result: { description: '`success`, `failed` or `rolled-back`.' },
    duration: { description: 'Seconds spent verifying (rollback included).' },
    diagnosis: { description: 'Why the rollout failed, in short (pods, reasons, events, logs); empty on success.' },
    'rollback-commit': {
      description: 'The revert commit pushed to the config repository by a GitOps rollback; empty otherwise.',
    },
    revision: {
      description: 'Revision of the (first) Deployment after verification (after rollback, the restored one).',
    },
  },
};
