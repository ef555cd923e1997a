/**
 * A tech magazine's formats (src/render/formats.ts): `<Verdict>` with
 * `<Pour>` / `<Contre>`, `<Publication>`, `<Encadre>`. What readers see on the
 * page, what feed readers get, the product test's structured data, and each
 * refusal a writer reads, with its line.
 */
import type { Root } from 'hast';
import { parseHTML } from 'linkedom';
import { mdxToHast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { MDX_FEATURES, renderBody } from '../../src/render/article.ts';
import type { ComponentContext } from '../../src/render/components.ts';
import { findFormatProblems, parseNote, parsePostDate } from '../../src/render/formats.ts';
import { findUnsafeContent } from '../../src/markdown/safety.ts';
import { scanMdx } from '../../src/content/scan.ts';
import { reviewLd } from '../../src/lib/structured-data.ts';
import { frenchTypography } from '../../src/lib/typography.ts';
import type { ContentProblem } from '../../src/lib/errors.ts';

const NBSP = '\u00A0';
const NNBSP = '\u202F';

const ctx: ComponentContext = {
  origin: 'https://mag.example',
  articleUrl: 'https://mag.example/articles/test-kerlo/',
  sitePath: (href) => href,
  typeset: frenchTypography,
  picture: () => {
    throw new Error('no image in these bodies');
  },
  media: () => {
    throw new Error('no media in these bodies');
  },
  article: () => undefined,
};

const parse = (source: string) => mdxToHast(source, { features: MDX_FEATURES }) as Root;
const render = (source: string) => renderBody(parse(source), ctx);
const dom = (html: string) => parseHTML(`<!doctype html><html><body>${html}</body></html>`).document;
const text = (el: Element | null | undefined) => el?.textContent?.replace(/[ \t\r\n]+/g, ' ').trim() ?? '';
const problemsOf = (source: string) => findFormatProblems(parse(source));

const VERDICT = `Texte.

<Verdict produit="Kerlo 2" note="8,5/10" prix="549 €" version="KerloOS 4.2">
<Pour>
- Batterie remplaçable : en deux minutes
- Cinq ans de mises à jour
</Pour>
<Contre>
- Photo de nuit "moyenne"
</Contre>

Un bon choix !
</Verdict>
`;

describe('<Verdict>', () => {
  it('shows on the page a box with the product, the note (read « 8,5 sur 10 »), « Points forts », « Points faibles », the conclusion, the price and version', async () => {
    const page = dom((await render(VERDICT)).html);
    const box = page.querySelector('section.verdict')!;
    expect(box.getAttribute('aria-label')).toBe(`Notre verdict${NBSP}: Kerlo 2`);
    expect(text(box.querySelector('.verdict__label'))).toBe('Notre verdict');
    expect(text(box.querySelector('.verdict__product'))).toBe('Kerlo 2');
    expect(box.querySelector('.verdict__note .visually-hidden')?.textContent).toBe(`Note${NBSP}: 8,5 sur 10`);
    expect(box.querySelector('.verdict__score')?.textContent).toBe('8,5');
    expect(box.querySelector('.verdict__scale')?.textContent).toBe('/10');
    expect(box.querySelector('.verdict__score')?.getAttribute('aria-hidden')).toBe('true');
    expect(text(box.querySelector('.verdict__pros .verdict__heading'))).toBe('Points forts');
    expect([...box.querySelectorAll('.verdict__pros li')].map((li) => li.textContent)).toEqual([`Batterie remplaçable${NBSP}: en deux minutes`, 'Cinq ans de mises à jour']);
    expect(text(box.querySelector('.verdict__cons .verdict__heading'))).toBe('Points faibles');
    expect([...box.querySelectorAll('.verdict__cons li')].map((li) => li.textContent)).toEqual([`Photo de nuit «${NBSP}moyenne${NBSP}»`]);
    expect(box.querySelector('.verdict__body > p')?.textContent).toBe(`Un bon choix${NNBSP}!`);
    expect([...box.querySelectorAll('.verdict__fact')].map((p) => p.textContent)).toEqual([`Prix${NBSP}: 549${NBSP}€`, `Version testée${NBSP}: KerloOS 4.2`]);
  });

  it('gives feed readers the same verdict as plain HTML: no class, the note written out, headings in bold', async () => {
    const feed = dom((await render(VERDICT)).feedHtml);
    expect(feed.querySelector('[class]')).toBeNull();
    const section = feed.querySelector('section')!;
    expect(section.querySelector('p > strong')?.textContent).toBe(`Notre verdict${NBSP}: Kerlo 2 — 8,5/10`);
    expect([...section.querySelectorAll('p > strong')].map((s) => s.textContent).slice(1)).toEqual(['Points forts', 'Points faibles']);
    expect(section.querySelectorAll('ul li')).toHaveLength(3);
    expect(section.lastElementChild?.textContent).toBe(`Prix${NBSP}: 549${NBSP}€ · Version testée${NBSP}: KerloOS 4.2`);
  });

  it('leaves out the note and the facts the writer did not give', async () => {
    const page = dom((await render('<Verdict produit="Kerlo 2">\n<Pour>\n- Solide\n- Réparable\n</Pour>\n</Verdict>\n')).html);
    expect(page.querySelector('.verdict__note')).toBeNull();
    expect(page.querySelector('.verdict__facts')).toBeNull();
  });

  it('hands the article its verdict as typeset plain text, for the Review structured data', async () => {
    const body = await render(VERDICT);
    expect(body.verdict).toEqual({
      product: 'Kerlo 2',
      note: { value: 8.5, best: 10 },
      pros: [`Batterie remplaçable${NBSP}: en deux minutes`, 'Cinq ans de mises à jour'],
      cons: [`Photo de nuit «${NBSP}moyenne${NBSP}»`],
    });
    expect((await render('Pas de verdict ici.\n')).verdict).toBeUndefined();
  });

  it('reads a note as a value out of a whole number, and nothing else', () => {
    expect(parseNote('8/10')).toEqual({ value: 8, best: 10 });
    expect(parseNote('4,5/5')).toEqual({ value: 4.5, best: 5 });
    expect(parseNote('4.5 / 5')).toEqual({ value: 4.5, best: 5 });
    for (const bad of ['8 sur 10', '11/10', '8/0', '8', '/10', 'huit/10', '8/10,5']) expect(parseNote(bad), bad).toBeUndefined();
  });
});

describe('reviewLd', () => {
  const article = {
    headline: 'Test du Kerlo 2',
    url: 'https://mag.example/articles/test-kerlo/',
    datePublished: '2026-11-24T09:00:00+01:00',
    authors: [{ name: 'Thomas Lefèvre', url: 'https://mag.example/auteurs/thomas-lefevre/' }],
    publisher: { name: 'L’Écho', url: 'https://mag.example/' },
  };

  it('is a Review of the named Product, with its rating and its pros and cons as ItemLists (Google’s editorial pros and cons)', () => {
    const ld = reviewLd({ product: 'Kerlo 2', rating: { value: 8.5, best: 10 }, pros: ['Réparable', 'Cinq ans'], cons: ['Photo'], article });
    expect(ld).toMatchObject({
      '@context': 'https://schema.org',
      '@type': 'Review',
      name: 'Test du Kerlo 2',
      url: article.url,
      datePublished: article.datePublished,
      author: [{ '@type': 'Person', name: 'Thomas Lefèvre', url: article.authors[0]!.url }],
      publisher: { '@type': 'NewsMediaOrganization', name: 'L’Écho' },
      itemReviewed: { '@type': 'Product', name: 'Kerlo 2' },
      reviewRating: { '@type': 'Rating', ratingValue: 8.5, bestRating: 10, worstRating: 0 },
      positiveNotes: {
        '@type': 'ItemList',
        itemListElement: [
          { '@type': 'ListItem', position: 1, name: 'Réparable' },
          { '@type': 'ListItem', position: 2, name: 'Cinq ans' },
        ],
      },
      negativeNotes: { '@type': 'ItemList', itemListElement: [{ '@type': 'ListItem', position: 1, name: 'Photo' }] },
    });
  });

  it('leaves out the rating and a side without points rather than writing them empty', () => {
    const ld = reviewLd({ product: 'Kerlo 2', pros: ['Réparable', 'Cinq ans'], cons: [], article });
    expect(ld).not.toHaveProperty('reviewRating');
    expect(ld).not.toHaveProperty('negativeNotes');
  });
});

const POST = '<Publication reseau="mastodon" auteur="@atelier@kerlo.example" date="2026-11-20T14:05" url="https://mastodon.example/@atelier/113498765432101234">Les pièces détachées du Kerlo 2 sont en stock : écran, batterie, caméra.</Publication>\n';

describe('<Publication>', () => {
  it('shows a static card: the account, the network, the text quoted, the date as <time> in a link out with rel="noopener nofollow"', async () => {
    const page = dom((await render(POST)).html);
    const card = page.querySelector('figure.social-post')!;
    expect(text(card.querySelector('.social-post__head'))).toBe('@atelier@kerlo.example sur Mastodon');
    expect(card.querySelector('blockquote')?.getAttribute('cite')).toBe('https://mastodon.example/@atelier/113498765432101234');
    expect(text(card.querySelector('blockquote'))).toBe(`Les pièces détachées du Kerlo 2 sont en stock${NBSP}: écran, batterie, caméra.`);
    const link = card.querySelector('figcaption a')!;
    expect(link.getAttribute('href')).toBe('https://mastodon.example/@atelier/113498765432101234');
    expect(link.getAttribute('rel')).toBe('noopener nofollow');
    expect(link.getAttribute('aria-label')).toBe(`Voir la publication sur Mastodon, du 20${NBSP}novembre${NBSP}2026 à${NBSP}14${NBSP}h${NBSP}05`);
    expect(link.querySelector('time')?.getAttribute('datetime')).toBe('2026-11-20T14:05:00+01:00');
    // Nothing of the network is loaded: no image, frame or script of another site.
    expect(card.querySelector('img, iframe, script')).toBeNull();
  });

  it('writes a day without a time as that day', async () => {
    const page = dom((await render(POST.replace('2026-11-20T14:05', '2026-11-01'))).html);
    const time = page.querySelector('figure.social-post time')!;
    expect(time.getAttribute('datetime')).toBe('2026-11-01');
    expect(time.textContent).toBe(`1er${NBSP}novembre${NBSP}2026`);
  });

  it('gives feed readers the quotation and a plain attribution with the link', async () => {
    const feed = dom((await render(POST)).feedHtml);
    expect(feed.querySelector('[class]')).toBeNull();
    expect(text(feed.querySelector('figure blockquote'))).toContain('en stock');
    expect(text(feed.querySelector('figure figcaption'))).toBe(`— @atelier@kerlo.example sur Mastodon, 20${NBSP}novembre${NBSP}2026 à${NBSP}14${NBSP}h${NBSP}05`);
    expect(feed.querySelector('figcaption a')?.getAttribute('href')).toBe('https://mastodon.example/@atelier/113498765432101234');
  });

  it('reads a post’s date as a day, a day and a Paris time, or a full date with its offset', () => {
    expect(parsePostDate('2026-11-20')).toMatchObject({ withTime: false });
    expect(parsePostDate('2026-11-20T14:05')?.date.toISOString()).toBe('2026-11-20T13:05:00.000Z');
    expect(parsePostDate('2026-11-20T14:05:00Z')?.date.toISOString()).toBe('2026-11-20T14:05:00.000Z');
    for (const bad of ['hier', '20/11/2026', '2026-02-30', '2026-02-30T10:00:00+01:00', '']) expect(parsePostDate(bad), bad).toBeUndefined();
  });
});

describe('<Encadre>', () => {
  const BOX = '<Encadre type="methode" titre="Trois semaines : au quotidien">\nNous avons utilisé le téléphone **trois semaines**.\n</Encadre>\n';

  it('is an aside with its label and its title on the page', async () => {
    const page = dom((await render(BOX)).html);
    const aside = page.querySelector('aside.encadre.encadre--methode')!;
    expect(aside.getAttribute('aria-label')).toBe(`Comment nous avons testé${NBSP}: Trois semaines${NBSP}: au quotidien`);
    expect(text(aside.querySelector('.encadre__label'))).toBe('Comment nous avons testé');
    expect(aside.querySelector('.encadre__title')?.textContent).toBe(`Trois semaines${NBSP}: au quotidien`);
    expect(aside.querySelector('p:last-child strong')?.textContent).toBe('trois semaines');
  });

  it('says each type’s label, and needs no title', async () => {
    for (const [type, label] of [['retenir', 'À retenir'], ['contexte', 'Le contexte']]) {
      const aside = dom((await render(`<Encadre type="${type}">\nTexte.\n</Encadre>\n`)).html).querySelector(`aside.encadre--${type}`)!;
      expect(aside.getAttribute('aria-label')).toBe(label);
      expect(aside.querySelector('.encadre__title')).toBeNull();
    }
  });

  it('gives feed readers the label and title in bold above the text', async () => {
    const feed = dom((await render(BOX)).feedHtml);
    expect(feed.querySelector('[class]')).toBeNull();
    expect(feed.querySelector('aside > p > strong')?.textContent).toBe(`Comment nous avons testé — Trois semaines${NBSP}: au quotidien`);
  });
});

describe('the formats’ refusals, with their line', () => {
  it('accepts the valid forms, which the safety scan also lets through', () => {
    const ok = `${VERDICT}\n${POST}\n<Encadre type="retenir">\nTexte.\n</Encadre>\n`;
    expect(problemsOf(ok)).toEqual([]);
    expect(findUnsafeContent(parse(ok))).toEqual([]);
  });

  it('refuses a note written in words, and says how to write it', () => {
    const [p] = problemsOf(VERDICT.replace('8,5/10', '8 sur 10'));
    expect(p).toMatchObject({ field: '<Verdict note>', line: 3, found: 'la note "8 sur 10", qui n’est pas une note sur un nombre entier', hint: 'écrivez note="8/10"' });
    expect(problemsOf(VERDICT.replace('8,5/10', '12/10'))[0]).toMatchObject({ field: '<Verdict note>', hint: undefined });
  });

  it('refuses <Pour> and <Contre> outside a Verdict', () => {
    expect(problemsOf('Texte.\n\n<Pour>\n- Solide\n</Pour>\n')).toEqual([
      expect.objectContaining({ field: '<Pour>', line: 3, found: '<Pour> en dehors d’un <Verdict>', expected: '<Pour> directement entre <Verdict …> et </Verdict>' }),
    ]);
    expect(problemsOf('<Encadre type="retenir">\n<Contre>\n- Cher\n</Contre>\n</Encadre>\n')[0]).toMatchObject({ field: '<Contre>', line: 2 });
  });

  it('refuses a second Verdict, naming the first one’s line', () => {
    const problems = problemsOf(`${VERDICT}\n${VERDICT.replace('Texte.\n\n', '')}`);
    expect(problems).toEqual([expect.objectContaining({ field: '<Verdict>', line: 15, found: 'un deuxième verdict dans l’article (le premier est ligne 3)' })]);
  });

  it('refuses a Verdict without its product, points that are not a list, or fewer than two points', () => {
    expect(problemsOf(VERDICT.replace('produit="Kerlo 2" ', ''))[0]).toMatchObject({ field: '<Verdict produit>', found: '<Verdict> sans attribut produit' });
    expect(problemsOf('<Verdict produit="K">\n<Pour>\nTout est bien.\n</Pour>\n</Verdict>\n').map((p) => p.field)).toEqual(['<Pour>', '<Verdict>']);
    expect(problemsOf('<Verdict produit="K">\n<Pour>\n- Un seul\n</Pour>\n</Verdict>\n')).toEqual([expect.objectContaining({ field: '<Verdict>', found: 'un verdict d’un seul point' })]);
  });

  it('refuses a post whose address is not a post of the named network', () => {
    const urlProblem = (reseau: string, url: string) => problemsOf(`<Publication reseau="${reseau}" auteur="@a" date="2026-11-20" url="${url}">x</Publication>\n`);
    expect(urlProblem('x', 'https://bsky.app/profile/a.bsky.social/post/3lbq7xkz2s22c')).toEqual([
      expect.objectContaining({ field: '<Publication url>', line: 1, found: 'l’adresse "https://bsky.app/profile/a.bsky.social/post/3lbq7xkz2s22c", qui n’est pas celle d’une publication X' }),
    ]);
    expect(urlProblem('mastodon', 'https://mastodon.example/@atelier')).toHaveLength(1);
    expect(urlProblem('mastodon', 'http://mastodon.example/@atelier/1134')).toHaveLength(1);
    expect(urlProblem('bluesky', 'https://bsky.app/profile/a.bsky.social')).toHaveLength(1);
    expect(urlProblem('x', 'https://x.com.evil.example/a/status/1')).toHaveLength(1);
    for (const [reseau, url] of [
      ['mastodon', 'https://piaille.fr/@alice/113520123456789012'],
      ['mastodon', 'https://mastodon.social/@alice@piaille.fr/113520123456789012'],
      ['bluesky', 'https://bsky.app/profile/alice.bsky.social/post/3lbq7xkz2s22c'],
      ['x', 'https://x.com/alice/status/1861234567890123456'],
      ['x', 'https://twitter.com/alice/status/1861234567890123456'],
    ]) expect(urlProblem(reseau!, url!), url).toEqual([]);
  });

  it('refuses an unknown network, a date that is not a date, an account without @', () => {
    const problems = problemsOf('Texte.\n\n<Publication reseau="twitter" auteur="atelier" date="hier" url="https://x.com/a/status/1">x</Publication>\n');
    expect(problems.map((p) => [p.field, p.line])).toEqual([
      ['<Publication reseau>', 3],
      ['<Publication auteur>', 3],
      ['<Publication date>', 3],
    ]);
    expect(problems[0]).toMatchObject({ expected: 'reseau="…", l’un de : mastodon, bluesky, x', hint: 'écrivez reseau="x"' });
    expect(problems[2]).toMatchObject({ found: 'la date "hier", qui n’est pas une date qui existe' });
    expect(problemsOf('<Publication reseau="x" auteur="@a" date="20/11/2026" url="https://x.com/a/status/1">x</Publication>\n')).toEqual([
      expect.objectContaining({ field: '<Publication date>', hint: 'écrivez date="2026-11-20"' }),
    ]);
  });

  it('refuses a javascript: address through the safety scan (the url is a link)', () => {
    const unsafe = findUnsafeContent(parse('<Publication reseau="x" auteur="@a" date="2026-11-20" url="javascript:alert(1)">x</Publication>\n'));
    expect(unsafe).toEqual([expect.objectContaining({ field: '<Publication url>' })]);
  });

  it('refuses an unknown Encadre type', () => {
    expect(problemsOf('<Encadre type="astuce">\nTexte.\n</Encadre>\n')).toEqual([
      expect.objectContaining({ field: '<Encadre type>', line: 1, found: 'le type "astuce", que le site ne connaît pas', expected: 'type="…", l’un de : retenir (« À retenir »), methode (« Comment nous avons testé »), contexte (« Le contexte »)' }),
    ]);
  });

  it('are reported by the content phase with the file', () => {
    const problems: ContentProblem[] = [];
    scanMdx('---\ntitle: x\n---\n\n<Pour>\n- Solide\n</Pour>\n', '/nowhere', '/nowhere/articles/x.mdx', 'content/articles/x.mdx', problems);
    expect(problems).toEqual([expect.objectContaining({ file: 'content/articles/x.mdx', field: '<Pour>', line: 5 })]);
  });
});
