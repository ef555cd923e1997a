import { describe, expect, it } from 'vitest';
import robotsParser from 'robots-parser';
import { CRAWLER_GROUPS, CRAWLERS } from '../../src/lib/crawlers.ts';
import { robotsTxt } from '../../src/lib/robots.ts';
import { siteSchema } from '../../src/schemas/site.ts';

const ORIGIN = 'https://echo.example';
const SITEMAPS = [`${ORIGIN}/sitemap-index.xml`, `${ORIGIN}/news-sitemap.xml`];
const PAGE = `${ORIGIN}/articles/un-article/`;

/** robots.txt as a crawler reads it (robots-parser follows RFC 9309). */
const parse = (robots: Parameters<typeof robotsTxt>[0], home = '/') => robotsParser(`${ORIGIN}/robots.txt`, robotsTxt(robots, home, SITEMAPS));

describe('robotsTxt', () => {
  it('lets every crawler of every group in when site.yaml makes no choice, as before robots: existed', () => {
    const robots = parse(undefined);
    for (const agent of [...CRAWLER_GROUPS.flatMap((g) => CRAWLERS[g]), 'UnNouveauRobot']) expect(robots.isAllowed(PAGE, agent), agent).toBe(true);
    expect(robots.getSitemaps()).toEqual(SITEMAPS);
  });

  it('keeps out every crawler of a blocked group, from every page, and only those', () => {
    const robots = parse({ training: 'block', answers: 'allow', search: 'allow' });
    for (const agent of CRAWLERS.training) {
      expect(robots.isAllowed(PAGE, agent), agent).toBe(false);
      expect(robots.isAllowed(`${ORIGIN}/`, agent), agent).toBe(false);
    }
    for (const agent of [...CRAWLERS.answers, ...CRAWLERS.search, 'UnNouveauRobot']) expect(robots.isAllowed(PAGE, agent), agent).toBe(true);
    expect(robots.getSitemaps()).toEqual(SITEMAPS);
  });

  it('blocks each group on its own: answer crawlers, search engines', () => {
    const answers = parse({ training: 'allow', answers: 'block', search: 'allow' });
    expect(answers.isAllowed(PAGE, 'ChatGPT-User')).toBe(false);
    expect(answers.isAllowed(PAGE, 'PerplexityBot')).toBe(false);
    expect(answers.isAllowed(PAGE, 'GPTBot')).toBe(true);
    expect(answers.isAllowed(PAGE, 'Googlebot')).toBe(true);
    const search = parse({ training: 'allow', answers: 'allow', search: 'block' });
    expect(search.isAllowed(PAGE, 'Googlebot')).toBe(false);
    expect(search.isAllowed(PAGE, 'Qwantbot')).toBe(false);
    expect(search.isAllowed(PAGE, 'OAI-SearchBot')).toBe(true);
  });

  it('blocks the magazine’s own path on a site under a path', () => {
    const robots = parse({ training: 'block', answers: 'allow', search: 'allow' }, '/magazine/');
    expect(robots.isAllowed(`${ORIGIN}/magazine/articles/x/`, 'CCBot')).toBe(false);
    expect(robots.isAllowed(`${ORIGIN}/magazine/articles/x/`, 'Bingbot')).toBe(true);
  });

  it('names each crawler in one group only', () => {
    const agents = CRAWLER_GROUPS.flatMap((g) => CRAWLERS[g].map((a) => a.toLowerCase()));
    expect(new Set(agents).size).toBe(agents.length);
  });
});

describe('robots in site.yaml', () => {
  const site = { name: 'L’Écho', url: ORIGIN };
  it('allows a group it does not name, and accepts only allow or block', () => {
    expect(siteSchema.parse({ ...site, robots: { training: 'block' } }).robots).toEqual({ training: 'block', answers: 'allow', search: 'allow' });
    const issue = siteSchema.safeParse({ ...site, robots: { search: 'non' } }).error?.issues[0];
    expect([issue?.path.join('.'), issue?.message]).toEqual(['robots.search', 'allow (autoriser) ou block (bloquer)']);
  });
});
