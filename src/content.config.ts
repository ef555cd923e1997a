import { defineCollection } from 'astro:content';
import { z } from 'astro/zod';
import { handedLoaders } from './content/handed-loaders.ts';
import type { ArticleEntryData } from './content/loaders.ts';
import type { BuildContext, StoredAuthor, StoredCategory, StoredEditionWord, StoredPage, StoredSeries } from './content/edition.ts';

// Content lives outside src/ (writers never touch code), in
// ROTATIVE_CONTENT_DIR. One pass reads, validates and renders it
// (src/content/edition.ts); each collection stores its part. The pass has
// validated every file with the schemas of src/schemas/ already: each
// collection's schema only gives its entries the pass's type, so pages read
// typed entries without casts.
// In a build, the pages process has loaded the content pass with Node
// already and hands its loaders over (src/content/handed-loaders.ts). The
// dev server imports them through Vite, which reloads the content when
// their code changes.
const { articlesLoader, authorsLoader, buildLoader, categoriesLoader, editionsLoader, pagesLoader, seriesLoader } =
  handedLoaders() ?? (await import('./content/loaders.ts'));

export const collections = {
  articles: defineCollection({ loader: articlesLoader, schema: z.custom<ArticleEntryData>() }),
  authors: defineCollection({ loader: authorsLoader, schema: z.custom<StoredAuthor>() }),
  categories: defineCollection({ loader: categoriesLoader, schema: z.custom<StoredCategory>() }),
  series: defineCollection({ loader: seriesLoader, schema: z.custom<StoredSeries>() }),
  pages: defineCollection({ loader: pagesLoader, schema: z.custom<StoredPage>() }),
  editions: defineCollection({ loader: editionsLoader, schema: z.custom<StoredEditionWord>() }),
  build: defineCollection({ loader: buildLoader, schema: z.custom<BuildContext>() }),
};
