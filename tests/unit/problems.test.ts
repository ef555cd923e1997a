import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import { describeFound, formatPath, problemsFromZod } from '../../src/build/problems.ts';
import { formatProblem } from '../../src/lib/errors.ts';
import { articleSchema } from '../../src/schemas/article.ts';
import { authorSchema } from '../../src/schemas/author.ts';
import { siteSchema } from '../../src/schemas/site.ts';

describe('formatPath', () => {
  it('writes paths as writers read them', () => {
    expect(formatPath([])).toBe('');
    expect(formatPath(['title'])).toBe('title');
    expect(formatPath(['cover', 'alt'])).toBe('cover.alt');
    expect(formatPath(['authors', 1])).toBe('authors[1]');
    expect(formatPath(['follow', 0, 'url'])).toBe('follow[0].url');
    expect(formatPath([0, 'label'])).toBe('[0].label');
  });
});

describe('describeFound', () => {
  it('says plainly that a field is missing', () => {
    expect(describeFound(undefined)).toBe('nothing (the field is missing)');
  });

  it('quotes strings and shows other values as written in YAML/JSON', () => {
    expect(describeFound('12 mai 2016')).toBe('"12 mai 2016"');
    expect(describeFound('')).toBe('""');
    expect(describeFound(12)).toBe('12');
    expect(describeFound(true)).toBe('true');
    expect(describeFound(null)).toBe('null');
    expect(describeFound(['cloud', 'mobile'])).toBe('["cloud","mobile"]');
    expect(describeFound({ src: './a.jpg' })).toBe('{"src":"./a.jpg"}');
  });

  it('writes invisible and control characters as \\uXXXX, and says when a text has nothing visible', () => {
    expect(describeFound('\u200B\u00A0')).toBe('"\\u200B\\u00A0" (only spaces or invisible characters)');
    expect(describeFound('  ')).toBe('"  " (only spaces or invisible characters)');
    expect(describeFound('Cloud\u2060 souverain\u0085')).toBe('"Cloud\\u2060 souverain\\u0085"');
  });

  it('shows dates as ISO strings, and says when one is invalid', () => {
    expect(describeFound(new Date('2016-05-12T06:00:00Z'))).toBe('2016-05-12T06:00:00.000Z');
    expect(describeFound(new Date('n’importe quoi'))).toBe('an invalid date');
  });

  it('keeps a long value short, and on one line', () => {
    const long = describeFound('x'.repeat(200));
    expect(long).toHaveLength(78);
    expect(long.endsWith('…')).toBe(true);
    expect(describeFound('deux\nlignes')).toBe('"deux\\nlignes"');
  });
});

/** Runs a schema and formats its problems as the build prints them. */
function linesFor(schema: z.ZodType, input: unknown, knownKeys: (p: readonly PropertyKey[]) => string[] = () => []): string[] {
  const result = schema.safeParse(input);
  expect(result.success, 'the input was expected to be invalid').toBe(false);
  return problemsFromZod('f.mdx', input, result.error!, () => undefined, knownKeys).map(formatProblem);
}

const article = {
  title: 'Le lancement',
  description: 'Un article.',
  publishedAt: '2016-05-12T08:00:00+02:00',
  authors: ['alice-martin'],
  category: 'cloud',
};

describe('problemsFromZod', () => {
  it('gives one problem per issue, with file, field, line, found and expected', () => {
    const schema = z.object({ name: z.string({ error: 'a name' }), age: z.number({ error: 'a number' }) });
    const input = { name: 3, age: 'x' };
    const result = schema.safeParse(input);
    const lines: Record<string, number> = { name: 2, age: 3 };
    const problems = problemsFromZod('people/p.yaml', input, result.error!, (p) => lines[String(p[0])]);
    expect(problems).toEqual([
      { file: 'people/p.yaml', field: 'name', line: 2, found: '3', expected: 'a name' },
      { file: 'people/p.yaml', field: 'age', line: 3, found: '"x"', expected: 'a number' },
    ]);
  });

  it('marks a missing field as required, with what is expected', () => {
    const { title: _title, ...input } = article;
    expect(linesFor(articleSchema, input)).toEqual(['f.mdx › title: found nothing (the field is missing), expected required: a non-empty headline']);
  });

  it('shows the value as the writer wrote it, not as parsed', () => {
    expect(linesFor(articleSchema, { ...article, updatedAt: '2016-05-11T08:00:00+02:00' })).toEqual([
      'f.mdx › updatedAt: found "2016-05-11T08:00:00+02:00", expected a date not before publishedAt',
    ]);
    expect(linesFor(articleSchema, { ...article, publishedAt: '12 mai 2016' })).toEqual([
      'f.mdx › publishedAt: found "12 mai 2016", expected a date and time in ISO 8601 with its offset, e.g. 2016-05-12T08:00:00+02:00',
    ]);
  });

  it('points into lists and nested blocks', () => {
    expect(linesFor(articleSchema, { ...article, authors: ['alice-martin', 'Bruno Petit'] })).toEqual([
      'f.mdx › authors[1]: found "Bruno Petit", expected an id: lowercase letters, digits and dashes (e.g. "marie-durand")',
    ]);
    expect(linesFor(articleSchema, { ...article, cover: { src: './a.jpg', alt: '' } })).toEqual([
      'f.mdx › cover.alt: found "", expected a non-empty description of the image (alt text)',
    ]);
    expect(linesFor(siteSchema, { name: 'x', url: 'https://a.example', follow: [{ label: 'M', url: 'pas une url' }] })).toEqual([
      'f.mdx › follow[0].url: found "pas une url", expected an absolute URL starting with https:// or http://',
    ]);
  });

  it('names an unknown field, with the known ones and a hint', () => {
    const { category: _c, ...rest } = article;
    const lines = linesFor(articleSchema, { ...rest, categroy: 'cloud' }, (p) => (p.length === 0 ? ['title', 'category'] : []));
    expect(lines).toContain('f.mdx › categroy: found an unknown field, expected one of the known fields: title, category (is there a typo in the field name?)');
  });

  it('calls knownKeys with the path of the block holding the unknown field', () => {
    const seen: string[] = [];
    const result = articleSchema.safeParse({ ...article, cover: { src: './a.jpg', alt: 'x', credits: '©' } });
    const problems = problemsFromZod('f.mdx', {}, result.error!, () => undefined, (p) => {
      seen.push(formatPath(p));
      return ['src', 'alt', 'credit', 'caption'];
    });
    expect(seen).toEqual(['cover']);
    expect(problems[0]).toMatchObject({ field: 'cover.credits', found: 'an unknown field' });
  });

  it('has no field for a problem with the whole file', () => {
    const problems = problemsFromZod('site.yaml', 'x', z.object({}).safeParse('x').error!);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBeUndefined();
    expect(problems[0]!.found).toBe('"x"');
  });

  // Writers read these: zod's own English defaults ("Invalid input: expected
  // object, received string") must never reach them.
  it.each([
    ['cover as a bare path', { cover: './photo.jpg' }],
    ['cover as a list', { cover: ['./photo.jpg'] }],
    ['tags as one string', { tags: 'OpenStack' }],
    ['authors as one string', { authors: 'alice-martin' }],
    ['episode as text', { episode: 'deux' }],
    ['draft as "oui"', { draft: 'oui' }],
    ['canonical without scheme', { canonical: 'magazine.example/a' }],
    ['revisits as one string', { revisits: 'lancement' }],
  ])('explains what is expected for %s, in the schema’s own words', (_name, change) => {
    const lines = linesFor(articleSchema, { ...article, ...change });
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/Invalid input|received|expected (object|string|array|number|boolean)\b/);
  });

  it.each([
    ['a follow link as a bare URL (site.yaml)', siteSchema, { name: 'x', url: 'https://a.example', follow: ['https://news.google.com/x'] }],
    ['an author link as a bare URL', authorSchema, { name: 'Alice Martin', links: ['https://mastodon.social/@alice'] }],
  ])('explains what is expected for %s, in the schema’s own words', (_name, schema, input) => {
    const lines = linesFor(schema, input);
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/Invalid input|received|expected (object|string|array|number|boolean)\b/);
    expect(lines[0]).toMatch(/expected .*\blabel\b.*\burl\b/);
  });

  it('says how to write a cover when it is a bare path', () => {
    const [line] = linesFor(articleSchema, { ...article, cover: './photo.jpg' });
    expect(line).toMatch(/^f\.mdx › cover: found "\.\/photo\.jpg", expected .*\bsrc\b.*\balt\b/);
  });
});
