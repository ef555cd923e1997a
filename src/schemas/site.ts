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
    publisher: textField('l’éditeur : une société avec sa forme juridique et son capital, ou une personne, par exemple "Écho SAS au capital de 10 000 €"').optional().describe('Publisher (« éditeur »): company name, legal form, capital, registration, or the name of a person.'),
    address: textField('l’adresse postale de l’éditeur, par exemple "12 rue de la Paix, 75002 Paris"').optional().describe('Postal address of the publisher.'),
    director: textField('le nom du directeur ou de la directrice de la publication, par exemple "Marie Durand"').optional().describe('Director of publication (« directeur ou directrice de la publication »).'),
    host: z
      .object({
        name: textField('le nom de l’hébergeur, par exemple "Hébergeur SAS"').optional().describe('Name of the host (« hébergeur »).'),
        address: textField('l’adresse postale de l’hébergeur').optional().describe('Postal address of the host.'),
        phone: textField('le numéro de téléphone de l’hébergeur, par exemple "+33 1 23 45 67 89"').optional().describe('Telephone number of the host.'),
      }, { error: 'l’hébergeur écrit sur des lignes en retrait : « host: », puis « name: … », « address: … », « phone: … »' })
      .strict()
      .optional()
      .describe('The company that hosts the site.'),
    contact: z.email({ error: 'une adresse électronique, par exemple redaction@example.org' }).optional().describe('E-mail address readers can write to.'),
  }, { error: 'les mentions légales écrites sur des lignes en retrait : « legal: », puis publisher, address, director, host et contact' })
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
