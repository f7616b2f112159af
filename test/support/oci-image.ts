/**
 * Tiny but valid OCI images built in memory (a config blob plus gzip'd tar layers with random
 * content), optionally as a two-platform index, and a raw pusher over node:http(s) that does not
 * use cdpack's registry client, so fixtures stay independent of the code under test.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { gzipSync } from 'node:zlib';

export const OCI_MANIFEST = 'application/vnd.oci.image.manifest.v1+json';
export const OCI_INDEX = 'application/vnd.oci.image.index.v1+json';
export const OCI_CONFIG = 'application/vnd.oci.image.config.v1+json';
export const OCI_LAYER_GZIP = 'application/vnd.oci.image.layer.v1.tar+gzip';

export function digestOf(data: Buffer): string {
  return `sha256:${createHash('sha256').update(data).digest('hex')}`;
}

function tarHeader(name: string, size: number): Buffer {
  const h = Buffer.alloc(512);
  const put = (text: string, offset: number, length: number) => h.write(text, offset, length, 'ascii');
  const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, '0');
  put(name, 0, 100);
  put(octal(0o644, 8), 100, 8);
  put(octal(0, 8), 108, 8);
  put(octal(0, 8), 116, 8);
  put(octal(size, 12), 124, 12);
  put(octal(1_700_000_000, 12), 136, 12);
  h.fill(' ', 148, 156);
  put('0', 156, 1);
  put('ustar\u0000', 257, 6);
  put('00', 263, 2);
  let sum = 0;
  for (const b of h) sum += b;
  put(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8);
  return h;
}

/** A tar archive holding one regular file. */
export function tarOneFile(name: string, content: Buffer): Buffer {
  const pad = (512 - (content.length % 512)) % 512;
  return Buffer.concat([tarHeader(name, content.length), content, Buffer.alloc(pad), Buffer.alloc(1024)]);
}

export interface Blob {
  mediaType: string;
  digest: string;
  size: number;
  data: Buffer;
}

function blob(mediaType: string, data: Buffer): Blob {
  return { mediaType, digest: digestOf(data), size: data.length, data };
}

export interface TestImage {
  mediaType: string;
  manifest: Buffer;
  digest: string;
  /** Config first, then layers. */
  blobs: Blob[];
  /** For an index: its platform images. */
  children: TestImage[];
}

export interface ImageSpec {
  /** Size in bytes of the random file in each layer (default: one layer of 1 KiB). */
  layerSizes?: number[];
  architecture?: string;
  /** Makes otherwise equal specs produce different images. */
  label?: string;
}

export function makeImage(spec: ImageSpec = {}): TestImage {
  const architecture = spec.architecture ?? 'amd64';
  const layers = (spec.layerSizes ?? [1024]).map((size, i) => {
    const tar = tarOneFile(`file-${i}.bin`, randomBytes(size));
    return { tar, blob: blob(OCI_LAYER_GZIP, gzipSync(tar, { level: 1 })) };
  });
  const config = blob(
    OCI_CONFIG,
    Buffer.from(
      JSON.stringify({
        architecture,
        os: 'linux',
        config: { Labels: { 'cdpack.test': spec.label ?? randomBytes(6).toString('hex') } },
        rootfs: { type: 'layers', diff_ids: layers.map((l) => digestOf(l.tar)) },
      }),
    ),
  );
  const describe = (b: Blob) => ({ mediaType: b.mediaType, digest: b.digest, size: b.size });
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_MANIFEST,
      config: describe(config),
      layers: layers.map((l) => describe(l.blob)),
    }),
  );
  return {
    mediaType: OCI_MANIFEST,
    manifest,
    digest: digestOf(manifest),
    blobs: [config, ...layers.map((l) => l.blob)],
    children: [],
  };
}

/** A two-platform index (amd64 + arm64), each image with its own layers. */
export function makeIndex(spec: Omit<ImageSpec, 'architecture'> = {}): TestImage {
  const children = ['amd64', 'arm64'].map((architecture) => makeImage({ ...spec, architecture }));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: OCI_INDEX,
      manifests: children.map((c, i) => ({
        mediaType: c.mediaType,
        digest: c.digest,
        size: c.manifest.length,
        platform: { architecture: i === 0 ? 'amd64' : 'arm64', os: 'linux' },
      })),
    }),
  );
  return { mediaType: OCI_INDEX, manifest, digest: digestOf(manifest), blobs: [], children };
}

export interface RawTarget {
  /** `http(s)://127.0.0.1:PORT` */
  url: string;
  /** A full Authorization header value, if the registry needs one. */
  authorization?: string;
  /** CA file for https. */
  caFile?: string;
}

interface RawResponse {
  status: number;
  headers: IncomingMessage['headers'];
  body: string;
}

function raw(target: RawTarget, method: string, url: string, headers: Record<string, string>, body?: Buffer) {
  return new Promise<RawResponse>((resolve, reject) => {
    const u = new URL(url, target.url);
    const all: Record<string, string> = { ...headers };
    if (target.authorization) all.authorization = target.authorization;
    if (body) all['content-length'] = String(body.length);
    const req = (u.protocol === 'https:' ? httpsRequest : httpRequest)(
      u,
      { method, headers: all, ...(target.caFile ? { ca: readFileSync(target.caFile) } : {}) },
      (res) => {
        let text = '';
        res.setEncoding('utf8').on('data', (d: string) => {
          text += d;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function pushBlob(target: RawTarget, repo: string, b: Blob): Promise<void> {
  const head = await raw(target, 'HEAD', `/v2/${repo}/blobs/${b.digest}`, {});
  if (head.status === 200) return;
  const start = await raw(target, 'POST', `/v2/${repo}/blobs/uploads/`, {});
  const location = start.headers.location;
  if (start.status !== 202 || !location) throw new Error(`fixture upload start: HTTP ${start.status} ${start.body}`);
  const url = new URL(location, target.url);
  url.searchParams.set('digest', b.digest);
  const put = await raw(target, 'PUT', url.href, { 'content-type': 'application/octet-stream' }, b.data);
  if (put.status !== 201) throw new Error(`fixture upload ${b.digest}: HTTP ${put.status} ${put.body}`);
}

async function pushManifest(target: RawTarget, repo: string, reference: string, image: TestImage): Promise<void> {
  const put = await raw(
    target,
    'PUT',
    `/v2/${repo}/manifests/${reference}`,
    { 'content-type': image.mediaType },
    image.manifest,
  );
  if (put.status !== 201) throw new Error(`fixture manifest ${repo}:${reference}: HTTP ${put.status} ${put.body}`);
  if (put.headers['docker-content-digest'] !== image.digest) throw new Error('fixture manifest digest mismatch');
}

/** Pushes an image or index (children by digest first) and tags it. */
export async function pushImage(target: RawTarget, repo: string, image: TestImage, tag: string): Promise<void> {
  for (const child of image.children) {
    for (const b of child.blobs) await pushBlob(target, repo, b);
    await pushManifest(target, repo, child.digest, child);
  }
  for (const b of image.blobs) await pushBlob(target, repo, b);
  await pushManifest(target, repo, tag, image);
}

/** All blobs of an image or index. */
export function allBlobs(image: TestImage): Blob[] {
  return [...image.blobs, ...image.children.flatMap(allBlobs)];
}

/** `Basic …` header value. */
export function basicAuth(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}
