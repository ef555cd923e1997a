import type { APIRoute, GetStaticPaths } from 'astro';
import { pageKey } from '../../data/articles.ts';
import { getSite } from '../../data/context.ts';
import { tdmRepRules, type TdmRepRule } from '../../lib/tdm.ts';
import { homePath } from '../../lib/urls.ts';

/**
 * `/.well-known/tdmrep.json`: the text and data mining reservation of `tdm`
 * in site.yaml (src/lib/tdm.ts). A path only when site.yaml has `tdm`: a
 * site that declares nothing publishes no file. Its cacheKey is made from
 * the rules it writes.
 */
export const getStaticPaths = (async () => {
  const rules = tdmRepRules(getSite().tdm, homePath());
  if (rules.length === 0) return [];
  return [{ params: { file: 'tdmrep.json' }, props: { rules }, cacheKey: await pageKey('.well-known/tdmrep.json', rules) }];
}) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props }) => {
  const { rules } = props as { rules: TdmRepRule[] };
  return new Response(`${JSON.stringify(rules, null, 2)}\n`, { headers: { 'Content-Type': 'application/json' } });
};
