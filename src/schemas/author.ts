import { z } from 'astro/zod';
import { linkField, relativePathField, textField } from './common.ts';

/** `content/authors/<id>.yaml`: a journalist. The id is the file name. */
export const authorSchema = z
  .object({
    /** Full name as printed in bylines. */
    name: textField('the author\'s full name, e.g. "Claire Martin"').describe('Full name.'),
    /** Job title, shown on the author page. */
    role: textField('a job title, e.g. "Journaliste cloud"').optional().describe('Job title.'),
    /** A few sentences about the author. */
    bio: textField('a few sentences of text').optional().describe('Short biography.'),
    /** Portrait, relative to this YAML file. */
    avatar: relativePathField.optional().describe('Portrait image, relative to this file.'),
    /** Personal pages, social accounts. */
    links: z.array(linkField, { error: 'a list of { label, url }' }).default([]).describe('Links.'),
  })
  .strict();

export type AuthorData = z.infer<typeof authorSchema>;
