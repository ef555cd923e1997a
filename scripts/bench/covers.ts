/**
 * Benchmark covers: one distinct 1600×900 JPEG per article, made with sharp
 * from a seeded generator (a gradient with per-pixel noise, and random
 * translucent shapes), so that it does not compress trivially and costs an
 * encoder about what a photograph does. Generating them is not timed; they are
 * kept under node_modules/.cache/rotative-bench/ keyed by N and reused.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { CORPUS_VERSION, type ArticlePlan } from './corpus.ts';
import { createRng } from './prng.ts';

export const COVER_WIDTH = 1600;
export const COVER_HEIGHT = 900;

/** The cover of article `index`, as JPEG bytes. */
export async function makeCover(index: number): Promise<Buffer> {
  const rng = createRng(`rotative-bench-cover-${CORPUS_VERSION}-${index}`);
  const w = COVER_WIDTH;
  const h = COVER_HEIGHT;
  const from = [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)];
  const to = [rng.int(0, 255), rng.int(0, 255), rng.int(0, 255)];
  const pixels = Buffer.allocUnsafe(w * h * 3);
  // xorshift32 inline: one PRNG call per pixel would dominate otherwise.
  let x = rng.u32() || 1;
  const amplitude = 18;
  for (let row = 0; row < h; row++) {
    for (let col = 0; col < w; col++) {
      const t = (col / w + row / h) / 2;
      const o = (row * w + col) * 3;
      for (let c = 0; c < 3; c++) {
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        const noise = ((x >>> 0) % (2 * amplitude + 1)) - amplitude;
        const v = from[c]! + (to[c]! - from[c]!) * t + noise;
        pixels[o + c] = v < 0 ? 0 : v > 255 ? 255 : v;
      }
    }
  }
  const shapes: string[] = [];
  const colour = () => `rgb(${rng.int(0, 255)},${rng.int(0, 255)},${rng.int(0, 255)})`;
  for (let i = rng.int(12, 24); i > 0; i--) {
    const opacity = (0.25 + rng.next() * 0.6).toFixed(2);
    const kind = rng.int(0, 2);
    if (kind === 0) {
      shapes.push(`<circle cx="${rng.int(0, w)}" cy="${rng.int(0, h)}" r="${rng.int(20, 260)}" fill="${colour()}" fill-opacity="${opacity}"/>`);
    } else if (kind === 1) {
      shapes.push(
        `<rect x="${rng.int(-100, w)}" y="${rng.int(-100, h)}" width="${rng.int(40, 600)}" height="${rng.int(40, 400)}" fill="${colour()}" fill-opacity="${opacity}" transform="rotate(${rng.int(-30, 30)} ${w / 2} ${h / 2})"/>`,
      );
    } else {
      const points = Array.from({ length: rng.int(3, 6) }, () => `${rng.int(0, w)},${rng.int(0, h)}`).join(' ');
      shapes.push(`<polygon points="${points}" fill="${colour()}" fill-opacity="${opacity}"/>`);
    }
  }
  const svg = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">${shapes.join('')}</svg>`);
  return sharp(pixels, { raw: { width: w, height: h, channels: 3 } })
    .composite([{ input: svg, top: 0, left: 0 }])
    .jpeg({ quality: 85 })
    .toBuffer();
}

/** The cache folder of the covers of an N-article corpus. */
export function coverCacheDir(root: string, count: number): string {
  return path.join(root, 'node_modules/.cache/rotative-bench', `covers-${CORPUS_VERSION}-n${count}`);
}

/**
 * Puts each article's cover beside it in `contentDir`, making the missing
 * ones in the cache first. Returns how many were generated (not cached).
 */
export async function placeCovers(contentDir: string, articles: ArticlePlan[], cacheDir: string, log: (line: string) => void): Promise<number> {
  mkdirSync(cacheDir, { recursive: true });
  const cached = (a: ArticlePlan) => path.join(cacheDir, `${String(a.index).padStart(6, '0')}.jpg`);
  const missing = articles.filter((a) => a.cover && !existsSync(cached(a)));
  if (missing.length) log(`generating ${missing.length} covers (1600×900 JPEG) into ${cacheDir} (not timed)…`);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < missing.length) {
      const article = missing[next++]!;
      const target = cached(article);
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, await makeCover(article.index));
      renameSync(temp, target);
      if (++done % 250 === 0) log(`  ${done}/${missing.length} covers`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, availableParallelism()) }, worker));
  for (const a of articles) if (a.cover) copyFileSync(cached(a), path.join(contentDir, a.cover));
  return missing.length;
}
