import { buildPush } from './build-push';
import { scan } from './scan';
import type { ActionSpec } from './types';
import { updateGitopsTag } from './update-gitops-tag';

/** Every action's declaration, in the order they appear in docs. */
export const specs: ActionSpec[] = [buildPush, scan, updateGitopsTag];
