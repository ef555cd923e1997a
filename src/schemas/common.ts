import { z } from 'astro/zod';

/**
 * Shared field types. Every validator carries an `error` text that says what is
 * EXPECTED: `src/build/problems.ts` turns zod issues into writer-facing messages
 * ("found … expected …"), so these texts are what writers read.
 */

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})$/;

/** An id of another content file (author, rubrique, series): lowercase ASCII, digits, dashes. */
export const idField = z
  .string({ error: 'an id: lowercase letters, digits and dashes (e.g. "marie-durand")' })
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, { error: 'an id: lowercase letters, digits and dashes (e.g. "marie-durand")' });

/**
 * A date and time in ISO 8601 with an explicit offset (2016-05-12T08:00:00+02:00).
 * A string is checked strictly; a Date is accepted too because Astro's own YAML
 * parser turns unquoted timestamps into Dates before the schema sees them (the
 * strict check on the text is done by `npm run check` and the build's own pass).
 */
export const dateTimeField = z.union(
  [
    z.date(),
    z
      .string()
      .regex(ISO_WITH_OFFSET)
      .refine((s) => !Number.isNaN(Date.parse(s)))
      .transform((s) => new Date(s)),
  ],
  { error: 'a date and time in ISO 8601 with its offset, e.g. 2016-05-12T08:00:00+02:00' },
).refine((d) => !Number.isNaN(d.getTime()), {
  error: 'a date and time in ISO 8601 with its offset, e.g. 2016-05-12T08:00:00+02:00',
});

/** A non-empty line of text. */
export const textField = (what: string) =>
  z.string({ error: what }).trim().min(1, { error: what });

/** An absolute http(s) URL. */
export const urlField = z.url({ protocol: /^https?$/, error: 'an absolute URL starting with https:// or http://' });

/** A labelled outbound link ("Mastodon", "https://…"). */
export const linkField = z
  .object({
    label: textField('a non-empty label, e.g. "Mastodon"').describe('Text of the link.'),
    url: urlField.describe('Where the link goes.'),
  }, { error: 'a link written { label: "Mastodon", url: "https://…" }' })
  .strict();

/** A path to a file, relative to the YAML or MDX file that names it ("./photo.jpg"). */
export const relativePathField = z
  .string({ error: 'a path relative to this file, e.g. "./photo.jpg"' })
  .trim()
  .min(1, { error: 'a path relative to this file, e.g. "./photo.jpg"' })
  .refine((p) => !/^([a-z]+:)?\/\//i.test(p) && !p.startsWith('/'), {
    error: 'a local file path relative to this file (no URL, no absolute path), e.g. "./photo.jpg"',
  });
