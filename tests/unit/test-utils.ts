/**
 * Data-store entries for unit tests of the data layer (src/data/), made the
 * way the content pass makes them: the writer's front matter and YAML go
 * through the REAL schemas (src/schemas/), so a test can only describe
 * content a writer could have written; the fields the pass derives (status,
 * visibility, typeset texts) are filled in as src/content/edition.ts does,
 * or given by the test.
 *
 * `astro:content` exists only inside Astro: a test file mocks it with
 * `vi.mock('astro:content', () => astroContentMock(store))`, fills `store`
 * with these entries, and imports the data layer afresh for each magazine
 * (`vi.resetModules()`), since the data layer computes its views once per build.
 */
import { articleSchema, type ArticleData } from '../../src/schemas/article.ts';
import { authorSchema } from '../../src/schemas/author.ts';
import { categorySchema } from '../../src/schemas/category.ts';
import { seriesSchema } from '../../src/schemas/series.ts';
import { siteSchema } from '../../src/schemas/site.ts';
import type { ArticleStatus, BuildContext, StoredAuthor, StoredCategory, StoredPage, StoredSeries } from '../../src/content/edition.ts';
import type { ArticleEntryData } from '../../src/content/loaders.ts';
import { frenchTypography } from '../../src/lib/typography.ts';

/** The "now" of every test magazine. */
export const NOW = new Date('2026-11-28T12:00:00+01:00');

/** What the content loaders put in the data store, by collection. */
export interface Store {
  articles: { id: string; data: ArticleEntryData }[];
  authors: { id: string; data: StoredAuthor }[];
  categories: { id: string; data: StoredCategory }[];
  series: { id: string; data: StoredSeries }[];
  pages: { id: string; data: StoredPage }[];
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
 * writer's file is), with the status the content pass decides at NOW:
 * draft, scheduled (published after NOW) or published. A build shows
 * published articles only.
 */
export function article(slug: string, frontMatter: Record<string, unknown> = {}, derived: Partial<ArticleEntryData> = {}): { id: string; data: ArticleEntryData } {
  const data: ArticleData = articleSchema.parse({ ...REQUIRED, ...frontMatter });
  const status: ArticleStatus = data.draft ? 'draft' : data.publishedAt.getTime() > NOW.getTime() ? 'scheduled' : data.expiresAt && data.expiresAt.getTime() <= NOW.getTime() ? 'expired' : 'published';
  return {
    id: slug,
    data: {
      slug,
      data,
      status,
      visible: status === 'published',
      title: frenchTypography(data.title),
      description: frenchTypography(data.description),
      corrections: [...data.corrections].sort((a, b) => a.at.getTime() - b.at.getTime()).map((c) => ({ at: c.at, text: frenchTypography(c.text) })),
      sourceKey: `articles/${slug}.mdx`,
      readingMinutes: 1,
      digest: `digest-of-${slug}`,
      hasYoutube: false,
      ...derived,
    },
  };
}

export function author(id: string, yaml: Record<string, unknown>): { id: string; data: StoredAuthor } {
  const data = authorSchema.parse(yaml);
  return { id, data: { id, name: data.name, role: data.role, bio: data.bio, links: data.links } };
}

export function category(id: string, yaml: Record<string, unknown>): { id: string; data: StoredCategory } {
  const data = categorySchema.parse(yaml);
  return { id, data: { id, title: data.title, description: data.description } };
}

export function series(id: string, yaml: Record<string, unknown>): { id: string; data: StoredSeries } {
  const data = seriesSchema.parse(yaml);
  return { id, data: { id, title: data.title, description: data.description, cadence: data.cadence, blurb: data.blurb } };
}

/** The build context of a site.yaml, at NOW, at the root of its origin, without images. */
export function buildContext(yaml: Record<string, unknown>): BuildContext {
  const site = siteSchema.parse(yaml);
  return { site: { ...site, origin: site.url.replace(/\/+$/, '') }, base: '/', now: NOW, preview: false, manifest: { images: {}, files: {} } };
}
