import { describe, it, expect } from 'vitest';
import { breadcrumbLd, collectionPageLd, newsArticleLd, serializeJsonLd } from '../../src/lib/structured-data.ts';

describe('serializeJsonLd', () => {
  it('makes </script> inert', () => {
    const json = serializeJsonLd({ headline: 'Fin </script><script>alert(1)</script>' });
    expect(json).not.toMatch(/<|>/);
    expect(json).toContain('\\u003c/script\\u003e');
  });

  it('escapes &, HTML comments and line separators', () => {
    const json = serializeJsonLd({ a: 'R&D <!-- x -->', b: 'un\u2028deux\u2029trois' });
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u0026');
    expect(json).toContain('\\u2028');
    expect(json).toContain('\\u2029');
  });

  it('round-trips through JSON.parse', () => {
    const value = {
      '@context': 'https://schema.org',
      headline: 'Un an après… le « cloud » </script> & <b>gras</b>',
      list: [1, 2.5, true, null, 'a\u2028b\u2029c', { nested: '<>&"\'\\' }],
      unicode: 'Été 🎉 \u202F',
    };
    expect(JSON.parse(serializeJsonLd(value))).toEqual(value);
  });

  it('serialises primitives and drops undefined properties like JSON.stringify', () => {
    expect(serializeJsonLd('a<b')).toBe('"a\\u003cb"');
    expect(serializeJsonLd(null)).toBe('null');
    expect(JSON.parse(serializeJsonLd({ a: undefined, b: 1 }))).toEqual({ b: 1 });
  });

  it('throws when there is nothing to serialise', () => {
    expect(() => serializeJsonLd(undefined)).toThrow(TypeError);
  });
});

describe('newsArticleLd', () => {
  const input = {
    headline: 'Un an après',
    description: 'Le chapô.',
    url: 'https://magazine.example/articles/un-an-apres/',
    images: ['https://magazine.example/_images/a-1x1.jpg', 'https://magazine.example/_images/a-16x9.jpg'],
    datePublished: new Date('2016-05-12T06:00:00Z'),
    dateModified: new Date('2016-05-13T08:30:00Z'),
    authors: [{ name: 'Marie Durand', url: 'https://magazine.example/auteurs/marie-durand/' }],
    publisher: { name: 'Le Quotidien du Numérique', url: 'https://magazine.example/', logo: 'https://magazine.example/logo.png' },
    section: 'Cloud',
    keywords: ['cloud souverain', 'OpenStack'],
    isPartOf: { name: 'Un an après', url: 'https://magazine.example/series/un-an-apres/' },
  };

  it('carries each correction as a CorrectionComment, in a JSON.parse-safe serialisation', () => {
    const ld = newsArticleLd({ ...input, corrections: [{ text: 'Le chiffre était faux </script><!--', at: new Date('2016-05-20T07:30:00Z') }] });
    const back = JSON.parse(serializeJsonLd(ld)) as typeof ld;
    expect(back.correction).toEqual([{ '@type': 'CorrectionComment', text: 'Le chiffre était faux </script><!--', datePublished: '2016-05-20T09:30:00+02:00' }]);
    expect(serializeJsonLd(ld)).not.toContain('</script>');
    expect(newsArticleLd(input)).not.toHaveProperty('correction');
  });

  it('builds a complete NewsArticle', () => {
    expect(newsArticleLd(input)).toEqual({
      '@context': 'https://schema.org',
      '@type': 'NewsArticle',
      headline: 'Un an après',
      description: 'Le chapô.',
      url: input.url,
      mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
      image: input.images,
      datePublished: '2016-05-12T08:00:00+02:00',
      dateModified: '2016-05-13T10:30:00+02:00',
      inLanguage: 'fr-FR',
      author: [{ '@type': 'Person', name: 'Marie Durand', url: 'https://magazine.example/auteurs/marie-durand/' }],
      publisher: {
        '@type': 'NewsMediaOrganization',
        name: 'Le Quotidien du Numérique',
        url: 'https://magazine.example/',
        logo: { '@type': 'ImageObject', url: 'https://magazine.example/logo.png' },
      },
      articleSection: 'Cloud',
      keywords: ['cloud souverain', 'OpenStack'],
      isPartOf: { '@type': 'CreativeWorkSeries', name: 'Un an après', url: 'https://magazine.example/series/un-an-apres/' },
    });
  });

  it('defaults dateModified to datePublished and takes date strings as they are', () => {
    const ld = newsArticleLd({ ...input, datePublished: '2016-05-12T08:00:00+02:00', dateModified: undefined });
    expect(ld.datePublished).toBe('2016-05-12T08:00:00+02:00');
    expect(ld.dateModified).toBe('2016-05-12T08:00:00+02:00');
  });

  it('leaves out empty optional properties', () => {
    const ld = newsArticleLd({
      headline: 'H',
      url: 'https://m.example/a/',
      images: [],
      datePublished: new Date('2016-01-01T00:00:00Z'),
      authors: [],
      publisher: { name: 'M', url: 'https://m.example/' },
    });
    for (const key of ['description', 'image', 'articleSection', 'keywords', 'isPartOf']) expect(ld).not.toHaveProperty(key);
    expect(ld.publisher).toEqual({ '@type': 'NewsMediaOrganization', name: 'M', url: 'https://m.example/' });
  });

  it('is safe to embed once serialised', () => {
    const json = serializeJsonLd(newsArticleLd({ ...input, headline: '</script><script>alert(1)</script>' }));
    expect(json).not.toContain('</script>');
    expect(JSON.parse(json).headline).toBe('</script><script>alert(1)</script>');
  });

  it('does not share arrays with its input', () => {
    const ld = newsArticleLd(input);
    expect(ld.image).not.toBe(input.images);
  });
});

describe('breadcrumbLd', () => {
  it('numbers the items from 1', () => {
    expect(
      breadcrumbLd([
        { name: 'Accueil', url: 'https://m.example/' },
        { name: 'Cloud', url: 'https://m.example/rubriques/cloud/' },
        { name: 'Un an après', url: 'https://m.example/articles/un-an-apres/' },
      ]),
    ).toEqual({
      '@context': 'https://schema.org',
      '@type': 'BreadcrumbList',
      itemListElement: [
        { '@type': 'ListItem', position: 1, name: 'Accueil', item: 'https://m.example/' },
        { '@type': 'ListItem', position: 2, name: 'Cloud', item: 'https://m.example/rubriques/cloud/' },
        { '@type': 'ListItem', position: 3, name: 'Un an après', item: 'https://m.example/articles/un-an-apres/' },
      ],
    });
  });

  it('handles an empty trail', () => {
    expect(breadcrumbLd([]).itemListElement).toEqual([]);
  });
});

describe('collectionPageLd', () => {
  it('builds a CollectionPage with its ItemList', () => {
    expect(
      collectionPageLd({
        name: 'Cloud',
        description: 'Tout sur le cloud.',
        url: 'https://m.example/rubriques/cloud/',
        items: [
          { name: 'A', url: 'https://m.example/articles/a/' },
          { name: 'B', url: 'https://m.example/articles/b/' },
        ],
      }),
    ).toEqual({
      '@context': 'https://schema.org',
      '@type': 'CollectionPage',
      name: 'Cloud',
      description: 'Tout sur le cloud.',
      url: 'https://m.example/rubriques/cloud/',
      mainEntity: {
        '@type': 'ItemList',
        numberOfItems: 2,
        itemListElement: [
          { '@type': 'ListItem', position: 1, url: 'https://m.example/articles/a/', name: 'A' },
          { '@type': 'ListItem', position: 2, url: 'https://m.example/articles/b/', name: 'B' },
        ],
      },
    });
  });

  it('leaves out a missing description', () => {
    expect(collectionPageLd({ name: 'X', url: 'https://m.example/', items: [] })).not.toHaveProperty('description');
  });
});
