/**
 * What the gallery, wide-figure and code-block tests share: an article body
 * parsed and rendered in-process as the content phase and the renderer do,
 * and the content phase's problems with a body.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { parseHTML } from 'linkedom';
import { mdxToHast } from 'satteri';
import { scanMdx } from '../../src/content/scan.ts';
import type { ContentProblem } from '../../src/lib/errors.ts';
import { pictureData } from '../../src/lib/images.ts';
import { frenchTypography } from '../../src/lib/typography.ts';
import { FILE_KEYS, MDX_FEATURES, renderBody, type RenderedBody } from '../../src/render/article.ts';
import type { ComponentContext } from '../../src/render/components.ts';

/** Every image is a 1600 × 1200 JPEG named after its file. */
export const ctx: ComponentContext = {
  origin: 'https://mag.example',
  articleUrl: 'https://mag.example/articles/mon-article/',
  sitePath: (href) => href,
  typeset: frenchTypography,
  picture: (key) => pictureData({ stem: path.basename(key, '.jpg'), hash: 'abc', width: 1600, height: 1200, fallback: 'jpeg' }, (file) => `/_images/${file}`),
  media: (key) => ({ path: `/_media/${path.basename(key)}`, type: 'video/mp4' }),
  article: () => undefined,
};

/** Parses MDX as the content phase does, recording the content key of each file a component names. */
function parse(source: string): Root {
  const tree = mdxToHast(source, { features: MDX_FEATURES }) as Root;
  const visit = (node: any) => {
    for (const a of node.attributes ?? []) {
      if (a.name === 'src' && typeof a.value === 'string') node.data = { ...node.data, [FILE_KEYS]: { src: `articles/mon-article/${a.value.slice(2)}` } };
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return tree;
}

export const render = (source: string): Promise<RenderedBody> => renderBody(parse(source), ctx);

export const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;

/**
 * The content phase's problems with a body (front matter of 3 lines, then a
 * blank line: the body's first line is line 5), in a folder where `files` exist.
 */
export function problemsOf(body: string, files: readonly string[] = []): ContentProblem[] {
  const root = mkdtempSync(path.join(tmpdir(), 'rotative-body-'));
  mkdirSync(path.join(root, 'articles'), { recursive: true });
  for (const file of files) writeFileSync(path.join(root, 'articles', file), 'x');
  const problems: ContentProblem[] = [];
  scanMdx(`---\ntitle: x\n---\n\n${body}`, root, path.join(root, 'articles/a.mdx'), 'articles/a.mdx', problems);
  return problems;
}
