/**
 * `<Figure largeur="large">` and `<Figure largeur="pleine">`: on a wide
 * screen, a figure wider than the article's column (large: the column and
 * the side column beside it; pleine: the whole width of the window); on a
 * phone, a figure like the others. The layout is global.css's; the image's
 * `sizes` here say the same widths to the browser, so it picks a file that
 * fills them.
 */
import type { ComponentUse, UseProblem } from './components.ts';
import { describeFound } from '../content/problems.ts';

/** The values of `largeur`, as writers type them. */
export const FIGURE_WIDTHS = ['large', 'pleine'] as const;
export type FigureWidth = (typeof FIGURE_WIDTHS)[number];

/**
 * The width each one shows at, for the browser's choice of file: from 64rem
 * (where global.css puts the side column beside the article), the page's
 * column (76rem at most, less the page's margins) or the window.
 */
export const figureWidthSizes: Readonly<Record<FigureWidth, string>> = {
  large: '(min-width: 64rem) min(76rem, 100vw - 2rem), 100vw',
  pleine: '100vw',
};

/** The content phase's check of `largeur`: one of FIGURE_WIDTHS, or absent. */
export function figureWidthProblems({ attributes, line }: ComponentUse): UseProblem[] {
  if (!('largeur' in attributes)) return [];
  const value = attributes.largeur;
  if (typeof value === 'string' && (FIGURE_WIDTHS as readonly string[]).includes(value)) return [];
  return [
    {
      field: '<Figure largeur>',
      line,
      found: typeof value === 'string' ? `la largeur ${describeFound(value)}, que le site ne connaît pas` : '<Figure largeur> sans valeur',
      expected: 'largeur="large" (la colonne et la marge de droite) ou largeur="pleine" (toute la largeur de l’écran)',
      hint: 'pour une figure de la largeur du texte, retirez l’attribut largeur',
    },
  ];
}
