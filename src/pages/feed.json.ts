/** `/feed.json`: the main feed in JSON Feed 1.1 (src/data/feeds.ts). */
import type { APIRoute } from 'astro';
import { getMainFeed } from '../data/feeds.ts';

export const GET: APIRoute = async () =>
  new Response(await getMainFeed('json'), { headers: { 'Content-Type': 'application/feed+json; charset=utf-8' } });
