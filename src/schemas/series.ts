import { z } from 'astro/zod';
import type { ProseMap } from '../lib/typography.ts';
import { textField } from './common.ts';

/** `content/series/<id>.yaml`: a recurring series. The id is the file name. */
export const seriesSchema = z
  .object({
    /** Name of the series, e.g. « Un an après ». */
    title: textField('le nom de la série, par exemple "Un an après"').describe('Series name.'),
    /** What the series is about, shown on its page. */
    description: textField('une phrase ou deux qui décrivent la série').describe('Series description.'),
    /** How often it appears, e.g. "hebdomadaire". */
    cadence: textField('un mot comme "hebdomadaire"').optional().describe('Publication rhythm.'),
    /** Shown under each episode, e.g. « Rendez-vous la semaine prochaine… ». */
    blurb: textField('une phrase affichée sous chaque épisode').optional().describe('Text under each episode.'),
  })
  .strict();

export type SeriesData = z.infer<typeof seriesSchema>;

/** The fields readers read as prose: French-typeset once, where content enters (src/content/edition.ts). */
export const seriesProse = { title: true, description: true, blurb: true } as const satisfies ProseMap<SeriesData>;
