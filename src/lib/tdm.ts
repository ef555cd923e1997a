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
 * A rule of the `_headers` file that sends the `tdm-*` headers with every
 * response of the site (its pattern under `base`), to append to the file;
 * empty without `tdm`. A rule of its own: the hosts send the headers of every
 * rule that matches, and no other rule sets these.
 */
export function tdmHeadersRule(tdm: Tdm | undefined, base: string): string {
  const fields = tdmFields(tdm);
  if (fields.length === 0) return '';
  return ['', '# Text and data mining reservation (W3C TDMRep), from `tdm` in site.yaml.', urlsFor(base).sitePath('/*'), ...fields.map(([name, value]) => `  ${name}: ${value}`), ''].join('\n');
}
