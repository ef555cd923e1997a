/**
 * The text and data mining reservation of `tdm` in site.yaml, in the three
 * forms the W3C TDM Reservation Protocol (https://www.w3.org/community/reports/tdmrep/CG-FINAL-tdmrep-20240510/)
 * lets a miner find it: the file /.well-known/tdmrep.json, the `tdm-*`
 * HTTP headers, and the `<meta name="tdm-*">` of every page. All three are
 * made from {@link tdmFields}, so they cannot disagree.
 */
import { urlsFor } from './urls.ts';
import type { Tdm } from '../schemas/site.ts';

/** One rule of /.well-known/tdmrep.json, as the protocol names its members. */
export interface TdmRepRule {
  /** The paths the rule covers. */
  location: string;
  'tdm-reservation': 0 | 1;
  'tdm-policy'?: string;
}

/**
 * The protocol's fields, name and value: `tdm-reservation` (`1` reserved,
 * `0` not), then `tdm-policy` when there is one. None without `tdm` in
 * site.yaml: the site then declares nothing, as before the field existed.
 */
export function tdmFields(tdm: Tdm | undefined): [name: 'tdm-reservation' | 'tdm-policy', value: string][] {
  if (!tdm) return [];
  return [['tdm-reservation', tdm.reservation ? '1' : '0'], ...(tdm.policy ? [['tdm-policy', tdm.policy] as ['tdm-policy', string]] : [])];
}

/**
 * The rules of /.well-known/tdmrep.json: one rule covering every path of
 * the site (`/*`, or `/magazine/*` under a base path). Empty without `tdm`.
 */
export function tdmRepRules(tdm: Tdm | undefined, base: string): TdmRepRule[] {
  if (!tdm) return [];
  const rule: TdmRepRule = { location: urlsFor(base).sitePath('/*'), 'tdm-reservation': tdm.reservation ? 1 : 0 };
  if (tdm.policy) rule['tdm-policy'] = tdm.policy;
  return [rule];
}

/**
 * `_headers` text with the `tdm-*` headers added to the rule for every path
 * of the site (`/*`, or `/magazine/*` under a base), right under its
 * pattern; a rule of their own at the end when the file has none. Not a
 * second `/*` rule: a host (Cloudflare Pages) keeps only one rule per
 * pattern, and the other headers of the first would be lost. The text
 * comes back unchanged without `tdm`.
 */
export function withTdmHeaders(text: string, tdm: Tdm | undefined, base: string): string {
  const fields = tdmFields(tdm);
  if (fields.length === 0) return text;
  const pattern = urlsFor(base).sitePath('/*');
  const lines = fields.map(([name, value]) => `  ${name}: ${value}`).join('\n');
  const rule = new RegExp(`^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}[ \t]*$`, 'm');
  if (rule.test(text)) return text.replace(rule, (line) => `${line}\n${lines}`);
  return `${text.replace(/\n*$/, '\n')}\n# Text and data mining reservation (W3C TDMRep), from \`tdm\` in site.yaml.\n${pattern}\n${lines}\n`;
}
