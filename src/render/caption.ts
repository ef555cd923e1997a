/**
 * The caption and credit under an image, as article pages show them: the
 * `<Figure>` of an article and each photo of a `<Galerie>`'s full-size view.
 */
import type { ElementContent } from 'hast';
import { h } from 'hastscript';
import { fr } from '../i18n/fr.ts';

/** A `<figcaption>` with the caption and the credit (announced as « Crédit : »), or nothing when both are empty. */
export function pageCaption(caption: string | undefined, credit: string | undefined): ElementContent[] {
  if (!caption && !credit) return [];
  return [
    h('figcaption', [
      caption ? h('span', { className: ['caption'] }, caption) : undefined,
      credit ? h('span', { className: ['credit'] }, [h('span', { className: ['visually-hidden'] }, `${fr.photoCredit}\u00A0: `), credit]) : undefined,
    ].filter((n) => n !== undefined)),
  ];
}
