import { z } from 'astro/zod';
import { linkField, relativePathField, textField, urlField } from './common.ts';

/** `content/site.yaml`: the magazine itself. */
export const siteSchema = z
  .object({
    /** The magazine's name, shown in the header, feeds and structured data. */
    name: textField('le nom du magazine, par exemple "Le Quotidien du Numérique"').describe('Magazine name.'),
    /** A short line under the name. */
    tagline: textField('une courte ligne de texte').optional().describe('Tagline shown under the name.'),
    /** The public origin; SITE_URL overrides it. */
    url: urlField.describe('Public URL of the site, e.g. https://magazine.example, or https://example.org/magazine/ when hosted under a path'),
    /** BCP 47 language of the content. */
    language: z
      .string({ error: 'un code de langue comme fr-FR' })
      .regex(/^[a-z]{2}(-[A-Z]{2})?$/, { error: 'un code de langue comme fr-FR' })
      .default('fr-FR')
      .describe('Language of the content (BCP 47).'),
    /** Logo image, relative to the content folder. */
    logo: relativePathField.optional().describe('Logo image, relative to the content folder.'),
    /** The « Suivez-nous » links. */
    follow: z.array(linkField, { error: 'une liste de liens { label, url }' }).default([]).describe('« Suivez-nous » links.'),
  })
  .strict();

export type Site = z.infer<typeof siteSchema>;
