import type { Root } from 'hast';
import { mdxToHast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { MDX_FEATURES, renderBody } from '../../src/render/article.ts';
import { contextFor } from '../../src/render/context.ts';

describe('GFM footnotes in an article', () => {
  it('are headed and linked back in French, in the page and in feeds', async () => {
    const tree = mdxToHast('Une affirmation[^1].\n\n[^1]: Sa source.', { features: MDX_FEATURES }) as Root;
    const ctx = contextFor({ origin: 'https://gazette.example', base: '/', manifest: { images: {}, files: {} }, titles: {} }, '/articles/essai/', 'content/articles/essai.mdx');
    const { html, feedHtml } = await renderBody(tree, ctx);
    for (const out of [html, feedHtml]) {
      expect(out).toMatch(/<h2[^>]*id="footnote-label"[^>]*>Notes<\/h2>/);
      expect(out).toContain('aria-label="Revenir à l’appel de note 1"');
      expect(out).not.toMatch(/Footnotes|Back to reference/);
    }
  });
});
