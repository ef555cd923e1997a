/**
 * robots.txt from `robots:` in site.yaml: each blocked group of crawlers
 * (src/lib/crawlers.ts) gets a group of its own that disallows the whole
 * site; every other crawler may crawl everything. Crawlers follow the group
 * that names them and ignore `User-agent: *` then (RFC 9309, 2.2.1), so a
 * blocked crawler is blocked whatever the last group says.
 */
import { CRAWLER_GROUPS, CRAWLERS } from './crawlers.ts';
import type { Robots } from '../schemas/site.ts';

/** The text of robots.txt for a site whose home is `home` (`/` or `/magazine/`), naming `sitemaps` (absolute URLs). */
export function robotsTxt(robots: Robots | undefined, home: string, sitemaps: readonly string[]): string {
  const blocked = CRAWLER_GROUPS.filter((group) => robots?.[group] === 'block');
  return [
    ...blocked.flatMap((group) => [`# ${group}: blocked by robots.${group} in site.yaml`, ...CRAWLERS[group].map((agent) => `User-agent: ${agent}`), `Disallow: ${home}`, '']),
    'User-agent: *',
    `Allow: ${home}`,
    '',
    ...sitemaps.map((url) => `Sitemap: ${url}`),
    '',
  ].join('\n');
}
