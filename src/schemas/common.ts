import { z } from 'astro/zod';
import { formatTime, parseParisDateTime, toIsoString } from '../lib/dates.ts';
import { didYouMean } from '../lib/errors.ts';
import { slugify } from '../lib/slugs.ts';

/**
 * Shared field types. Every validator carries an `error` text that says what is
 * EXPECTED: `src/content/problems.ts` turns zod issues into writer-facing messages
 * ("found … expected …"), so these texts are what writers read.
 */

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

const ID_MESSAGE = 'un identifiant en minuscules, chiffres et tirets, par exemple "marie-durand"';

/**
 * What to write instead of `input`: a name written in full (`Claire Martin`)
 * stands for the id made from it (`claire-martin`), the file name of
 * content/authors/claire-martin.yaml.
 */
function idExpected(input: unknown): string {
  const slug = typeof input === 'string' ? slugify(input) : '';
  return slug && slug !== input ? `un identifiant en minuscules, chiffres et tirets, le nom de son fichier sans .yaml : ${didYouMean(slug)}` : ID_MESSAGE;
}

/** An id of another content file (author, rubrique, series): lowercase ASCII, digits, dashes. */
export const idField = z
  .string({ error: ID_MESSAGE })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: (issue) => idExpected(issue.input) });

const ISO_DATE_MESSAGE = 'une date et une heure au format ISO 8601 avec le décalage horaire, par exemple 2016-05-12T08:00:00+02:00';

/**
 * What to write instead of `input`: a day or a Paris time without offset
 * (`2026-12-05`, what `npm run new --date` accepts) gets its full form, with
 * the offset Paris has on that day (+01:00 in winter, +02:00 in summer).
 */
function dateExpected(input: unknown): string {
  const meant = typeof input === 'string' ? parseParisDateTime(input) : undefined;
  if (!meant) return ISO_DATE_MESSAGE;
  return `la date avec l’heure et le décalage horaire, par exemple ${toIsoString(meant)} (${formatTime(meant)}, heure de Paris)`;
}

/**
 * Whether the written date and time exist: `Date.parse` quietly rolls
 * 2016-02-30 over to 1 March (and 24:00 to the next day), so the components
 * read back from the parsed date must be the written ones.
 */
function isCalendarDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?/.exec(text);
  if (!m || Number.isNaN(Date.parse(text))) return false;
  const [year, month, day, hours, minutes, seconds = 0] = m.slice(1).map((n) => Number(n ?? 0)) as number[];
  const back = new Date(Date.UTC(year!, month! - 1, day, hours, minutes, seconds));
  return (
    back.getUTCFullYear() === year &&
    back.getUTCMonth() === month! - 1 &&
    back.getUTCDate() === day &&
    back.getUTCHours() === hours &&
    back.getUTCMinutes() === minutes &&
    back.getUTCSeconds() === seconds
  );
}

/**
 * A date and time in ISO 8601 with an explicit offset (2016-05-12T08:00:00+02:00).
 * A string is checked strictly; a Date is accepted too because Astro's own YAML
 * parser turns unquoted timestamps into Dates before the schema sees them (the
 * strict check on the text is done by `npm run check` and the build's own pass).
 */
export const dateTimeField = z
  .union([z.date(), z.string()], { error: ISO_DATE_MESSAGE })
  // `abort`: the article's own checks (updatedAt not before publishedAt) must
  // not run on a date that could not be read.
  .refine((v) => (typeof v === 'string' ? ISO_WITH_OFFSET.test(v) : !Number.isNaN(v.getTime())), { error: (issue) => dateExpected(issue.input), abort: true })
  .refine((v) => typeof v !== 'string' || isCalendarDate(v), {
    error: 'une date et une heure qui existent : mois de 01 à 12, un jour que compte le mois (pas de 30 février), heures jusqu’à 23, minutes et secondes jusqu’à 59, par exemple 2016-05-12T08:00:00+02:00',
    abort: true,
  })
  .transform((v) => (typeof v === 'string' ? new Date(v) : v));

/**
 * Characters that show nothing: white space of every kind (no-break spaces
 * included), format characters such as zero-width spaces and joiners (U+200B
 * to U+200D, U+2060, U+FEFF) and separators. `String.prototype.trim` (zod's
 * `.trim()`) leaves the format characters in place.
 */
const INVISIBLE = /[\p{White_Space}\p{Cf}\p{Z}]/gu;

/** Whether a text has at least one character a reader would see. */
export const hasVisibleCharacter = (text: string): boolean => text.replace(INVISIBLE, '') !== '';

/** A line of text with at least one visible character. */
export const textField = (what: string) =>
  z.string({ error: what }).trim().refine(hasVisibleCharacter, { error: what });

/** An absolute http(s) URL. */
export const urlField = z.url({ protocol: /^https?$/, error: 'une adresse complète commençant par https:// ou http://' });

/** A labelled outbound link ("Mastodon", "https://…"). */
export const linkField = z
  .object({
    label: textField('un libellé non vide, par exemple "Mastodon"').describe('Text of the link.'),
    url: urlField.describe('Where the link goes.'),
  }, { error: 'un lien écrit { label: "Mastodon", url: "https://…" }' })
  .strict();

/** A path to a file, relative to the YAML or MDX file that names it ("./photo.jpg"). */
export const relativePathField = z
  .string({ error: 'un chemin relatif à ce fichier, par exemple "./photo.jpg"' })
  .trim()
  .min(1, { error: 'un chemin relatif à ce fichier, par exemple "./photo.jpg"' })
  .refine((p) => !/^([a-z]+:)?\/\//i.test(p) && !p.startsWith('/'), {
    error: 'le chemin d’un fichier, relatif à ce fichier (ni adresse web, ni chemin absolu), par exemple "./photo.jpg"',
  });
