/** `/atom.xml`: the main feed in Atom 1.0 (src/data/feeds.ts). */
import type { APIRoute } from 'astro';
import { getMainFeed } from '../data/feeds.ts';

export const GET: APIRoute = async () =>
  new Response(await getMainFeed('atom'), { headers: { 'Content-Type': 'application/atom+xml; charset=utf-8' } });
