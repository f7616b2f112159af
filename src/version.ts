import packageJson from '../package.json' with { type: 'json' };

/** cdpack's version, from package.json only: ncc inlines it, so bundles never read package.json at run time. */
export const CDPACK_VERSION: string = packageJson.version;
