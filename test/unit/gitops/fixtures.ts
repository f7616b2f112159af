import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageTarget, ImageUpdate, SourceFile } from '../../../src/core/gitops/types';

export const FIXTURES = join(import.meta.dirname, '../../fixtures/gitops');

export interface GoldenCase {
  name: string;
  file: SourceFile;
  update: ImageUpdate;
  expected: string;
  targets: ImageTarget[];
}

/** Every `test/fixtures/gitops/<case>/` with input.yaml, expected.yaml and update.json. */
export function goldenCases(): GoldenCase[] {
  return readdirSync(FIXTURES, { withFileTypes: true })
    .filter((d) => d.isDirectory() && readdirSync(join(FIXTURES, d.name)).includes('update.json'))
    .map((d) => {
      const dir = join(FIXTURES, d.name);
      const spec = JSON.parse(readFileSync(join(dir, 'update.json'), 'utf8'));
      return {
        name: d.name,
        file: { path: spec.path, text: readFileSync(join(dir, 'input.yaml'), 'utf8'), explicit: spec.explicit },
        update: { image: spec.image, tag: spec.tag, digest: spec.digest, key: spec.key },
        expected: readFileSync(join(dir, 'expected.yaml'), 'utf8'),
        targets: spec.targets,
      };
    });
}

export const crlf = (text: string) => text.replace(/\n/g, '\r\n');
