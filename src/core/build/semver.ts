/** A semantic version read from a git tag such as `v1.2.3` or `1.2.3-rc.1+build.7`. */
export interface SemVer {
  major: number;
  minor: number;
  patch: number;
  prerelease: string | undefined;
  /** The git tag as written. */
  raw: string;
}

const ident = '[0-9A-Za-z-]+';
const semverRe = new RegExp(
  `^[vV]?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)(?:-(${ident}(?:\\.${ident})*))?(?:\\+${ident}(?:\\.${ident})*)?$`,
);

/** Parses SemVer 2.0 with an optional leading `v`; build metadata (`+…`) is dropped. */
export function parseSemver(tag: string): SemVer | undefined {
  const m = semverRe.exec(tag);
  if (!m) return undefined;
  return { major: Number(m[1]), minor: Number(m[2]), patch: Number(m[3]), prerelease: m[4], raw: tag };
}

/** `1.2.3` or `1.2.3-rc.1`. */
export function versionString(v: SemVer): string {
  return `${v.major}.${v.minor}.${v.patch}${v.prerelease ? `-${v.prerelease}` : ''}`;
}
