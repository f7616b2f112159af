import type { ActionSpec } from '../inputs/types';
import { updateGitopsTag } from '../inputs/update-gitops-tag';
import type { Platform } from '../platform/types';
import { updateGitopsTagAction } from './update-gitops-tag/action';

export interface ActionEntry {
  spec: ActionSpec;
  run(platform: Platform): Promise<void>;
}

/** Every action by its CLI sub-command name. */
export const actions: Record<string, ActionEntry> = {
  'update-gitops-tag': { spec: updateGitopsTag, run: updateGitopsTagAction },
};
