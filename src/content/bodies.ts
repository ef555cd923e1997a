/**
 * The rendered bodies of the articles collection, beside it: the loader
 * publishes them with the collection's entries, pages and feeds read them
 * here. They stay out of Astro's data store, which a build serialises,
 * compiles into a module and parses again: at 1,000 articles the page and
 * feed HTML were 11.5 MB of its 12.7 MB.
 *
 * The loader and the pages are separate module instances of one process
 * (content sync, then the prerender; or the dev server): the bodies are kept
 * on globalThis under a registered symbol. This module imports nothing, so
 * the pages' bundle does not pull in the content pass.
 */
import type { StoredArticle } from './edition.ts';

export type ArticleBody = NonNullable<StoredArticle['body']>;

const KEY = Symbol.for('rotative.article-bodies');
const registry = () => globalThis as { [KEY]?: ReadonlyMap<string, ArticleBody> };

/** Called by the articles loader with the bodies of the entries it stores. */
export function publishArticleBodies(bodies: ReadonlyMap<string, ArticleBody>): void {
  registry()[KEY] = bodies;
}

/** The page and feed HTML of a visible article, as the content pass of this process rendered it. */
export function articleBody(slug: string): ArticleBody | undefined {
  return registry()[KEY]?.get(slug);
}
