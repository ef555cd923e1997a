/**
 * The sample's live blog (content/articles/2026/en-direct-panne-hebergeur-nubeo.mdx),
 * built at the test "now" (2026-11-28T12:00+01:00, after its end at 11 h 45):
 * the page shows its updates newest first with their anchors and the
 * « Direct terminé » badge, its JSON-LD is a LiveBlogPosting, and its feed
 * items carry the updates newest first, dated by the latest one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { readPage, ROOT } from '../helpers/build.ts';

const PYTHON = '/usr/bin/python3';
const ORIGIN = 'https://echo-numerique.example';
const SLUG = 'en-direct-panne-hebergeur-nubeo';
const URL_ = `${ORIGIN}/articles/${SLUG}/`;
/** The sample's updates, newest first: anchor, time shown. */
const UPDATES = [
  ['maj-2026-11-28-1120', '2026-11-28T11:20:00+01:00'],
  ['maj-2026-11-28-0930', '2026-11-28T09:30:00+01:00'],
  ['maj-2026-11-28-0715', '2026-11-28T07:15:00+01:00'],
  ['maj-2026-11-27-2140', '2026-11-27T21:40:00+01:00'],
  ['maj-2026-11-27-1805', '2026-11-27T18:05:00+01:00'],
] as const;
const LATEST = Date.parse(UPDATES[0][1]) / 1000;

let site: string;
let page: Document;
beforeAll(() => {
  site = inject('sampleSite');
  page = readPage(site, `/articles/${SLUG}/`);
});

describe('the live blog page', () => {
  it('shows the updates newest first, each with its time, a title heading and a self-link to its anchor', () => {
    const sections = [...page.querySelectorAll('.article__body section.live-update')];
    expect(sections.map((s) => s.id)).toEqual(UPDATES.map(([anchor]) => anchor));
    expect(sections.map((s) => s.querySelector('time')?.getAttribute('datetime'))).toEqual(UPDATES.map(([, at]) => at));
    for (const s of sections) {
      expect(s.querySelector('h2')?.textContent?.trim().length).toBeGreaterThan(5);
      expect(s.querySelector('a')?.getAttribute('href')).toBe(`#${s.id}`);
    }
    // The first update shows its date, and so does each update of another day than the one above it.
    expect(sections.map((s) => s.querySelector('time')?.textContent)).toEqual([
      '28\u00A0novembre\u00A02026, 11\u00A0h\u00A020',
      '9\u00A0h\u00A030',
      '7\u00A0h\u00A015',
      '27\u00A0novembre\u00A02026, 21\u00A0h\u00A040',
      '18\u00A0h\u00A005',
    ]);
    // The writer's introduction stays above the updates.
    expect(page.querySelector('.article__body')!.firstElementChild?.tagName).toBe('P');
  });

  it('says in its byline that it was updated at its latest update', () => {
    const dates = page.querySelector('.byline__dates')!;
    const updated = [...dates.querySelectorAll('span')].find((s) => s.textContent?.startsWith('Mis à jour le'));
    expect(updated?.querySelector('time')?.getAttribute('datetime')).toBe(UPDATES[0][1]);
  });

  it('is listed with « Direct terminé » on every card that shows it (home, rubrique)', () => {
    for (const listing of ['/', '/rubriques/cybersecurite/']) {
      const link = [...readPage(site, listing).querySelectorAll(`a[href="/articles/${SLUG}/"]`)].find((a) => a.closest('.card, .brief'));
      expect(link, `${listing}: a card of the live blog`).toBeDefined();
      expect(link!.closest('.card, .brief')!.querySelector('.live-tag')?.textContent, listing).toBe('Direct terminé');
    }
  });

  it('says « Direct terminé » after live.end, never « En direct »', () => {
    const badge = page.querySelector('.article__header .live-badge');
    expect(badge?.textContent?.trim()).toBe('Direct terminé');
    expect(page.querySelectorAll('.live-badge')).toHaveLength(1);
    expect(page.querySelector('.live-badge--live')).toBeNull();
    // Other articles have no badge.
    expect(readPage(site, '/articles/black-friday-arnaques-faux-colis/').querySelector('.live-badge')).toBeNull();
  });

  it('is a LiveBlogPosting with its coverage and every update, each at its anchor', () => {
    const lds = [...page.querySelectorAll('script[type="application/ld+json"]')].map((s) => JSON.parse(s.textContent!));
    const ld = lds.find((l) => l['@type'] === 'LiveBlogPosting');
    expect(ld, 'a LiveBlogPosting').toBeDefined();
    expect(lds.some((l) => l['@type'] === 'NewsArticle')).toBe(false);
    expect(ld).toMatchObject({
      url: URL_,
      datePublished: '2026-11-27T18:00:00+01:00',
      dateModified: '2026-11-28T11:20:00+01:00',
      coverageStartTime: '2026-11-27T18:00:00+01:00',
      coverageEndTime: '2026-11-28T11:45:00+01:00',
      publisher: { '@type': 'NewsMediaOrganization' },
    });
    expect(ld.author[0].name).toBe('Claire Martin');
    expect(ld.liveBlogUpdate.map((u: { url: string }) => u.url)).toEqual(UPDATES.map(([anchor]) => `${URL_}#${anchor}`));
    expect(ld.liveBlogUpdate.map((u: { datePublished: string }) => u.datePublished)).toEqual(UPDATES.map(([, at]) => at));
    for (const u of ld.liveBlogUpdate) {
      expect(u['@type']).toBe('BlogPosting');
      expect(u.headline.length).toBeGreaterThan(5);
      expect(u.articleBody).not.toMatch(/[<>*]/);
    }
    expect(ld.liveBlogUpdate[2].articleBody).toContain('ANSSI');
  });
});

describe('the live blog in feeds', () => {
  interface Entry { link: string; updated_ts: number | null; published_ts: number | null; content: string[]; summary: string }
  let entries: Record<string, Entry>;
  beforeAll(() => {
    expect(existsSync(PYTHON), `${PYTHON} is missing: apt-get install python3-feedparser`).toBe(true);
    const files = ['rss.xml', 'atom.xml', 'rubriques/cybersecurite/atom.xml'].map((f) => path.join(site, f));
    const read = spawnSync(PYTHON, [path.join(ROOT, 'tests/helpers/read-feeds.py'), ...files], { encoding: 'utf8' });
    expect(read.status, read.stderr).toBe(0);
    const byFile = JSON.parse(read.stdout) as Record<string, { bozo: boolean; entries: Entry[] }>;
    entries = {};
    for (const [file, feed] of Object.entries(byFile)) {
      expect(feed.bozo, file).toBe(false);
      const entry = feed.entries.find((e) => e.link === URL_);
      expect(entry, `${file} carries the live blog`).toBeDefined();
      entries[path.relative(site, file)] = entry!;
    }
  });

  it('carries the updates newest first, each linking to its anchor on the page', () => {
    for (const [file, entry] of Object.entries(entries)) {
      const html = entry.content[0] ?? entry.summary;
      const doc = parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
      const links = [...doc.querySelectorAll('section h2 a')].map((a) => a.getAttribute('href'));
      expect(links, file).toEqual(UPDATES.map(([anchor]) => `${URL_}#${anchor}`));
    }
  });

  it('dates the item by its latest update (Atom updated), published at its publication', () => {
    for (const file of ['atom.xml', 'rubriques/cybersecurite/atom.xml']) {
      expect(entries[file]!.updated_ts, file).toBe(LATEST);
      expect(entries[file]!.published_ts, file).toBe(Date.parse('2026-11-27T18:00:00+01:00') / 1000);
    }
    const json = JSON.parse(readFileSync(path.join(site, 'feed.json'), 'utf8')) as { items: { url: string; date_modified: string }[] };
    expect(json.items.find((i) => i.url === URL_)?.date_modified).toBe('2026-11-28T11:20:00+01:00');
  });
});
