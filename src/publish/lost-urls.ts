/**
 * A published URL is a promise: readers bookmarked it, other sites link to
 * it, search engines list it. When the output folder already holds a site
 * built by Rotative, every article page it has (`articles/<slug>/index.html`,
 * former addresses included) must still exist after the new build, as the
 * article's page or as a redirect page (`aliases:`). Otherwise the build is
 * refused before anything is published, naming the slug and what to write.
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
import { existsSync, globSync } from 'node:fs';
import path from 'node:path';
import type { ContentProblem } from '../lib/errors.ts';
import { suggestClosest } from '../lib/errors.ts';
import { SITE_MARKER } from './output.ts';

/** The article slugs (and former slugs) the site in `outDir` has a page for; none when it is not a Rotative site. */
export function previousArticleSlugs(outDir: string): string[] {
  if (!existsSync(path.join(outDir, SITE_MARKER))) return [];
  return globSync('articles/*/index.html', { cwd: outDir })
    .map((file) => file.split(path.sep)[1]!)
    .sort();
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
 * folder as the writer sees it, named when the article is gone.
 * `previousNow`: the clock of the build that made the previous site, when known.
 */
export function lostArticleUrls(previous: readonly string[], articles: readonly ArticleForUrls[], articlesDir: string, previousNow?: Date): ContentProblem[] {
  const bySlug = new Map(articles.map((a) => [a.slug, a]));
  const kept = new Set<string>();
  for (const a of articles) {
    if (a.status !== 'published') continue;
    kept.add(a.slug);
    for (const alias of a.aliases) kept.add(alias);
  }
  const previousSet = new Set(previous);
  // The likely replacements of a vanished article: published articles the previous site did not have.
  const newcomers = articles.filter((a) => a.status === 'published' && !previousSet.has(a.slug));
  const problems: ContentProblem[] = [];
  for (const slug of previous) {
    if (kept.has(slug)) continue;
    const article = bySlug.get(slug);
    const url = `/articles/${slug}/`;
    if (article?.status === 'expired' || (article && scheduledByEarlierClock(article, previousNow))) continue;
    if (article) {
      const why = article.status === 'draft' ? 'redevient un brouillon' : 'a maintenant une date de publication à venir';
      problems.push({
        file: article.file,
        field: article.status === 'draft' ? 'draft' : 'publishedAt',
        found: `l’article « ${slug} », publié sur le site précédent, ${why} : son adresse ${url} disparaîtrait`,
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
      found: `l’article « ${slug} » du site précédent n’a plus de page ni de redirection : son adresse ${url} disparaîtrait`,
      expected: 'une adresse déjà publiée qui reste en ligne : l’article renommé la garde par un alias',
      hint: target
        ? `ajoutez « aliases: [${slug}] » à l’article qui le remplace (${target} ?)`
        : `ajoutez « aliases: [${slug}] » à l’article qui le remplace`,
    });
  }
  return problems;
}
