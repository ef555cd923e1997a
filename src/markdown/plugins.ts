/**
 * Sätteri plugins for article MDX. Astro 7 compiles MDX with Sätteri (Rust),
 * which runs no remark/rehype plugin: these use Sätteri's own hast plugin API,
 * which runs inside the same compile (no second parse), before Astro's own
 * image plugin.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineHastPlugin } from 'satteri';
import { contentKeyOf } from '../lib/content-keys.ts';
import { frenchTypography } from '../lib/typography.ts';

/** Characters around which frenchTypography may change something. */
const MAY_NEED_TYPOGRAPHY = /[;:!?«»'  "“”\dè]/;

/** Elements whose text is code or machine text: typography must not touch it. */
const VERBATIM = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'textarea']);

/**
 * French typography on every text node of the body (spaces before ; ! ? :,
 * inside « », apostrophes), never inside code. Done on text nodes, not on the
 * HTML string, so attributes and URLs are out of reach by construction. The
 * components' own string props (caption, credit, by, role) are typeset by the
 * components themselves.
 */
export const frenchTypographyPlugin = defineHastPlugin({
  name: 'rotative-french-typography',
  text(node, ctx) {
    // Most text nodes hold none of the marks the rules touch: skip them
    // before walking up their ancestors (this runs for every text node of
    // every article).
    if (!MAY_NEED_TYPOGRAPHY.test(node.value)) return;
    let parent: Readonly<{ type: string; tagName?: string }> | undefined = ctx.parent(node);
    while (parent && parent.type !== 'root') {
      if (parent.type === 'element' && VERBATIM.has(parent.tagName!)) return;
      parent = ctx.parent(parent as never);
    }
    const value = frenchTypography(node.value);
    if (value !== node.value) return { type: 'text', value };
  },
});

const isLocal = (src: string) => !/^([a-z]+:)?\/\//i.test(src) && !src.startsWith('/') && !src.startsWith('data:');

/** Attributes of the MDX components that name a file beside the article. */
const FILE_ATTRIBUTES: Record<string, string[]> = { Figure: ['src'], Video: ['src', 'poster'] };

/**
 * Writers name files relative to the article (`<Figure src="./photo.jpg">`,
 * `![alt](./photo.jpg)`), but a component cannot know which file it is
 * rendered from. This rewrites those paths to keys relative to the content
 * folder (`articles/2016/x/photo.jpg`), the keys of the image manifest, and
 * turns local Markdown images into our `<ArticleImage>` so that they go through
 * the same pipeline as everything else instead of Astro's `<Image>`.
 */
export function contentPathsPlugin(contentDir: string) {
  const keyFor = (fileURL: URL | undefined, src: string) => {
    if (!fileURL) return src;
    const abs = path.resolve(path.dirname(fileURLToPath(fileURL)), decodeURI(src));
    return contentKeyOf(contentDir, abs);
  };
  return defineHastPlugin({
    name: 'rotative-content-paths',
    element: {
      filter: ['img'],
      visit(node, ctx) {
        const src = node.properties?.src;
        if (typeof src !== 'string' || !isLocal(src)) return;
        const attributes = [{ type: 'mdxJsxAttribute', name: 'src', value: keyFor(ctx.fileURL, src) }];
        const alt = node.properties?.alt;
        attributes.push({ type: 'mdxJsxAttribute', name: 'alt', value: typeof alt === 'string' ? alt : '' });
        return { type: 'mdxJsxTextElement', name: 'ArticleImage', attributes, children: [] } as never;
      },
    },
    mdxJsxFlowElement: { filter: Object.keys(FILE_ATTRIBUTES), visit: rewrite },
    mdxJsxTextElement: { filter: Object.keys(FILE_ATTRIBUTES), visit: rewrite },
  });

  function rewrite(node: any, ctx: any) {
    for (const attr of node.attributes ?? []) {
      if (attr.type !== 'mdxJsxAttribute' || !FILE_ATTRIBUTES[node.name]?.includes(attr.name)) continue;
      if (typeof attr.value === 'string' && isLocal(attr.value)) {
        ctx.setProperty(node, attr.name, keyFor(ctx.fileURL, attr.value));
      }
    }
  }
}

/**
 * A link typed as HTML in MDX (`<a href="/articles/x/">`) is a JSX element,
 * which MDX renders as it is, skipping the components map: its URL would
 * stay relative in the feeds (whose `a` component makes URLs absolute). When
 * every attribute is plain text, it is turned into the same element a
 * Markdown link gives, so both kinds of link are rendered alike.
 */
export const rawLinksPlugin = defineHastPlugin({
  name: 'rotative-raw-links',
  mdxJsxTextElement: { filter: ['a'], visit: toElement },
  mdxJsxFlowElement: { filter: ['a'], visit: toElement },
});

function toElement(node: any) {
  const properties: Record<string, string> = {};
  for (const attr of node.attributes ?? []) {
    if (attr.type !== 'mdxJsxAttribute' || typeof attr.value !== 'string') return;
    properties[attr.name === 'class' ? 'className' : attr.name] = attr.value;
  }
  return { type: 'element', tagName: node.name, properties, children: node.children ?? [] } as never;
}
