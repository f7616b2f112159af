import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** ../shared/oracles beside the checkout (main) or beside the worktrees folder (helpers' worktrees). */
export const ORACLES = [
  join(import.meta.dirname, '../../../../shared/oracles'),
  join(import.meta.dirname, '../../../../../shared/oracles'),
].find((p) => existsSync(p));
