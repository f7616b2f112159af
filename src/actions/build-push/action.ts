import { createdTime, defaultLabels } from '../../core/build/labels';
import { computeTags } from '../../core/build/tags';
import type { BuildRequest } from '../../core/build/types';
import { markdownCode } from '../../core/text/markdown';
import { buildPush as spec } from '../../inputs/build-push';
import { readInputs } from '../../inputs/read';
import type { Platform } from '../../platform/types';
import { temporaryDir } from '../../tools/process/temp';
import { buildAndPush } from './build';
import { type BuildPaths, resolveBuildPaths } from './paths';
import { digestLookup, promoteImage, registryClient } from './registry';
import { parseSettings, type Settings } from './settings';
import { detectSource } from './source';
import { verifyDigest } from './verify';

/** build-push on any platform: inputs → tags and labels → build and push (or promote) → verified digest. */
export async function buildPushAction(platform: Platform): Promise<void> {
  const parsed = parseSettings(readInputs(spec, platform));
  const paths = await resolveBuildPaths(parsed, platform.workspace);
  const settings: Settings = { ...parsed, caFile: paths.caFile };
  if (settings.password) {
    platform.setSecret(Buffer.from(`${settings.username}:${settings.password}`).toString('base64'));
  }
  const source = await detectSource(platform);
  platform.info(`commit ${source.commit} (from ${source.commitOrigin})`);
  const { tags, version } = computeTags(settings.tagRules, source, platform);
  const refs = tags.map((t) => `${settings.image}:${t}`);
  const labels = {
    ...defaultLabels({
      sourceUrl: source.sourceUrl,
      commit: source.commit,
      created: createdTime(platform.env.SOURCE_DATE_EPOCH, new Date()),
      version: version ?? tags[1] ?? source.commit,
    }),
    ...settings.labels,
  };
  platform.info(`tags: ${tags.join(', ')}`);

  const temp = await temporaryDir(platform.tempDir, 'cdpack-build-');
  const workDir = temp.dir;
  const client = registryClient(settings, platform);
  try {
    let builder = 'promote';
    let digest: string | undefined;
    if (settings.source) {
      const from = settings.source;
      digest = await platform.group(`Promote ${from} to ${refs.length} tag(s)`, () =>
        promoteImage(client, from, refs, platform),
      );
    } else {
      const result = await buildAndPush(platform, settings, buildRequest(settings, paths, refs, labels), workDir);
      builder = result.builder;
      digest = result.digest;
    }
    if (settings.push) digest = await verifyDigest(refs, digest, digestLookup(client), platform);

    const imageRef = digest ? `${settings.image}@${digest}` : '';
    platform.setOutput('digest', digest ?? '');
    platform.setOutput('image-ref', imageRef);
    platform.setOutput('tags', JSON.stringify(refs));
    platform.setOutput(
      'metadata',
      JSON.stringify({
        builder,
        image: settings.image,
        tags: refs,
        digest: digest ?? null,
        imageRef: imageRef || null,
        commit: source.commit,
        commitOrigin: source.commitOrigin,
        version: version ?? null,
        labels,
        platforms: settings.platforms,
        pushed: settings.push,
        source: settings.source ?? null,
      }),
    );
    await platform.summary(summary(settings, refs, digest, builder));
  } finally {
    client.close();
    await temp.dispose();
  }
}

function buildRequest(
  settings: Settings,
  paths: BuildPaths,
  refs: string[],
  labels: Record<string, string>,
): BuildRequest {
  return {
    context: paths.context,
    file: paths.file,
    target: settings.target,
    platforms: settings.platforms,
    buildArgs: settings.buildArgs,
    labels,
    refs,
    push: settings.push,
    cacheFrom: settings.cacheFrom,
    cacheTo: settings.cacheTo,
    tlsVerify: settings.tlsVerify,
  };
}

function summary(settings: Settings, refs: string[], digest: string | undefined, builder: string): string {
  const how = settings.source ? `Promoted ${markdownCode(settings.source)}` : `Built with ${builder}`;
  return [
    '### cdpack build-push',
    '',
    `${how}${settings.push ? '' : ' (not pushed)'}.`,
    '',
    '| Image | Digest |',
    '| --- | --- |',
    ...refs.map((r) => `| ${markdownCode(r)} | ${digest ? markdownCode(digest) : '—'} |`),
    '',
  ].join('\n');
}
