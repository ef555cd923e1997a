/**
 * `<Galerie>` of 4 to 12 `<Figure>`s: a grid of thumbnails on the page,
 * each a link to the photo's full-size view, with its caption and credit.
 *
 * The full-size views are in the page, each shown by CSS when the address
 * names it (`:target`, global.css): it works without JavaScript, and
 * with no script from another site. src/scripts/gallery.js adds what a
 * keyboard expects: focus on the view when it opens, Escape to close,
 * the arrow keys for the previous and next photos, focus back on the
 * thumbnail. Feeds get the figures one after another.
 */
import { createHash } from 'node:crypto';
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { fr } from '../i18n/fr.ts';
import { pageCaption } from './caption.ts';
import { pictureElement } from './picture.ts';
import type { Component, ComponentUse, Props, UseProblem } from './components.ts';

/** How many photos a gallery holds: fewer is a row of figures, more a reportage of its own. */
export const GALLERY_SIZE = { min: 4, max: 12 } as const;

/**
 * The width of a thumbnail, for the browser's choice of file: the grid of
 * global.css has columns of about 12rem from 64rem up (the article's
 * column), two columns below.
 */
/** The classes of the gallery's controls (thumbnail links, « Précédente », « Suivante », « Fermer »): the search index skips their text. */
export const GALLERY_CONTROL_CLASSES = ['gallery__thumb', 'gallery__nav'] as const;
const [THUMB, NAV] = GALLERY_CONTROL_CLASSES;

export const THUMBNAIL_SIZES = '(min-width: 64rem) 14rem, 50vw';

/** The id of a gallery: from its photos, so that it is the same at every build and two galleries of a page differ. */
function galleryId(items: readonly Props[]): string {
  return `galerie-${createHash('sha256').update(items.map((i) => i.src ?? '').join('\n')).digest('hex').slice(0, 8)}`;
}

/** The content phase's checks: only `<Figure>`s inside, 4 to 12 of them, none with a `largeur` of its own. */
export function galleryProblems({ children, line }: ComponentUse): UseProblem[] {
  const problems: UseProblem[] = [];
  for (const child of children) {
    if (child.name === 'Figure') continue;
    problems.push({
      field: '<Galerie>',
      line: child.line ?? line,
      found: child.component ? `un <${child.name}> dans une galerie` : 'du texte dans une galerie',
      expected: `seulement des <Figure src="…" alt="…" caption="…" credit="…" />, une par ligne, entre <Galerie> et </Galerie>`,
      hint: child.component ? `sortez le <${child.name}> de la galerie` : 'placez le texte avant ou après la galerie, ou dans la légende (caption) d’une photo',
    });
  }
  const count = children.filter((c) => c.name === 'Figure').length;
  if (count < GALLERY_SIZE.min || count > GALLERY_SIZE.max) {
    problems.push({
      field: '<Galerie>',
      line,
      found: `une galerie de ${count} photo${count > 1 ? 's' : ''}`,
      expected: `de ${GALLERY_SIZE.min} à ${GALLERY_SIZE.max} <Figure> dans une galerie`,
      hint: count < GALLERY_SIZE.min ? 'pour moins de photos, écrivez des <Figure> hors galerie' : 'partagez les photos en deux galeries, ou gardez les meilleures',
    });
  }
  for (const figure of children) {
    if (figure.name !== 'Figure' || !figure.attributes || !('largeur' in figure.attributes)) continue;
    problems.push({
      field: '<Figure largeur>',
      line: figure.line,
      found: 'une largeur donnée à une photo de galerie',
      expected: 'des photos sans attribut largeur : la galerie les range en grille',
      hint: 'retirez l’attribut largeur',
    });
  }
  return problems;
}

/** The `<Galerie>` component, whose photos `figure` renders in feeds (the `<Figure>` of components.ts). */
export function galleryOf(figure: Component): Component {
  return {
    attributes: {},
    children: true,
    holds: 'Figure',
    script: 'gallery',
    check: galleryProblems,
    page(_props, _children, ctx, items = []) {
      const id = galleryId(items);
      const total = items.length;
      const viewId = (n: number) => `${id}-${((n - 1 + total) % total) + 1}`;
      const thumbs: ElementContent[] = [];
      const views: ElementContent[] = [];
      items.forEach(({ src, alt = '', caption, credit }, i) => {
        const n = i + 1;
        const picture = ctx.picture(src!);
        thumbs.push(
          h('li', [
            h('a', { className: [THUMB], id: `${viewId(n)}-vignette`, href: `#${viewId(n)}` }, [
              h('span', { className: ['visually-hidden'] }, `${fr.gallery.enlarge(n, total)}\u00A0: `),
              pictureElement(picture, { alt, sizes: THUMBNAIL_SIZES }),
            ]),
          ]),
        );
        views.push(
          h('div', { className: ['gallery__view'], id: viewId(n), role: 'dialog', ariaLabel: fr.gallery.photo(n, total) }, [
            h('figure', { className: ['gallery__figure'] }, [
              pictureElement(picture, { alt, sizes: '100vw' }),
              ...pageCaption(caption && ctx.typeset(caption), credit && ctx.typeset(credit)),
            ]),
            h('p', { className: [NAV] }, [
              h('a', { className: ['gallery__prev'], href: `#${viewId(n - 1)}` }, fr.gallery.previous),
              h('span', { className: ['gallery__count'] }, `${n}\u00A0/\u00A0${total}`),
              h('a', { className: ['gallery__next'], href: `#${viewId(n + 1)}` }, fr.gallery.next),
              h('a', { className: ['gallery__close'], href: `#${viewId(n)}-vignette` }, fr.gallery.close),
            ]),
          ]),
        );
      });
      return [
        h('div', { className: ['gallery'], id, role: 'group', ariaLabel: fr.gallery.label(total) }, [h('ul', { className: ['gallery__grid'] }, thumbs), ...views]),
      ];
    },
    feed(_props, _children, ctx, items = []) {
      return items.flatMap((item) => figure.feed(item, [], ctx));
    },
  };
}
