/**
 * Quoting for a POSIX shell. ssh always hands the remote side one command line that the login shell parses, so
 * every argument of a remote command goes through `quotePosix`: inside single quotes nothing is special except
 * the single quote itself, which is closed, escaped and reopened (`'\''`). The result is one literal word.
 */

/** Characters that never need quoting (Python's shlex.quote set). */
const SAFE = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function quotePosix(arg: string): string {
  // A NUL cannot be passed in any argument; refuse rather than truncate.
  if (arg.includes('\0')) throw new Error('an argument for a remote command contains a NUL character');
  if (arg !== '' && SAFE.test(arg)) return arg;
  return `'${arg.replaceAll("'", `'\\''`)}'`;
}

/** An argument array as one command line for a POSIX shell: each argument arrives as itself. */
export function posixCommandLine(argv: readonly string[]): string {
  if (argv.length === 0) throw new Error('empty remote command');
  return argv.map(quotePosix).join(' ');
}
