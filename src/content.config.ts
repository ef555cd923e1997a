import { defineCollection } from 'astro:content';
import { articlesLoader, authorsLoader, buildLoader, categoriesLoader, pagesLoader, seriesLoader } from './content/loaders.ts';

// Content lives outside src/ (writers never touch code), in
// ROTATIVE_CONTENT_DIR. One pass reads, validates and renders it
// (src/content/edition.ts); each collection stores its part.
export const collections = {
  articles: defineCollection({ loader: articlesLoader }),
  authors: defineCollection({ loader: authorsLoader }),
  categories: defineCollection({ loader: categoriesLoader }),
  series: defineCollection({ loader: seriesLoader }),
  pages: defineCollection({ loader: pagesLoader }),
  build: defineCollection({ loader: buildLoader }),
};
