/**
 * The format-preserving editor: finds every place a file refers to an image and rewrites only
 * those scalars (plus kustomize `images:` key lines), leaving every other byte as it was.
 */
import { type Document, isMap, type YAMLMap } from 'yaml';
import { editArgoApplication, isArgoApplication } from './argocd';
import { editFluxMarkers, hasMarkers } from './flux';
import { editHelmValues, parseKey } from './helm';
import { addKustomizeImage, editKustomizeImages } from './kustomize';
import { editManifest, WORKLOAD_KINDS } from './manifests';
import type { FileEdit, ImageUpdate, SourceFile } from './types';
import { YamlSource } from './yaml-source';

const KUSTOMIZATION_NAMES = new Set(['kustomization.yaml', 'kustomization.yml', 'Kustomization']);

export function editFile(file: SourceFile, update: ImageUpdate): FileEdit {
  if (!mayMatch(file, update)) return { path: file.path, text: file.text, changed: false, targets: [] };
  const src = new YamlSource(file);
  const markers = hasMarkers(file.text);
  let kustomization: { doc: Document.Parsed; root: YAMLMap } | undefined;
  let kustomizeMatches = 0;
  for (const doc of src.docs) {
    const root = doc.contents;
    if (!isMap(root)) continue; // empty documents, bare scalars and lists are nothing to edit
    src.use(doc);
    const kind = src.stringValue(src.get(root, 'kind'));
    const apiVersion = src.stringValue(src.get(root, 'apiVersion'));
    if (isKustomization(file.path, kind, apiVersion)) {
      kustomization ??= { doc, root };
      kustomizeMatches += editKustomizeImages(src, src.get(root, 'images'), update);
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
  if (file.explicit && kustomization && kustomizeMatches === 0) {
    src.use(kustomization.doc);
    addKustomizeImage(src, kustomization.root, update);
  }
  const text = src.result();
  const targets = src.targets.sort((a, b) => a.line - b.line);
  return { path: file.path, text, changed: text !== file.text, targets };
}

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
