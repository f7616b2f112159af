/**
 * Kubernetes workload manifests. Like kustomize's legacy image pass, any `containers` or
 * `initContainers` sequence at any depth counts (so CronJob's jobTemplate and Argo Rollouts are
 * covered without listing paths); `ephemeralContainers` does not. Image volumes
 * (`volumes[].image.reference`) are rewritten too, as kustomize's default fieldSpecs do.
 */
import { isMap, isSeq, type Node } from 'yaml';
import { editReference } from './match';
import type { ImageUpdate } from './types';
import type { YamlSource } from './yaml-source';

export const WORKLOAD_KINDS = new Set([
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Pod',
  'Rollout',
]);

export function editManifest(src: YamlSource, root: Node, update: ImageUpdate): void {
  walk(src, root, update);
}

function walk(src: YamlSource, node: Node, update: ImageUpdate): void {
  if (isMap(node)) {
    for (const pair of node.items) {
      const value = src.resolve(pair.value);
      if (!value) continue;
      const key = src.str(src.resolve(pair.key));
      if ((key === 'containers' || key === 'initContainers') && isSeq(value)) {
        for (const item of value.items) editReference(src, 'manifest', src.get(src.resolve(item), 'image'), update);
      } else if (key === 'volumes' && isSeq(value)) {
        // Image volumes (`volumes[].image.reference`), which kustomize's default fieldSpecs also rewrite.
        for (const item of value.items) {
          editReference(src, 'manifest', src.get(src.get(src.resolve(item), 'image'), 'reference'), update);
        }
      }
      walk(src, value, update);
    }
  } else if (isSeq(node)) {
    for (const item of node.items) {
      const value = src.resolve(item);
      if (value) walk(src, value, update);
    }
  }
}
