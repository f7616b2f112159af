import { buildPush } from './build-push';
import { scan } from './scan';
import { setImage } from './set-image';
import type { ActionSpec } from './types';
import { updateGitopsTag } from './update-gitops-tag';
import { verifyRollout } from './verify-rollout';

/** Every action's declaration, in the order they appear in docs. */
export const specs: ActionSpec[] = [buildPush, scan, updateGitopsTag, setImage, verifyRollout];
