import { missingShared, sharedPath, skipUnlessAvailable } from '../../support/requirements';

const CASES = ['oracles', 'kubectl', 'rollout-status-test-cases.json'] as const;

/** kubectl's rollout-status test table in ../shared (skipped outside CI when absent; a failure in CI). */
export const rolloutStatusCases = sharedPath(...CASES);
export const skipRolloutStatusCases = skipUnlessAvailable(missingShared(...CASES));
