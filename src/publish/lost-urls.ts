/**
 * A published URL is a promise: readers bookmarked it, other sites link to
 * it, search engines list it. Every article page a magazine has published
 * (`/articles/<slug>/`, former addresses included) must still exist after the
 * next build, as the article's page or as a redirect page (`aliases:`).
 * Otherwise the build is refused before anything is published, naming the
 * slug and what to write.
 *
 * What the previous build published is known wherever the build runs, not
 * only where its output folder survives (a CI starts from an empty one):
 * each build publishes the list of its article addresses with the site
 * (`rotative-urls.json`, beside the sitemaps) and records the same list in
 * the cache folder, keyed by the site's address and content folder. The next
 * build reads that record; without one (first run, cache evicted), it asks
 * the live site for its list; with neither, it says so and goes on. A
 * magazine at another address, or built from another content folder, has
 * its own record: it is not held to another magazine's addresses.
 *
 * What counts as an explicit editorial act, allowed: an article that
 * reached its `expiresAt` (the writer dated its withdrawal). What does not:
 * an article whose file was renamed or deleted, turned back into a draft
 * (`draft: true`), or given a later `publishedAt`: each would silently turn a
 * published URL into a 404, so each is refused with a hint (add the alias,
 * keep it published, or date its withdrawal with `expiresAt`). Not refused
 * either: an article scheduled again only because the previous site was
 * built with a later clock (ROTATIVE_NOW in the future): it was never due.
 */
import { createHash } from 'node:crypto';
import { existsSync, globSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Environment } from '../config/environment.ts';
import type { LoadedContent } from '../content/load.ts';
import type { ArticleStatus } from '../lib/publishing.ts';
import type { ContentProblem } from '../lib/errors.ts';
import { suggestClosest } from '../lib/errors.ts';
import { basePathOf } from '../lib/urls.ts';
import { previousBuildTime } from './unchanged.ts';
import { replaceFile } from './disk.ts';

/** The list of article addresses a built site publishes, at the root of the site (under its base path). */
export const URL_MANIFEST = 'rotative-urls.json';
/** How long the build waits for the live site's list. */
export const LIVE_TIMEOUT_MS = 4000;

/** What `rotative-urls.json` holds: the site's address and the slug of every `/articles/<slug>/` page it has. */
export interface UrlManifest {
  site: string;
  articles: string[];
}

/** The site's address as the manifest names it: origin and base path, with its final slash. */
export function siteAddress(siteUrl: string): string {
  return new URL(basePathOf(siteUrl), siteUrl).href;
}

/** The article slugs (and former slugs) the built site in `siteDir` has a page for. */
export function publishedArticleSlugs(siteDir: string): string[] {
  return globSync('articles/*/index.html', { cwd: siteDir })
    .map((file) => file.split(path.sep)[1]!)
    .sort();
}

/** Writes `rotative-urls.json` into the built site in `siteDir`, from the article pages it has. */
export function writeUrlManifest(siteDir: string, siteUrl: string): void {
  const manifest: UrlManifest = { site: siteAddress(siteUrl), articles: publishedArticleSlugs(siteDir) };
  writeFileSync(path.join(siteDir, URL_MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
}

/** Where the cache records what the site at `siteUrl`, built from `contentDir`, published. */
export function urlRecordFile(cacheDir: string, siteUrl: string, contentDir: string): string {
  const key = createHash('sha256').update(`${siteAddress(siteUrl)}\0${path.resolve(contentDir)}`).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'published-urls', `${key}.json`);
}

/** After a successful swap: records the manifest of the site now in `outDir` in the cache, for the next build wherever it runs. */
export function recordPublishedUrls(outDir: string, cacheDir: string, contentDir: string): void {
  const manifest = parseManifest(readFileSync(path.join(outDir, URL_MANIFEST), 'utf8'));
  if (!manifest) return;
  const file = urlRecordFile(cacheDir, manifest.site, contentDir);
  try {
    replaceFile(file, `${JSON.stringify(manifest)}\n`);
  } catch (err) {
    // Not recorded (a full disk): the previous record would hide the
    // addresses this site added, so it goes, and the next build asks the
    // live site for its list instead.
    rmSync(file, { force: true });
    throw err;
  }
}

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A manifest read from the cache or the network, or undefined when it is not one. */
export function parseManifest(text: string): UrlManifest | undefined {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return undefined;
  }
  const m = data as Partial<UrlManifest> | null;
  if (typeof m !== 'object' || m === null || typeof m.site !== 'string' || !/^https?:\/\//.test(m.site) || !URL.canParse(m.site) || !Array.isArray(m.articles)) return undefined;
  if (!m.articles.every((s) => typeof s === 'string' && SLUG.test(s))) return undefined;
  return { site: m.site, articles: [...m.articles].sort() };
}

/** Where the previous site's addresses come from, for the messages. */
export interface PreviousSite {
  /** The slugs the previous site had a page for. */
  slugs: string[];
  /** Where they were read: `enregistrées dans le cache, <file>` or `publiées en ligne, <url>`. */
  source?: string;
  /** The cache record, which a writer may delete to start anew at the same address. */
  recordFile?: string;
  /** A one-line French notice when nothing could be compared. */
  notice?: string;
}

// Hosts of the names reserved for examples and tests (RFC 2606, RFC 6761): never a live site.
const RESERVED_HOST = /(^|\.)(example|test|invalid|localhost)$|^example\.(com|net|org)$/;

/**
 * What the previous build of this magazine published: the cache's record,
 * else the live site's list at `siteUrl` (fetched with a short timeout),
 * else nothing, with a notice saying so.
 */
export async function previousSite(
  { cacheDir, contentDir, siteUrl }: { cacheDir: string; contentDir: string; siteUrl: string },
  { timeoutMs = LIVE_TIMEOUT_MS }: { timeoutMs?: number } = {},
): Promise<PreviousSite> {
  const address = siteAddress(siteUrl);
  const recordFile = urlRecordFile(cacheDir, siteUrl, contentDir);
  if (existsSync(recordFile)) {
    const recorded = parseManifest(readFileSync(recordFile, 'utf8'));
    if (recorded?.site === address) return { slugs: recorded.articles, source: `enregistrées dans le cache, ${recordFile}`, recordFile };
  }
  const manifestUrl = new URL(URL_MANIFEST, address).href;
  const host = new URL(address).hostname;
  let why: string;
  if (RESERVED_HOST.test(host)) {
    why = `${host} est un nom réservé aux exemples, sans site en ligne`;
  } else {
    try {
      const response = await fetch(manifestUrl, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow', headers: { accept: 'application/json' } });
      const live = response.ok ? parseManifest(await response.text()) : undefined;
      if (live) {
        // A record the cache holds but that is not one is said, even when the live list stands in for it.
        const corrupt = existsSync(recordFile) ? `adresses déjà publiées : l’enregistrement du cache (${recordFile}) est illisible, ignoré ; la liste en ligne (${manifestUrl}) le remplace` : undefined;
        return { slugs: live.articles, source: `publiées en ligne, ${manifestUrl}`, ...(corrupt ? { notice: corrupt } : {}) };
      }
      why = response.ok ? `${manifestUrl} n’est pas une liste d’adresses de Rotative` : `${manifestUrl} répond ${response.status}`;
    } catch (err) {
      const e = err as Error & { cause?: { code?: string } };
      why = e.name === 'TimeoutError' ? `${manifestUrl} ne répond pas en ${String(timeoutMs / 1000).replace('.', ',')} s` : `${manifestUrl} est injoignable (${e.cause?.code ?? e.message})`;
    }
  }
  const cacheNote = existsSync(recordFile) ? `l’enregistrement du cache (${recordFile}) est illisible` : `le cache n’a aucun enregistrement pour ${address}`;
  return {
    slugs: [],
    notice: `adresses déjà publiées non vérifiées : ${cacheNote} et ${why} ; ce build ne peut pas garantir qu’il garde les adresses du site en ligne (premier build de ce magazine : rien à faire)`,
  };
}

/** What the check reads of an article of the new build. */
export interface ArticleForUrls {
  slug: string;
  /** The article file, as the writer sees it. */
  file: string;
  status: 'published' | 'scheduled' | 'draft' | 'expired';
  aliases: readonly string[];
  /** Its publication date, as the new build reads it. */
  publishedAt?: Date | undefined;
}

/**
 * True for an article the previous site showed only because that site was
 * built at `previousNow`, later than this build's clock: its date did not
 * move, it is not due yet, so its page may go without an alias.
 */
export function scheduledByEarlierClock(article: ArticleForUrls, previousNow: Date | undefined): boolean {
  return article.status === 'scheduled' && article.publishedAt !== undefined && previousNow !== undefined && article.publishedAt.getTime() <= previousNow.getTime();
}

/**
 * The problems of the URLs of `previous` (the slugs the previous site had a
 * page for) that the new build would lose. `articlesDir` is the articles
 * folder as the writer sees it, named when the article is gone; `from` says
 * where the previous addresses were read, and where the site's address is
 * set (`siteFile`), for a magazine that replaced every article;
 * `from.previousNow` is the clock of the build that made the previous site,
 * when known.
 */
export function lostArticleUrls(
  previous: readonly string[],
  articles: readonly ArticleForUrls[],
  articlesDir: string,
  from: { source?: string | undefined; recordFile?: string | undefined; siteFile?: string | undefined; previousNow?: Date | undefined } = {},
): ContentProblem[] {
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const kept = new Set<string>();
  for (const a of articles) {
    if (a.status !== 'published') continue;
    kept.add(a.slug);
    for (const alias of a.aliases) kept.add(alias);
  }
  const previousSet = new Set(previous);
  // Not one former address kept, not one former article left: the content
  // was replaced, most likely by a new magazine's. One message says the two
  // ways forward instead of one line per address.
  if (previous.length > 1 && previous.every((slug) => !kept.has(slug) && !bySlug.has(slug))) {
    const shown = previous.slice(0, 3).map((s) => `« ${s} »`).join(', ');
    const where = from.source ? ` (${from.source})` : '';
    const siteFile = from.siteFile ?? 'content/site.yaml';
    return [
      {
        file: articlesDir,
        field: 'aliases',
        found: `aucune des ${previous.length} adresses d’articles publiées par le site précédent${where} ne resterait en ligne : ${shown}${previous.length > 3 ? '…' : ''} disparaîtraient`,
        expected: 'les adresses déjà publiées, gardées par leurs articles ou par des alias',
        hint:
          `si c’est un nouveau magazine, donnez-lui sa propre adresse : url dans ${siteFile} (ou la variable SITE_URL), et il ne sera plus comparé à l’ancien` +
          (from.recordFile ? ` ; pour repartir de zéro à la même adresse, effacez ${from.recordFile}` : '') +
          ` ; si c’est le même magazine, ajoutez « aliases: [ancien-slug] » à chaque article qui en remplace un`,
      },
    ];
  }
  // The likely replacements of a vanished article: published articles the previous site did not have.
  const newcomers = articles.filter((a) => a.status === 'published' && !previousSet.has(a.slug));
  const problems: ContentProblem[] = [];
  const note = from.source ? ` (adresses ${from.source})` : '';
  for (const slug of previous) {
    if (kept.has(slug)) continue;
    const article = bySlug.get(slug);
    const url = `/articles/${slug}/`;
    if (article?.status === 'expired' || (article && scheduledByEarlierClock(article, from.previousNow))) continue;
    if (article) {
      const why = article.status === 'draft' ? 'redevient un brouillon' : 'a maintenant une date de publication à venir';
      problems.push({
        file: article.file,
        field: article.status === 'draft' ? 'draft' : 'publishedAt',
        found: `l’article « ${slug} », publié sur le site précédent${note}, ${why} : son adresse ${url} disparaîtrait`,
        expected: 'une adresse déjà publiée qui reste en ligne',
        hint: `gardez-le publié ; pour le retirer volontairement, donnez-lui une date de fin de publication (expiresAt) ; s’il est remplacé, ajoutez « aliases: [${slug}] » à l’article qui le remplace`,
      });
      continue;
    }
    const guess = suggestClosest(slug, newcomers.map((a) => a.slug)) ?? (newcomers.length === 1 ? newcomers[0]!.slug : undefined);
    const target = guess ? bySlug.get(guess)!.file : undefined;
    problems.push({
      file: articlesDir,
      field: 'aliases',
      found: `l’article « ${slug} » du site précédent${note} n’a plus de page ni de redirection : son adresse ${url} disparaîtrait`,
      expected: 'une adresse déjà publiée qui reste en ligne : l’article renommé la garde par un alias',
      hint: target
        ? `ajoutez « aliases: [${slug}] » à l’article qui le remplace (${target} ?)`
        : `ajoutez « aliases: [${slug}] » à l’article qui le remplace`,
    });
  }
  return problems;
}

/**
 * The addresses this build would lose that the previous build of the
 * magazine published (lostArticleUrls), and the one-line notice
 * when there was nothing to compare with: `npm run build` refuses them and
 * `npm run check` reports them, from this one function.
 */
export async function lostUrlProblems(
  env: Environment,
  content: LoadedContent,
  statusOf: (slug: string) => ArticleStatus,
  siteUrl: string,
): Promise<{ problems: ContentProblem[]; notice?: string }> {
  const root = content.contentDir;
  const previous = await previousSite({ cacheDir: env.cacheDir, contentDir: env.contentDir, siteUrl });
  const problems = lostArticleUrls(
    previous.slugs,
    content.articles.map((a) => ({ slug: a.slug, file: a.file, status: statusOf(a.slug), aliases: a.data.aliases, publishedAt: a.data.publishedAt })),
    path.relative(process.cwd(), path.join(root, 'articles')) || path.join(root, 'articles'),
    { ...previous, siteFile: path.relative(process.cwd(), path.join(root, 'site.yaml')), previousNow: previousBuildTime(env.cacheDir, env.outDir) },
  );
  return { problems, notice: previous.notice };
}
