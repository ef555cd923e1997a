/**
 * Affiliate links: a link that pays the magazine a commission on what a
 * reader buys. French consumer law and Google both want them disclosed, so
 * an article that has one must say so (`sponsor:` with `kind: affiliation`,
 * or sponsorisé / partenariat): otherwise it is a content problem.
 *
 * How a link is recognised, and the only place it is decided: its host is
 * an affiliate network's (or a merchant's short link that carries the
 * magazine's id), or its query has a parameter that names an affiliate.
 * The lists hold what French tech sites use; a network missing here is
 * added here, with its host.
 */
import type { ContentProblem } from './errors.ts';
import { webUrlOf } from './urls.ts';

/** Hosts (and their subdomains) whose links are affiliate links. */
export const AFFILIATE_HOSTS = [
  'amzn.to', // Amazon's short links, made by its Partenaires programme
  'amzn.eu',
  'awin1.com', // Awin
  'tradedoubler.com', // Tradedoubler (clk.tradedoubler.com)
  'effiliation.com', // Effiliation (track.effiliation.com)
  'metaffiliation.com', // Kwanko, NetAffiliation (action.metaffiliation.com)
  'linksynergy.com', // Rakuten Advertising (click.linksynergy.com)
  'anrdoezrs.net', // CJ Affiliate's link hosts
  'dpbolvw.net',
  'jdoqocy.com',
  'kqzyfj.com',
  'tkqlhce.com',
  'prf.hn', // Partnerize
  'go.skimresources.com', // Skimlinks
  'go.redirectingat.com',
  'redirect.viglink.com', // Sovrn Commerce
  'shareasale.com', // ShareASale
  'rover.ebay.com', // eBay Partner Network
  'ebay.us',
  's.click.aliexpress.com', // AliExpress Portals
] as const;

/** Query parameters that name an affiliate, on any host. */
export const AFFILIATE_PARAMS = ['affid', 'aff_id', 'affiliate_id', 'affiliateid', 'awc', 'ascsubtag'] as const;

/** On Amazon's own sites (amazon.fr, amazon.com…), `tag=` is the affiliate's id. */
const AMAZON = /(^|\.)amazon\.[a-z.]+$/;

/**
 * Why `href` is an affiliate link (the host or parameter that says so, as
 * quoted to the writer), or undefined when it is not one.
 */
export function affiliateMarker(href: string): string | undefined {
  const url = webUrlOf(href);
  if (!url) return undefined;
  const host = url.hostname.toLowerCase();
  const byHost = AFFILIATE_HOSTS.find((h) => host === h || host.endsWith(`.${h}`));
  if (byHost) return byHost;
  const params = [...url.searchParams.keys()].map((k) => k.toLowerCase());
  const byParam = AFFILIATE_PARAMS.find((p) => params.includes(p));
  if (byParam) return `${byParam}=`;
  if (AMAZON.test(host) && url.searchParams.has('tag')) return `tag= sur ${host}`;
  return undefined;
}

/**
 * The problem of an article with affiliate links and no `sponsor:` block:
 * one for the article, at its first such link, naming the others' lines.
 */
export function affiliateProblem(file: string, hasSponsor: boolean, links: readonly { href: string; line?: number | undefined }[]): ContentProblem | undefined {
  if (hasSponsor) return undefined;
  const found = links.flatMap((l) => {
    const marker = affiliateMarker(l.href);
    return marker ? [{ ...l, marker }] : [];
  });
  const first = found[0];
  if (!first) return undefined;
  const others = found.slice(1).map((l) => l.line ?? '?');
  return {
    file,
    field: 'sponsor',
    line: first.line,
    found: `le lien ${first.href} est un lien d’affiliation (reconnu à ${first.marker})${others.length ? `, comme ceux des lignes ${others.join(', ')}` : ''}, mais l’article ne l’annonce pas à ses lecteurs`,
    expected: 'un article à liens affiliés qui le dit : un bloc « sponsor: » dans l’en-tête',
    hint: 'ajoutez dans l’en-tête « sponsor: », puis en retrait « kind: affiliation » et « name: » suivi du marchand (par exemple Amazon) ; ou retirez le lien',
  };
}
