/**
 * Where content enters the system: ONE pass that reads every file of the
 * content tree once, validates it (src/content/load.ts), makes its images
 * (src/content/images.ts), decides what is visible, typesets the writers'
 * strings and renders every visible article's body, reusing the render
 * cache for what did not change. The content loaders (loaders.ts) store its
 * result in Astro's data store; pages, feeds, sitemaps, search and the build
 * summary only read it.
 */
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import type { Environment } from '../config/environment.ts';
import { ownStrings } from '../lib/own-strings.ts';
import { articleProse, type ArticleData } from '../schemas/article.ts';
import { authorProse } from '../schemas/author.ts';
import { categoryProse } from '../schemas/category.ts';
import { pageProse } from '../schemas/page.ts';
import { editionProse } from '../schemas/edition.ts';
import { editionId, isoWeekOf } from '../lib/editions.ts';
import { seriesProse } from '../schemas/series.ts';
import { siteProse, type Site } from '../schemas/site.ts';
import type { ContentProblem } from '../lib/errors.ts';
import { contentKeyOf } from '../lib/content-keys.ts';
import { statusAt, type ArticleStatus } from '../lib/publishing.ts';
import { searchGroupsOf, searchRecordOf, type SearchGroupData } from '../lib/search-groups.ts';
import { pictureData } from '../lib/images.ts';
import type { TimedArticle } from '../lib/rebuild.ts';
import { readingMinutesOfWords } from '../lib/reading-time.ts';
import { frenchTypography, typesetFields } from '../lib/typography.ts';
import { liveStatusAt, type LiveStatus, type LiveUpdateInfo } from '../lib/live.ts';
import { basePathOf, urlsFor } from '../lib/urls.ts';
import { hasSponsoredLinks } from '../lib/labels.ts';
import { prepare } from './prepare.ts';
import { codeDigest } from './code-digest.ts';
import { publicUrl, type LoadedArticle } from './load.ts';
import { lostUrlProblems } from '../publish/lost-urls.ts';
import { projectCodeDigest } from '../publish/unchanged.ts';
import type { FileRecord, ImageManifest, ImageRecord } from './images.ts';
import { startShareCards, type ShareCard } from './share-images.ts';
import { renderBody, type Heading, type RenderedBody } from '../render/article.ts';
import type { BodyScript } from '../render/components.ts';
import { contextFor, type RenderData } from '../render/context.ts';
import { renderBodies, type RenderJob } from '../render/pool.ts';
import { RenderCache } from '../render/cache.ts';
import type { VerdictSummary } from '../render/formats.ts';

export type { ArticleStatus };

/** An article as the data store keeps it: the writer's data and everything derived from it once. */
export interface StoredArticle {
  slug: string;
  /** The writer's front matter, its prose fields typeset (articleProse, beside the schema). */
  data: ArticleData;
  status: ArticleStatus;
  /** Shown on the site: published, or any article in the dev server's preview. */
  visible: boolean;
  /** Correction notices, oldest first (their text typeset, as every prose field of `data`). */
  corrections: { at: Date; text: string }[];
  /** Content keys of the files the article names. */
  coverKey?: string;
  /** Path of the MDX file relative to the content folder. */
  sourceKey: string;
  readingMinutes: number;
  /** Slugs the body links to with `<ReadAlso>`: « À lire également » does not offer them again. */
  readAlso: string[];
  /** The rendered body (visible articles only). */
  body?: { html: string; feedHtml: string; headings: Heading[]; hasYoutube: boolean; scripts: BodyScript[]; verdict?: VerdictSummary };
  /** Hash of everything the rendered body depends on. */
  digest: string;
  /** A live blog (`live:` in the front matter): where it stands at the build's now. */
  liveStatus?: LiveStatus;
  /** A live blog's updates, newest first, titles typeset. */
  liveUpdates?: LiveUpdateInfo[];
}

export interface StoredAuthor {
  id: string;
  name: string;
  role?: string;
  bio?: string;
  links: { label: string; url: string }[];
  /** Fediverse account, `@name@instance`. */
  fediverse?: string;
  avatarKey?: string;
}

/** A page of `pages/` (« À propos »), rendered once like an article body. */
export interface StoredPage {
  slug: string;
  title: string;
  description: string;
  html: string;
  hasYoutube: boolean;
  /** The scripts of src/scripts/ the page needs (RenderedBody.scripts). */
  scripts: BodyScript[];
}

/** The editors' word of a weekly edition (content/editions/AAAA-Snn.mdx), rendered once like a page. */
export interface StoredEditionWord {
  /** The week: `2026-S48`. */
  id: string;
  titre?: string;
  chapo?: string;
  html: string;
  /** For the e-mail and the edition feed: absolute URLs, no script, videos as links. */
  feedHtml: string;
  hasYoutube: boolean;
  /** The scripts of src/scripts/ the page needs (RenderedBody.scripts). */
  scripts: BodyScript[];
}

export interface StoredCategory {
  id: string;
  title: string;
  description?: string;
}

export interface StoredSeries {
  id: string;
  title: string;
  description: string;
  cadence?: string;
  blurb?: string;
}

/** Build-wide values, decided once where content enters. */
export interface BuildContext {
  site: Site & { siteUrl: string };
  logoKey?: string;
  /** The base path the site lives under: `/`, or `/magazine/`. */
  base: string;
  now: Date;
  preview: boolean;
  manifest: ImageManifest;
  /** The digest of the project's code (src/publish/unchanged.ts projectCodeDigest), part of every page's key. */
  code: string;
}

export interface PreparedMagazine {
  problems: ContentProblem[];
  /** Problems of drafts, set aside as warnings (src/content/prepare.ts). */
  draftProblems: ContentProblem[];
  context?: BuildContext;
  articles: StoredArticle[];
  authors: StoredAuthor[];
  categories: StoredCategory[];
  series: StoredSeries[];
  pages: StoredPage[];
  editions: StoredEditionWord[];
  images: ImageRecord[];
  files: FileRecord[];
  /** The share cards of the visible articles without a cover (src/content/share-images.ts), published beside the images. */
  shareCards: ShareCard[];
  /**
   * Settles once every share card's files are in the cache (stats.shareCards
   * then counts them), or with the error that stopped them: already settled
   * unless the pass was asked for `shareCardsLater`.
   */
  shareCardsMade: Promise<void>;
  notices: string[];
  stats: {
    scheduled: { slug: string; publishedAt: Date }[];
    published: number;
    drafts: number;
    /** Articles withdrawn at their expiresAt, and published ones that will be. */
    expired: { slug: string; expiresAt: Date }[];
    expiring: { slug: string; expiresAt: Date }[];
    /** Former slugs of published articles, each with the slug it now leads to. */
    redirects: { from: string; to: string }[];
    /** `pruned`: set by the build once the pages are made (pruneImageCache). */
    images: { sources: number; processed: number; cached: number; pruned: { files: number; bytes: number } };
    /** Share cards drawn by this build, and reused from the cache. */
    shareCards: { made: number; cached: number };
    rendered: number;
    renderedFromCache: number;
    /** The published articles' search records by group (src/lib/search-groups.ts), for the search phase. */
    searchGroups: SearchGroupData[];
    timings: { content: number; images: number; render: number };
    /** The dates of every article that is not a draft, for the next-rebuild schedule (src/lib/rebuild.ts). */
    timeline: TimedArticle[];
  };
}


let rendererVersion: string | undefined;

/**
 * The digest of the code a rendered body depends on (src/content/code-digest.ts):
 * every module the parse and scan (load.ts) and the renderer (the render
 * pool and its workers) load, found from their imports, and the lock file.
 * Editing any of them renders every article again; nothing else does.
 */
function getRendererVersion(): string {
  rendererVersion ??= codeDigest(fileURLToPath(new URL('../..', import.meta.url)), ['src/content/load.ts', 'src/render/pool.ts', 'src/render/worker.ts']);
  return rendererVersion;
}

/**
 * Reads, validates, prepares images and renders the whole content tree.
 * With `shareCardsLater`, the share cards' files are still being made when
 * the pass returns (the build renders the pages meanwhile): the caller waits
 * for `shareCardsMade` before it publishes anything.
 */
export async function prepareMagazine(env: Environment, options: { encode?: boolean; shareCardsLater?: boolean } = {}): Promise<PreparedMagazine> {
  const prepared = await prepare(env, { encode: options.encode ?? true, includeDrafts: env.preview });
  const { content, problems } = prepared;
  const result: PreparedMagazine = {
    problems,
    draftProblems: prepared.draftProblems,
    articles: [],
    authors: [],
    categories: [],
    series: [],
    pages: [],
    editions: [],
    images: prepared.images,
    files: prepared.files,
    shareCards: [],
    shareCardsMade: Promise.resolve(),
    // Entries of the content pass's cache it could not use (src/content/pass-cache.ts).
    notices: [...content.notices],
    stats: {
      scheduled: [],
      published: 0,
      drafts: 0,
      expired: [],
      expiring: [],
      redirects: [],
      images: { sources: prepared.images.length, processed: prepared.encoded?.processed ?? 0, cached: prepared.encoded?.cached ?? 0, pruned: { files: 0, bytes: 0 } },
      shareCards: { made: 0, cached: 0 },
      rendered: 0,
      renderedFromCache: 0,
      searchGroups: [],
      timings: { ...prepared.timings, render: 0 },
      timeline: [],
    },
  };
  if (problems.length > 0 || !content.site || !prepared.manifest) return result;

  // Every prose field of the writers' files is typeset here, once, by the map beside its schema.
  const site = { ...typesetFields(content.site, siteProse), siteUrl: publicUrl(env, content.site) };
  // The pass runs before Astro bundles anything: its URLs come from the
  // site's own base path, not from the bundle's constant.
  const urls = urlsFor(basePathOf(site.siteUrl));
  const root = content.contentDir;
  const keyOf = (absPath: string) => contentKeyOf(root, absPath);
  const manifest = prepared.manifest;
  result.context = {
    site,
    logoKey: content.siteAssets[0]?.key,
    base: urls.base,
    now: env.now,
    preview: env.preview,
    manifest,
    code: projectCodeDigest(fileURLToPath(new URL('../..', import.meta.url))),
  };

  result.authors = [...content.authors.values()].map(({ id, data, assets }) => {
    const { name, role, bio, links, fediverse } = typesetFields(data, authorProse);
    return { id, name, role, bio, links, fediverse, avatarKey: assets[0]?.key };
  });
  result.categories = [...content.categories.values()].map(({ id, data }) => {
    const { title, description } = typesetFields(data, categoryProse);
    return { id, title, description };
  });
  result.series = [...content.series.values()].map(({ id, data }) => {
    const { title, description, cadence, blurb } = typesetFields(data, seriesProse);
    return { id, title, description, cadence, blurb };
  });

  // Status, decided once (src/lib/publishing.ts) at the build's now: a
  // build publishes only what is public; the dev server's preview shows
  // drafts and scheduled pieces too.
  const statusOf = new Map(content.articles.map((a) => [a.slug, statusAt(a.data, env.now)]));
  const byExpiry = (a: { expiresAt: Date }, b: { expiresAt: Date }) => a.expiresAt.getTime() - b.expiresAt.getTime();
  const byDate = (a: { publishedAt: Date }, b: { publishedAt: Date }) => a.publishedAt.getTime() - b.publishedAt.getTime();
  const withStatus = (wanted: ArticleStatus) => content.articles.filter((a) => statusOf.get(a.slug) === wanted);
  const expiring = (a: LoadedArticle) => (a.data.expiresAt ? [{ slug: a.slug, expiresAt: a.data.expiresAt }] : []);
  result.stats.expired = withStatus('expired').flatMap(expiring).sort(byExpiry);
  result.stats.expiring = withStatus('published').flatMap(expiring).sort(byExpiry);
  result.stats.published = withStatus('published').length;
  // The drafts set aside for their problems (src/content/prepare.ts) are drafts too.
  result.stats.drafts = withStatus('draft').length + prepared.draftsAside.length;
  result.stats.scheduled = withStatus('scheduled').map((a) => ({ slug: a.slug, publishedAt: a.data.publishedAt })).sort(byDate);
  // A build never loses a URL the previous build of this magazine published
  // (src/publish/lost-urls.ts); the dev server's preview publishes nothing.
  if (!env.preview) {
    const guard = await lostUrlProblems(env, content, (slug) => statusOf.get(slug)!, site.siteUrl);
    if (guard.notice) result.notices.push(guard.notice);
    if (guard.problems.length > 0) {
      result.problems.push(...guard.problems);
      return result;
    }
  }
  const isVisible = (slug: string) => env.preview || statusOf.get(slug) === 'published';
  result.stats.redirects = content.articles
    .filter((a) => statusOf.get(a.slug) === 'published')
    .flatMap((a) => a.data.aliases.map((from) => ({ from, to: a.slug })))
    .sort((a, b) => (a.from < b.from ? -1 : 1));
  const typed = new Map(content.articles.map((a) => [a.slug, ownStrings(typesetFields(a.data, articleProse))]));
  const titles = new Map([...typed].map(([slug, data]) => [slug, data.title]));
  const coverKeyOf = (article: LoadedArticle) => article.assets.find((a) => a.field === 'cover.src')?.key;

  // ── Share cards: every visible article without a cover gets one (src/content/share-images.ts) ──
  const shareStart = performance.now();
  const rubriqueTitles = new Map(result.categories.map((x) => [x.id, x.title]));
  const logoKey = content.siteAssets[0]?.key;
  const logoImage = logoKey ? prepared.images.find((i) => i.key === logoKey) : undefined;
  const share = startShareCards(
    content.articles
      .filter((a) => isVisible(a.slug) && !coverKeyOf(a))
      .map((a) => ({ slug: a.slug, title: typed.get(a.slug)!.title, rubrique: rubriqueTitles.get(a.data.category) ?? '' })),
    { name: site.name, logo: logoImage && { absPath: logoImage.absPath, hash: logoImage.hash } },
    env.cacheDir,
  );
  manifest.shareCards = Object.fromEntries(share.cards.map(({ slug, stem, hash }) => [slug, { stem, hash }]));
  result.shareCards = share.cards;
  result.shareCardsMade = share.made.then((counts) => {
    result.stats.shareCards = counts;
  });
  // Its error goes to whoever waits for the files; not an unhandled rejection meanwhile.
  result.shareCardsMade.catch(() => {});
  if (!options.shareCardsLater) await result.shareCardsMade;
  result.stats.timings.images += performance.now() - shareStart;

  const t = performance.now();
  const cache = new RenderCache(env.cacheDir);
  const version = getRendererVersion();
  /** What the components of a body at `url` (from `file`, for messages) may ask of the build. */
  const renderData: RenderData = {
    origin: site.siteUrl,
    base: urls.base,
    manifest,
    // What a <ReadAlso> may link to: a visible article, by its typeset title.
    titles: Object.fromEntries([...titles].filter(([slug]) => isVisible(slug))),
  };
  /** The bodies the cache does not hold, rendered together below (on every core when they are many). */
  const misses: { stored: StoredArticle; digest: string; job: RenderJob }[] = [];
  const attach = (stored: StoredArticle, digest: string, body: RenderedBody) => {
    stored.body = { html: body.html, feedHtml: body.feedHtml, headings: body.headings, hasYoutube: body.hasYoutube, scripts: body.scripts, ...(body.verdict ? { verdict: body.verdict } : {}) };
    stored.readingMinutes = readingMinutesOfWords(body.words);
    stored.digest = digest;
  };
  for (const article of content.articles) {
    const sourceKey = keyOf(article.absPath);
    const visible = isVisible(article.slug);
    const articleStatus = statusOf.get(article.slug)!;
    const url = urls.articlePath(article.slug);
    const stored: StoredArticle = {
      slug: article.slug,
      data: typed.get(article.slug)!,
      status: articleStatus,
      visible,
      corrections: [...typed.get(article.slug)!.corrections].sort((a, b) => a.at.getTime() - b.at.getTime()),
      coverKey: coverKeyOf(article),
      sourceKey,
      readingMinutes: 1,
      readAlso: ownStrings(article.readAlso.map(({ slug }) => slug)),
      digest: '',
    };
    // Decided here, at the build's now, like visibility: a page says « En
    // direct » until a build after live.end says « Direct terminé ».
    if (article.data.live) {
      stored.liveStatus = liveStatusAt(article.data.live, env.now);
      stored.liveUpdates = article.liveUpdates
        .map(({ at, title, anchor, text }) => ({ at, title: frenchTypography(title), anchor, text: frenchTypography(text) }))
        .sort((a, b) => b.at.getTime() - a.at.getTime());
    }
    if (visible) {
      // The key: everything the rendered body depends on. The source text,
      // the renderer's code, the origin and URL (feed links are absolute),
      // each file it names as prepared (a changed image has a new hash),
      // each article it links to (title, and whether it is visible), and
      // whether its outbound links are paid for (rel="sponsored").
      const sponsored = hasSponsoredLinks(article.data.sponsor);
      const dependencies = {
        sponsored,
        version,
        origin: site.siteUrl,
        url,
        source: article.body,
        files: article.assets.filter((a) => a.field !== 'cover.src').map((a) => [a.key, manifest.images[a.key] ?? manifest.files[a.key] ?? null]),
        links: article.readAlso.map(({ slug }) => [slug, isVisible(slug) ? titles.get(slug) ?? null : null]),
      };
      const digest = createHash('sha256').update(JSON.stringify(dependencies)).digest('hex');
      const body = cache.get(digest);
      if (body) attach(stored, digest, body);
      else misses.push({ stored, digest, job: { tree: article.tree, url, file: article.file, sponsored } });
    }
    result.articles.push(stored);
  }
  const rendered = await renderBodies(misses.map((m) => m.job), renderData);
  misses.forEach(({ stored, digest }, i) => {
    cache.set(digest, rendered[i]!);
    attach(stored, digest, rendered[i]!);
  });
  // ── Search: what the search phase indexes (src/publish/search.ts), from this pass ──
  // Every published article (an expired one has no page), as its page shows it.
  const authorNames = new Map(result.authors.map((x) => [x.id, x.name]));
  const rubriques = new Map(result.categories.map((x) => [x.id, x.title]));
  const seriesTitles = new Map(result.series.map((x) => [x.id, x.title]));
  result.stats.searchGroups = searchGroupsOf(
    result.articles
      .filter((a) => a.status === 'published')
      .map(({ slug, data, corrections, coverKey, body }) => ({
        publishedAt: data.publishedAt,
        record: searchRecordOf({
          slug,
          title: data.title,
          lede: data.description,
          publishedAt: data.publishedAt,
          rubrique: rubriques.get(data.category) ?? '',
          series: data.series && seriesTitles.get(data.series),
          authors: data.authors.flatMap((id) => authorNames.get(id) ?? []),
          corrections: corrections.map((c) => c.text),
          cover: coverKey && manifest.images[coverKey] ? { picture: pictureData(manifest.images[coverKey]!, urls.imagePath), alt: data.cover?.alt ?? '', caption: data.cover?.caption, credit: data.cover?.credit } : undefined,
          html: body?.html ?? '',
        }),
      })),
  );
  // ── end of search ──
  // Pages are few and small: rendered every build, through the same renderer.
  for (const page of content.pages) {
    const url = urls.pagePath(page.slug);
    const body = await renderBody(page.tree, contextFor(renderData, url, page.file));
    const { title, description } = typesetFields(page.data, pageProse);
    result.pages.push({ slug: page.slug, title, description, html: body.html, hasYoutube: body.hasYoutube, scripts: body.scripts });
  }
  // An editors' word is published with its edition, once the week has a
  // published article (a word written ahead waits for its week's articles).
  const publishedWeeks = new Set(content.articles.filter((a) => isVisible(a.slug)).map((a) => editionId(isoWeekOf(a.data.publishedAt))));
  for (const word of content.editions) {
    if (!publishedWeeks.has(word.id)) continue;
    const body = await renderBody(word.tree, contextFor(renderData, urls.editionPath(word.id), word.file));
    const { titre, chapo } = typesetFields(word.data, editionProse);
    result.editions.push({ id: word.id, titre, chapo, html: body.html, feedHtml: body.feedHtml, hasYoutube: body.hasYoutube, scripts: body.scripts });
  }
  result.stats.rendered = cache.misses;
  result.stats.renderedFromCache = cache.hits;
  result.stats.timings.render = performance.now() - t;
  result.notices.push(...cache.notices);
  result.stats.timeline = content.articles
    .filter((a) => statusOf.get(a.slug) !== 'draft')
    .map(({ slug, data }) => ({ slug, publishedAt: data.publishedAt, expiresAt: data.expiresAt, liveEnd: data.live?.end }));
  return result;
}
