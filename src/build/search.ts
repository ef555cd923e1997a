/**
 * The search phase: Pagefind indexes the built pages. Only article pages carry
 * `data-pagefind-body`, so only published articles' bodies are indexed (an
 * unpublished article has no page to index in the first place).
 */
import path from 'node:path';
import * as pagefind from 'pagefind';

/** Indexes `siteDir` in French and writes the index to `<siteDir>/pagefind/`. Returns the page count. */
export async function indexSite(siteDir: string): Promise<number> {
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'fr' });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    const added = await index.addDirectory({ path: siteDir });
    if (added.errors.length) throw new Error(`Pagefind could not index the site: ${added.errors.join('; ')}`);
    const written = await index.writeFiles({ outputPath: path.join(siteDir, 'pagefind') });
    if (written.errors.length) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    return added.page_count;
  } finally {
    await pagefind.close();
  }
}
