import type { APIRoute } from 'astro';
import { getSite } from '../data/context.ts';
import { absoluteUrl } from '../lib/urls.ts';

/** `/robots.txt`: everything may be crawled; both sitemaps are named. */
export const GET: APIRoute = () => {
  const origin = getSite().origin;
  const body = [
    'User-agent: *',
    'Allow: /',
    '',
    `Sitemap: ${absoluteUrl('/sitemap-index.xml', origin)}`,
    `Sitemap: ${absoluteUrl('/news-sitemap.xml', origin)}`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
