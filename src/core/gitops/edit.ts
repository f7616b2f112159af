/**
 * The format-preserving editor: finds every place a file refers to an image and rewrites only
 * those scalars (plus kustomize `images:` key lines), leaving every other byte as it was.
 */
import { type Document, isMap, parseAllDocuments, type YAMLMap } from 'yaml';
import { FileError } from '../errors';
import { sameRepository } from '../image/reference';
import { editArgoApplication, isArgoApplication } from './argocd';
import { editFluxMarkers, hasMarkers } from './flux';
import { editHelmValues, parseKey } from './helm';
import { addKustomizeImage, editKustomizeImages } from './kustomize';
import { editManifest, WORKLOAD_KINDS } from './manifests';
import type { FileEdit, ImageUpdate, SourceFile } from './types';
import { YamlSource } from './yaml-source';

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

/**
 * Largest file the editor parses: 10 MiB. The YAML AST costs 15-90× the text in memory (dense
 * files of short scalars are the worst: a 10 MiB values file peaks near 900 MB). Real GitOps files
 * are far smaller: a Kubernetes object is capped at ~1.5 MiB by etcd, a Helm release at 1 MiB,
 * and values files and kustomizations are kilobytes; anything larger is not a config file to bump.
 */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

export function editFile(file: SourceFile, update: ImageUpdate): FileEdit {
  const unchanged: FileEdit = { path: file.path, text: file.text, changed: false, targets: [] };
  if (!mayMatch(file, update)) return unchanged;
  const bytes = Buffer.byteLength(file.text, 'utf8');
  if (bytes > MAX_FILE_BYTES) {
    const why = `${(bytes / 1048576).toFixed(1)} MiB is over the ${MAX_FILE_BYTES / 1048576} MiB limit for edited files`;
    if (!file.explicit) return { ...unchanged, skipped: why };
    throw new FileError(file.path, undefined, `${why}; a GitOps file this large is not supported`);
  }
  // A chart's templates render through Helm: a literal image in them is the chart author's, and
  // `{{ … }}` around it would be lost. Skipped when only a glob matched them.
  if (!file.explicit && /(^|\/)templates\//.test(file.path) && GO_TEMPLATE.test(file.text)) {
    return { ...unchanged, skipped: 'a Helm chart template (Go template), matched only by a glob' };
  }
  const { edit, structural } = editParsed(file, update);
  // Scalars rewritten in place read back by construction; lines added or removed and anchors moved
  // are checked by parsing the result (kustomizations are small; big values files rarely get here).
  if (edit.changed && structural) assertStillYaml(file.path, edit.text);
  return edit;
}

function editParsed(file: SourceFile, update: ImageUpdate): { edit: FileEdit; structural: boolean } {
  let src: YamlSource;
  try {
    src = new YamlSource(file);
  } catch (error) {
    // Charts' templates (`{{- if … }}`) are not YAML: skip them when only a glob matched them.
    if (error instanceof FileError && !file.explicit && GO_TEMPLATE.test(file.text)) {
      const skipped = 'a Go template (not YAML), matched only by a glob';
      return { edit: { path: file.path, text: file.text, changed: false, targets: [], skipped }, structural: false };
    }
    throw error;
  }
  const edit = applyRules(src, file, update);
  return { edit, structural: src.structural };
}

function applyRules(src: YamlSource, file: SourceFile, update: ImageUpdate): FileEdit {
  const markers = hasMarkers(file.text);
  let kustomization: { doc: Document.Parsed; root: YAMLMap } | undefined;
  let kustomizeMatches = 0;
  // The names the kustomization's resources write for this image, when known (kustomize matches textually).
  const forms = file.imageNames?.filter((name) => sameRepository(name, update.image));
  const kustomizeForms = forms && forms.length > 0 ? forms : undefined;
  const covered = new Set<string>();
  for (const doc of src.docs) {
    const root = doc.contents;
    if (!isMap(root)) continue; // empty documents, bare scalars and lists are nothing to edit
    src.use(doc);
    const kind = src.stringValue(src.get(root, 'kind'));
    const apiVersion = src.stringValue(src.get(root, 'apiVersion'));
    if (isKustomization(file.path, kind, apiVersion)) {
      kustomization ??= { doc, root };
      kustomizeMatches += editKustomizeImages(src, src.get(root, 'images'), update, kustomizeForms, covered);
    } else if (kind === 'Kustomization' && apiVersion?.startsWith('kustomize.toolkit.fluxcd.io/')) {
      // Flux's Kustomization carries the same image overrides under spec.images.
      kustomizeMatches += editKustomizeImages(src, src.get(src.get(root, 'spec'), 'images'), update);
    } else if (isArgoApplication(kind, apiVersion)) {
      editArgoApplication(src, root, update);
    } else {
      // Any Kubernetes object gets kustomize's legacy containers pass (Knative, custom kinds…);
      // anything that is not a workload may also hold Helm-style values (values files, HelmRelease).
      if (kind && apiVersion && kind !== 'CustomResourceDefinition') editManifest(src, root, update);
      if (!(kind && WORKLOAD_KINDS.has(kind))) editHelmValues(src, root, update);
    }
    if (markers) editFluxMarkers(src, root, update);
  }
  // An explicit kustomization gets the entry `kustomize edit set image` would add, under each name
  // the resources write that no entry covers yet.
  const missing = kustomizeForms?.filter((name) => !covered.has(name));
  if (file.explicit && kustomization && (missing ? missing.length > 0 : kustomizeMatches === 0)) {
    src.use(kustomization.doc);
    addKustomizeImage(src, kustomization.root, update, missing);
  }
  const text = src.result();
  const targets = src.targets.sort((a, b) => a.line - b.line);
  const edit: FileEdit = { path: file.path, text, changed: text !== file.text, targets };
  if (src.misses.length > 0) edit.misses = [...new Set(src.misses)];
  return edit;
}

/** A last guard before anything is written: the spliced text must still parse (it always should). */
function assertStillYaml(path: string, text: string): void {
  for (const doc of parseAllDocuments(text, { uniqueKeys: false })) {
    const err = doc.errors[0];
    if (err)
      throw new FileError(
        path,
        undefined,
        `internal error: the edit would break the YAML (${err.code}); nothing written`,
      );
  }
}

/** Go template actions, as in Helm chart templates: `{{ .Values.x }}`, `{{- if … }}`. */
const GO_TEMPLATE = /\{\{-?\s*[-.$a-zA-Z/(]/;

function isKustomization(path: string, kind: string | undefined, apiVersion: string | undefined): boolean {
  const kustomizeApi = !apiVersion || apiVersion.startsWith('kustomize.config.k8s.io/');
  if (kind === 'Kustomization' || kind === 'Component') return kustomizeApi;
  return !kind && KUSTOMIZATION_NAMES.has(path.slice(path.lastIndexOf('/') + 1));
}

/**
 * A cheap text test that skips most unrelated files without parsing. Every rule needs the
 * image's last path segment somewhere in the file (Helm `registry`/`repository` splits and Flux
 * `:tag` markers still name the repository), except a key path (Helm `key`, whose repository
 * sibling is optional) and an explicit kustomization, which gets an entry added.
 */
function mayMatch(file: SourceFile, update: ImageUpdate): boolean {
  if (file.explicit) return true;
  const name = update.image.slice(update.image.lastIndexOf('/') + 1);
  if (file.text.includes(name)) return true;
  return !!update.key && parseKey(update.key).every((s) => /^\d+$/.test(s) || file.text.includes(s));
}
