/**
 * Genres and sponsored content (src/lib/labels.ts, src/lib/affiliate.ts):
 * the labels readers see, the schema.org type, `rel="sponsored"` on the
 * outbound links of a paid article (page and feed, parsed back), the news
 * sitemap's choice, and the content problem of undisclosed affiliate links
 * as a writer reads it (file:line).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Root } from 'hast';
import { parseHTML } from 'linkedom';
import { mdxToHast } from 'satteri';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';
import { affiliateMarker, affiliateProblem } from '../../src/lib/affiliate.ts';
import { formatProblem } from '../../src/lib/errors.ts';
import { GENRES, articleLabels, isAdvertising, schemaTypeOf } from '../../src/lib/labels.ts';
import { articlesForNewsSitemap } from '../../src/lib/news.ts';
import { newsArticleLd } from '../../src/lib/structured-data.ts';
import { typesetFields } from '../../src/lib/typography.ts';
import { MDX_FEATURES, renderBody } from '../../src/render/article.ts';
import { contextFor } from '../../src/render/context.ts';
import { articleProse, articleSchema } from '../../src/schemas/article.ts';

const FRONT = {
  title: 'Un titre',
  description: 'Un chapô.',
  publishedAt: '2026-11-12T08:00:00+01:00',
  authors: ['alice'],
  category: 'mobile',
};

describe('article labels', () => {
  it('shows nothing for plain news, written or by default, and the genre otherwise', () => {
    expect(articleLabels({})).toEqual([]);
    expect(articleLabels({ genre: 'actualité' })).toEqual([]);
    expect(articleLabels({ genre: 'analyse' })).toEqual(['Analyse']);
    expect(articleLabels({ genre: 'éditorial' })).toEqual(['Éditorial']);
  });

  it('says who paid first, then the genre', () => {
    expect(articleLabels({ genre: 'test', sponsor: { kind: 'affiliation', name: 'Amazon' } })).toEqual(['Liens affiliés', 'Test']);
    expect(articleLabels({ sponsor: { kind: 'sponsorisé', name: 'Orange' } })).toEqual(['Contenu sponsorisé par Orange']);
    expect(articleLabels({ sponsor: { kind: 'partenariat', name: 'Inria' } })).toEqual(['Partenariat avec Inria']);
  });

  it('types the structured data by genre, NewsArticle for plain news and interviews', () => {
    expect(schemaTypeOf(undefined)).toBe('NewsArticle');
    expect(schemaTypeOf('analyse')).toBe('AnalysisNewsArticle');
    expect(schemaTypeOf('opinion')).toBe('OpinionNewsArticle');
    expect(schemaTypeOf('test')).toBe('ReviewNewsArticle');
    expect(schemaTypeOf('décryptage')).toBe('BackgroundNewsArticle');
    expect(schemaTypeOf('enquête')).toBe('ReportageNewsArticle');
    expect(schemaTypeOf('entretien')).toBe('NewsArticle');
    const ld = newsArticleLd({
      headline: 'Un titre',
      url: 'https://mag.example/articles/a/',
      images: [],
      datePublished: new Date('2026-11-12T08:00:00+01:00'),
      authors: [{ name: 'Alice', url: 'https://mag.example/auteurs/alice/' }],
      publisher: { name: 'Le Mag', url: 'https://mag.example/' },
      type: schemaTypeOf('opinion'),
      sponsor: { name: 'Orange', url: 'https://orange.example/' },
    });
    expect(ld['@type']).toBe('OpinionNewsArticle');
    expect(ld.sponsor).toEqual({ '@type': 'Organization', name: 'Orange', url: 'https://orange.example/' });
  });
});

describe('the genre and sponsor fields', () => {
  it('accept every genre of the list and the three kinds of sponsor, the sponsor’s name typeset', () => {
    for (const genre of Object.keys(GENRES)) expect(articleSchema.safeParse({ ...FRONT, genre }).success, genre).toBe(true);
    const data = articleSchema.parse({ ...FRONT, sponsor: { kind: 'partenariat', name: 'Les Échos : Tech', url: 'https://lesechos.example/' } });
    expect(typesetFields(data, articleProse).sponsor?.name).toBe('Les Échos\u00A0: Tech');
  });

  it('refuse an unknown genre or kind, listing what to write', () => {
    const genre = articleSchema.safeParse({ ...FRONT, genre: 'chronique' });
    expect(genre.error?.issues[0]?.message).toBe('un genre parmi : actualité, analyse, décryptage, enquête, reportage, entretien, test, opinion, tribune, éditorial');
    const kind = articleSchema.safeParse({ ...FRONT, sponsor: { kind: 'payé', name: 'Orange' } });
    expect(kind.error?.issues[0]?.message).toMatch(/^sponsorisé \(contenu payé par un annonceur\), partenariat/);
  });
});

describe('the Google News sitemap', () => {
  const now = new Date('2026-11-28T12:00:00+01:00');
  const at = new Date('2026-11-28T08:00:00+01:00');
  it('leaves out sponsored and partner content, keeps affiliate articles and plain news', () => {
    const articles = [
      { slug: 'news', publishedAt: at },
      { slug: 'paid', publishedAt: at, sponsor: { kind: 'sponsorisé' as const, name: 'Orange' } },
      { slug: 'partner', publishedAt: at, sponsor: { kind: 'partenariat' as const, name: 'Inria' } },
      { slug: 'affiliate', publishedAt: at, sponsor: { kind: 'affiliation' as const, name: 'Amazon' } },
    ];
    expect(articlesForNewsSitemap(articles, now).map((a) => a.slug)).toEqual(['affiliate', 'news']);
    expect(isAdvertising(undefined)).toBe(false);
  });
});

describe('rel="sponsored" on a paid article’s outbound links', () => {
  const ctx = contextFor({ origin: 'https://mag.example', base: '/', manifest: { images: {}, files: {} }, titles: {} }, '/articles/essai/', 'content/articles/essai.mdx');
  const body = [
    '[Amazon](https://www.amazon.fr/dp/X?tag=mag-21), [notre site](https://mag.example/articles/autre/), [un autre article](/articles/autre/),',
    '[une note](#section), [écrire](mailto:redaction@mag.example) et <a href="https://www.usb.org/">l’USB-IF</a>.',
    // Protocol-relative: another site as much as with https:, and ours as much.
    '[Framasoft](//framasoft.org/), [chez nous](//mag.example/a-propos/).',
  ].join(' ');
  const relsOf = (html: string) => Object.fromEntries([...parseHTML(`<!doctype html><body>${html}</body>`).document.querySelectorAll('a')].map((a) => [a.textContent, a.getAttribute('rel')]));
  const render = (sponsored: boolean) => renderBody(mdxToHast(body, { features: MDX_FEATURES }) as Root, ctx, { sponsored });

  it('marks every link to another site, in the page and in the feed, and no other link', async () => {
    const { html, feedHtml } = await render(true);
    for (const out of [html, feedHtml]) {
      expect(relsOf(out)).toEqual({ Amazon: 'sponsored', 'notre site': null, 'un autre article': null, 'une note': null, écrire: null, 'l’USB-IF': 'sponsored', Framasoft: 'sponsored', 'chez nous': null });
    }
  });

  it('leaves the links of an article without sponsor as they were', async () => {
    const { html, feedHtml } = await render(false);
    for (const out of [html, feedHtml]) expect(Object.values(relsOf(out)).every((rel) => rel === null)).toBe(true);
  });
});

describe('affiliate links', () => {
  it('are recognised by the host of a network or a merchant’s short link, or by a parameter that names an affiliate', () => {
    expect(affiliateMarker('https://amzn.to/3xYz')).toBe('amzn.to');
    expect(affiliateMarker('https://www.awin1.com/cread.php?awinmid=1')).toBe('awin1.com');
    expect(affiliateMarker('https://clk.tradedoubler.com/click?p=1')).toBe('tradedoubler.com');
    expect(affiliateMarker('https://www.amazon.fr/dp/B0X?tag=mag-21')).toBe('tag= sur www.amazon.fr');
    expect(affiliateMarker('https://boutique.example/produit?affid=42')).toBe('affid=');
    // Without a scheme, as a browser follows it.
    expect(affiliateMarker('//amzn.to/3xYz')).toBe('amzn.to');
    expect(affiliateMarker('\\\\www.amazon.fr/dp/B0X?tag=mag-21')).toBe('tag= sur www.amazon.fr');
  });

  it('are not any link with a tag or a look-alike host', () => {
    expect(affiliateMarker('https://blog.example/?tag=linux')).toBeUndefined();
    expect(affiliateMarker('https://www.amazon.fr/dp/B0X')).toBeUndefined();
    expect(affiliateMarker('https://notamzn.to/')).toBeUndefined();
    expect(affiliateMarker('/articles/amzn.to/')).toBeUndefined();
    expect(affiliateMarker('mailto:a@amzn.to')).toBeUndefined();
  });

  it('need a sponsor block, or the article is refused once, at the first such link', () => {
    const links = [{ href: 'https://www.usb.org/', line: 8 }, { href: 'https://amzn.to/3xYz', line: 12 }, { href: 'https://www.amazon.fr/dp/B0X?tag=mag-21', line: 15 }];
    expect(affiliateProblem('content/articles/a.mdx', true, links)).toBeUndefined();
    expect(affiliateProblem('content/articles/a.mdx', false, links.slice(0, 1))).toBeUndefined();
    expect(formatProblem(affiliateProblem('content/articles/a.mdx', false, links)!)).toBe(
      'content/articles/a.mdx:12 — le lien https://amzn.to/3xYz est un lien d’affiliation (reconnu à amzn.to), comme ceux des lignes 15, mais l’article ne l’annonce pas à ses lecteurs ; attendu : un article à liens affiliés qui le dit : un bloc « sponsor: » dans l’en-tête ; ajoutez dans l’en-tête « sponsor: », puis en retrait « kind: affiliation » et « name: » suivi du marchand (par exemple Amazon) ; ou retirez le lien',
    );
  });
});

describe('loading an article with affiliate links', () => {
  const work = mkdtempSync(path.join(tmpdir(), 'rotative-labels-'));
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  const load = (frontMatter: string, body: string) => {
    const content = path.join(mkdtempSync(path.join(work, 'tree-')), 'content');
    const files: Record<string, string> = {
      'site.yaml': 'name: "Le Test"\nurl: https://test.example\n',
      'authors/alice.yaml': 'name: Alice Martin\n',
      'categories/mobile.yaml': 'title: Mobile\n',
      'articles/2026/essai.mdx': `---\ntitle: "Un titre"\ndescription: "Un chapô."\npublishedAt: 2026-11-12T08:00:00+01:00\nauthors: [alice]\ncategory: mobile\n${frontMatter}---\n\nLe texte.\n\n${body}\n`,
    };
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(content, rel)), { recursive: true });
      writeFileSync(path.join(content, rel), text);
    }
    return loadContent(content, { now: new Date('2026-11-28T12:00:00+01:00') }).problems.map((p) => formatProblem(p).replace(/^.*content\//, 'content/'));
  };

  it('reports the file and the line of the link, in a Markdown link or an <a>', () => {
    expect(load('', 'Vendue [chez Amazon](https://amzn.to/3xYz).')).toEqual([expect.stringMatching(/^content\/articles\/2026\/essai\.mdx:11 — le lien https:\/\/amzn\.to\/3xYz est un lien d’affiliation/)]);
    expect(load('', 'Un mot.\n\nVendue <a href="https://www.amazon.fr/dp/B0X?tag=mag-21">ici</a>.')).toEqual([expect.stringMatching(/^content\/articles\/2026\/essai\.mdx:13 — le lien https:\/\/www\.amazon\.fr/)]);
  });

  it('names the genres and the kinds of sponsor when one is mistyped', () => {
    expect(load('genre: chronique\nsponsor:\n  kind: payé\n  name: Orange\n', '')).toEqual([
      'content/articles/2026/essai.mdx:7 — le champ genre vaut "chronique" ; attendu : un genre parmi : actualité, analyse, décryptage, enquête, reportage, entretien, test, opinion, tribune, éditorial',
      'content/articles/2026/essai.mdx:9 — le champ sponsor.kind vaut "payé" ; attendu : sponsorisé (contenu payé par un annonceur), partenariat (réalisé avec un partenaire) ou affiliation (liens rémunérés)',
    ]);
  });

  it('accepts them once the article says so', () => {
    expect(load('sponsor:\n  kind: affiliation\n  name: Amazon\n', 'Vendue [chez Amazon](https://amzn.to/3xYz).')).toEqual([]);
  });
});
