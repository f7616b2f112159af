/**
 * The `--dotenv` report a GitLab job hands to later jobs (`artifacts:reports:dotenv`), written so that GitLab takes
 * it and later jobs read back exactly what the step output:
 * - GitLab expands `$NAME` in dotenv values (they are stored as non-raw job variables): an output that quotes a pod
 *   message or a file name with `$CI_JOB_TOKEN` in it would otherwise reach the next job with that secret's value in
 *   it. Every `$` is written as `$$`, which GitLab (and gitlab-ci-local) read back as one `$`.
 * - GitLab refuses a report over 5120 bytes (the `dotenv_size` plan limit, the same on every tier), and the refused
 *   upload fails the job. When the outputs do not fit, the largest are left out (each named in a warning), so the
 *   small ones later jobs wire on (digest, image-ref, commit, result) always arrive.
 * The file is rewritten at every output, so a step that fails half-way still leaves what it had set.
 */
import { writeFileSync } from 'node:fs';

/** GitLab's `dotenv_size` limit (bytes), the same on every plan. */
export const DOTENV_MAX_BYTES = 5120;

/** One `KEY=value` line as GitLab must read it back: `$` doubled (GitLab's escape for a literal `$`). */
export function dotenvLine(key: string, value: string): string {
  return `${key}=${value.split('$').join('$$')}\n`;
}

export class DotenvReport {
  /** key → [output name, line], in the order the outputs were set (the order the file shows them). */
  private readonly lines = new Map<string, { output: string; line: string }>();
  private readonly leftOut = new Set<string>();

  constructor(
    private readonly file: string,
    private readonly warn: (message: string) => void,
    private readonly maxBytes = DOTENV_MAX_BYTES,
  ) {
    writeFileSync(file, '');
  }

  set(key: string, output: string, value: string): void {
    this.lines.set(key, { output, line: dotenvLine(key, value) });
    // Smallest first: with the outputs so far, keep every line that fits. A line left out stays out (a later output
    // can only push larger lines out, never bring one back), so each is warned about once.
    const bySize = [...this.lines].sort(([, a], [, b]) => Buffer.byteLength(a.line) - Buffer.byteLength(b.line));
    const kept = new Set<string>();
    let used = 0;
    for (const [k, { output: name, line }] of bySize) {
      const bytes = Buffer.byteLength(line);
      if (used + bytes <= this.maxBytes) {
        used += bytes;
        kept.add(k);
      } else if (!this.leftOut.has(k)) {
        this.leftOut.add(k);
        this.warn(
          `output '${name}' (${bytes} bytes) is left out of the dotenv report ${this.file}: GitLab refuses a report ` +
            `over ${this.maxBytes} bytes (and fails the job); later jobs do not get ${k}, the job log has the value`,
        );
      }
    }
    const text = [...this.lines]
      .filter(([k]) => kept.has(k))
      .map(([, { line }]) => line)
      .join('');
    writeFileSync(this.file, text);
  }
}
