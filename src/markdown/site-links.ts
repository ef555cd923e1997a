/**
 * Links a writer types as site paths in an article (`[lien](/articles/x/)`,
 * `<a href="/articles/x/">`) are written from the root of the magazine; on a
 * magazine hosted under a path (`SITE_URL=https://example.org/magazine/`)
 * they must go under that base, as every URL the templates make does.
 */
import { defineHastPlugin } from 'satteri';
import { urlsFor } from '../lib/urls.ts';

/**
 * A Sätteri hast plugin putting the `href` of every link of an article body
 * under `base` (see `sitePath` in src/lib/urls.ts). It takes the base as an
 * argument because astro.config.ts, which creates it, runs before Astro has a
 * `base` to give the modules it bundles. Runs after rawLinksPlugin, which
 * turns most HTML links into plain elements; a link left as a JSX element
 * (one with an `{expression}` attribute) is handled too.
 */
export function siteLinksPlugin(base: string) {
  const { sitePath } = urlsFor(base);
  return defineHastPlugin({
    name: 'rotative-site-links',
    element: {
      filter: ['a'],
      visit(node, ctx) {
        const href = node.properties?.href;
        if (typeof href === 'string' && sitePath(href) !== href) ctx.setProperty(node, 'href', sitePath(href));
      },
    },
    mdxJsxTextElement: { filter: ['a'], visit: rewrite },
    mdxJsxFlowElement: { filter: ['a'], visit: rewrite },
  });

  function rewrite(node: any, ctx: any) {
    for (const attr of node.attributes ?? []) {
      if (attr.type !== 'mdxJsxAttribute' || attr.name !== 'href' || typeof attr.value !== 'string') continue;
      if (sitePath(attr.value) !== attr.value) ctx.setProperty(node, 'href', sitePath(attr.value));
    }
  }
}
