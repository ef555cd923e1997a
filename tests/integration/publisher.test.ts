/**
 * The publisher's declarations in the built sample magazine, whose site.yaml
 * reserves text and data mining (`tdm`) and blocks training crawlers
 * (`robots`): every page, the well-known file, the headers and robots.txt
 * say the same.
 */
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import robotsParser from 'robots-parser';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { headersFor, parseHeadersFile } from '../helpers/serve.ts';

const ORIGIN = 'https://echo-numerique.example';
const POLICY = 'https://echo-numerique.example/licence-fouille.json';
let site: string;
const read = (file: string) => readFileSync(path.join(site, file), 'utf8');

beforeAll(() => {
  site = inject('sampleSite');
});

describe('text and data mining reservation', () => {
  it('is in the head of every page', () => {
    const pages = globSync('**/*.html', { cwd: site });
    expect(pages.length).toBeGreaterThan(50);
    for (const page of pages) {
      const { document } = parseHTML(read(page));
      const meta = (name: string) => [...document.head.querySelectorAll(`meta[name="${name}"]`)].map((m) => m.getAttribute('content'));
      expect(meta('tdm-reservation'), page).toEqual(['1']);
      expect(meta('tdm-policy'), page).toEqual([POLICY]);
    }
  });

  it('is published at /.well-known/tdmrep.json, for every path of the site', () => {
    expect(JSON.parse(read('.well-known/tdmrep.json'))).toEqual([{ location: '/*', 'tdm-reservation': 1, 'tdm-policy': POLICY }]);
  });

  it('is sent as HTTP headers with every page and file, beside the headers of public/_headers', () => {
    const rules = parseHeadersFile(read('_headers'));
    for (const file of ['/', '/articles/un-an-apres-cloudwatt/', '/rss.xml', '/_astro/x.css']) {
      const headers = headersFor(rules, file);
      expect(headers.get('tdm-reservation'), file).toEqual(['1']);
      expect(headers.get('tdm-policy'), file).toEqual([POLICY]);
    }
    expect(headersFor(rules, '/').get('Content-Security-Policy')).toHaveLength(1);
  });
});

describe('robots.txt', () => {
  it('keeps the training crawlers out and lets search engines and everyone else in', () => {
    const robots = robotsParser(`${ORIGIN}/robots.txt`, read('robots.txt'));
    const page = `${ORIGIN}/articles/un-an-apres-cloudwatt/`;
    for (const agent of ['GPTBot', 'CCBot', 'Google-Extended', 'ClaudeBot']) expect(robots.isAllowed(page, agent), agent).toBe(false);
    for (const agent of ['Googlebot', 'Bingbot', 'OAI-SearchBot', 'UnRobot']) expect(robots.isAllowed(page, agent), agent).toBe(true);
    expect(robots.getSitemaps()).toEqual([`${ORIGIN}/sitemap-index.xml`, `${ORIGIN}/news-sitemap.xml`]);
  });
});
