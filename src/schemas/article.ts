import { z } from 'astro/zod';
import type { ProseMap } from '../lib/typography.ts';
import { dateTimeField, idField, relativePathField, textField, urlField } from './common.ts';
import { GENRE_NAMES, SPONSOR_KINDS } from '../lib/labels.ts';

/** The cover image of an article. */
export const coverSchema = z
  .object({
    /** Image file, relative to the article file. */
    src: relativePathField.describe('Image file, relative to the article.'),
    /** Text alternative, required: what the image shows. */
    alt: textField('une description non vide de l’image (texte alternatif)').describe('Alt text.'),
    /** Copyright line, e.g. « © Orange ». */
    credit: textField('une ligne de crédit, par exemple "© Orange"').optional().describe('Credit line.'),
    /** Caption printed under the image. */
    caption: textField('une phrase de légende').optional().describe('Caption.'),
  }, { error: 'un bloc avec src et alt sur des lignes en retrait : "cover:", puis "  src: ./photo.jpg" et "  alt: ce que montre l’image"' })
  .strict();

/** A correction notice: when the article was corrected, and what was wrong. */
export const correctionSchema = z
  .object({
    /** When the correction was made, ISO 8601 with offset. */
    at: dateTimeField.describe('Correction date, ISO 8601 with offset.'),
    /** The notice, as readers see it. */
    text: textField('le texte de la correction, non vide').describe('Correction text.'),
  }, { error: 'une correction sur deux lignes indentées : « - at: 2016-05-20T09:30:00+02:00 » puis « text: ce qui a été corrigé »' })
/** Who paid for, or shares in, an article: its label, `rel="sponsored"` on its links (src/lib/labels.ts). */
export const sponsorSchema = z
  .object({
    /** The advertiser, partner or merchant, as readers see it. */
    name: textField('le nom de l’annonceur ou du partenaire, par exemple "Orange"').describe('Sponsor, partner or merchant name.'),
    /** Their site. */
    url: urlField.optional().describe('Sponsor site.'),
    /** sponsorisé (paid for), partenariat (made with), affiliation (commission links). */
    kind: z.enum(SPONSOR_KINDS, { error: 'sponsorisé (contenu payé par un annonceur), partenariat (réalisé avec un partenaire) ou affiliation (liens rémunérés)' }).describe('sponsorisé, partenariat or affiliation.'),
  }, { error: 'un bloc sur des lignes en retrait : « sponsor: », puis « kind: sponsorisé » (ou partenariat, ou affiliation) et « name: Orange »' })
  .strict();

/** Live coverage: when it starts and, once over, when it ended. */
export const liveSchema = z
  .object({
    /** Start of the coverage; not before publishedAt. */
    start: dateTimeField.describe('Start of the live coverage, ISO 8601 with offset.'),
    /** End of the coverage; after start. Without it the coverage is running. */
    end: dateTimeField.optional().describe('End of the live coverage, ISO 8601 with offset.'),
  }, { error: 'un bloc avec start (et end une fois le direct terminé) sur des lignes indentées : « live: », puis « start: 2026-11-28T09:00:00+01:00 »' })
  .strict();

/**
 * Front matter of `content/articles/**\/<slug>.mdx` (or `<slug>/index.mdx`).
 * The slug is not a field: it is the file (or folder) name.
 */
export const articleSchema = z
  .object({
    /** Headline. */
    title: textField('un titre non vide').describe('Headline.'),
    /** The lede (chapô): meta description and feed summary too. */
    description: textField('un chapô non vide d’une ou deux phrases').describe('Lede (chapô).'),
    /** First publication, ISO 8601 with offset. Never changes. */
    publishedAt: dateTimeField.describe('Publication date, ISO 8601 with offset.'),
    /** Last significant update; not before publishedAt. */
    updatedAt: dateTimeField.optional().describe('Update date, ISO 8601 with offset.'),
    /** Ids of files in content/authors. */
    authors: z
      .array(idField, { error: 'une liste d’identifiants d’auteurs, par exemple [marie-durand]' })
      .min(1, { error: 'au moins un identifiant d’auteur, par exemple [marie-durand]' })
      .describe('Author ids.'),
    /** Id of a file in content/categories. */
    category: idField.describe('Rubrique id.'),
    /** Free labels; each gets a page under /tags/. */
    tags: z
      .array(textField('une étiquette non vide'), { error: 'une liste d’étiquettes, par exemple [cloud souverain, OpenStack]' })
      .default([])
      .describe('Free labels.'),
    /** Id of a file in content/series. */
    series: idField.optional().describe('Series id.'),
    /** Episode number within the series. */
    episode: z
      .number({ error: 'un nombre entier supérieur à 0' })
      .int({ error: 'un nombre entier supérieur à 0' })
      .positive({ error: 'un nombre entier supérieur à 0' })
      .optional()
      .describe('Episode number in the series.'),
    /** Cover image. */
    cover: coverSchema.optional().describe('Cover image.'),
    /** Slugs of earlier articles this one follows up on. */
    revisits: z
      .array(z.string({ error: 'le slug d’un article (le nom de son fichier ou de son dossier)' }), { error: 'une liste de slugs d’articles, par exemple [lancement-cloudwatt]' })
      .default([])
      .describe('Slugs of the articles this one follows up on.'),
    /** A draft is never published. */
    draft: z.boolean({ error: 'true ou false' }).default(false).describe('Draft: never published.'),
    /** Original URL of a syndicated piece. */
    canonical: urlField.optional().describe('Canonical URL for syndicated pieces.'),
    /** « À la une »: the newest published article with `une: true` leads the home page. */
    une: z.boolean({ error: 'true ou false' }).default(false).describe('À la une: leads the home page (the newest such article).'),
    /** Dated correction notices, shown on the page, in the feeds and in the structured data. */
    corrections: z
      .array(correctionSchema, { error: 'une liste de corrections, chacune avec « at: » (date et heure) et « text: » (le texte de la correction)' })
      .default([])
      .describe('Correction notices: each with its date (at) and text.'),
    /** Former slugs of the article: their URLs redirect to the current one. */
    aliases: z
      .array(z.string({ error: 'un ancien slug de l’article, par exemple ancien-titre' }), { error: 'une liste d’anciens slugs, par exemple [ancien-titre]' })
      .default([])
      .describe('Former slugs: their URLs redirect here.'),
    /** End of an embargo: from this date, the article is published nowhere. */
    expiresAt: dateTimeField.optional().describe('Expiry date, ISO 8601 with offset: the article is withdrawn from then on.'),
    /** Makes the article a live blog of `<LiveUpdate>` entries. */
    live: liveSchema.optional().describe('Live coverage (live blog).'),
    // ── Labels and table of contents (src/lib/labels.ts, src/lib/toc.ts) ──
    /** The kind of work: analyse, opinion, test…; plain news (actualité) when absent. */
    genre: z.enum(GENRE_NAMES, { error: `un genre parmi : ${GENRE_NAMES.join(', ')}` }).optional().describe('Genre: actualité (default), analyse, décryptage, enquête, reportage, entretien, test, opinion, tribune, éditorial.'),
    /** Sponsored, partner or affiliate content: labelled as such everywhere. */
    sponsor: sponsorSchema.optional().describe('Sponsored, partner or affiliate content.'),
    /** « Sommaire »: forced on (true) or off (false); by default shown from three `##` headings. */
    toc: z.boolean({ error: 'true ou false' }).optional().describe('Table of contents: true or false; by default from three ## headings.'),
    // ── end of labels ──
  })
  .strict()
  .superRefine((a, ctx) => {
    if (a.updatedAt && a.updatedAt.getTime() < a.publishedAt.getTime()) {
      ctx.addIssue({
        code: 'custom',
        path: ['updatedAt'],
        input: a.updatedAt,
        message: 'une date de mise à jour qui n’est pas antérieure à publishedAt',
      });
    }
    if (a.expiresAt && a.expiresAt.getTime() <= a.publishedAt.getTime()) {
      ctx.addIssue({
        code: 'custom',
        path: ['expiresAt'],
        input: a.expiresAt,
        message: 'une date de fin de publication postérieure à publishedAt (la date de publication)',
      });
    }
    a.corrections.forEach((c, i) => {
      if (c.at.getTime() < a.publishedAt.getTime()) {
        ctx.addIssue({
          code: 'custom',
          path: ['corrections', i, 'at'],
          input: c.at,
          message: 'une date de correction postérieure à publishedAt (une correction ne peut précéder la publication)',
        });
      }
    });
    if (a.live && a.live.start.getTime() < a.publishedAt.getTime()) {
      ctx.addIssue({
        code: 'custom',
        path: ['live', 'start'],
        input: a.live.start,
        message: 'un début du direct au plus tôt à la publication de l’article (publishedAt) : corrigez l’une des deux dates',
      });
    }
    if (a.live?.end && a.live.end.getTime() <= a.live.start.getTime()) {
      ctx.addIssue({
        code: 'custom',
        path: ['live', 'end'],
        input: a.live.end,
        message: 'une fin du direct postérieure à son début (live.start)',
      });
    }
    if (a.episode !== undefined && a.series === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['episode'],
        input: a.episode,
        message: 'pas de numéro d’épisode sans série : ajoutez une ligne « series: … » ou retirez « episode: »',
      });
    }
  });

export type ArticleData = z.infer<typeof articleSchema>;

/** The fields readers read as prose: French-typeset once, where content enters (src/content/edition.ts). */
export const articleProse = { title: true, description: true, cover: { caption: true, credit: true }, corrections: [{ text: true }], sponsor: { name: true } } as const satisfies ProseMap<ArticleData>;
