/**
 * The magazine's pages (content/pages/*.mdx, « À propos »), as the content
 * pass stored them: title, description and the body rendered once by
 * src/render/article.ts.
 */
import { entriesOf } from './collections.ts';
import type { StoredPage } from '../content/edition.ts';
import { pagePath } from '../lib/urls.ts';

export interface PageView extends StoredPage {
  url: string;
}

let pages: Promise<PageView[]> | undefined;

/** Every page, by title in French order (as the footer lists them). */
export function getPages(): Promise<PageView[]> {
  pages ??= entriesOf('pages').then((entries) =>
    entries
      .map((e) => e.data)
      .map((p) => ({ ...p, url: pagePath(p.slug) }))
      .sort((a, b) => a.title.localeCompare(b.title, 'fr')),
  );
  return pages;
}
