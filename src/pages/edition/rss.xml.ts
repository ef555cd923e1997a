/** `/edition/rss.xml`: the feed of the weekly editions (src/data/editions.ts), for readers and mailing services. */
import type { APIRoute } from 'astro';
import { getEditionFeed } from '../../data/editions.ts';
import { CONTENT_TYPES } from '../../data/feeds.ts';

export const GET: APIRoute = async () => new Response(await getEditionFeed('rss'), { headers: { 'Content-Type': CONTENT_TYPES.rss } });
