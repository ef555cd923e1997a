import type { APIRoute } from 'astro';
import { getSite } from '../data/context.ts';
import { absoluteUrl, homePath, newsSitemapPath, sitemapIndexPath } from '../lib/urls.ts';

/** `/robots.txt`: everything may be crawled; both sitemaps are named. */
export const GET: APIRoute = () => {
  const origin = getSite().origin;
  const body = [
    'User-agent: *',
    `Allow: ${homePath()}`,
    '',
    `Sitemap: ${absoluteUrl(sitemapIndexPath(), origin)}`,
    `Sitemap: ${absoluteUrl(newsSitemapPath(), origin)}`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
