import { describe, expect, it } from 'vitest';
import { listCorrections } from '../../src/lib/corrections.ts';

const at = (iso: string) => new Date(iso);

describe('listCorrections', () => {
  it('lists every notice of every article, newest first, each with its article’s title and link', () => {
    const articles = [
      { title: 'Récent', url: '/articles/recent/', corrections: [{ at: at('2026-03-02T10:00:00+01:00'), text: 'R1' }] },
      { title: 'Sans correction', url: '/articles/sans/', corrections: [] },
      {
        title: 'Ancien',
        url: '/articles/ancien/',
        corrections: [
          { at: at('2026-01-05T09:00:00+01:00'), text: 'A1' },
          { at: at('2026-03-10T09:00:00+01:00'), text: 'A2' },
        ],
      },
    ];
    expect(listCorrections(articles)).toEqual([
      { at: at('2026-03-10T09:00:00+01:00'), text: 'A2', title: 'Ancien', url: '/articles/ancien/' },
      { at: at('2026-03-02T10:00:00+01:00'), text: 'R1', title: 'Récent', url: '/articles/recent/' },
      { at: at('2026-01-05T09:00:00+01:00'), text: 'A1', title: 'Ancien', url: '/articles/ancien/' },
    ]);
  });

  it('is empty when no article was corrected', () => {
    expect(listCorrections([{ title: 'T', url: '/articles/t/', corrections: [] }])).toEqual([]);
  });
});

describe('the publisher’s pages', () => {
  it('keep their addresses: no page of content/pages/ may be named accessibilite or corrections', async () => {
    const { RESERVED_PAGE_SLUGS } = await import('../../src/content/load.ts');
    expect(RESERVED_PAGE_SLUGS).toEqual(expect.arrayContaining(['accessibilite', 'corrections']));
  });
});
