import { z } from 'astro/zod';
import { textField } from './common.ts';

/** `content/categories/<id>.yaml`: a rubrique. The id is the file name. */
export const categorySchema = z
  .object({
    /** Name of the rubrique as shown in the navigation. */
    title: textField('the rubrique name, e.g. "Cloud"').describe('Rubrique name.'),
    /** One or two sentences shown on the rubrique page. */
    description: textField('a sentence or two of text').optional().describe('Rubrique description.'),
  })
  .strict();

export type CategoryData = z.infer<typeof categorySchema>;
