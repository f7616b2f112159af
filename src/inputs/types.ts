/**
 * The one declaration of an action's public interface. Everything else is generated from it:
 * actions/<name>/action.yml, the CLI's --help, the README tables and the GitLab `spec:inputs`.
 */
export type InputType = 'string' | 'boolean' | 'number' | 'list';

export interface InputSpec {
  description: string;
  /** Default applied on every platform when the input is unset or empty. */
  default?: string;
  /** Default as a GitHub expression (e.g. `${{ github.token }}`); GitHub only. */
  githubDefault?: string;
  /**
   * Default in the GitLab component only: a path GitLab's widgets read, a predefined variable
   * (`$CI_REGISTRY_IMAGE`) or an earlier component's output (`$CDPACK_BUILD_PUSH_DIGEST`). GitLab expands it
   * when the job starts; an explicit input replaces it. Makes a required input optional in the component.
   */
  gitlabDefault?: string;
  required?: boolean;
  /** `list` accepts newline- or comma-separated values. */
  type?: InputType;
  /** Masked before anything is logged. */
  secret?: boolean;
  /** Allowed values (enforced by the parser, emitted as GitLab `options`). */
  options?: string[];
  /** Emitted as GitLab `regex`; the parser does its own, stricter validation. */
  regex?: string;
  /**
   * The value is a document (kubeconfig, key, known_hosts): it may span lines and is allowed up to 1 MiB.
   * Other inputs are one line (lists: one item per line) and at most 64 KiB (see readInputs).
   */
  document?: boolean;
  /** The value may span lines (a commit message, KEY=VALUE lines) without being a document. */
  multiline?: boolean;
}

export interface OutputSpec {
  description: string;
}

export interface ActionSpec {
  /** Folder and CLI sub-command name, e.g. `update-gitops-tag`. */
  name: string;
  /** Human title for action.yml `name`. */
  title: string;
  description: string;
  inputs: Record<string, InputSpec>;
  outputs: Record<string, OutputSpec>;
  /**
   * GitLab job extras: the default stage (GitLab's defaults are build, test, deploy; `deploy` when unset) and
   * `artifacts:reports` entries (report type → file) besides the dotenv outputs.
   */
  gitlab?: { stage?: 'build' | 'test' | 'deploy'; reports?: Record<string, string> };
}
