/**
 * The image phase of the build: checks every image the content names, then
 * makes every published variant with sharp into a cache, and copies what the
 * site uses into the output folder.
 *
 * Written here rather than left to Astro's `<Picture>` because we need, per
 * build: one decode per source for all its variants (Astro decodes per
 * variant), several images encoded at once (sharp encodes one image per thread
 * on this kind of machine), AVIF settings we choose, social crops, a cache keyed
 * by content hash that survives `dist/` being swapped, and image errors reported
 * as content problems with the other ones, before any page is rendered.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, copyFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { ContentProblem } from '../lib/errors.ts';
import { imageOutputs, type FallbackFormat, type ImageDescriptor } from '../lib/images.ts';
import { slugify } from '../lib/slugs.ts';
import { IMAGES_FOLDER } from '../lib/urls.ts';
import { publishCachedFile, replaceFileWith } from '../publish/disk.ts';
import type { AssetRef } from './load.ts';
import { readContentBytes, readContentHead } from './files.ts';
import { hashModules } from './code-digest.ts';
import { encodeVariants } from './encode.ts';

/** One image of the content, described, with where it is used. */
export interface ImageRecord extends ImageDescriptor {
  /** Path relative to the content folder, POSIX separators: the manifest key. */
  key: string;
  absPath: string;
  /** Social images are made for covers only. */
  social: boolean;
}

/** A non-image file (a video) published as it is, under a hashed name. */
export interface FileRecord {
  key: string;
  absPath: string;
  file: string;
  bytes: number;
  /** MIME type found in the file's bytes, e.g. "video/mp4": the `<source type>` of the page. */
  type: string;
}

export interface ImageManifest {
  images: Record<string, ImageDescriptor & { social: boolean; /** Byte size of the Open Graph JPEG (feed enclosures). */ ogBytes?: number }>;
  files: Record<string, { file: string; bytes: number; type: string }>;
  /** The share card of each published article without a cover, by slug (src/content/share-images.ts); none before they are made. */
  shareCards?: Record<string, { stem: string; hash: string }>;
}

/**
 * The media types a `<Video src>` may publish, by the MIME type file-type
 * reads in the bytes, with the extension of the published file. Checked on
 * the bytes, not the name: a file named clip.mp4 may hold anything, and
 * whatever it holds would be served from the site.
 */
const VIDEO_TYPES: Record<string, { type: string; ext: string }> = {
  'video/mp4': { type: 'video/mp4', ext: '.mp4' },
  // An .m4v is an MP4 file; browsers know it as video/mp4.
  'video/x-m4v': { type: 'video/mp4', ext: '.mp4' },
  'video/webm': { type: 'video/webm', ext: '.webm' },
  'video/ogg': { type: 'video/ogg', ext: '.ogv' },
};

/** An EBML variable-length integer (WebM): its value and length, or undefined when malformed. */
function ebmlVint(bytes: Buffer, at: number, keepMarker: boolean): { value: number; length: number; unknown: boolean } | undefined {
  const first = bytes[at];
  if (first === undefined || first === 0) return undefined;
  const length = Math.clz32(first) - 23;
  if (length > 8 || at + length > bytes.length) return undefined;
  let value = keepMarker ? first : first & (0xff >> length);
  let allOnes = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    value = value * 256 + bytes[at + i]!;
    if (bytes[at + i] !== 0xff) allOnes = false;
  }
  return { value, length, unknown: !keepMarker && allOnes };
}

/**
 * Why bytes that start like a video (file-type reads only their first bytes)
 * are not a whole video file, or undefined when their structure holds to the
 * end: a file of zeros behind an MP4 header must not be published as a video.
 * - MP4: boxes from the first byte to the last, each of a known kind of name,
 *   an `ftyp` first and a `moov` (the description of the tracks) among them;
 * - WebM: an EBML header followed by a Segment that fits in the file;
 * - Ogg: pages from the first byte to the last, each starting with `OggS`.
 * Hand-written: no library of the project reads containers, and these checks
 * are a walk over a few headers, not a decoding.
 */
export function videoStructureProblem(bytes: Buffer, type: string): string | undefined {
  if (type === 'video/mp4') {
    let at = 0;
    const seen = new Set<string>();
    while (at < bytes.length) {
      if (at + 8 > bytes.length) return 'le fichier s’arrête au milieu d’une boîte MP4';
      let size = bytes.readUInt32BE(at);
      const name = bytes.toString('latin1', at + 4, at + 8);
      if (!/^[a-z0-9 ©]{4}$/i.test(name)) return `une boîte MP4 sans nom valide à l’octet ${at}`;
      if (size === 1) {
        if (at + 16 > bytes.length) return 'le fichier s’arrête au milieu d’une boîte MP4';
        size = Number(bytes.readBigUInt64BE(at + 8));
      } else if (size === 0) size = bytes.length - at;
      if (size < 8) return `une boîte MP4 « ${name} » de taille impossible`;
      if (at + size > bytes.length) return `le fichier s’arrête avant la fin de la boîte MP4 « ${name} » (il est tronqué)`;
      if (at === 0 && name !== 'ftyp') return 'le fichier ne commence pas par une boîte MP4 « ftyp »';
      seen.add(name);
      at += size;
    }
    return seen.has('moov') ? undefined : 'le fichier n’a pas de boîte MP4 « moov » (la description des pistes)';
  }
  if (type === 'video/webm') {
    const headerId = ebmlVint(bytes, 0, true);
    const headerSize = headerId && ebmlVint(bytes, headerId.length, false);
    if (!headerId || headerId.value !== 0x1a45dfa3 || !headerSize || headerSize.unknown) return 'l’en-tête WebM est illisible';
    const segmentAt = headerId.length + headerSize.length + headerSize.value;
    const segmentId = ebmlVint(bytes, segmentAt, true);
    const segmentSize = segmentId && ebmlVint(bytes, segmentAt + segmentId.length, false);
    if (!segmentId || segmentId.value !== 0x18538067 || !segmentSize) return 'le fichier n’a pas de segment WebM après son en-tête';
    const body = segmentAt + segmentId.length + segmentSize.length;
    if (body >= bytes.length) return 'le segment WebM est vide';
    if (!segmentSize.unknown && body + segmentSize.value > bytes.length) return 'le fichier s’arrête avant la fin du segment WebM (il est tronqué)';
    return undefined;
  }
  if (type === 'video/ogg') {
    let at = 0;
    while (at < bytes.length) {
      if (at + 27 > bytes.length || bytes.toString('latin1', at, at + 4) !== 'OggS') return `pas de page Ogg à l’octet ${at}`;
      const segments = bytes[at + 26]!;
      if (at + 27 + segments > bytes.length) return 'le fichier s’arrête au milieu d’une page Ogg';
      let body = 0;
      for (let i = 0; i < segments; i++) body += bytes[at + 27 + i]!;
      at += 27 + segments + body;
    }
    return at === bytes.length ? undefined : 'le fichier s’arrête au milieu d’une page Ogg (il est tronqué)';
  }
  return undefined;
}

/** What sharp reports as the format of an image the pipeline reads; AVIF is `heif` compressed with AV1. */
function imageFormat(meta: { format?: string; compression?: string }): string | undefined {
  if (meta.format === 'heif') return meta.compression === 'av1' ? 'avif' : undefined;
  return ['jpeg', 'png', 'webp', 'gif', 'tiff'].includes(meta.format ?? '') ? meta.format : undefined;
}

export interface UsedAsset extends AssetRef {
  /** The content file naming it, for messages. */
  usedBy: string;
  /** Only published assets are encoded and copied; every one is checked. */
  published: boolean;
}

/**
 * The hash in a published image's name (covers and figures by their bytes,
 * share cards by what they show): ten letters and digits of the sha256 of
 * `parts`, safe in a URL and a file name.
 */
export function nameHash(...parts: (Buffer | string)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part).update('\0');
  return hash.digest('base64url').slice(0, 10).replace(/[-_]/g, 'x');
}

let encoder: string | undefined;

/**
 * The digest of what makes the variants: the text of encode.ts and of the
 * modules it imports (found from its imports), and sharp's libraries
 * (libvips and its encoders). Computed once per process.
 */
export function encoderDigest(): string {
  encoder ??= hashModules(createHash('sha256'), path.resolve(import.meta.dirname, '../..'), [path.join(import.meta.dirname, 'encode.ts')])
    .update(JSON.stringify(sharp.versions))
    .digest('hex');
  return encoder;
}

/**
 * The hash in the names of a source image's variants: of its bytes (their
 * sha256, hex) AND of what encodes them (encoderDigest); files are served
 * with a one-year immutable cache, so new settings must give new names.
 */
export function publishedHash(sourceSha256: string): string {
  return nameHash(sourceSha256, encoderDigest());
}

const sha256Of = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** The sha256 of content files, by absolute path, as the build's check of its inputs read them (knowContentDigests). */
let contentDigests: ReadonlyMap<string, string> = new Map();

/**
 * Hands over the sha256 of the content folder's files that the build read
 * (src/publish/unchanged.ts inputsDigest) before its pages process started:
 * an image whose variants the cache holds is then named from it and
 * described from its header, without its bytes read and hashed again (1,000
 * covers, 200 MB). A file saved since was read by that check as it was then,
 * and the build's record holds that digest: the next build sees the change
 * and makes everything again.
 */
export function knowContentDigests(digests: ReadonlyMap<string, string>): void {
  contentDigests = digests;
}

/**
 * How much of an already encoded image is read to describe it (inspectAssets):
 * a JPEG's header (its EXIF segment, at most 64 KB, comes first), a PNG's,
 * a WebP's. A header that lies further (an AVIF whose `meta` box follows
 * its data, a TIFF) is not found there: the image is then read whole. 400
 * of the benchmark's covers: the first 64 KB read and described in 120–135
 * ms, the whole files read and described in 300–420 ms, read and hashed in
 * 220–430 ms more.
 */
const HEADER_BYTES = 64 << 10;

/**
 * The record of an image from its header (in `bytes`, the whole file or its
 * start), or undefined when sharp finds no image it reads there. Its size
 * is the upright one: EXIF orientations 5–8 swap width and height.
 */
async function describeImage(bytes: Buffer, names: Pick<ImageRecord, 'key' | 'absPath' | 'stem' | 'hash' | 'social'>): Promise<ImageRecord | undefined> {
  try {
    const meta = await sharp(bytes).metadata();
    const format = imageFormat(meta);
    if (!meta.width || !meta.height || !format) return undefined;
    const turned = (meta.orientation ?? 1) >= 5;
    const fallback: FallbackFormat = format === 'png' || meta.hasAlpha ? 'png' : 'jpeg';
    return { ...names, width: turned ? meta.height : meta.width, height: turned ? meta.width : meta.height, fallback };
  } catch {
    return undefined;
  }
}

/** The smallest buffer lent to read an image (inspectAssets): a cover of a few hundred KB, then the next, fit one. */
const LENT_BYTES = 1 << 20;

/**
 * Reads every named file once (through the content folder's one reader, with
 * its size limits), reporting images sharp cannot decode to the end (a
 * truncated JPEG; not again when the cache holds its variants, isEncoded),
 * and `<Video src>` files whose bytes are no known video
 * type or not a whole container. Returns the records of the published ones.
 * An image the build's check of its inputs already read (knowContentDigests)
 * and whose variants the cache holds is checked and described from its
 * header only: its bytes are not read again.
 */
export async function inspectAssets(
  assets: UsedAsset[],
  problems: ContentProblem[],
  contentDir: string,
  cacheRoot?: string,
): Promise<{ images: ImageRecord[]; files: FileRecord[]; encoded: Set<string> }> {
  // Every asset was resolved inside the content folder by the content phase
  // (resolveWriterPath); one key is one file.
  const byKey = new Map<string, UsedAsset[]>();
  for (const a of assets) {
    const list = byKey.get(a.key) ?? [];
    list.push(a);
    byKey.set(a.key, list);
  }
  const images: ImageRecord[] = [];
  const files: FileRecord[] = [];
  /** Keys of the images whose every variant the cache holds (isEncoded). */
  const encoded = new Set<string>();
  const social = new Set(assets.filter((a) => a.field === 'cover.src' && a.published).map((a) => a.key));
  const inspect = async ([key, uses]: [string, UsedAsset[]], lend: (size: number) => Buffer) => {
    const published = uses.some((u) => u.published);
    const absPath = uses[0]!.absPath;
    const isVideo = uses.every((u) => u.kind === 'file');
    /** One problem per use of the file, where the writer named it. */
    const refuse = (found: string, expected: string, hint?: string) => {
      for (const use of uses) problems.push({ file: use.usedBy, field: use.field, line: use.line, found: `"${use.src}" ${found}`, expected, hint });
    };
    const unreadable: ContentProblem[] = [];
    const refuseUnreadable = () => {
      for (const p of unreadable) refuse(`: ${p.found ?? ''}`, p.expected, p.hint);
    };
    // Cut: the published names add a hash, a width and an extension, within the 255 bytes of a file name.
    const stem = slugify(path.basename(absPath, path.extname(absPath))).slice(0, 60).replace(/-+$/, '') || 'image';
    const known = isVideo || !cacheRoot ? undefined : contentDigests.get(absPath);
    if (known) {
      const head = readContentHead(contentDir, absPath, 'image', key, unreadable, HEADER_BYTES, lend);
      if (!head) return refuseUnreadable();
      const record = await describeImage(head, { key, absPath, stem, hash: publishedHash(known), social: social.has(key) });
      if (record && isEncoded(record, cacheRoot!)) {
        encoded.add(key);
        if (published) images.push(record);
        return;
      }
      // Not in the cache, or no header in its first bytes: read whole, checked to the end and named from the bytes themselves.
    }
    const bytes = isVideo ? readContentBytes(contentDir, absPath, 'video', key, unreadable) : readContentBytes(contentDir, absPath, 'image', key, unreadable, {}, lend);
    if (!bytes) return refuseUnreadable();
    // A video is published as it is: named by its bytes; an image's variants, by its bytes and their encoder.
    const hash = isVideo ? nameHash(bytes) : publishedHash(sha256Of(bytes));
    if (isVideo) {
      const detected = await fileTypeFromBuffer(bytes);
      const video = detected && VIDEO_TYPES[detected.mime];
      const broken = video && videoStructureProblem(bytes, video.type);
      if (!video || broken) {
        refuse(
          broken ? `n’est pas une vidéo complète (${broken})` : `n’est pas une vidéo (${detected ? `son contenu est de type ${detected.mime}` : 'son contenu n’est d’aucun type connu'})`,
          'un fichier vidéo MP4, WebM ou Ogg',
          'le fichier a-t-il été enregistré sous une mauvaise extension, ou est-il tronqué ?',
        );
        return;
      }
      if (published) files.push({ key, absPath, file: `${stem}-${hash}${video.ext}`, bytes: bytes.length, type: video.type });
      return;
    }
    const record = await describeImage(bytes, { key, absPath, stem, hash, social: social.has(key) });
    try {
      if (!record) throw new Error('no image header');
      // The header is not the image: decoded to the end (at a tiny size, which
      // JPEG decodes at a fraction of the cost), as the encoder will, so that a
      // truncated file is refused here, by `npm run check` too, and not by a crash.
      if (cacheRoot && isEncoded(record, cacheRoot)) encoded.add(key);
      else await sharp(bytes).resize({ width: 8 }).raw().toBuffer();
      if (published) images.push(record);
    } catch {
      // sharp’s own message is for developers: the writer reads what to check.
      refuse('n’est pas une image lisible jusqu’au bout', 'une image JPEG, PNG, WebP ou AVIF entière (GIF et TIFF sont lus aussi)', 'le fichier a-t-il été enregistré sous une mauvaise extension, ou est-il tronqué ?');
    }
  };
  // An image's bytes are read into a buffer lent for its inspection, then
  // lent to the next image: a new buffer for each image cost its memory's
  // page faults (400 of the benchmark's covers, 75 MB: 310–345 ms read into
  // new buffers against 50 ms into buffers read into before). Nothing keeps
  // the bytes once the inspection is done. Videos, up to 256 MB, are not lent one.
  const spare: Buffer[] = [];
  await runPool([...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : 1)), async (entry) => {
    let lent: Buffer | undefined;
    const lend = (size: number) => {
      // Asked again (the head, then the whole image): what was read into the first buffer is done with.
      if (lent) spare.push(lent);
      const at = spare.findIndex((b) => b.length >= size);
      lent = at >= 0 ? spare.splice(at, 1)[0]! : Buffer.allocUnsafe(Math.max(size, LENT_BYTES));
      return lent;
    };
    try {
      await inspect(entry, lend);
    } finally {
      if (lent) spare.push(lent);
    }
  });
  images.sort((a, b) => (a.key < b.key ? -1 : 1));
  files.sort((a, b) => (a.key < b.key ? -1 : 1));
  return { images, files, encoded };
}

/** The manifest pages read to write `<picture>` elements. */
export function toManifest(images: ImageRecord[], files: FileRecord[]): ImageManifest {
  const manifest: ImageManifest = { images: {}, files: {} };
  for (const { key, absPath: _abs, ...descriptor } of images) manifest.images[key] = descriptor;
  for (const { key, file, bytes, type } of files) manifest.files[key] = { file, bytes, type };
  return manifest;
}

/**
 * Whether the cache holds every variant of `image`: then its bytes were
 * decoded to the end when they were made (the variants are named by the
 * hash of those bytes and of the encoder settings), and need not be again.
 */
export function isEncoded(image: ImageRecord, cacheRoot: string): boolean {
  const dir = imageCacheDir(cacheRoot);
  return imageOutputs(image, image.social).every((o) => inImageCache(dir, o.file));
}

let cacheChecked: Promise<unknown> = Promise.resolve();
/** The image cache's files the build's check found whole, by name: none until it is done, nor in a dev server. */
let checkedFiles: ReadonlyMap<string, unknown> = new Map();

/**
 * The build's check of the image cache (verifyImageCache, run by
 * scripts/render-pages.ts): the content pass reads and writes the cache only
 * once it is done (imageCacheChecked). The dev server checks nothing: it
 * publishes nothing.
 */
export function checkImageCacheFirst(check: Promise<{ checked: ReadonlyMap<string, unknown> }>): void {
  checkedFiles = new Map();
  cacheChecked = check.then((found) => {
    checkedFiles = found.checked;
  });
}

/**
 * Whether the image cache `dir` holds the file `name`: found whole by the
 * build's check (nothing deletes a file of it before the pages are made:
 * pruneImageCache comes after), or there now (made since, or in a dev
 * server's cache, which nothing checks). A warm build asks for every
 * variant and card file of the site (16,000 at 4,000 articles): the
 * check's list spares the file system as many questions.
 */
export function inImageCache(dir: string, name: string): boolean {
  return checkedFiles.has(name) || existsSync(path.join(dir, name));
}

/** Settles once the image cache may be read (checkImageCacheFirst). */
export function imageCacheChecked(): Promise<unknown> {
  return cacheChecked;
}

/** The cache folder of the image variants and share cards (their names say what made them). */
export function imageCacheDir(cacheRoot: string): string {
  return path.join(cacheRoot, 'images');
}


/**
 * Makes every variant that is not in the cache yet (encode.ts: one decode
 * per source); `concurrency` images at once, one libvips thread each. The
 * images whose keys are in `encoded` were found whole in the cache by
 * inspectAssets just before: they are not looked for again.
 */
export async function encodeImages(
  images: ImageRecord[],
  cacheRoot: string,
  { concurrency = availableParallelism(), encoded = new Set<string>() }: { concurrency?: number; encoded?: ReadonlySet<string> } = {},
): Promise<{ processed: number; cached: number; files: number }> {
  const dir = imageCacheDir(cacheRoot);
  mkdirSync(dir, { recursive: true });
  sharp.concurrency(1);
  let processed = 0;
  let cached = 0;
  let fileCount = 0;
  await runPool(images, async (image) => {
    const outputs = imageOutputs(image, image.social);
    fileCount += outputs.length;
    const missing = encoded.has(image.key) ? [] : outputs.filter((o) => !inImageCache(dir, o.file));
    if (missing.length === 0) {
      cached++;
      return;
    }
    processed++;
    // Written under a temporary name and renamed: an interrupted build never
    // leaves a truncated file in the cache that a later build would trust.
    await encodeVariants(image.absPath, image.width, missing, (output, encoded) => replaceFileWith(path.join(dir, output.file), (temp) => encoded.toFile(temp)));
  }, concurrency);
  return { processed, cached, files: fileCount };
}

/** The names of the image cache's files that `images` publish: their variants. */
export function variantFiles(images: readonly ImageRecord[]): string[] {
  return images.flatMap((image) => imageOutputs(image, image.social).map((o) => o.file));
}

/**
 * Puts every published variant and file into `<outDir>/_images` and
 * `_media` (see publishCachedFile).
 */
export function publishAssets(images: ImageRecord[], files: FileRecord[], cacheRoot: string, outDir: string): number {
  const dir = imageCacheDir(cacheRoot);
  const imagesOut = path.join(outDir, IMAGES_FOLDER);
  mkdirSync(imagesOut, { recursive: true });
  let count = 0;
  for (const file of variantFiles(images)) {
    publishCachedFile(path.join(dir, file), path.join(imagesOut, file));
    count++;
  }
  if (files.length) mkdirSync(path.join(outDir, '_media'), { recursive: true });
  for (const f of files) {
    copyFileSync(f.absPath, path.join(outDir, '_media', f.file));
    count++;
  }
  return count;
}

/** Runs `task` over `items`, at most `limit` at a time, in a stable order of start. */
export async function runPool<T>(items: T[], task: (item: T) => Promise<void>, limit = availableParallelism()): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await task(item);
    }
  });
  await Promise.all(workers);
}
