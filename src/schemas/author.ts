import { z } from 'astro/zod';
import type { ProseMap } from '../lib/typography.ts';
import { linkField, relativePathField, textField } from './common.ts';

/** `content/authors/<id>.yaml`: a journalist. The id is the file name. */
export const authorSchema = z
  .object({
    /** Full name as printed in bylines. */
    name: textField('le nom complet de l’auteur, par exemple "Claire Martin"').describe('Full name.'),
    /** Job title, shown on the author page. */
    role: textField('une fonction, par exemple "Journaliste cloud"').optional().describe('Job title.'),
    /** A few sentences about the author. */
    bio: textField('quelques phrases de texte').optional().describe('Short biography.'),
    /** Portrait, relative to this YAML file. */
    avatar: relativePathField.optional().describe('Portrait image, relative to this file.'),
    /** Personal pages, social accounts. */
    links: z.array(linkField, { error: 'une liste de liens { label, url }' }).default([]).describe('Links.'),
  })
  .strict();

export type AuthorData = z.infer<typeof authorSchema>;

/** The fields readers read as prose: French-typeset once, where content enters (src/content/edition.ts). */
export const authorProse = { role: true, bio: true } as const satisfies ProseMap<AuthorData>;
