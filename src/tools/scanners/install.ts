import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, mkdir, mkdtemp, rename, rm, stat, writeFile } from 'node:fs/promises';
import { delimiter, join } from 'node:path';
import type { Log } from '../../core/log';
import { execTool } from '../exec';
import { HttpClient } from '../http/client';
import type { Env } from '../http/proxy';
import { ScannerError } from './errors';
import { type ScannerName, type ScannerRelease, scannerRelease } from './releases';

export interface LocateOptions {
  tool: ScannerName;
  /** A version to use (PATH binary of that version, tool cache, or download), or `path`. */
  version: string;
  /** Root of the tool cache: binaries go to `<dir>/<tool>/<version>/<tool>`. */
  toolCacheDir: string;
  /** When true nothing is downloaded. */
  offline: boolean;
  log: Log;
  /** PATH to search (the job's). */
  searchPath: string;
  platform?: string;
  arch?: string;
  /** Release download base (tests and mirrors); default GitHub releases. */
  downloadBase?: string;
  /** The job's environment: HTTPS_PROXY / NO_PROXY for the download. */
  env?: Env;
}

export interface LocatedScanner {
  file: string;
  version: string;
  source: 'path' | 'tool-cache' | 'download';
}

/**
 * Finds the scanner: the tool cache at the pinned version, else a PATH binary of that version,
 * else downloads and verifies the release into the tool cache. `version: path` takes whatever
 * PATH has.
 */
export async function locateScanner(options: LocateOptions): Promise<LocatedScanner> {
  const { tool, version, log } = options;
  const onPath = await findOnPath(tool, options.searchPath);
  if (version === 'path') {
    if (!onPath) {
      throw new ScannerError(
        'install',
        tool,
        `scanner-version is 'path' but no ${tool} was found on PATH`,
        'scanner-version',
      );
    }
    return { file: onPath, version: (await scannerVersion(tool, onPath)) || 'unknown', source: 'path' };
  }
  const cached = join(options.toolCacheDir, tool, version, tool);
  if (await isExecutable(cached)) return { file: cached, version, source: 'tool-cache' };
  let pathVersion = '';
  if (onPath) {
    pathVersion = await scannerVersion(tool, onPath);
    if (pathVersion === version) return { file: onPath, version, source: 'path' };
    log.info(`${tool} on PATH is ${pathVersion || 'of unknown version'}, not ${version}`);
  }
  if (options.offline) {
    throw new ScannerError(
      'install',
      tool,
      `${tool} ${version} is neither in the tool cache (${cached}) nor on PATH${pathVersion ? ` (PATH has ${pathVersion})` : ''}, and offline mode forbids downloading it; install it, or set scanner-version to 'path' to use the PATH binary`,
      'scanner-version',
    );
  }
  const release = scannerRelease(
    tool,
    version,
    options.platform ?? process.platform,
    options.arch ?? process.arch,
    options.downloadBase,
  );
  const http = new HttpClient({ env: options.env ?? {} });
  try {
    await log.group(`Install ${tool} ${version}`, () => install(release, cached, http, log));
  } finally {
    http.close();
  }
  return { file: cached, version, source: 'download' };
}

/** `Version: 0.69.3` from `trivy --version` / `grype version`; '' when it cannot be read. */
export async function scannerVersion(tool: ScannerName, file: string): Promise<string> {
  try {
    const r = await execTool(file, tool === 'trivy' ? ['--version'] : ['version']);
    return /^Version:\s*v?(\S+)/m.exec(r.stdout)?.[1] ?? '';
  } catch {
    return '';
  }
}

async function install(release: ScannerRelease, target: string, http: HttpClient, log: Log): Promise<void> {
  const dir = join(target, '..');
  await mkdir(dir, { recursive: true });
  const work = await mkdtemp(join(dir, '.download-'));
  try {
    log.info(`downloading ${release.url}`);
    const archive = await download(http, release.url);
    const actual = createHash('sha256').update(archive).digest('hex');
    const expected = release.sha256 ?? (await publishedChecksum(http, release));
    if (actual !== expected) {
      throw new ScannerError(
        'install',
        release.tool,
        `${release.asset}: sha256 ${actual} does not match the expected ${expected}; not installing it`,
      );
    }
    log.info(`${release.asset}: sha256 ${actual} verified${release.sha256 ? ' (pinned)' : ' (release checksums)'}`);
    const archiveFile = join(work, release.asset);
    await writeFile(archiveFile, archive);
    const r = await execTool('tar', ['-xzf', archiveFile, '-C', work, release.tool]);
    if (r.code !== 0)
      throw new ScannerError(
        'install',
        release.tool,
        `cannot extract ${release.tool} from ${release.asset}: ${r.stderr.trim()}`,
      );
    await chmod(join(work, release.tool), 0o755);
    await rename(join(work, release.tool), target);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function download(http: HttpClient, url: string): Promise<Buffer> {
  const response = await http.request({ method: 'GET', url });
  if (response.status !== 200) {
    await response.discard();
    throw new ScannerError('install', 'scanner', `download of ${url} failed: HTTP ${response.status}`);
  }
  return response.buffer();
}

async function publishedChecksum(http: HttpClient, release: ScannerRelease): Promise<string> {
  const text = (await download(http, release.checksumsUrl)).toString('utf8');
  for (const line of text.split(/\r?\n/)) {
    const [sum, name] = line.trim().split(/\s+\*?/);
    if (name === release.asset && sum && /^[a-f0-9]{64}$/.test(sum)) return sum;
  }
  throw new ScannerError('install', release.tool, `${release.checksumsUrl} lists no sha256 for ${release.asset}`);
}

async function findOnPath(name: string, searchPath: string): Promise<string | undefined> {
  for (const dir of searchPath.split(delimiter)) {
    if (dir && (await isExecutable(join(dir, name)))) return join(dir, name);
  }
  return undefined;
}

async function isExecutable(file: string): Promise<boolean> {
  try {
    await access(file, constants.X_OK);
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}
