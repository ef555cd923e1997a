import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { readEnvironment } from './config/environment.ts';
import { slugFromPath } from './lib/slugs.ts';
import { articleSchema } from './schemas/article.ts';
import { authorSchema } from './schemas/author.ts';
import { categorySchema } from './schemas/category.ts';
import { seriesSchema } from './schemas/series.ts';

// Content lives outside src/ (writers never touch code), in ROTATIVE_CONTENT_DIR.
// References between files are checked by the build's content phase
// (src/build/content.ts) before Astro loads anything, with messages for writers.
const { contentDir } = readEnvironment();
const yamlIn = (folder: string) => glob({ pattern: '*.{yaml,yml}', base: `${contentDir}/${folder}` });

export const collections = {
  articles: defineCollection({
    loader: glob({
      pattern: '**/*.mdx',
      base: `${contentDir}/articles`,
      // The slug is the file name, or the folder name for `<slug>/index.mdx`.
      generateId: ({ entry }) => slugFromPath(entry),
    }),
    schema: articleSchema,
  }),
  authors: defineCollection({ loader: yamlIn('authors'), schema: authorSchema }),
  categories: defineCollection({ loader: yamlIn('categories'), schema: categorySchema }),
  series: defineCollection({ loader: yamlIn('series'), schema: seriesSchema }),
};
