/**
 * The last few meaningful lines of a tool's output, on one line, for an error message: blank lines
 * dropped, each line trimmed, joined by ` | `; `(no output)` when there is none.
 */
export function tail(output: string, lines = 3): string {
  const last = output
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '')
    .slice(-lines);
  return last.length > 0 ? last.join(' | ') : '(no output)';
}
