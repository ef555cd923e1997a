/**
 * The phases that come before Astro renders pages: content validation and
 * images. Shared by `npm run build`, `npm run check` and the dev server.
 */
import { readdirSync, rmSync, statSync } from 'node:fs';
import { socialFileName } from '../lib/images.ts';
import path from 'node:path';
import type { Environment } from '../config/environment.ts';
import type { ContentProblem } from '../lib/errors.ts';
import { statusAt } from '../lib/publishing.ts';
import { isWithin } from '../lib/folders.ts';
import { slugFromPath } from '../lib/slugs.ts';
import { realPath } from '../publish/output.ts';
import { loadContent, type LoadedContent } from './load.ts';
import { ContentPassCache } from './pass-cache.ts';
import { encodeImages, imageCacheChecked, imageCacheDir, inspectAssets, toManifest, type FileRecord, type ImageManifest, type ImageRecord, type UsedAsset } from './images.ts';

export interface Prepared {
  content: LoadedContent;
  problems: ContentProblem[];
  /** The problems of drafts: warnings, each draft with one left out (setDraftsAside). */
  draftProblems: ContentProblem[];
  /** The ids (slugs) of the drafts left out for their problems, sorted: still drafts, and counted as such. */
  draftsAside: string[];
  images: ImageRecord[];
  files: FileRecord[];
  timings: { content: number; images: number };
  encoded?: { processed: number; cached: number; files: number };
  /** What pages read to write images: made once the images are encoded. */
  manifest?: ImageManifest;
}

/** Every asset of the tree, marked published or not under `now` (drafts shown in dev). */
function usedAssets(content: LoadedContent, now: Date, includeDrafts: boolean): UsedAsset[] {
  const used: UsedAsset[] = [];
  const siteFile = path.relative(process.cwd(), path.join(content.contentDir, 'site.yaml'));
  for (const a of content.siteAssets) used.push({ ...a, usedBy: siteFile, published: true });
  for (const author of content.authors.values()) for (const a of author.assets) used.push({ ...a, usedBy: author.file, published: true });
  for (const page of content.pages) for (const a of page.assets) used.push({ ...a, usedBy: page.file, published: true });
  for (const word of content.editions) for (const a of word.assets) used.push({ ...a, usedBy: word.file, published: true });
  for (const article of content.articles) {
    // An article published nowhere (draft, scheduled, expired) publishes none of its images.
    const published = includeDrafts || statusAt(article.data, now) === 'published';
    for (const a of article.assets) used.push({ ...a, usedBy: article.file, published });
  }
  return used;
}

/**
 * A cache folder (ROTATIVE_CACHE_DIR) in the content folder is refused: the
 * build would write its images and pages into the content (tens of
 * megabytes, committed by the next `git add`), and read them back as content.
 * Both paths are compared after every symbolic link is followed.
 */
function cacheFolderProblem(env: Environment): ContentProblem | undefined {
  const cache = realPath(env.cacheDir);
  const content = realPath(env.contentDir);
  if (!isWithin(cache, content)) return undefined;
  return {
    file: path.relative(process.cwd(), env.cacheDir) || env.cacheDir,
    found: `le dossier de cache (ROTATIVE_CACHE_DIR) est ${cache === content ? 'le' : 'dans le'} dossier de contenu ${path.relative(process.cwd(), env.contentDir) || env.contentDir}`,
    expected: 'un dossier de cache hors du dossier de contenu',
    hint: 'donnez à ROTATIVE_CACHE_DIR un dossier hors du contenu, ou ne le définissez pas (node_modules/.cache/rotative)',
  };
}

/**
 * What earlier versions wrote in the cache folder and no build reads any
 * more: the image variants and share cards under a version bumped by hand
 * (`images-v3/`…, now `images/`, named by their encoder's code), the
 * rendered bodies as JSON (`render/`, now signed binaries in `bodies/`), the
 * check's two lists (`check/files.json` and `check/well-formed-xml.json`,
 * now `check/findings.json`). A workflow that restores and saves the cache
 * folder would otherwise carry them forever (a gigabyte of share cards at
 * 4,000 articles).
 */
const EARLIER_CACHES = { folders: /^(images-v\d+|render)$/, files: ['check/files.json', 'check/well-formed-xml.json'] };

/** Removes EARLIER_CACHES from the cache folder `cacheDir`. */
export function dropEarlierCaches(cacheDir: string): void {
  let names: string[];
  try {
    names = readdirSync(cacheDir);
  } catch {
    return;
  }
  const earlier = [...names.filter((name) => EARLIER_CACHES.folders.test(name)), ...EARLIER_CACHES.files];
  for (const name of earlier) rmSync(path.join(cacheDir, name), { recursive: true, force: true });
}

/**
 * A draft never stops published work: the problems of a file whose front
 * matter says `draft: true` are taken out of `problems` and returned, to be
 * shown as warnings, and a draft with problems is left out of the edition
 * (published nowhere anyway; the preview does not show it either). A
 * published or scheduled article goes live unattended: its problems stay.
 */
function setDraftsAside(content: LoadedContent, problems: ContentProblem[]): { aside: ContentProblem[]; ids: string[] } {
  const aside = problems.filter((p) => content.draftFiles.has(p.file));
  if (aside.length === 0) return { aside, ids: [] };
  const broken = new Set(aside.map((p) => p.file));
  problems.splice(0, problems.length, ...problems.filter((p) => !broken.has(p.file)));
  // From here on a draft is known by its id, as every article is: the one
  // loaded, or, for a draft whose front matter did not load, the id its
  // file name gives (slugFromPath, as the loader names every article).
  const articlesDir = path.join(content.contentDir, 'articles');
  const ids = new Set([...broken].map((file) => slugFromPath(path.relative(articlesDir, path.resolve(file)))));
  for (const id of ids) content.invalid.articles.add(id);
  content.articles = content.articles.filter((a) => !ids.has(a.slug));
  return { aside, ids: [...ids].sort() };
}

/**
 * Validates the whole tree and describes its images. With `encode`, also makes
 * every published image variant (into the cache) and the manifest that pages
 * read.
 */
export async function prepare(env: Environment, options: { encode: boolean; includeDrafts?: boolean }): Promise<Prepared> {
  let t = performance.now();
  const cacheProblem = cacheFolderProblem(env);
  // A cache folder refused is not written into; `npm run check` writes nothing.
  if (!cacheProblem && options.encode) dropEarlierCaches(env.cacheDir);
  const content = loadContent(env.contentDir, { now: env.now, cache: cacheProblem ? undefined : new ContentPassCache(env.cacheDir) });
  const problems = [...content.problems];
  if (cacheProblem) problems.push(cacheProblem);
  const timings = { content: performance.now() - t, images: 0 };
  t = performance.now();
  await imageCacheChecked();
  const { images, files, encoded } = await inspectAssets(usedAssets(content, env.now, options.includeDrafts ?? false), problems, content.contentDir, env.cacheDir);
  const { aside: draftProblems, ids: draftsAside } = setDraftsAside(content, problems);
  const prepared: Prepared = { content, problems, draftProblems, draftsAside, images, files, timings };
  if (problems.length === 0 && options.encode) {
    prepared.encoded = await encodeImages(images, env.cacheDir, { encoded });
    const manifest = toManifest(images, files);
    // Feed enclosures need the exact byte length of the Open Graph JPEG.
    for (const image of images) {
      if (!image.social) continue;
      manifest.images[image.key]!.ogBytes = statSync(path.join(imageCacheDir(env.cacheDir), socialFileName(image, 'og'))).size;
    }
    prepared.manifest = manifest;
  }
  timings.images = performance.now() - t;
  return prepared;
}
