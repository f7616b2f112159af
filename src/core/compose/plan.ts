/**
 * What set-image changes in a compose project: for each service, its `image:` in the compose file, or, when the
 * image is built from variables (`registry/app:${APP_TAG}`), the one variable in `.env` that makes it the new image.
 */
import { CdpackError, FileError } from '../errors';
import { repositoryOf } from '../rollout/image';
import { parseDotenv, setDotenv } from './dotenv';
import { parseTemplate, resolveTemplate, solveTemplate } from './interpolate';
import { type ServiceImage, serviceImage, serviceImages, setServiceImages } from './service-image';

export interface ComposeProject {
  composePath: string;
  composeText: string;
  envPath: string;
  /** undefined when the project has no `.env`. */
  envText: string | undefined;
}

export interface ServiceChange {
  service: string;
  /** The image the file named before (variables resolved with `.env`; as written when they cannot be). */
  previous: string;
  image: string;
  /** Where the change goes: `image:` in the compose file, or `.env` variable NAME. */
  via: { kind: 'image' } | { kind: 'env'; name: string } | { kind: 'none' };
}

export interface ComposePlan {
  changes: ServiceChange[];
  /** New file texts; undefined when that file stays as it is. */
  composeText: string | undefined;
  envText: string | undefined;
}

/** Services whose image (resolved) is in the repository of `repository` (normalised): the default selection. */
export function servicesForRepository(project: ComposeProject, repository: string): string[] {
  const env = parseDotenv(project.envText ?? '');
  return serviceImages(project.composePath, project.composeText)
    .filter((s) => {
      const parts = parseTemplate(s.template);
      const resolved = Array.isArray(parts) ? resolveTemplate(parts, env) : undefined;
      return resolved !== undefined && repositoryOf(resolved) === repository;
    })
    .map((s) => s.service);
}

export function planCompose(project: ComposeProject, services: string[], image: string): ComposePlan {
  const env = parseDotenv(project.envText ?? '');
  const literal = new Map<string, string>();
  const envSets = new Map<string, { value: string; service: string }>();
  const changes: ServiceChange[] = [];
  for (const service of services) {
    const found: ServiceImage = serviceImage(project.composePath, project.composeText, service);
    const parts = parseTemplate(found.template);
    if (!Array.isArray(parts)) {
      throw new FileError(project.composePath, found.line, `image of service '${service}': ${parts.error}`);
    }
    const previous = resolveTemplate(parts, env) ?? found.template;
    if (parts.every((p) => p.kind === 'text')) {
      if (previous !== image) literal.set(service, image);
      changes.push({ service, previous, image, via: previous === image ? { kind: 'none' } : { kind: 'image' } });
      continue;
    }
    const solution = solveTemplate(parts, env, image);
    if (solution.kind === 'impossible') {
      throw new FileError(
        project.composePath,
        found.line,
        `image of service '${service}' is '${found.template}' (now '${previous}'): ${solution.reason}; write the image without variables or change the variable's form`,
      );
    }
    if (solution.kind === 'unchanged') {
      changes.push({ service, previous, image, via: { kind: 'none' } });
      continue;
    }
    const other = envSets.get(solution.name);
    if (other && other.value !== solution.value) {
      throw new CdpackError(
        `services '${other.service}' and '${service}' both take their image from ${solution.name} but need different values`,
      );
    }
    envSets.set(solution.name, { value: solution.value, service });
    changes.push({ service, previous, image, via: { kind: 'env', name: solution.name } });
  }
  let envText = project.envText;
  for (const [name, { value }] of envSets) {
    try {
      envText = setDotenv(envText ?? '', name, value);
    } catch (e) {
      throw new FileError(project.envPath, undefined, e instanceof Error ? e.message : String(e));
    }
  }
  const composeText =
    literal.size > 0 ? setServiceImages(project.composePath, project.composeText, literal) : undefined;
  return { changes, composeText, envText: envSets.size > 0 ? envText : undefined };
}
