/** `/rss.xml`: the main feed (src/data/feeds.ts). */
import type { APIRoute } from 'astro';
import { getMainFeed } from '../data/feeds.ts';

export const GET: APIRoute = async () =>
  new Response(await getMainFeed('rss'), { headers: { 'Content-Type': 'application/rss+xml; charset=utf-8' } });
