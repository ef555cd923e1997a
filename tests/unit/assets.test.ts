/**
 * inspectAssets (src/content/images.ts) on files written to a temporary
 * content folder: what it accepts as an image or a video, and what it
 * refuses as a content problem (never a crash), where the writer named it.
 */
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeImages, encoderDigest, imageCacheDir, inspectAssets, isEncoded, knowContentDigests, nameHash, publishedHash, videoStructureProblem, type UsedAsset } from '../../src/content/images.ts';
import { moduleGraph } from '../../src/content/code-digest.ts';
import { dropEarlierCaches } from '../../src/content/prepare.ts';
import { temporaryName } from '../../src/publish/disk.ts';
import { formatProblem, type ContentProblem } from '../../src/lib/errors.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rotative-assets-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const ROOT = path.resolve(import.meta.dirname, '../..');
const A_JPEG = readFileSync(path.join(ROOT, 'tests/fixtures/basic/content/articles/2016/premier-episode/couverture.jpg'));
const AN_MP4 = readFileSync(path.join(ROOT, 'content/articles/2016/un-an-apres-perches-a-selfie/demo.mp4'));

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

/** Writes each file into a fresh content folder (or `content`) and inspects them as named by one article, line 12, with the image cache `cacheRoot` if given. */
async function inspect(files: Record<string, Buffer | number>, kind: UsedAsset['kind'], { content = mkdtempSync(path.join(work, 'content-')), cacheRoot }: { content?: string; cacheRoot?: string } = {}) {
  const assets: UsedAsset[] = [];
  for (const [name, body] of Object.entries(files)) {
    const absPath = path.join(content, name);
    mkdirSync(path.dirname(absPath), { recursive: true });
    if (typeof body === 'number') {
      // A sparse file of `body` bytes: large on paper, nothing written.
      const fd = openSync(absPath, 'w');
      ftruncateSync(fd, body);
      closeSync(fd);
    } else writeFileSync(absPath, body);
    assets.push({ src: `./${name}`, absPath, key: name, field: kind === 'image' ? 'cover.src' : '<Video src>', line: 12, kind, usedBy: 'content/articles/a.mdx', published: true });
  }
  const problems: ContentProblem[] = [];
  const result = await inspectAssets(assets, problems, content, cacheRoot);
  return { ...result, content, problems: problems.map(formatProblem) };
}

describe('inspectAssets: images', () => {
  it('refuses a truncated JPEG whose header is intact, as build and check alike', async () => {
    const { images, problems } = await inspect({ 'tronquee.jpg': A_JPEG.subarray(0, A_JPEG.length / 2) }, 'image');
    expect(images).toEqual([]);
    expect(problems).toEqual([
      'content/articles/a.mdx:12 — "./tronquee.jpg" n’est pas une image lisible jusqu’au bout ; attendu : une image JPEG, PNG, WebP ou AVIF entière (GIF et TIFF sont lus aussi) ; le fichier a-t-il été enregistré sous une mauvaise extension, ou est-il tronqué ?',
    ]);
  });

  it('names and measures each image by its own bytes, read one after the other into the same buffers (a large one, then smaller ones, then a truncated one)', async () => {
    // Sizes from 1.3 MB down to a few KB: each read reuses a buffer the
    // previous ones were read into, whose end still holds their bytes.
    const sized = async (width: number, height: number, quality: number) =>
      sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).jpeg({ quality }).toBuffer();
    const files: Record<string, Buffer> = {
      'a-grande.jpg': await sized(1400, 900, 95),
      'b-moyenne.jpg': await sized(900, 500, 90),
      'c-petite.jpg': await sized(120, 80, 80),
      'd-tronquee.jpg': (await sized(1200, 700, 95)).subarray(0, 20_000),
      'e-petite.jpg': await sized(64, 48, 80),
    };
    expect(files['a-grande.jpg']!.length).toBeGreaterThan(1 << 20);
    const { images, problems } = await inspect(files, 'image');
    expect(images.map((i) => [i.key, i.hash, i.width, i.height])).toEqual([
      ['a-grande.jpg', publishedHash(sha256(files['a-grande.jpg']!)), 1400, 900],
      ['b-moyenne.jpg', publishedHash(sha256(files['b-moyenne.jpg']!)), 900, 500],
      ['c-petite.jpg', publishedHash(sha256(files['c-petite.jpg']!)), 120, 80],
      ['e-petite.jpg', publishedHash(sha256(files['e-petite.jpg']!)), 64, 48],
    ]);
    expect(problems).toEqual([expect.stringContaining('"./d-tronquee.jpg" n’est pas une image lisible jusqu’au bout')]);
  });

  it('accepts an AVIF cover (sharp calls it heif) and a whole JPEG', async () => {
    const avif = await sharp(A_JPEG).resize({ width: 320 }).avif().toBuffer();
    const { images, problems } = await inspect({ 'couverture.avif': avif, 'photo.jpg': A_JPEG }, 'image');
    expect(problems).toEqual([]);
    expect(images.map((i) => [i.key, i.width, i.fallback])).toEqual([
      ['couverture.avif', 320, 'jpeg'],
      ['photo.jpg', expect.any(Number), 'jpeg'],
    ]);
  });

  it('takes an image whose every variant the cache holds as decoded already (isEncoded), and no other', async () => {
    const cache = mkdtempSync(path.join(work, 'cache-'));
    const { images } = await inspect({ 'photo.jpg': A_JPEG }, 'image');
    const [image] = images;
    expect(isEncoded(image!, cache)).toBe(false);
    await encodeImages(images, cache);
    expect(isEncoded(image!, cache)).toBe(true);
    // One variant missing: the bytes are decoded again, and encodeImages makes the variant again.
    const dir = imageCacheDir(cache);
    rmSync(path.join(dir, readdirSync(dir).find((f) => f.endsWith('.avif'))!));
    expect(isEncoded(image!, cache)).toBe(false);
    await encodeImages(images, cache);
    expect(isEncoded(image!, cache)).toBe(true);
    // Other bytes, other hash: nothing in the cache is theirs, however full it is.
    const { images: other } = await inspect({ 'photo.jpg': await sharp(A_JPEG).rotate(180).jpeg().toBuffer() }, 'image');
    expect(isEncoded(other[0]!, cache)).toBe(false);
  });

  it('names an image from the digest the build’s check of its inputs read, without reading it again, when the cache holds its variants; else reads it', async () => {
    const cache = mkdtempSync(path.join(work, 'cache-'));
    const first = await inspect({ 'photo.jpg': A_JPEG }, 'image', { cacheRoot: cache });
    await encodeImages(first.images, cache);
    const absPath = path.join(first.content, 'photo.jpg');
    // Cut in half after the check read it whole: the header still says what
    // the image is; its bytes, read again, would be refused.
    writeFileSync(absPath, A_JPEG.subarray(0, A_JPEG.length / 2));
    const uses: UsedAsset[] = [{ src: './photo.jpg', absPath, key: 'photo.jpg', field: 'cover.src', line: 12, kind: 'image', usedBy: 'content/articles/a.mdx', published: true }];
    try {
      knowContentDigests(new Map([[absPath, sha256(A_JPEG)]]));
      const problems: ContentProblem[] = [];
      expect(await inspectAssets(uses, problems, first.content, cache)).toEqual({ images: first.images, files: [], encoded: new Set(['photo.jpg']) });
      expect(problems).toEqual([]);
      // A digest whose variants the cache does not hold: the bytes are read, named by themselves, and refused here.
      knowContentDigests(new Map([[absPath, sha256(Buffer.from('autre chose'))]]));
      problems.length = 0;
      expect((await inspectAssets(uses, problems, first.content, cache)).images).toEqual([]);
      expect(problems.map(formatProblem)).toEqual([expect.stringContaining('"./photo.jpg" n’est pas une image lisible jusqu’au bout')]);
    } finally {
      knowContentDigests(new Map());
    }
  });

  it('makes the variants of one photo copied into the folders of two articles (same name, same bytes) without one write undoing the other', async () => {
    const cache = mkdtempSync(path.join(work, 'cache-'));
    const { images } = await inspect({ 'a/portrait.jpg': A_JPEG, 'b/portrait.jpg': A_JPEG }, 'image');
    expect(images.map((i) => `${i.stem}-${i.hash}`)).toEqual(Array(2).fill(`${images[0]!.stem}-${images[0]!.hash}`));
    await expect(encodeImages(images, cache, { concurrency: 2 })).resolves.toMatchObject({ processed: 2 });
    expect(isEncoded(images[1]!, cache)).toBe(true);
    expect(readdirSync(imageCacheDir(cache)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Whether the two tasks meet depends on timing; what keeps them apart does not: each write has a name of its own.
    const target = path.join(imageCacheDir(cache), 'portrait-abc-400.avif');
    expect(temporaryName(target)).not.toBe(temporaryName(target));
  });

  it('refuses an image over 40 MB without reading it', async () => {
    const { problems } = await inspect({ 'enorme.jpg': 41 * 1024 * 1024 }, 'image');
    expect(problems).toEqual([
      'content/articles/a.mdx:12 — "./enorme.jpg" : un fichier de 41\u00a0Mo, plus que la limite de 40\u00a0Mo pour une image ; attendu : une image d’au plus 40\u00a0Mo ; réduisez sa définition ou enregistrez-la en JPEG',
    ]);
  });
});

describe('inspectAssets: videos', () => {
  it('publishes a whole MP4', async () => {
    const { files, problems } = await inspect({ 'clip.mp4': AN_MP4 }, 'file');
    expect(problems).toEqual([]);
    expect(files.map((f) => [f.key, f.type, f.bytes])).toEqual([['clip.mp4', 'video/mp4', AN_MP4.length]]);
  });

  it('refuses an MP4 header followed by zeros, or cut short', async () => {
    const zeros = Buffer.concat([AN_MP4.subarray(0, 32), Buffer.alloc(1024 * 1024)]);
    const { files, problems } = await inspect({ 'zeros.mp4': zeros, 'coupe.mp4': AN_MP4.subarray(0, AN_MP4.length - 100) }, 'file');
    expect(files).toEqual([]);
    expect(problems).toEqual([
      'content/articles/a.mdx:12 — "./coupe.mp4" n’est pas une vidéo complète (le fichier s’arrête avant la fin de la boîte MP4 « mdat » (il est tronqué)) ; attendu : un fichier vidéo MP4, WebM ou Ogg ; le fichier a-t-il été enregistré sous une mauvaise extension, ou est-il tronqué ?',
      'content/articles/a.mdx:12 — "./zeros.mp4" n’est pas une vidéo complète (une boîte MP4 sans nom valide à l’octet 32) ; attendu : un fichier vidéo MP4, WebM ou Ogg ; le fichier a-t-il été enregistré sous une mauvaise extension, ou est-il tronqué ?',
    ]);
  });

  it('refuses a video over 256 MB without reading it (a 1.5 GB file of zeros)', async () => {
    const { problems } = await inspect({ 'enorme.mp4': 1.5 * 1024 ** 3 }, 'file');
    expect(problems).toEqual([
      'content/articles/a.mdx:12 — "./enorme.mp4" : un fichier de 1,5\u00a0Go, plus que la limite de 256\u00a0Mo pour une vidéo ; attendu : une vidéo d’au plus 256\u00a0Mo ; réduisez sa durée ou sa définition',
    ]);
  });

  it('checks WebM and Ogg beyond their first bytes', () => {
    // EBML header (empty), then a Segment of 4 bytes.
    const webm = Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80, 0x18, 0x53, 0x80, 0x67, 0x84, 1, 2, 3, 4]);
    expect(videoStructureProblem(webm, 'video/webm')).toBeUndefined();
    expect(videoStructureProblem(webm.subarray(0, 12), 'video/webm')).toBe('le fichier s’arrête avant la fin du segment WebM (il est tronqué)');
    expect(videoStructureProblem(Buffer.concat([webm.subarray(0, 5), Buffer.alloc(64)]), 'video/webm')).toBe('le fichier n’a pas de segment WebM après son en-tête');
    // One Ogg page: 27-byte header, one segment of 3 bytes.
    const page = Buffer.concat([Buffer.from('OggS'), Buffer.alloc(22), Buffer.from([1, 3]), Buffer.from('abc')]);
    expect(videoStructureProblem(Buffer.concat([page, page]), 'video/ogg')).toBeUndefined();
    expect(videoStructureProblem(Buffer.concat([page, Buffer.alloc(100)]), 'video/ogg')).toBe('pas de page Ogg à l’octet 31');
  });
});

describe('prepare: the cache folder', () => {
  it('refuses a cache folder (ROTATIVE_CACHE_DIR) inside the content folder, and writes nothing into the content', async () => {
    const { readEnvironment } = await import('../../src/config/environment.ts');
    const { prepare } = await import('../../src/content/prepare.ts');
    const { cpSync, existsSync } = await import('node:fs');
    const root = mkdtempSync(path.join(work, 'project-'));
    cpSync(path.join(ROOT, 'tests/fixtures/basic/content'), path.join(root, 'content'), { recursive: true });
    const env = readEnvironment({ ROTATIVE_CONTENT_DIR: 'content', ROTATIVE_CACHE_DIR: 'content/.cache', ROTATIVE_NOW: '2026-11-28T12:00:00+01:00' }, root);
    const { problems } = await prepare(env, { encode: true });
    const shown = path.relative(process.cwd(), root);
    expect(problems.map(formatProblem).map((l) => l.split(`${shown}/`).join(''))).toEqual([
      'content/.cache — le dossier de cache (ROTATIVE_CACHE_DIR) est dans le dossier de contenu content ; attendu : un dossier de cache hors du dossier de contenu ; donnez à ROTATIVE_CACHE_DIR un dossier hors du contenu, ou ne le définissez pas (node_modules/.cache/rotative)',
    ]);
    expect(existsSync(path.join(root, 'content/.cache'))).toBe(false);
  });
});

describe('the names of the published variants', () => {
  it('hold the hash of the image’s bytes and of the code that encodes them, found from its imports', () => {
    const bytes = Buffer.from('les octets d’une image');
    expect(publishedHash(sha256(bytes))).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(publishedHash(sha256(bytes))).toBe(nameHash(sha256(bytes), encoderDigest()));
    expect(publishedHash(sha256(bytes))).not.toBe(nameHash(sha256(bytes)));
    // encoderDigest hashes the text of these modules: an edited width, crop, quality or encoder step names every variant anew.
    const encodedBy = moduleGraph([path.join(ROOT, 'src/content/encode.ts')]).map((f) => path.relative(ROOT, f));
    expect(encodedBy).toEqual(['src/content/encode.ts', 'src/lib/images.ts']);
  });
});

describe('the cache folders of earlier versions', () => {
  it('are removed (no build reads images-v3/, render/ nor the check\'s two lists any more), and nothing else of the cache folder', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rotative-old-caches-'));
    for (const dir of ['images-v3', 'images-v2', 'images', 'render', 'bodies', 'content', 'images-vieux', 'check']) {
      mkdirSync(path.join(root, dir));
      writeFileSync(path.join(root, dir, 'fichier'), 'x');
    }
    for (const file of ['files.json', 'well-formed-xml.json', 'findings.json']) writeFileSync(path.join(root, 'check', file), '{}');
    writeFileSync(path.join(root, 'files.json'), '{}');
    dropEarlierCaches(root);
    expect(readdirSync(root).sort()).toEqual(['bodies', 'check', 'content', 'files.json', 'images', 'images-vieux']);
    expect(readdirSync(path.join(root, 'images'))).toEqual(['fichier']);
    expect(readdirSync(path.join(root, 'check')).sort()).toEqual(['fichier', 'findings.json']);
    dropEarlierCaches(path.join(root, 'absent'));
  });
});
