/**
 * The `_headers` file of static hosts (Netlify, Cloudflare Pages) names the
 * paths it applies to from the root of the host. public/_headers is written
 * for a magazine at the root; on one hosted under a path, its patterns must
 * go under that base, or no header would reach any page.
 */
import { urlsFor } from '../lib/urls.ts';

/**
 * `_headers` text with every path pattern (a line starting at column 0 with
 * `/`) put under `base`: `/*` becomes `/magazine/*`, `/_astro/*` becomes
 * `/magazine/_astro/*`. Header lines, comments and patterns with a host are
 * kept as they are; with base `/` the text comes back unchanged.
 */
export function headersUnderBase(text: string, base: string): string {
  const { sitePath } = urlsFor(base);
  return text.replace(/^\/\S*/gm, (pattern) => sitePath(pattern));
}
