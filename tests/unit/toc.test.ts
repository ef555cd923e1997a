/** « Sommaire » (src/lib/toc.ts): which articles get one, and what it lists. */
import type { Root } from 'hast';
import { mdxToHast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { tableOfContents } from '../../src/lib/toc.ts';
import { MDX_FEATURES, renderBody } from '../../src/render/article.ts';
import { contextFor } from '../../src/render/context.ts';

const h = (depth: number, text: string) => ({ depth, slug: text.toLowerCase().replace(/\s+/g, '-'), text });

describe('tableOfContents', () => {
  it('lists the ## headings from three of them, each with the ### under it', () => {
    const headings = [h(3, 'Avant tout'), h(2, 'Un'), h(3, 'Un bis'), h(4, 'Détail'), h(2, 'Deux'), h(2, 'Trois')];
    expect(tableOfContents(headings, undefined)).toEqual([
      { slug: 'un', text: 'Un', children: [{ slug: 'un-bis', text: 'Un bis' }] },
      { slug: 'deux', text: 'Deux', children: [] },
      { slug: 'trois', text: 'Trois', children: [] },
    ]);
  });

  it('shows none under three ## headings unless toc: true, and none at all with toc: false', () => {
    const two = [h(2, 'Un'), h(3, 'Un bis'), h(3, 'Un ter'), h(2, 'Deux')];
    expect(tableOfContents(two, undefined)).toEqual([]);
    expect(tableOfContents(two, true).map((e) => e.slug)).toEqual(['un', 'deux']);
    expect(tableOfContents([h(2, 'Un'), h(2, 'Deux'), h(2, 'Trois'), h(2, 'Quatre')], false)).toEqual([]);
  });

  it('links to the ids the renderer gives the headings, with their typeset text, notes left out', async () => {
    const ctx = contextFor({ origin: 'https://mag.example', base: '/', manifest: { images: {}, files: {} }, titles: {} }, '/articles/essai/', 'content/articles/essai.mdx');
    const source = '## Pourquoi ?\n\nTexte[^1].\n\n## Comment\n\n## Comment\n\n[^1]: Une note.';
    const { headings } = await renderBody(mdxToHast(source, { features: MDX_FEATURES }) as Root, ctx);
    expect(tableOfContents(headings, undefined)).toEqual([
      { slug: 'pourquoi', text: 'Pourquoi\u202F?', children: [] },
      { slug: 'comment', text: 'Comment', children: [] },
      { slug: 'comment-1', text: 'Comment', children: [] },
    ]);
  });
});
