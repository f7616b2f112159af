/** Reading a cdpack `--dotenv` report back the way GitLab does (the demo and the whole-flow benchmark chain steps so). */
import { existsSync, readFileSync } from 'node:fs';

/** KEY=value lines; cdpack writes a literal `$` as `$$` (GitLab's escape), which GitLab reads back as one `$`. */
export function readDotenvReport(file: string): Record<string, string> {
  const values: Record<string, string> = {};
  if (!existsSync(file)) return values;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values[line.slice(0, eq)] = line.slice(eq + 1).replaceAll('$$', '$');
  }
  return values;
}
