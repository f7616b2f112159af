/**
 * Files on the Docker host, read and replaced over the runner. The shell scripts are constants; the paths reach
 * them as positional arguments ("$1"), never inside the script text.
 */
import { CdpackError } from '../../core/errors';
import { failureText, type HostRunner } from './runner';

const READ = 'if [ -e "$1" ]; then exec cat -- "$1"; else exit 3; fi';

/**
 * Replaces a file atomically: a temp file next to it (a copy of the old one, so mode and owner stay) gets the new
 * content from stdin and is renamed over it. With $2 = keep, the old file is first copied to <file>.cdpack-previous.
 * A symlinked file is replaced where the link points.
 */
const WRITE = [
  'set -e',
  'f=$(readlink -f -- "$1" 2>/dev/null || printf %s "$1")',
  'tmp="$f.cdpack-new.$$"',
  `trap 'rm -f -- "$tmp"' EXIT`,
  'if [ -e "$f" ]; then',
  '  if [ "$2" = keep ]; then cp -p -- "$f" "$f.cdpack-previous"; fi',
  '  cp -p -- "$f" "$tmp"',
  'fi',
  'cat > "$tmp"',
  'mv -f -- "$tmp" "$f"',
].join('\n');

/** The file's text, or undefined when it does not exist. */
export async function readHostFile(runner: HostRunner, path: string): Promise<string | undefined> {
  const r = await runner.exec(['sh', '-c', READ, 'sh', path]);
  if (r.code === 3) return undefined;
  if (r.code !== 0) throw new CdpackError(`cannot read ${path} on ${runner.description}: ${failureText(r)}`);
  return r.stdout;
}

export async function writeHostFile(runner: HostRunner, path: string, text: string, keepPrevious: boolean) {
  const r = await runner.exec(['sh', '-c', WRITE, 'sh', path, keepPrevious ? 'keep' : ''], { stdin: text });
  if (r.code !== 0) throw new CdpackError(`cannot write ${path} on ${runner.description}: ${failureText(r)}`);
}

export async function removeHostFile(runner: HostRunner, path: string) {
  const r = await runner.exec(['rm', '-f', '--', path]);
  if (r.code !== 0) throw new CdpackError(`cannot remove ${path} on ${runner.description}: ${failureText(r)}`);
}
