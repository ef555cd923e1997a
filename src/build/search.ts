/**
 * The search phase: Pagefind indexes the built pages. Only article pages carry
 * `data-pagefind-body`, so only published articles' bodies are indexed (an
 * unpublished article has no page to index in the first place).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as pagefind from 'pagefind';

/** Indexes `siteDir` in French and writes the index to `<siteDir>/pagefind/`. Returns the number of pages in the index. */
export async function indexSite(siteDir: string): Promise<number> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'fr' });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    // `added.page_count` counts every HTML file read; the entry file counts
    // the pages actually indexed (those with data-pagefind-body).
    const entry = JSON.parse(readFileSync(path.join(siteDir, 'pagefind', 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    return Object.values(entry.languages).reduce((sum, l) => sum + l.page_count, 0);
  } finally {
    await pagefind.close();
  }
}
