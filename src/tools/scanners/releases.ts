/**
 * Where each scanner's release archives live and the versions cdpack pins. The archives are
 * verified against a sha256 pinned here when one is known for the platform, otherwise against
 * the `checksums.txt` published with the release.
 */
import { ScannerError } from './errors';
export type ScannerName = 'trivy' | 'grype';

export const PINNED_VERSIONS: Record<ScannerName, string> = {
  trivy: '0.69.3',
  grype: '0.110.0',
};

/** Versions cdpack refuses to install (a release reported as compromised). */
export const DENIED_VERSIONS: Record<ScannerName, readonly string[]> = {
  trivy: ['0.69.4'],
  grype: [],
};

/** sha256 of release archives by `<tool>@<version>/<asset>`. */
const PINNED_SHA256: Record<string, string> = {
  'trivy@0.69.3/trivy_0.69.3_Linux-64bit.tar.gz': '1816b632dfe529869c740c0913e36bd1629cb7688bd5634f4a858c1d57c88b75',
  'grype@0.110.0/grype_0.110.0_linux_amd64.tar.gz': 'aaa98d27d2d7efd9317c6a1ad6d9b15f3e65bab320e7d03bde41e251387bb71c',
};

const DOWNLOAD_BASE: Record<ScannerName, string> = {
  trivy: 'https://github.com/aquasecurity/trivy/releases/download',
  grype: 'https://github.com/anchore/grype/releases/download',
};

export interface ScannerRelease {
  tool: ScannerName;
  version: string;
  /** Archive URL and file name. */
  url: string;
  asset: string;
  /** The release's checksums file. */
  checksumsUrl: string;
  /** Pinned sha256 of the archive, when cdpack knows it. */
  sha256?: string;
}

/** Release archive for a platform (`process.platform`, `process.arch` values). */
export function scannerRelease(
  tool: ScannerName,
  version: string,
  platform: string,
  arch: string,
  downloadBase: string = DOWNLOAD_BASE[tool],
): ScannerRelease {
  const asset = assetName(tool, version, platform, arch);
  const base = `${downloadBase.replace(/\/+$/, '')}/v${version}`;
  const sha256 = PINNED_SHA256[`${tool}@${version}/${asset}`];
  return {
    tool,
    version,
    asset,
    url: `${base}/${asset}`,
    checksumsUrl: `${base}/${tool}_${version}_checksums.txt`,
    ...(sha256 ? { sha256 } : {}),
  };
}

function assetName(tool: ScannerName, version: string, platform: string, arch: string): string {
  const os = platform === 'linux' ? 'linux' : platform === 'darwin' ? 'darwin' : undefined;
  const cpu = arch === 'x64' ? 'amd64' : arch === 'arm64' ? 'arm64' : undefined;
  if (!os || !cpu)
    throw new ScannerError('install', tool, `no ${tool} release for ${platform}/${arch}; put ${tool} on PATH instead`);
  if (tool === 'grype') return `grype_${version}_${os}_${cpu}.tar.gz`;
  const trivyOs = os === 'linux' ? 'Linux' : 'macOS';
  const trivyCpu = cpu === 'amd64' ? '64bit' : 'ARM64';
  return `trivy_${version}_${trivyOs}-${trivyCpu}.tar.gz`;
}
