import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../data/context.ts';
import { tdmRepRules } from '../../lib/tdm.ts';
import { homePath } from '../../lib/urls.ts';

/**
 * `/.well-known/tdmrep.json`: the text and data mining reservation of `tdm`
 * in site.yaml (src/lib/tdm.ts). A path only when site.yaml has `tdm`: a
 * site that declares nothing publishes no file.
 */
export const getStaticPaths = (() => (getSite().tdm ? [{ params: { file: 'tdmrep.json' } }] : [])) satisfies GetStaticPaths;

export const GET: APIRoute = () => {
  const site = getSite();
  const body = `${JSON.stringify(tdmRepRules(site.tdm, homePath()), null, 2)}\n`;
  return new Response(body, { headers: { 'Content-Type': 'application/json' } });
};
