// One glob collection over the benchmark corpus' articles. The schema reads
// only what the pages show; `image()` makes Astro process each cover.
import { defineCollection } from 'astro:content';
import { glob } from 'astro/loaders';
import { z } from 'astro/zod';

const base = process.env.BENCH_ARTICLES_DIR;
if (!base) throw new Error('BENCH_ARTICLES_DIR: the folder of the articles to build (set by scripts/bench.ts)');

export const collections = {
  articles: defineCollection({
    loader: glob({ pattern: '**/*.mdx', base }),
    schema: ({ image }) =>
      z.object({
        title: z.string(),
        description: z.string(),
        publishedAt: z.coerce.date(),
        cover: z.object({ src: image(), alt: z.string() }).optional(),
      }),
  }),
};
