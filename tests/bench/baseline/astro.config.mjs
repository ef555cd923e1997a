// The plain-Astro baseline of `npm run bench`: Astro and MDX defaults, nothing
// else. No package.json of its own: astro and @astrojs/mdx resolve from the
// repository's node_modules. The benchmark points it at a generated corpus and
// at its own output and cache folders through environment variables:
//   BENCH_ARTICLES_DIR  the corpus' articles folder (read by src/content.config.ts)
//   BENCH_OUT_DIR       where the site is written
//   BENCH_CACHE_DIR     Astro's cache (content data store, optimised images)
//                       and Vite's (which would otherwise create a node_modules
//                       folder here): a cold build removes it, a warm one keeps it.
import os from 'node:os';
import path from 'node:path';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';

const cacheDir = process.env.BENCH_CACHE_DIR || path.join(os.tmpdir(), 'rotative-bench-baseline-cache');

export default defineConfig({
  outDir: process.env.BENCH_OUT_DIR || './dist',
  cacheDir: path.join(cacheDir, 'astro'),
  integrations: [mdx()],
  vite: { cacheDir: path.join(cacheDir, 'vite') },
});
