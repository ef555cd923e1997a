import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { searchRecordOf, searchText, type SearchRecord } from '../../src/lib/search-groups.ts';
import { indexSite, isIndexData, planSearch, SearchFailure, searchAlongsidePages, searchCacheEntry, searchTextOf } from '../../src/publish/search.ts';
import { pictureData } from '../../src/lib/images.ts';

const picture = pictureData({ stem: 'nuage', hash: 'abc', width: 1600, height: 900, fallback: 'jpeg' }, (f) => `/magazine/_images/${f}`);
const article = {
  slug: 'un-an-apres',
  title: 'Un an après\u00a0: le cloud',
  lede: 'Le chapô.',
  publishedAt: new Date('2016-05-12T08:00:00+02:00'),
  rubrique: 'Cloud',
  series: 'Un an après',
  authors: ['Marie Durand', 'Bruno Petit'],
  corrections: ['Une première version se trompait.'],
  html: '<h2 id="x">Un intertitre</h2><p>Le <strong>texte</strong> du corps.</p><ul><li>un</li><li>deux</li></ul>',
};

describe('search records', () => {
  it('shows the result as the site does: title, lede, date, rubrique, the cover’s smallest WebP under the base', () => {
    const record = searchRecordOf({ ...article, cover: { picture, alt: 'Un nuage', caption: 'Légende', credit: '© Crédit' } });
    expect(record.url).toBe('/articles/un-an-apres/');
    expect(record.meta).toEqual({
      title: 'Un an après\u00a0: le cloud',
      lede: 'Le chapô.',
      date: '12\u00a0mai\u00a02016',
      rubrique: 'Cloud',
      image_alt: 'Un nuage',
    });
    // Beside the meta, never searched: its words (« 400 », « jpg ») are no reader's.
    expect(record.thumbnail).toBe('/magazine/_images/nuage-abc-400.jpg');
    expect(Object.values(record.meta).join(' ')).not.toMatch(/_images|\.jpg|400/);
  });
  it('gives an article without a cover no thumbnail (not another image of its page)', () => {
    const record = searchRecordOf(article);
    expect(record).not.toHaveProperty('thumbnail');
    expect(record.meta).not.toHaveProperty('image_alt');
  });
  it('searches the text the page shows, each block a sentence, French spaces kept', () => {
    const text = searchTextOf(searchRecordOf({ ...article, cover: { picture, alt: 'Un nuage', caption: 'Légende', credit: '© Crédit' } }));
    expect(text).toBe(
      'Cloud · Un an après. Un an après\u00a0: le cloud. Le chapô. Par Marie Durand et Bruno Petit. Publié le 12\u00a0mai\u00a02016 à\u00a08\u00a0h\u00a000. Une première version se trompait. Légende. © Crédit. Un intertitre. Le texte du corps. un. deux.',
    );
    expect(searchText(['  a  b ', '', 'c ?'])).toBe('a b. c ?');
  });
});

describe('what the search cache may hold', () => {
  it('is the index data only, never Pagefind’s code', () => {
    for (const data of ['pagefind-entry.json', 'pagefind.fr_1234.pf_meta', 'index/fr_1.pf_index', 'fragment/fr_2.pf_fragment', 'filter/fr_3.pf_filter']) expect(isIndexData(data), data).toBe(true);
    for (const code of ['pagefind.js', 'pagefind-worker.js', 'wasm.fr.pagefind', 'pagefind-ui.css', 'fragment/../pagefind.js', 'index/x/y.js']) expect(isIndexData(code), code).toBe(false);
  });
});

describe('the search’s plan', () => {
  const year = (name: string, count: number) => ({ name, records: Array.from({ length: count }, (_, i) => searchRecordOf({ ...article, slug: `${name}-${i}` })) });
  /** An entry as indexSite leaves it: its data files and their list. */
  const cached = (root: string, group: ReturnType<typeof year>) => {
    const entry = searchCacheEntry(root, group);
    mkdirSync(entry, { recursive: true });
    const data = '{"version":"1"}';
    writeFileSync(path.join(entry, 'pagefind-entry.json'), data);
    writeFileSync(path.join(entry, 'rotative-files.json'), JSON.stringify({ 'pagefind-entry.json': createHash('sha256').update(data).digest('hex') }));
    return entry;
  };
  const temp = () => mkdtempSync(path.join(tmpdir(), 'rotative-search-'));

  it('keys a year by every part of every record, its body included', () => {
    const root = temp();
    const [one] = [year('2025', 2)];
    const key = (records: typeof one.records) => searchCacheEntry(root, { name: '2025', records });
    const [a, b] = one.records as [SearchRecord, SearchRecord];
    const keys = [
      key([a, b]),
      key([{ ...a, html: `${a.html} ` }, b]),
      key([a, { ...b, header: [...b.header, 'Légende'] }]),
      key([a, { ...b, meta: { ...b.meta, title: 'Autre' } }]),
      key([a]),
      // A body's end moved into the next record: not the same records.
      key([{ ...a, html: 'ab' }, { ...b, html: 'c' }]),
      key([{ ...a, html: 'a' }, { ...b, html: 'bc' }]),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(key([a, b])).toBe(keys[0]);
  });

  it('carries the records of the years the cache does not hold, and of those only', () => {
    const years = [year('2025', 30), year('2026', 10)];
    const root = temp();
    cached(root, years[0]!);
    const plans = planSearch(root, years);
    expect(plans.map((p) => [p.name, p.pages, p.records?.length])).toEqual([
      ['2025', 30, undefined],
      ['2026', 10, 10],
    ]);
    expect(plans[0]!.entry).toBe(searchCacheEntry(root, years[0]!));
  });

  it('indexes again a year whose entry is damaged, saying why', () => {
    const years = [year('2025', 3)];
    const root = temp();
    writeFileSync(path.join(cached(root, years[0]!), 'pagefind-entry.json'), '{}');
    const [plan] = planSearch(root, years);
    expect(plan!.records).toHaveLength(3);
    expect(plan!.problem).toBe('pagefind-entry.json a été modifié');
    // A folder where a file should be.
    const entry = searchCacheEntry(root, years[0]!);
    rmSync(path.join(entry, 'pagefind-entry.json'));
    mkdirSync(path.join(entry, 'pagefind-entry.json'));
    expect(planSearch(root, years)[0]!.problem).toBe('pagefind-entry.json manque');
    // A list that is not one.
    writeFileSync(path.join(entry, 'rotative-files.json'), '5');
    expect(planSearch(root, years)[0]!.problem).toBe('pagefind-entry.json manque');
  });

  it('fails, in French, on a cached year whose entry changed after it was planned, and deletes it', async () => {
    const years = [year('2025', 3)];
    const root = temp();
    const entry = cached(root, years[0]!);
    const plans = planSearch(root, years);
    writeFileSync(path.join(entry, 'pagefind-entry.json'), '{}');
    const indexing = indexSite(path.join(temp(), 'site'), plans, root, () => {});
    await expect(indexing).rejects.toThrow(SearchFailure);
    await expect(indexing).rejects.toThrow('l’index de recherche 2025 du cache a changé pendant la construction (pagefind-entry.json a été modifié) ; il a été supprimé. Construisez à nouveau : cette année sera indexée de nouveau.');
    expect(existsSync(entry)).toBe(false);
  });

  it('publishes a cached year as links to the cache’s files, not copies of them', async () => {
    const years = [year('2025', 3)];
    const root = temp();
    const entry = cached(root, years[0]!);
    const site = path.join(temp(), 'site');
    const report = await indexSite(site, planSearch(root, years), root, () => {});
    expect(report).toMatchObject({ reused: 1, indexed: 0, pages: 3 });
    const published = path.join(site, 'pagefind', '2025', 'pagefind-entry.json');
    expect(readFileSync(published, 'utf8')).toBe('{"version":"1"}');
    expect(statSync(published).ino).toBe(statSync(path.join(entry, 'pagefind-entry.json')).ino);
    // Pagefind's code beside it, from the installed package.
    expect(existsSync(path.join(site, 'pagefind', '2025', 'pagefind.js'))).toBe(true);
  });

  it('is indexed beside the pages when the cache holds most records’ years (an edit), after them on a cold build', () => {
    const years = [year('2025', 30), year('2026', 10)];
    expect(searchAlongsidePages(planSearch(temp(), years))).toBe(false);
    // The older, larger year is in the cache: one edit re-indexes 2026 only.
    const edited = temp();
    cached(edited, years[0]!);
    expect(searchAlongsidePages(planSearch(edited, years))).toBe(true);
    // Only the smaller year in the cache: most records to index.
    const most = temp();
    cached(most, years[1]!);
    expect(searchAlongsidePages(planSearch(most, years))).toBe(false);
  });
});
