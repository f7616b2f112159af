/** What to write: the image repository to match and its new tag and/or digest. */
export interface ImageUpdate {
  /** Repository to match, without tag or digest, e.g. `registry.example.com/team/web`. */
  image: string;
  tag: string | undefined;
  digest: string | undefined;
  /** Dotted YAML path for Helm values files, e.g. `image.tag`. */
  key: string | undefined;
}

/** One file handed to the editor: its repo-relative path and its exact text. */
export interface SourceFile {
  path: string;
  text: string;
  /** Named literally in `files` (not via a glob): a kustomization listed this way gets an entry added. */
  explicit: boolean;
  /**
   * For a kustomization: the image names its local resources write (`nginx` for `nginx:1.25`), when
   * known. Kustomize matches entries on these exact names, so they decide which entry takes effect.
   */
  imageNames?: string[];
}

export type TargetKind = 'kustomize' | 'manifest' | 'helm' | 'argocd' | 'flux';

/** One place in a file that refers to the image. */
export interface ImageTarget {
  kind: TargetKind;
  /** 1-based line of the changed scalar (or of the added entry). */
  line: number;
  /** The image reference as it was, e.g. `registry.example.com/team/web:1.2.0`, on every kind of target. */
  previous: string;
  /** What it becomes. Equal to previous when already up to date. */
  next: string;
}

export interface FileEdit {
  path: string;
  /** The new text: byte-identical to the input except the changed scalars. */
  text: string;
  changed: boolean;
  targets: ImageTarget[];
  /** Places that refer to the image but cannot take this update, as `path:line: why`. */
  misses?: string[];
  /** Why a glob-matched file was not edited (a Go template, too large); it is left as it was. */
  skipped?: string;
}
