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
        'Workloads to verify: `deployment/web`, `statefulset/db`, `daemonset/agent`, Argo Rollouts `rollout/web` (short names `deploy`, `sts`, `ds`, `ro` too); newline- or comma-separated. Required unless a GitOps application (`argocd-app`, `flux-kustomization`, `flux-helmrelease`) is given.',
      type: 'list',
    },
    ...kubeConnectionInputs,
    'argocd-app': {
      description:
        'Argo CD Application to wait for (`name`, or `namespace/name` for apps in any namespace): until it has synced `revision`, Synced and Healthy. Read through `argocd-server`, else as the Application object through the Kubernetes API.',
    },
    'argocd-server': {
      description:
        'Argo CD API server URL (`https://argocd.example.com`); needs `argocd-token`. Without it the Application is read through the Kubernetes API.',
    },
    'argocd-token': {
      description: 'Argo CD API token (sent as Bearer); it needs `get` on the application (the refresh is a GET too).',
      secret: true,
    },
    'flux-kustomization': {
      description:
        'Flux Kustomization (in `namespace`) to wait for: until `status.lastAppliedRevision` names `revision` and Ready=True.',
    },
    'flux-helmrelease': {
      description: 'Flux HelmRelease (in `namespace`) to wait for, like `flux-kustomization`.',
    },
    revision: {
      description:
        "The config-repo commit (full SHA) the GitOps application must apply: `update-gitops-tag`'s `commit` output. Required with `argocd-app` / `flux-*`. With `rollback: true`, a failure reverts this commit in `repository` instead of `kubectl rollout undo`.",
    },
    refresh: {
      description: 'Ask Argo CD to refresh (or Flux to reconcile) right away instead of waiting for its next poll.',
      default: 'true',
      type: 'boolean',
    },
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
      description:
        'Revision of the (first) Deployment after verification (after rollback, the restored one); with GitOps, the applied commit.',
    },
  },
};
