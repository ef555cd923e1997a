import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { satteri } from '@astrojs/markdown-satteri';
import { parse } from 'yaml';
import { readEnvironment } from './src/config/environment.ts';
import { contentPathsPlugin, frenchTypographyPlugin } from './src/markdown/plugins.ts';
import { rotativeDevAssets } from './src/build/dev-assets.ts';

const environment = readEnvironment();

/** The origin: SITE_URL, else site.yaml's url (validated beforehand by the content phase). */
function siteOrigin(): string | undefined {
  if (environment.siteUrl) return environment.siteUrl;
  try {
    const site = parse(readFileSync(path.join(environment.contentDir, 'site.yaml'), 'utf8')) as { url?: unknown };
    return typeof site?.url === 'string' ? site.url.replace(/\/+$/, '') : undefined;
  } catch {
    return undefined;
  }
}

// Astro's data store is per content tree: two trees (the sample, a test
// fixture) never share or overwrite each other's cache.
const treeId = createHash('sha256').update(environment.contentDir).digest('hex').slice(0, 12);

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site: siteOrigin(),
  cacheDir: path.join(environment.cacheDir, 'astro', treeId),
  trailingSlash: 'always',
  build: { format: 'directory' },
  markdown: {
    processor: satteri({
      hastPlugins: [contentPathsPlugin(environment.contentDir), frenchTypographyPlugin],
    }),
  },
  integrations: [
    mdx(),
    // Every built page is public (unpublished articles get no page at all);
    // the search page has no content of its own to index.
    sitemap({ filter: (page) => !page.includes('/recherche/') }),
    rotativeDevAssets(environment),
  ],
  vite: {
    server: { fs: { allow: ['.', environment.contentDir] } },
    build: {
      rolldownOptions: {
        // Every .mdx module carries Astro's "use astro:head-inject" directive,
        // and the bundler prints a multi-line warning for each one: thousands on
        // a real archive, hiding any warning that matters. Astro handles the
        // directive itself; only that warning is dropped.
        onLog(level, log, handler) {
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('astro:head-inject')) return;
          handler(level, log);
        },
      },
    },
  },
});
