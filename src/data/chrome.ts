/**
 * What every page shows around its own content: the site settings (name,
 * tagline, origin, language, contact), the logo, the rubriques of the
 * header and footer, and the footer's pages. The layout reads these values
 * from here alone, and every page's cacheKey includes them (src/data/routes.ts):
 * a footer page renamed or a rubrique added reaches every page.
 */
import type { CategoryView } from './articles.ts';
import { getMagazine } from './articles.ts';
import { getSite } from './context.ts';
import { getLogo, type Logo } from './images.ts';
import { getPages } from './pages.ts';
import type { BuildContext } from '../content/edition.ts';

export interface Chrome {
  site: BuildContext['site'];
  logo: Logo | undefined;
  categories: CategoryView[];
  /** The magazine's pages, as the footer links them. */
  pages: { slug: string; title: string; url: string }[];
}

let chrome: Promise<Chrome> | undefined;

/** The values every page's layout shows, computed once per build. */
export function getChrome(): Promise<Chrome> {
  chrome ??= Promise.all([getMagazine(), getPages()]).then(([{ categories }, pages]) => ({
    site: getSite(),
    logo: getLogo(),
    categories: [...categories.values()],
    pages: pages.map(({ slug, title, url }) => ({ slug, title, url })),
  }));
  return chrome;
}
