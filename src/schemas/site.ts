import { z } from 'astro/zod';
import type { ProseMap } from '../lib/typography.ts';
import { linkField, relativePathField, textField, urlField } from './common.ts';

/**
 * The publisher's legal notice (« mentions légales »). French law (LCEN,
 * art. 6-III) requires a publisher to show each of these fields; each is
 * optional here so a site can build while they are gathered, and the build
 * and `npm run check` warn about each one that is missing (src/lib/legal.ts).
 */
export const legalSchema = z
  .object({
    publisher: textField('the publisher: a company name with its legal form and capital, or a person').optional().describe('Publisher (« éditeur »): company name, legal form, capital, registration, or the name of a person.'),
    address: textField('the publisher’s postal address').optional().describe('Postal address of the publisher.'),
    director: textField('the name of the director of publication').optional().describe('Director of publication (« directeur ou directrice de la publication »).'),
    host: z
      .object({
        name: textField('the host’s name, e.g. "Hébergeur SAS"').optional().describe('Name of the host (« hébergeur »).'),
        address: textField('the host’s postal address').optional().describe('Postal address of the host.'),
        phone: textField('the host’s telephone number, e.g. "+33 1 23 45 67 89"').optional().describe('Telephone number of the host.'),
      }, { error: 'the host written { name, address, phone }' })
      .strict()
      .optional()
      .describe('The company that hosts the site.'),
    contact: z.email({ error: 'an e-mail address, e.g. redaction@example.org' }).optional().describe('E-mail address readers can write to.'),
  }, { error: 'the legal notice written { publisher, address, director, host, contact }' })
  .strict();

export type Legal = z.infer<typeof legalSchema>;

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
    /** The « Mentions légales » page. */
    legal: legalSchema.optional().describe('Legal notice of the publisher (« Mentions légales »).'),
  })
  .strict();

export type Site = z.infer<typeof siteSchema>;

/** The fields readers read as prose: French-typeset once, where content enters (src/content/edition.ts). */
export const siteProse = { name: true, tagline: true, legal: { publisher: true, address: true, director: true, host: { name: true, address: true } } } as const satisfies ProseMap<Site>;
