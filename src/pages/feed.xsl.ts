/** `/feed.xsl`: the page a browser shows for an RSS or Atom feed (src/lib/feed-stylesheet.ts). */
import type { APIRoute } from 'astro';
import { feedStylesheet } from '../lib/feed-stylesheet.ts';
import { feedCssPath } from '../lib/urls.ts';

export const GET: APIRoute = () =>
  new Response(feedStylesheet({ cssPath: feedCssPath() }), { headers: { 'Content-Type': 'application/xslt+xml; charset=utf-8' } });
