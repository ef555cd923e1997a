/**
 * Rendering on every core gives what one thread gives: the same HTML, in the
 * order of the jobs, whichever worker finishes first; a body that cannot be
 * rendered stops the pass with its file named.
 */
import type { Root } from 'hast';
import { mdxToHast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { FILE_KEYS, MDX_FEATURES } from '../../src/render/article.ts';
import type { RenderData } from '../../src/render/context.ts';
import { renderBodies, type RenderJob } from '../../src/render/pool.ts';

const data: RenderData = {
  origin: 'https://mag.example',
  base: '/magazine/',
  manifest: { images: { 'articles/a/photo.jpg': { stem: 'photo', hash: 'abc', width: 1600, height: 900, fallback: 'jpeg', social: false } }, files: {} },
  titles: { autre: 'L’autre article' },
};

function job(i: number, extra = ''): RenderJob {
  // Bodies of very different sizes, so that the workers finish out of order.
  const paragraphs = Array.from({ length: 1 + ((i * 7) % 40) }, (_, k) => `Paragraphe ${k} de l’article ${i} : "cité" le 1er janvier !`).join('\n\n');
  const source = `## Article ${i}\n\n${paragraphs}\n\n<Quote by="Jean">Une citation ${i}.</Quote>\n\n<ReadAlso slug="autre" />\n\n![Une photo](./photo.jpg)\n\n\`\`\`js\nconst x = ${i};\n\`\`\`\n${extra}`;
  const tree = mdxToHast(source, { features: MDX_FEATURES }) as Root;
  const visit = (node: any) => {
    if (node.tagName === 'img') node.data = { [FILE_KEYS]: { src: 'articles/a/photo.jpg' } };
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return { tree, url: `/articles/article-${i}/`, file: `content/articles/article-${i}.mdx` };
}

describe('renderBodies', () => {
  it('renders on two worker threads exactly what one thread renders, in the order of the jobs', async () => {
    const count = 30;
    const alone = await renderBodies(Array.from({ length: count }, (_, i) => job(i)), data, { threads: 0 });
    const parallel = await renderBodies(Array.from({ length: count }, (_, i) => job(i)), data, { threads: 2 });
    expect(parallel).toEqual(alone);
    expect(parallel[3]!.html).toContain('Article 3');
    expect(parallel[3]!.feedHtml).toContain('https://mag.example/magazine/articles/autre/');
  });

  it('names the file of a body that cannot be rendered', async () => {
    const broken = job(1);
    // An image the image phase never prepared.
    (broken.tree.children.find((n: any) => n.tagName === 'p' && n.children?.some((c: any) => c.tagName === 'img')) as any).children.find((c: any) => c.tagName === 'img').data = { [FILE_KEYS]: { src: 'articles/a/absente.jpg' } };
    await expect(renderBodies([job(0), broken, job(2)], data, { threads: 2 })).rejects.toThrow(/content\/articles\/article-1\.mdx: Image "articles\/a\/absente\.jpg"/);
  });
});
