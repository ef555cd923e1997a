/**
 * The weekly edition: which week an article belongs to (ISO 8601, as
 * readers in Paris count days), the names of weeks, and the editions the
 * data layer (src/data/editions.ts) makes from entries built through the
 * real schemas (tests/unit/test-utils.ts): the week's published articles by
 * rubrique, in the order of the rubriques, with the editors' word.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { editionId, isoWeekOf, parseEditionId, weekBounds, weeksInYear } from '../../src/lib/editions.ts';
import { toIsoString } from '../../src/lib/dates.ts';
import { article, astroContentMock, category, emptyStore, type Store } from './test-utils.ts';

const store = vi.hoisted(() => ({ current: undefined as unknown as Store }));
vi.mock('astro:content', () => ({
  getCollection: (name: keyof Store) => astroContentMock(store.current).getCollection(name),
  getEntry: (name: keyof Store, id: string) => astroContentMock(store.current).getEntry(name, id),
}));

beforeEach(() => {
  store.current = emptyStore();
});

describe('the week of a moment (ISO 8601, Paris time)', () => {
  it('counts days as Paris does: Sunday 23 h 30 in Paris is still that week, Monday 0 h 10 is the next, whatever UTC says', () => {
    expect(editionId(isoWeekOf(new Date('2026-11-29T23:30:00+01:00')))).toBe('2026-S48');
    // 23 h 10 UTC on Sunday, already Monday in Paris.
    expect(editionId(isoWeekOf(new Date('2026-11-29T23:10:00Z')))).toBe('2026-S49');
    expect(editionId(isoWeekOf(new Date('2026-11-23T00:00:00+01:00')))).toBe('2026-S48');
    // Summer time: 1 h 30 in Paris on Monday is 23 h 30 UTC on Sunday.
    expect(editionId(isoWeekOf(new Date('2026-06-14T23:30:00Z')))).toBe('2026-S25');
  });

  it('gives the days around New Year to the week of their Thursday', () => {
    expect(weeksInYear(2026)).toBe(53);
    expect(weeksInYear(2025)).toBe(52);
    expect(editionId(isoWeekOf(new Date('2027-01-01T12:00:00+01:00')))).toBe('2026-S53');
    expect(editionId(isoWeekOf(new Date('2024-12-30T12:00:00+01:00')))).toBe('2025-S01');
  });

  it('reads a week’s name, and refuses a week the year does not have', () => {
    expect(parseEditionId('2026-S48')).toEqual({ year: 2026, week: 48 });
    expect(parseEditionId('2026-S53')).toEqual({ year: 2026, week: 53 });
    for (const bad of ['2025-S53', '2026-S00', '2026-S5', '2026-48', '2026-s48', 'S48']) expect(parseEditionId(bad), bad).toBeUndefined();
  });

  it('begins a week on Monday 0 h 00 in Paris and ends it at the next one, summer time included', () => {
    const w48 = weekBounds({ year: 2026, week: 48 });
    expect(toIsoString(w48.start)).toBe('2026-11-23T00:00:00+01:00');
    expect(toIsoString(w48.end)).toBe('2026-11-30T00:00:00+01:00');
    // The week summer time begins in (29 March 2026): six days and 23 hours long.
    const w13 = weekBounds({ year: 2026, week: 13 });
    expect(toIsoString(w13.start)).toBe('2026-03-23T00:00:00+01:00');
    expect(toIsoString(w13.end)).toBe('2026-03-30T00:00:00+02:00');
  });
});

/** The data layer over `articles`, with the rubriques in the order given (as the site lists them). */
async function editionsOf(articles: Store['articles'], extra: Partial<Store> = {}) {
  store.current = {
    ...emptyStore(),
    categories: [category('securite', { title: 'Cybersécurité' }), category('cloud', { title: 'Cloud' })],
    ...extra,
    articles,
  };
  vi.resetModules();
  return (await import('../../src/data/editions.ts')).getEditions();
}

describe('getEditions: the editions of the published magazine', () => {
  it('makes one edition per week with a published article, newest first, each by rubrique in the order of the rubriques', async () => {
    const editions = await editionsOf([
      article('lundi-cloud', { publishedAt: '2026-11-23T08:00:00+01:00', category: 'cloud' }),
      article('jeudi-securite', { publishedAt: '2026-11-26T08:00:00+01:00', category: 'securite' }),
      article('dimanche-soir-cloud', { publishedAt: '2026-11-22T23:30:00+01:00', category: 'cloud' }),
      article('vieux', { publishedAt: '2016-05-12T08:00:00+02:00', category: 'securite' }),
      article('brouillon', { publishedAt: '2026-11-24T08:00:00+01:00', draft: true }),
      article('programme', { publishedAt: '2026-11-29T08:00:00+01:00' }),
      article('retire', { publishedAt: '2026-11-24T08:00:00+01:00', expiresAt: '2026-11-25T08:00:00+01:00' }),
    ]);
    expect(editions.map((e) => e.id)).toEqual(['2026-S48', '2026-S47', '2016-S19']);
    const [s48, s47, s19] = editions;
    expect(s48!.sections.map((s) => [s.category.title, s.articles.map((a) => a.slug)])).toEqual([
      ['Cybersécurité', ['jeudi-securite']],
      ['Cloud', ['lundi-cloud']],
    ]);
    expect(s48!.count).toBe(2);
    expect(s47!.sections.map((s) => [s.category.id, s.articles.map((a) => a.slug)])).toEqual([['cloud', ['dimanche-soir-cloud']]]);
    expect(s48!.url).toBe('/edition/2026-S48/');
    expect(s48!.emailUrl).toBe('/edition/2026-S48/email.html');
    // NOW is Saturday 28 November 2026: week 48 is not over.
    expect(editions.map((e) => e.current)).toEqual([true, false, false]);
    expect(s48!.title).toBe('Semaine\u00A048 de 2026');
    expect(s19!.period).toBe('Du 9\u00A0mai\u00A02016 au 15\u00A0mai\u00A02016');
  });

  it('gives an edition its editors’ word, title and chapô when the week has one', async () => {
    const word = { id: '2026-S48', titre: 'Une semaine chargée', chapo: 'Le résumé.', html: '<p>Bonjour.</p>', feedHtml: '<p>Bonjour.</p>', hasYoutube: false, scripts: [] };
    const [s48] = await editionsOf([article('jeudi', { publishedAt: '2026-11-26T08:00:00+01:00', category: 'cloud' })], { editions: [{ id: word.id, data: word }] });
    expect(s48).toMatchObject({ title: 'Une semaine chargée', chapo: 'Le résumé.', description: 'Le résumé.', word: { html: '<p>Bonjour.</p>' } });
  });
});
