import type { APIRoute } from 'astro';
import { getSite } from '../data/context.ts';
import { robotsTxt } from '../lib/robots.ts';
import { absoluteUrl, homePath, newsSitemapPath, sitemapIndexPath } from '../lib/urls.ts';

/** `/robots.txt`: the crawler groups `robots:` in site.yaml blocks are kept out, every other crawler may crawl everything; both sitemaps are named. */
export const GET: APIRoute = () => {
  const site = getSite();
  const body = robotsTxt(site.robots, homePath(), [absoluteUrl(sitemapIndexPath(), site.siteUrl), absoluteUrl(newsSitemapPath(), site.siteUrl)]);
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
