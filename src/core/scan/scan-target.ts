import { splitImage } from '../image/reference';
import type { ScanReport } from './finding';

/** What the reports say was scanned. */
export interface ScanTarget {
  /** The image reference as given (or as the scanner named the artifact). */
  image: string;
  scanner: ScanReport['scanner'];
  os: string;
}

export const SCANNER_INFO = {
  trivy: { title: 'Trivy', vendor: 'Aqua Security', url: 'https://github.com/aquasecurity/trivy' },
  grype: { title: 'Grype', vendor: 'Anchore', url: 'https://github.com/anchore/grype' },
} as const;

/** `registry.example.com:5000/team/web:1.2@sha256:…` → `registry.example.com:5000/team/web`. */
export function imageRepository(image: string): string {
  return splitImage(image).name;
}
