import type { Forge } from '../../core/gitops/request-target';
import { githubMergeRequests } from './github';
import { gitlabMergeRequests } from './gitlab';
import type { MergeRequestApi, MergeRequestApiOptions } from './types';

export type { MergeRequestApi, MergeRequestApiOptions } from './types';

/** The merge/pull request API of one forge. */
export async function mergeRequestApi(forge: Forge, options: MergeRequestApiOptions): Promise<MergeRequestApi> {
  return forge === 'github' ? githubMergeRequests(options) : gitlabMergeRequests(options);
}
