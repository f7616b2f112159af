import { kubeConnectionInputs } from './set-image';
import type { ActionSpec } from './types';

export const verifyRollout: ActionSpec = {
  name: 'verify-rollout',
  title: 'cdpack verify-rollout',
  description:
    'Wait for Kubernetes rollouts with the verdicts of `kubectl rollout status`, diagnose failures (image pulls, crash loops, scheduling), run smoke checks, and roll back when asked.',
  inputs: {
    workloads: {
      description:
        'Workloads to verify: `deployment/web`, `statefulset/db`, `daemonset/agent` (short names `deploy`, `sts`, `ds` too); newline- or comma-separated.',
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
  },
  outputs: {
    result: { description: '`success`, `failed` or `rolled-back`.' },
    duration: { description: 'Seconds spent verifying (rollback included).' },
    diagnosis: { description: 'Why the rollout failed, in short (pods, reasons, events, logs); empty on success.' },
    revision: {
      description: 'Revision of the (first) Deployment after verification (after rollback, the restored one).',
    },
  },
};
