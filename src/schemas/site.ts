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

/**
 * Text and data mining reservation (W3C TDM Reservation Protocol, the
 * opt-out of the EU directive 2019/790, art. 4): whether the publisher
 * reserves its rights to mine the magazine's pages, and where its licensing
 * offer is. Written into /.well-known/tdmrep.json, every page's <head> and
 * the `_headers` file (src/lib/tdm.ts).
 */
export const tdmSchema = z
  .object({
    reservation: z.boolean({ error: 'true (droits de fouille réservés) ou false (non réservés)' }).describe('true: text and data mining rights are reserved; false: they are not.'),
    policy: urlField.optional().describe('URL of the TDM policy: the terms under which mining is licensed. Only with reservation: true.'),
  }, { error: 'la réservation écrite { reservation: true, policy: "https://…" }' })
  .strict()
  .refine((t) => t.reservation || t.policy === undefined, {
    error: 'une politique (policy) seulement avec reservation: true : sans réservation, il n’y a rien à licencier ; retirez policy ou écrivez reservation: true',
    path: ['policy'],
  });

export type Tdm = z.infer<typeof tdmSchema>;

const crawlerChoice = z.enum(['allow', 'block'], { error: 'allow (autoriser) ou block (bloquer)' });

/**
 * Which groups of crawlers robots.txt lets in (the groups and their
 * user-agents: src/lib/crawlers.ts). A group not written is allowed.
 */
export const robotsSchema = z
  .object({
    training: crawlerChoice.default('allow').describe('Crawlers that collect pages to train AI models (GPTBot, CCBot, Google-Extended…).'),
    answers: crawlerChoice.default('allow').describe('Crawlers that fetch pages for an AI assistant’s answers (OAI-SearchBot, ChatGPT-User, PerplexityBot…).'),
    search: crawlerChoice.default('allow').describe('Search engines’ crawlers (Googlebot, Bingbot, Qwantbot…).'),
  }, { error: 'les choix écrits { training: block, answers: allow, search: allow }' })
  .strict();

export type Robots = z.infer<typeof robotsSchema>;

const AUDIT_DATE = 'la date de l’audit, par exemple 2026-03-15';

/**
 * The accessibility statement (« déclaration d’accessibilité », loi
 * n° 2005-102 art. 47, décret n° 2019-768): the conformity the last audit
 * found, against which reference, by whom, what is still not accessible,
 * how to report a barrier, and the multi-year plan. Each field is optional,
 * so a site builds before its audit; the build and `npm run check` warn
 * about each one that is missing (src/lib/accessibility.ts).
 */
export const accessibilitySchema = z
  .object({
    etat: z.enum(['totalement', 'partiellement', 'non'], { error: 'totalement, partiellement ou non (conforme)' }).optional().describe('Conformity found by the audit: totalement, partiellement or non (conforme).'),
    date: z
      .union([z.date(), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: AUDIT_DATE })], { error: AUDIT_DATE })
      .transform((v) => (typeof v === 'string' ? new Date(`${v}T12:00:00Z`) : v))
      .refine((d) => !Number.isNaN(d.getTime()), { error: AUDIT_DATE })
      .optional()
      .describe('Date of the audit, YYYY-MM-DD.'),
    referentiel: textField('le référentiel de l’audit, par exemple "RGAA 4.1.2"').optional().describe('Reference the audit measured against, e.g. RGAA 4.1.2.'),
    auditeur: textField('qui a fait l’audit, par exemple "Access42"').optional().describe('Who carried out the audit.'),
    non_conformites: z.array(textField('une phrase qui décrit un contenu non accessible'), { error: 'une liste de phrases, une par contenu non accessible' }).optional().describe('The contents that are not accessible, one sentence each.'),
    contact: z.union([z.email(), urlField], { error: 'une adresse électronique ou l’adresse d’un formulaire, par exemple accessibilite@example.org' }).optional().describe('Where a reader reports an accessibility barrier: an e-mail address or a form URL.'),
    schema_pluriannuel: urlField.optional().describe('URL of the multi-year accessibility plan (« schéma pluriannuel »).'),
  }, { error: 'la déclaration écrite { etat, date, referentiel, auditeur, non_conformites, contact, schema_pluriannuel }' })
  .strict();

export type Accessibility = z.infer<typeof accessibilitySchema>;

/**
 * WebSub (W3C recommendation, 2018): the hub that tells feed readers a feed
 * changed as soon as it is deployed, instead of their polling it. Every feed
 * names the hub (src/lib/feed.ts); the publish workflow pings it for each
 * feed that changed (scripts/websub-ping.ts). Only https: a hub is pinged from
 * the deploy, and names itself in every feed.
 */
export const websubSchema = z
  .object({
    hub: z
      .url({ protocol: /^https$/, error: 'l’adresse du hub WebSub, commençant par https://, par exemple "https://pubsubhubbub.appspot.com/"' })
      .describe('URL of the WebSub hub, e.g. https://pubsubhubbub.appspot.com/'),
  }, { error: 'le hub écrit sur une ligne en retrait : « websub: », puis « hub: "https://…" »' })
  .strict();

export type Websub = z.infer<typeof websubSchema>;

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
    /** Text and data mining reservation (TDMRep). */
    tdm: tdmSchema.optional().describe('Text and data mining reservation (W3C TDMRep): /.well-known/tdmrep.json, <meta> and HTTP headers.'),
    /** The « Déclaration d’accessibilité » page and the footer's conformity line. */
    accessibilite: accessibilitySchema.optional().describe('Accessibility statement (« déclaration d’accessibilité », RGAA).'),
    /** Which crawler groups robots.txt allows. */
    robots: robotsSchema.optional().describe('Crawler groups robots.txt allows or blocks; every group is allowed when absent.'),
    /** The WebSub hub named in every feed and pinged after each deploy. */
    websub: websubSchema.optional().describe('WebSub hub: named in every feed (RSS, Atom, JSON Feed) and pinged by the publish workflow after each deploy.'),
  })
  .strict();

export type Site = z.infer<typeof siteSchema>;

/** The fields readers read as prose: French-typeset once, where content enters (src/content/edition.ts). */
export const siteProse = { name: true, tagline: true, legal: { publisher: true, address: true, director: true, host: { name: true, address: true } }, accessibilite: { auditeur: true, non_conformites: [true] } } as const satisfies ProseMap<Site>;
