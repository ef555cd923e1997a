/**
 * An article rendered to an HTML string for `content:encoded`, with Astro's
 * container API: the same compiled MDX as the article page, given the feed
 * variants of the components (src/components/feed/), so the markup is made
 * for feed readers from the start instead of being patched afterwards.
 *
 * An article appears in up to three feeds (the main one, its rubrique's, its
 * series'): each one is rendered once per build and kept here.
 */
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
// The MDX renderer (Astro's JSX): a component map with `.astro` components
// inside an MDX body needs it, as the mdx() integration gives it to pages.
import mdxRenderer from '@astrojs/mdx/server.js';
import { getEntry, render } from 'astro:content';
import FeedBody from '../components/feed/FeedBody.astro';
import { absoluteUrl } from '../lib/urls.ts';
import type { ArticleView } from './articles.ts';
import { getSite } from './context.ts';

let container: Promise<AstroContainer> | undefined;

function getContainer(): Promise<AstroContainer> {
  container ??= AstroContainer.create().then((c) => {
    c.addServerRenderer({ renderer: mdxRenderer });
    return c;
  });
  return container;
}

async function renderFeedContent(article: ArticleView): Promise<string> {
  const entry = await getEntry('articles', article.slug);
  if (!entry) throw new Error(`Article "${article.slug}" has no entry in the content collection`);
  const { Content } = await render(entry);
  const container = await getContainer();
  return container.renderToString(FeedBody, {
    props: { cover: article.cover, content: Content },
    // The components resolve every URL against Astro.url: the article's own.
    request: new Request(absoluteUrl(article.url, getSite().origin)),
  });
}

const rendered = new Map<string, Promise<string>>();

/** The article's cover and body as HTML for feed readers: absolute URLs, no script, no `<picture>`. */
export function getFeedContent(article: ArticleView): Promise<string> {
  let html = rendered.get(article.slug);
  if (!html) {
    html = renderFeedContent(article);
    rendered.set(article.slug, html);
  }
  return html;
}
