/**
 * Share images of the articles without a cover: for each, the Open Graph
 * card (1200×630) and the 1:1, 4:3 and 16:9 cards of structured data, drawn
 * from the article's title and rubrique, the site's name and logo
 * (src/content/share-render.ts), in the same formats and names as the social
 * images of covers (src/lib/images.ts SOCIAL_FORMATS, socialFileName).
 *
 * Cached by what a card shows: its name holds a hash of the title, the
 * rubrique, the site's name, the logo's bytes and the template (the code that
 * draws it, its fonts and libraries, the encoder settings). An edited title
 * gives new files under new names, so hosts may keep every card forever; an
 * unchanged article reuses its cards from the cache folder.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { hashModules } from './code-digest.ts';
import { imageCacheDir, inImageCache, nameHash, runPool } from './images.ts';
import { publishCachedFile, replaceFileWith } from '../publish/disk.ts';
import { cardFontFiles, cardLogo, renderCard } from './share-render.ts';
import { socialFileName, SOCIAL_FORMATS, type SocialFormat } from '../lib/images.ts';
import { IMAGES_FOLDER } from '../lib/urls.ts';

/** A share card as pages find it: the names of its files (socialFileName). */
export interface ShareCard {
  slug: string;
  stem: string;
  hash: string;
}

/** What a card shows. */
export interface ShareCardRequest {
  slug: string;
  /** The title and rubrique as pages show them (typeset). */
  title: string;
  rubrique: string;
}

/** The site's part of every card: its name and its logo (the file and the hash of its bytes). */
export interface ShareCardSite {
  name: string;
  logo?: { absPath: string; hash: string } | undefined;
}

const FORMATS = Object.keys(SOCIAL_FORMATS) as SocialFormat[];

let template: string | undefined;

/**
 * The digest of everything that draws a card besides its text: the modules
 * of the renderer found from its imports (the layout, the sizes of the
 * formats, the JPEG settings), the font files, the versions of opentype.js
 * and sharp. Computed once per process.
 */
export function templateDigest(): string {
  if (template) return template;
  const root = path.resolve(import.meta.dirname, '../..');
  const hash = hashModules(createHash('sha256'), root, [path.join(import.meta.dirname, 'share-render.ts')]);
  for (const file of cardFontFiles()) hash.update(readFileSync(file));
  // opentype.js as the lock file pins it; sharp with the libraries it rasterises and encodes with (librsvg, libvips, mozjpeg…).
  const lock = JSON.parse(readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string }> };
  hash.update(`opentype.js@${lock.packages['node_modules/opentype.js']?.version ?? ''}\0${JSON.stringify(sharp.versions)}\0`);
  template = hash.digest('hex');
  return template;
}

/** The card of one article: its file names, from the hash of what it shows. */
export function shareCardOf(request: ShareCardRequest, site: ShareCardSite): ShareCard {
  const shown = JSON.stringify([templateDigest(), request.title, request.rubrique, site.name, site.logo?.hash ?? null]);
  const hash = nameHash(shown);
  // Cut like the cover images' stems: the name adds a hash and a format within 255 bytes.
  const stem = `partage-${request.slug}`.slice(0, 60).replace(/-+$/, '');
  return { slug: request.slug, stem, hash };
}

/** Names of the four files of a card. */
export function shareCardFiles(card: Pick<ShareCard, 'stem' | 'hash'>): { format: SocialFormat; file: string }[] {
  return FORMATS.map((format) => ({ format, file: socialFileName(card, format) }));
}

/** The cards of a build, named at once; their files, made in the background. */
export interface ShareCardsInMaking {
  cards: ShareCard[];
  /**
   * Settles when every file is in the cache: with how many cards were drawn
   * and how many reused, or with the first error. Nothing may publish a card
   * before it settles (scripts/render-pages.ts waits for it).
   */
  made: Promise<{ made: number; cached: number }>;
}

/**
 * How many cards are drawn at once: one more than the cores. They are drawn
 * while Astro renders the pages on the main thread, which leaves its core
 * idle whenever it waits (and between two files of a card the main thread
 * renames the one written and starts the next). The benchmark's 4,000
 * coverless articles, cold: 352.8 s of CPU in 200.9 s with three at once,
 * 351.3 and 351.5 s in 216.0 and 218.3 s with two (one run against two). The
 * covers' variants, encoded before Astro renders, are not: three at once
 * took them more CPU (whole cold builds of 1,000 covers: 283 and 295 s
 * against 258 s with two) for no shorter build.
 */
const CARD_TASKS = availableParallelism() + 1;

/**
 * Names every card now (pages only need the names) and starts making, in the
 * image cache, every card file the cache does not hold yet, `concurrency`
 * cards at once (CARD_TASKS). sharp rasterises and encodes in libuv's
 * threads: the files are made while the main thread does other work (Astro
 * rendering pages).
 * Each file is written under a temporary name and renamed, as the other
 * images: an interrupted build leaves no half file.
 */
export function startShareCards(
  requests: readonly ShareCardRequest[],
  site: ShareCardSite,
  cacheRoot: string,
  concurrency = CARD_TASKS,
): ShareCardsInMaking {
  const dir = imageCacheDir(cacheRoot);
  mkdirSync(dir, { recursive: true });
  // libvips keeps its last operations (up to 50 MB) to serve them again: a
  // card's drawing is never asked for twice, and the variants of images are
  // made from decoded pixels (encode.ts). Cold build of 4,000 coverless
  // articles: peak RSS 1,758 → 1,628 MB.
  sharp.cache(false);
  const cards = requests.map((r) => ({ request: r, card: shareCardOf(r, site) }));
  // Two articles may show the same card under the same names (the same
  // title and rubrique, slugs alike in their first 60 characters): it is
  // made once, never by two tasks writing one temporary file.
  const distinct = [...new Map(cards.map((c) => [`${c.card.stem}-${c.card.hash}`, c])).values()];
  let logo: Promise<Buffer> | undefined;
  let made = 0;
  let cached = 0;
  const making = runPool(
    distinct,
    async ({ request, card }) => {
      const missing = shareCardFiles(card).filter((f) => !inImageCache(dir, f.file));
      if (missing.length === 0) {
        cached++;
        return;
      }
      made++;
      if (site.logo) logo ??= cardLogo(readFileSync(site.logo.absPath));
      const mark = await logo;
      const files = new Map(missing.map((f) => [f.format, f.file]));
      // A full disk: the half-written file is not left in the cache.
      await renderCard({ title: request.title, rubrique: request.rubrique, siteName: site.name }, [...files.keys()], mark, (format, image) =>
        replaceFileWith(path.join(dir, files.get(format)!), (temp) => image.toFile(temp)),
      );
    },
    concurrency,
  ).then(() => ({ made, cached }));
  // Whoever waits for the files meets the error; until then it is not an unhandled rejection that stops the process.
  making.catch(() => {});
  return { cards: cards.map((c) => c.card), made: making };
}

/** The names of the image cache's files that `cards` publish; a card two articles show is one set of files. */
export function cardFiles(cards: readonly Pick<ShareCard, 'stem' | 'hash'>[]): Set<string> {
  return new Set(cards.flatMap((card) => shareCardFiles(card).map((f) => f.file)));
}

/** Puts every card file into `<outDir>/_images`, beside the other images (as publishAssets does); returns how many. */
export function publishShareCards(cards: readonly Pick<ShareCard, 'stem' | 'hash'>[], cacheRoot: string, outDir: string): number {
  const dir = imageCacheDir(cacheRoot);
  const out = path.join(outDir, IMAGES_FOLDER);
  mkdirSync(out, { recursive: true });
  const files = cardFiles(cards);
  for (const file of files) publishCachedFile(path.join(dir, file), path.join(out, file));
  return files.size;
}
