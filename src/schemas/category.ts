import { z } from 'astro/zod';
import type { ProseMap } from '../lib/typography.ts';
import { textField } from './common.ts';

/** `content/categories/<id>.yaml`: a rubrique. The id is the file name. */
export const categorySchema = z
  .object({
    /** Name of the rubrique as shown in the navigation. */
    title: textField('le nom de la rubrique, par exemple "Cloud"').describe('Rubrique name.'),
    /** One or two sentences shown on the rubrique page. */
    description: textField('une phrase ou deux de texte').optional().describe('Rubrique description.'),
  })
  .strict();

export type CategoryData = z.infer<typeof categorySchema>;

/** The fields readers read as prose: French-typeset once, where content enters (src/content/edition.ts). */
export const categoryProse = { title: true, description: true } as const satisfies ProseMap<CategoryData>;
