/**
 * The `image:` of compose services, read from the compose file's AST and rewritten with the format-preserving
 * YAML editor of the GitOps steps (only that scalar's bytes change).
 */
import { isAlias, isMap, isScalar, type Scalar } from 'yaml';
import { FileError } from '../errors';
import { YamlSource } from '../gitops/yaml-source';

export interface ServiceImage {
  service: string;
  /** The `image:` text as written (it may hold `${VAR}` references). */
  template: string;
  line: number;
}

function servicesMap(src: YamlSource) {
  const doc = src.docs[0];
  if (!doc || src.docs.length > 1) throw new FileError(src.path, undefined, 'expected one YAML document');
  src.use(doc);
  const services = src.get(doc.contents, 'services');
  if (!isMap(services)) throw new FileError(src.path, undefined, "no 'services:' mapping");
  return services;
}

function imageScalar(src: YamlSource, service: string): Scalar {
  const services = servicesMap(src);
  const pair = src.pair(services, service);
  if (!pair) throw new FileError(src.path, undefined, `no service '${service}' under 'services:'`);
  const def = src.resolve(pair.value);
  if (!isMap(def)) {
    throw new FileError(
      src.path,
      src.line(src.resolve(pair.key)?.range?.[0] ?? 0),
      `service '${service}' is not a mapping`,
    );
  }
  const imagePair = def.items.find((p) => {
    const k = src.resolve(p.key);
    return isScalar(k) && k.value === 'image';
  });
  const at = def.range?.[0] ?? 0;
  if (!imagePair) {
    throw new FileError(
      src.path,
      src.line(at),
      `service '${service}' has no 'image:' of its own (built, or taken from 'extends'/a merge key); set-image needs one to edit`,
    );
  }
  if (isAlias(imagePair.value)) {
    throw new FileError(
      src.path,
      src.line(at),
      `the 'image:' of service '${service}' is a YAML alias; write the image on the service itself`,
    );
  }
  const value = imagePair.value;
  if (!src.editable(value as Scalar | undefined) || typeof (value as Scalar).value !== 'string') {
    throw new FileError(src.path, src.line(at), `the 'image:' of service '${service}' is not a plain string`);
  }
  return value as Scalar;
}

/** Every service's `image:` (services without one are left out). */
export function serviceImages(path: string, text: string): ServiceImage[] {
  const src = new YamlSource({ path, text, explicit: true });
  const services = servicesMap(src);
  const found: ServiceImage[] = [];
  for (const pair of services.items) {
    const key = src.resolve(pair.key);
    if (!isScalar(key)) continue;
    const def = src.resolve(pair.value);
    const image = isMap(def) ? src.get(def, 'image') : undefined;
    const template = src.stringValue(image);
    if (template !== undefined)
      found.push({ service: String(key.value), template, line: src.line(image?.range?.[0] ?? 0) });
  }
  return found;
}

/** The service's `image:`; a FileError naming the service when it is missing or not editable. */
export function serviceImage(path: string, text: string, service: string): ServiceImage {
  const src = new YamlSource({ path, text, explicit: true });
  const scalar = imageScalar(src, service);
  return { service, template: String(scalar.value), line: src.line(scalar.range?.[0] ?? 0) };
}

/** The file with each named service's `image:` set, quoting style kept; every other byte unchanged. */
export function setServiceImages(path: string, text: string, images: ReadonlyMap<string, string>): string {
  const src = new YamlSource({ path, text, explicit: true });
  for (const [service, image] of images) src.setScalar(imageScalar(src, service), image);
  return src.result();
}
