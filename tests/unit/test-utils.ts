/**
 * Data-store entries for unit tests of the data layer (src/data/), made the
 * way the content pass makes them: the writer's front matter and YAML go
 * through the REAL schemas (src/schemas/), so a test can only describe
 * content a writer could have written; what the pass derives is derived by
 * the same rules (the status by statusAt, the typeset prose by the map beside
 * each schema), the rest given by the test.
 *
 * `astro:content` exists only inside Astro: a test file mocks it with
 * `vi.mock('astro:content', () => astroContentMock(store))`, fills `store`
 * with these entries, and imports the data layer afresh for each magazine
 * (`vi.resetModules()`), since the data layer computes its views once per build.
 */
import { articleProse, articleSchema } from '../../src/schemas/article.ts';
import { authorProse, authorSchema } from '../../src/schemas/author.ts';
import { categoryProse, categorySchema } from '../../src/schemas/category.ts';
import { seriesProse, seriesSchema } from '../../src/schemas/series.ts';
import { siteProse, siteSchema } from '../../src/schemas/site.ts';
import type { BuildContext, StoredAuthor, StoredCategory, StoredEditionWord, StoredPage, StoredSeries } from '../../src/content/edition.ts';
import type { ArticleEntryData } from '../../src/content/loaders.ts';
import { statusAt } from '../../src/lib/publishing.ts';
import { typesetFields } from '../../src/lib/typography.ts';

/** The "now" of every test magazine. */
export const NOW = new Date('2026-11-28T12:00:00+01:00');

/** What the content loaders put in the data store, by collection. */
export interface Store {
  articles: { id: string; data: ArticleEntryData }[];
  authors: { id: string; data: StoredAuthor }[];
  categories: { id: string; data: StoredCategory }[];
  series: { id: string; data: StoredSeries }[];
  pages: { id: string; data: StoredPage }[];
  editions: { id: string; data: StoredEditionWord }[];
  build: { id: string; data: BuildContext }[];
}

/** A store with one author (`alice`), one rubrique (`cloud`), the site and no article. */
export function emptyStore(): Store {
  return {
    articles: [],
    authors: [author('alice', { name: 'Alice Martin' })],
    categories: [category('cloud', { title: 'Cloud' })],
    series: [],
    pages: [],
    editions: [],
    build: [{ id: 'context', data: buildContext({ name: 'La Gazette de Test', url: 'https://gazette.example' }) }],
  };
}

/** `astro:content` as the data layer reads it, over `store`. */
export function astroContentMock(store: Store) {
  return {
    getCollection: async (name: keyof Store) => store[name],
    getEntry: async (name: keyof Store, id: string) => (store[name] as { id: string }[]).find((e) => e.id === id),
  };
}

/** The front matter every test article has unless it says otherwise. */
const REQUIRED = {
  title: 'Un titre',
  description: 'Un chapô.',
  publishedAt: '2016-05-12T08:00:00+02:00',
  authors: ['alice'],
  category: 'cloud',
};

/**
 * An article entry from its front matter (parsed by the article schema, as a
 * writer's file is, then typeset), with the status the content pass decides
 * at NOW (statusAt). A build shows published articles only.
 */
export function article(slug: string, frontMatter: Record<string, unknown> = {}, derived: Partial<ArticleEntryData> = {}): { id: string; data: ArticleEntryData } {
  const data = typesetFields(articleSchema.parse({ ...REQUIRED, ...frontMatter }), articleProse);
  const status = statusAt(data, NOW);
  return {
    id: slug,
    data: {
      slug,
      data,
      status,
      visible: status === 'published',
      corrections: [...data.corrections].sort((a, b) => a.at.getTime() - b.at.getTime()),
      sourceKey: `articles/${slug}.mdx`,
      readingMinutes: 1,
      digest: `digest-of-${slug}`,
      readAlso: [],
      hasYoutube: false,
      ...derived,
    },
  };
}

export function author(id: string, yaml: Record<string, unknown>): { id: string; data: StoredAuthor } {
  const data = typesetFields(authorSchema.parse(yaml), authorProse);
  return { id, data: { id, name: data.name, role: data.role, bio: data.bio, links: data.links } };
}

export function category(id: string, yaml: Record<string, unknown>): { id: string; data: StoredCategory } {
  const data = typesetFields(categorySchema.parse(yaml), categoryProse);
  return { id, data: { id, title: data.title, description: data.description } };
}

export function series(id: string, yaml: Record<string, unknown>): { id: string; data: StoredSeries } {
  const data = typesetFields(seriesSchema.parse(yaml), seriesProse);
  return { id, data: { id, title: data.title, description: data.description, cadence: data.cadence, blurb: data.blurb } };
}

/** The build context of a site.yaml, at NOW, at the root of its origin, without images. */
export function buildContext(yaml: Record<string, unknown>): BuildContext {
  const site = typesetFields(siteSchema.parse(yaml), siteProse);
  return { site: { ...site, siteUrl: site.url.replace(/\/+$/, '') }, base: '/', now: NOW, preview: false, manifest: { images: {}, files: {} }, code: 'le code' };
}
