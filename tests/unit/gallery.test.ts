/**
 * `<Galerie>` and `<Figure largeur>`: what the page and the feeds get, and
 * every refusal, with its line, in the writer's words.
 */
import { describe, expect, it } from 'vitest';
import { dom, problemsOf, render } from './body-fixtures.ts';

const figure = (n: number, extra = '') => `  <Figure src="./photo-${n}.jpg" alt="Photo numéro ${n}" caption="Légende ${n} : ici" credit="© Studio ${n}"${extra} />`;
const gallery = (count: number, extra = '') => `<Galerie>\n${Array.from({ length: count }, (_, i) => figure(i + 1, i === 0 ? extra : '')).join('\n')}\n</Galerie>\n`;
const photos = (count: number) => Array.from({ length: count }, (_, i) => `photo-${i + 1}.jpg`);

describe('<Galerie> on the page', () => {
  it('is a grid of thumbnails, each a link to its photo’s full-size view with caption, credit, previous, next and close', async () => {
    const out = await render(gallery(5));
    const page = dom(out.html);
    const root = page.querySelector('.gallery')!;
    expect(root.getAttribute('role')).toBe('group');
    expect(root.getAttribute('aria-label')).toBe('Galerie de 5\u00A0photos');
    const thumbs = [...root.querySelectorAll('ul.gallery__grid > li > a.gallery__thumb')];
    expect(thumbs).toHaveLength(5);
    const views = [...root.querySelectorAll('.gallery__view')];
    expect(views.map((v) => `#${v.id}`)).toEqual(thumbs.map((a) => a.getAttribute('href')));
    // The link says what it does, then what the photo shows.
    expect(thumbs[1]!.textContent).toBe('Agrandir la photo 2 sur 5\u00A0: ');
    expect(thumbs[1]!.querySelector('img')?.getAttribute('alt')).toBe('Photo numéro 2');
    // Thumbnails ask for a file the width of a grid cell; the full view for one the width of the window.
    expect(thumbs[1]!.querySelector('img')?.getAttribute('sizes')).toBe('(min-width: 64rem) 14rem, 50vw');
    const second = views[1]!;
    expect(second.getAttribute('role')).toBe('dialog');
    expect(second.getAttribute('aria-label')).toBe('Photo 2 sur 5');
    expect(second.querySelector('img')?.getAttribute('sizes')).toBe('100vw');
    expect(second.querySelector('source[type="image/avif"]')?.getAttribute('srcset')).toContain('photo-2-abc-1200.avif 1200w');
    expect(second.querySelector('.caption')?.textContent).toBe('Légende 2\u00A0: ici');
    expect(second.querySelector('.credit')?.textContent).toBe('Crédit\u00A0: © Studio 2');
    const nav = (view: Element) => [...view.querySelectorAll('.gallery__nav a')].map((a) => [a.textContent, a.getAttribute('href')]);
    const id = root.id;
    expect(nav(second)).toEqual([
      ['Précédente', `#${id}-1`],
      ['Suivante', `#${id}-3`],
      ['Fermer', `#${id}-2-vignette`],
    ]);
    expect(thumbs[1]!.id).toBe(`${id}-2-vignette`);
    // The first photo's « Précédente » is the last, the last's « Suivante » the first.
    expect(nav(views[0]!)[0]).toEqual(['Précédente', `#${id}-5`]);
    expect(nav(views[4]!)[1]).toEqual(['Suivante', `#${id}-1`]);
    expect(second.querySelector('.gallery__count')?.textContent).toBe('2\u00A0/\u00A05');
    expect(out.scripts).toEqual(['gallery']);
  });

  it('has an id made from its photos: the same at every build, another for another gallery', async () => {
    const [a, b, other] = await Promise.all([render(gallery(4)), render(gallery(4)), render(gallery(5))]);
    const idOf = (html: string) => dom(html).querySelector('.gallery')!.id;
    expect(idOf(a.html)).toMatch(/^galerie-[0-9a-f]{8}$/);
    expect(idOf(a.html)).toBe(idOf(b.html));
    expect(idOf(other.html)).not.toBe(idOf(a.html));
  });
});

describe('<Galerie> in feeds', () => {
  it('is its figures one after another, plain: the image by absolute URL, caption and credit as text, no link, no class', async () => {
    const out = await render(gallery(4));
    const feed = dom(out.feedHtml);
    const figures = [...feed.querySelectorAll('figure')];
    expect(figures).toHaveLength(4);
    expect(figures.map((f) => f.querySelector('img')?.getAttribute('src'))).toEqual([1, 2, 3, 4].map((n) => `https://mag.example/_images/photo-${n}-abc-800.jpg`));
    expect(figures[0]!.querySelector('figcaption')?.textContent).toBe('Légende 1\u00A0: ici — © Studio 1');
    expect(feed.querySelector('[class], [id], a, ul, [role]')).toBeNull();
  });
});

describe('<Galerie> refused', () => {
  const galleryProblems = (body: string, files = photos(13)) => problemsOf(body, files).filter((p) => p.field === '<Galerie>' || p.field === '<Figure largeur>');

  it('with fewer than 4 or more than 12 photos, at its line', () => {
    expect(galleryProblems(`Texte.\n\n${gallery(3)}`)).toEqual([
      {
        file: 'articles/a.mdx',
        field: '<Galerie>',
        line: 7,
        found: 'une galerie de 3 photos',
        expected: 'de 4 à 12 <Figure> dans une galerie',
        hint: 'pour moins de photos, écrivez des <Figure> hors galerie',
      },
    ]);
    expect(galleryProblems(gallery(13))).toMatchObject([{ line: 5, found: 'une galerie de 13 photos', hint: 'partagez les photos en deux galeries, ou gardez les meilleures' }]);
    expect(galleryProblems('<Galerie>\n</Galerie>\n')).toMatchObject([{ found: 'une galerie de 0 photo' }]);
    expect(galleryProblems(gallery(4))).toEqual([]);
    expect(galleryProblems(gallery(12))).toEqual([]);
  });

  it('with anything else than <Figure> inside, at the line of what does not belong', () => {
    const body = `<Galerie>\n${figure(1)}\n${figure(2)}\n  <Quote by="X">Y</Quote>\n${figure(3)}\n\nUn paragraphe.\n\n${figure(4)}\n</Galerie>\n`;
    expect(galleryProblems(body)).toMatchObject([
      { line: 8, found: 'un <Quote> dans une galerie', hint: 'sortez le <Quote> de la galerie' },
      { line: 11, found: 'du texte dans une galerie', hint: 'placez le texte avant ou après la galerie, ou dans la légende (caption) d’une photo' },
    ]);
    expect(galleryProblems(body)[0]!.expected).toBe('seulement des <Figure src="…" alt="…" caption="…" credit="…" />, une par ligne, entre <Galerie> et </Galerie>');
  });

  it('with a photo given a width of its own', () => {
    expect(galleryProblems(gallery(4, ' largeur="large"'))).toEqual([
      {
        file: 'articles/a.mdx',
        field: '<Figure largeur>',
        line: 6,
        found: 'une largeur donnée à une photo de galerie',
        expected: 'des photos sans attribut largeur : la galerie les range en grille',
        hint: 'retirez l’attribut largeur',
      },
    ]);
  });

  it('with an attribute, like every component given one it does not have', () => {
    expect(problemsOf(gallery(4).replace('<Galerie>', '<Galerie titre="Nos photos">'), photos(4)).map((p) => p.found)).toEqual(['<Galerie> n’a pas d’attribut titre']);
  });

  it('whose photos lack alt text like any <Figure>', () => {
    const body = gallery(4).replace(' alt="Photo numéro 2"', '');
    expect(problemsOf(body, photos(4))).toMatchObject([{ field: '<Figure alt>', line: 7 }]);
  });
});

describe('<Figure largeur>', () => {
  it('« large » and « pleine » mark the figure and ask for a file as wide as it shows', async () => {
    const out = await render('<Figure src="./a.jpg" alt="A" largeur="large" />\n\n<Figure src="./b.jpg" alt="B" largeur="pleine" />\n\n<Figure src="./c.jpg" alt="C" />\n');
    const figures = [...dom(out.html).querySelectorAll('figure')];
    expect(figures.map((f) => f.className)).toEqual(['figure figure--large', 'figure figure--pleine', 'figure']);
    expect(figures.map((f) => f.querySelector('img')?.getAttribute('sizes'))).toEqual([
      '(min-width: 64rem) min(76rem, 100vw - 2rem), 100vw',
      '100vw',
      '(min-width: 52rem) 48rem, 100vw',
    ]);
    expect(out.scripts).toEqual([]);
  });

  it('is a plain figure in feeds', async () => {
    const out = await render('<Figure src="./a.jpg" alt="A" caption="Vue" largeur="pleine" />\n');
    expect(out.feedHtml).toBe('<figure><img src="https://mag.example/_images/a-abc-800.jpg" width="800" height="600" alt="A"><figcaption>Vue</figcaption></figure>');
  });

  it('refuses any other value, and an empty one, at its line', () => {
    const widthProblems = (body: string) => problemsOf(body, ['a.jpg']).filter((p) => p.field === '<Figure largeur>');
    expect(widthProblems('Texte.\n\n<Figure src="./a.jpg" alt="A" largeur="moyenne" />\n')).toEqual([
      {
        file: 'articles/a.mdx',
        field: '<Figure largeur>',
        line: 7,
        found: 'la largeur "moyenne", que le site ne connaît pas',
        expected: 'largeur="large" (la colonne et la marge de droite) ou largeur="pleine" (toute la largeur de l’écran)',
        hint: 'pour une figure de la largeur du texte, retirez l’attribut largeur',
      },
    ]);
    expect(widthProblems('<Figure src="./a.jpg" alt="A" largeur />\n')).toMatchObject([{ line: 5, found: '<Figure largeur> sans valeur' }]);
    expect(widthProblems('<Figure src="./a.jpg" alt="A" largeur="Large" />\n')).toHaveLength(1);
    expect(widthProblems('<Figure src="./a.jpg" alt="A" largeur="pleine" />\n')).toEqual([]);
  });
});

describe('<Galerie> in the search index', () => {
  it('gives its captions and credits to the searched text, not its controls (« Agrandir », « Suivante », « Fermer »)', async () => {
    const { bodyBlocks } = await import('../../src/publish/search.ts');
    const text = bodyBlocks((await render(gallery(4))).html).join(' ');
    expect(text).toContain('Légende 3\u00A0: ici');
    expect(text).toContain('© Studio 3');
    expect(text).not.toMatch(/Agrandir|Précédente|Suivante|Fermer|3\u00A0\/\u00A04/);
  });
});
