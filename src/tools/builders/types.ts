import type { BuilderName, BuildRequest } from '../../core/build/types';
import type { Log } from '../../core/log';
import type { RetryOptions } from '../../core/retry';

export interface BuildOutcome {
  /** Digest the tool reported for what it pushed; undefined when nothing was pushed. */
  digest: string | undefined;
}

/** One adapter per builder program; the same request means the same image on each. */
export interface Builder {
  readonly name: BuilderName;
  /** Stores credentials in the temporary auth dir; the password goes on stdin. */
  login(registry: string, username: string, password: string): Promise<void>;
  logout(registry: string): Promise<void>;
  /** Builds, then pushes every ref when `request.push`. */
  build(request: BuildRequest): Promise<BuildOutcome>;
  /** Removes what the builder left in its work dir (buildah's temporary storage). */
  dispose(): Promise<void>;
}

export interface BuilderOptions {
  log: Log;
  /** A private directory for digest/metadata files (and buildah's temporary storage). */
  workDir: string;
  /** Temporary Docker-format config dir holding credentials, when the action logs in. */
  authDir: string | undefined;
  /** Registry CA (PEM), where the builder takes one per command. */
  caFile: string | undefined;
  tlsVerify: boolean;
  retry: RetryOptions;
}
