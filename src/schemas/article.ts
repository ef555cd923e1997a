import { z } from 'astro/zod';
import { dateTimeField, idField, relativePathField, textField, urlField } from './common.ts';

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
