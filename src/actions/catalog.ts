import { buildPush } from '../inputs/build-push';
import { scan } from '../inputs/scan';
import { setImage } from '../inputs/set-image';
import type { ActionSpec } from '../inputs/types';
import { updateGitopsTag } from '../inputs/update-gitops-tag';
import { verifyRollout } from '../inputs/verify-rollout';
import type { Platform } from '../platform/types';

export interface ActionEntry {
  spec: ActionSpec;
  run(platform: Platform): Promise<void>;
}

/**
 * Every action by its CLI sub-command name. Bodies are imported lazily so that the CLI and the
 * Marketplace dispatcher load only the step they run.
 */
export const actions: Record<string, ActionEntry> = {
  'build-push': { spec: buildPush, run: async (p) => (await import('./build-push/action')).buildPushAction(p) },
  scan: { spec: scan, run: async (p) => (await import('./scan/action')).scanAction(p) },
  'update-gitops-tag': {
    spec: updateGitopsTag,
    run: async (p) => (await import('./update-gitops-tag/action')).updateGitopsTagAction(p),
  },
  'set-image': { spec: setImage, run: async (p) => (await import('./set-image/action')).setImageAction(p) },
  'verify-rollout': {
    spec: verifyRollout,
    run: async (p) => (await import('./verify-rollout/action')).verifyRolloutAction(p),
  },
};
