import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access, chmod, lstat, mkdir, mkdtemp, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join, resolve } from 'node:path';
import type { Log } from '../../core/log';
import { execTool } from '../exec';
import { isWithin, resolveInside } from '../files';
import { HttpClient } from '../http/client';
import type { Env } from '../http/proxy';
import { temporaryDir } from '../process/temp';
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
  /**
   * The repository checkout. A tool cache inside it is writable by the repository and by a CI
   * cache restored into it, so no binary found there is run as is (see workspaceCache below).
   */
  workspace?: string;
  /** Where a binary verified from a workspace cache is unpacked (a fresh private dir); default the OS temp dir. */
  tempDir?: string;
}

export interface LocatedScanner {
  file: string;
  version: string;
  source: 'path' | 'tool-cache' | 'download';
  /** Removes the private copy a workspace cache was unpacked into (when there is one). */
  dispose?: () => Promise<void>;
}

/**
 * Finds the scanner: the tool cache at the wanted version, else a PATH binary of that version,
 * else downloads and verifies the release into the tool cache. `version: path` takes whatever
 * PATH has. A tool cache inside the workspace holds verified archives only (fromWorkspaceCache).
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
  const dir = join(options.toolCacheDir, tool, version);
  const cached = join(dir, tool);
  const inWorkspace = options.workspace !== undefined && (await isInsideWorkspace(options.workspace, dir));
  if (inWorkspace) {
    const verified = await fromWorkspaceCache(options, dir);
    if (verified) return verified;
  } else if (await isExecutable(cached)) {
    return { file: cached, version, source: 'tool-cache' };
  }
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
      `${tool} ${version} is neither in the tool cache (${inWorkspace ? `${dir}, verified` : cached}) nor on PATH${pathVersion ? ` (PATH has ${pathVersion})` : ''}, and offline mode forbids downloading it; install it, or set scanner-version to 'path' to use the PATH binary`,
      'scanner-version',
    );
  }
  const release = releaseFor(options);
  const http = new HttpClient({ env: options.env ?? {} });
  try {
    const archive = await log.group(`Install ${tool} ${version}`, () => downloadVerified(release, http, log));
    if (!inWorkspace) {
      await unpack(release, archive, cached);
      return { file: cached, version, source: 'download' };
    }
    // Kept for the next run as the archive, which is checked again then; the binary runs from a private copy.
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, release.asset), archive);
    return { ...(await unpackPrivately(release, archive, options)), version, source: 'download' };
  } finally {
    http.close();
  }
}

function releaseFor(options: LocateOptions): ScannerRelease {
  return scannerRelease(
    options.tool,
    options.version,
    options.platform ?? process.platform,
    options.arch ?? process.arch,
    options.downloadBase,
  );
}

/**
 * Threat model (docs/scan.md, "A cache inside the workspace"): without RUNNER_TOOL_CACHE (GitLab,
 * the CLI) the default cache is `.cdpack-cache` in the checkout. Files committed there are chosen by
 * whoever wrote the commit (a fork's merge request), and GitLab's `cache:` restores whatever an
 * earlier job left in it, untracked files included. So a binary in a workspace cache is never run:
 * the cache keeps the release archive, whose sha256 must match the pinned table (releases.ts) or,
 * for other versions, the release's checksums.txt fetched in this run; the verified bytes are then
 * unpacked into a fresh private dir outside the workspace and run from there. (The scan action
 * also refuses a workspace cache holding committed files, DBs included: see cache-trust.ts.)
 */
async function fromWorkspaceCache(options: LocateOptions, dir: string): Promise<LocatedScanner | undefined> {
  const { tool, version, log } = options;
  if (await isExecutable(join(dir, tool))) {
    log.info(
      `${join(dir, tool)} is not run: a binary in a cache inside the workspace could come from the repository or a restored CI cache; only a verified release archive is used there`,
    );
  }
  let release: ScannerRelease;
  try {
    release = releaseFor(options);
  } catch {
    return undefined;
  }
  const archiveFile = join(dir, release.asset);
  let archive: Buffer;
  try {
    if (!(await lstat(archiveFile)).isFile()) return undefined;
    archive = await readFile(archiveFile);
  } catch {
    return undefined;
  }
  let expected = release.sha256;
  if (!expected) {
    if (options.offline) {
      log.info(
        `${archiveFile} is not used: cdpack pins no sha256 for ${tool} ${version}, and offline mode cannot fetch the release checksums to verify it`,
      );
      return undefined;
    }
    const http = new HttpClient({ env: options.env ?? {} });
    try {
      expected = await publishedChecksum(http, release);
    } finally {
      http.close();
    }
  }
  const actual = sha256(archive);
  if (actual !== expected) {
    log.warn(`${archiveFile}: sha256 ${actual} does not match the expected ${expected}; not using it`);
    return undefined;
  }
  log.info(`${archiveFile}: sha256 verified${release.sha256 ? ' (pinned)' : ' (release checksums)'}`);
  return { ...(await unpackPrivately(release, archive, options)), version, source: 'tool-cache' };
}

/** Unpacks verified archive bytes into a fresh dir (mode 700) under the temp dir, removed on a signal too. */
async function unpackPrivately(
  release: ScannerRelease,
  archive: Buffer,
  options: LocateOptions,
): Promise<{ file: string; dispose: () => Promise<void> }> {
  const temp = await temporaryDir(options.tempDir ?? tmpdir(), `cdpack-${release.tool}-`);
  try {
    const file = join(temp.dir, release.tool);
    await unpack(release, archive, file);
    return { file, dispose: temp.dispose };
  } catch (error) {
    await temp.dispose();
    throw error;
  }
}

/** Whether `dir` is in the workspace, as written or with symlinks resolved. */
async function isInsideWorkspace(workspace: string, dir: string): Promise<boolean> {
  return isWithin(resolve(workspace), resolve(dir)) || (await resolveInside(workspace, dir)) !== undefined;
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

/** Downloads the release archive and checks it against the pinned sha256, else the release's checksums. */
async function downloadVerified(release: ScannerRelease, http: HttpClient, log: Log): Promise<Buffer> {
  log.info(`downloading ${release.url}`);
  const archive = await download(http, release.url);
  const actual = sha256(archive);
  const expected = release.sha256 ?? (await publishedChecksum(http, release));
  if (actual !== expected) {
    throw new ScannerError(
      'install',
      release.tool,
      `${release.asset}: sha256 ${actual} does not match the expected ${expected}; not installing it`,
    );
  }
  log.info(`${release.asset}: sha256 ${actual} verified${release.sha256 ? ' (pinned)' : ' (release checksums)'}`);
  return archive;
}

/** Extracts the tool from verified archive bytes to `target` (atomically: a partial binary is never left there). */
async function unpack(release: ScannerRelease, archive: Buffer, target: string): Promise<void> {
  const dir = join(target, '..');
  await mkdir(dir, { recursive: true });
  const work = await mkdtemp(join(dir, '.download-'));
  try {
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

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
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
