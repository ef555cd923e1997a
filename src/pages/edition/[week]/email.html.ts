/**
 * `/edition/<AAAA-Snn>/email.html`: the e-mail-ready HTML of an edition
 * (src/lib/edition-email.ts), for a mailing service or a newsletter tool to
 * send as it is. Its inline styles are allowed by its own
 * Content-Security-Policy rule (cspRules in src/publish/headers-file.ts).
 */
import type { APIRoute } from 'astro';
import { editionEmailRoute } from '../../../data/routes.ts';
import { editionEmailHtml } from '../../../lib/edition-email.ts';

export function getStaticPaths() {
  return editionEmailRoute.getStaticPaths();
}

export const GET: APIRoute = async ({ params }) => {
  const { email } = await editionEmailRoute.data({ week: params.week! });
  return new Response(await editionEmailHtml(email), { headers: { 'Content-Type': 'text/html; charset=utf-8' } });
};
