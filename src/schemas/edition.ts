import { z } from 'astro/zod';
import type { ProseMap } from '../lib/typography.ts';
import { textField } from './common.ts';

/**
 * Front matter of `content/editions/<AAAA>-S<nn>.mdx`: the editors' word of
 * one weekly edition (the ISO week of the file name, Paris time). Both
 * fields are optional; the body, rendered like a page's, is the word itself.
 */
export const editionSchema = z
  .object({
    /** The edition's title, in place of « L’édition de la semaine 48 ». */
    titre: textField('le titre de l’édition, par exemple "Une semaine de souveraineté"').optional().describe('Edition title.'),
    /** One or two sentences under the title, also the e-mail's preview text. */
    chapo: textField('une phrase ou deux qui présentent la semaine').optional().describe('Edition standfirst.'),
  })
  .strict();

export type EditionData = z.infer<typeof editionSchema>;

/** The fields readers read as prose: French-typeset once, where content enters (src/content/edition.ts). */
export const editionProse = { titre: true, chapo: true } as const satisfies ProseMap<EditionData>;
