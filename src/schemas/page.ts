import { z } from 'astro/zod';
import type { ProseMap } from '../lib/typography.ts';
import { textField } from './common.ts';

/** Front matter of `content/pages/<slug>.mdx`: a page of the magazine (« À propos »). The slug is the file name. */
export const pageSchema = z
  .object({
    /** The page's title: its h1, and its link in the footer. */
    title: textField('le titre de la page, par exemple "À propos"').describe('Page title.'),
    /** One or two sentences for search engines and link previews. */
    description: textField('une phrase ou deux qui décrivent la page').describe('Page description.'),
  })
  .strict();

export type PageData = z.infer<typeof pageSchema>;

/** The fields readers read as prose: French-typeset once, where content enters (src/content/edition.ts). */
export const pageProse = { title: true, description: true } as const satisfies ProseMap<PageData>;
