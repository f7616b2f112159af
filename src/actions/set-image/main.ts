import { githubPlatform } from '../../platform/github';
import { runAction } from '../run-action';
import { setImageAction } from './action';

/** Entry for the GitHub runner and @github/local-action. */
export function run(): Promise<void> {
  return runAction(githubPlatform(), (p) => setImageAction(p));
}
