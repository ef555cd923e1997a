import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import { describeFound, formatPath, problemsFromZod } from '../../src/content/problems.ts';
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
  it('says plainly that there is nothing', () => {
    expect(describeFound(undefined)).toBe('rien');
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
    expect(describeFound('\u200B\u00A0')).toBe('"\\u200B\\u00A0" (uniquement des espaces ou des caractères invisibles)');
    expect(describeFound('  ')).toBe('"  " (uniquement des espaces ou des caractères invisibles)');
    expect(describeFound('Cloud\u2060 souverain\u0085')).toBe('"Cloud\\u2060 souverain\\u0085"');
  });

  it('shows dates as ISO strings, and says when one is invalid', () => {
    expect(describeFound(new Date('2016-05-12T06:00:00Z'))).toBe('2016-05-12T06:00:00.000Z');
    expect(describeFound(new Date('n’importe quoi'))).toBe('une date invalide');
  });

  it('keeps a long value short, and on one line', () => {
    const long = describeFound('x'.repeat(200));
    expect(long).toHaveLength(78);
    expect(long.endsWith('…')).toBe(true);
    expect(describeFound('deux\nlignes')).toBe('"deux\\nlignes"');
  });
});

/**
 * Runs a schema and formats its problems as the build prints them; every
 * field is said to be on line 3, so that the whole line is compared.
 */
function linesFor(schema: z.ZodType, input: unknown, knownKeys: (p: readonly PropertyKey[]) => string[] = () => []): string[] {
  const result = schema.safeParse(input);
  expect(result.success, 'the input was expected to be invalid').toBe(false);
  return problemsFromZod('f.mdx', input, result.error!, () => 3, knownKeys).map(formatProblem);
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
      { file: 'people/p.yaml', field: 'name', line: 2, found: 'le champ name vaut 3', expected: 'a name', hint: undefined },
      { file: 'people/p.yaml', field: 'age', line: 3, found: 'le champ age vaut "x"', expected: 'a number', hint: undefined },
    ]);
  });

  it('says a missing field is missing, what is expected and what line to add', () => {
    const { title: _title, ...input } = article;
    expect(linesFor(articleSchema, input)).toEqual(['f.mdx:3 — le champ title manque ; attendu : un titre non vide ; ajoutez une ligne « title: … »']);
    const { alt: _alt, ...cover } = { src: './a.jpg', alt: 'x' };
    expect(linesFor(articleSchema, { ...article, cover })).toEqual([
      'f.mdx:3 — le champ cover.alt manque ; attendu : une description non vide de l’image (texte alternatif) ; ajoutez une ligne « alt: … » dans cover',
    ]);
  });

  it('shows the value as the writer wrote it, not as parsed', () => {
    expect(linesFor(articleSchema, { ...article, updatedAt: '2016-05-11T08:00:00+02:00' })).toEqual([
      'f.mdx:3 — le champ updatedAt vaut "2016-05-11T08:00:00+02:00" ; attendu : une date de mise à jour qui n’est pas antérieure à publishedAt',
    ]);
    expect(linesFor(articleSchema, { ...article, publishedAt: '12 mai 2016' })).toEqual([
      'f.mdx:3 — le champ publishedAt vaut "12 mai 2016" ; attendu : une date et une heure au format ISO 8601 avec le décalage horaire, par exemple 2016-05-12T08:00:00+02:00',
    ]);
  });

  it('points into lists and nested blocks', () => {
    expect(linesFor(articleSchema, { ...article, authors: ['alice-martin', 'Bruno Petit'] })).toEqual([
      'f.mdx:3 — le champ authors[1] vaut "Bruno Petit" ; attendu : un identifiant en minuscules, chiffres et tirets, le nom de son fichier sans .yaml : vouliez-vous dire "bruno-petit" ?',
    ]);
    expect(linesFor(articleSchema, { ...article, cover: { src: './a.jpg', alt: '' } })).toEqual([
      'f.mdx:3 — le champ cover.alt vaut "" ; attendu : une description non vide de l’image (texte alternatif)',
    ]);
    expect(linesFor(siteSchema, { name: 'x', url: 'https://a.example', follow: [{ label: 'M', url: 'pas une url' }] })).toEqual([
      'f.mdx:3 — le champ follow[0].url vaut "pas une url" ; attendu : une adresse complète commençant par https:// ou http://',
    ]);
  });

  it('names an unknown field, with the known ones and the one it was probably meant to be', () => {
    const { category: _c, ...rest } = article;
    const lines = linesFor(articleSchema, { ...rest, categroy: 'cloud' }, (p) => (p.length === 0 ? ['title', 'category'] : []));
    expect(lines).toContain('f.mdx:3 — le champ categroy n’existe pas ; attendu : l’un des champs connus : title, category ; vouliez-vous dire "category" ?');
    const far = linesFor(articleSchema, { ...article, rubrique: 'cloud' }, (p) => (p.length === 0 ? ['title', 'category'] : []));
    expect(far).toEqual(['f.mdx:3 — le champ rubrique n’existe pas ; attendu : l’un des champs connus : title, category ; le nom du champ est-il mal orthographié ?']);
  });

  it('calls knownKeys with the path of the block holding the unknown field', () => {
    const seen: string[] = [];
    const result = articleSchema.safeParse({ ...article, cover: { src: './a.jpg', alt: 'x', credits: '©' } });
    const problems = problemsFromZod('f.mdx', {}, result.error!, () => undefined, (p) => {
      seen.push(formatPath(p));
      return ['src', 'alt', 'credit', 'caption'];
    });
    expect(seen).toEqual(['cover']);
    expect(problems[0]).toMatchObject({ field: 'cover.credits', found: 'le champ cover.credits n’existe pas', expected: 'l’un des champs connus de cover : src, alt, credit, caption', hint: 'vouliez-vous dire "credit" ?' });
  });

  it('has no field for a problem with the whole file', () => {
    const problems = problemsFromZod('site.yaml', 'x', z.object({}).safeParse('x').error!);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBeUndefined();
    expect(problems[0]!.found).toBe('le contenu vaut "x"');
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
    expect(lines[0]).toMatch(/attendu : .*\blabel\b.*\burl\b/);
  });

  it('says how to write a cover when it is a bare path', () => {
    const [line] = linesFor(articleSchema, { ...article, cover: './photo.jpg' });
    expect(line).toMatch(/^f\.mdx:3 — le champ cover vaut "\.\/photo\.jpg" ; attendu : .*\bsrc\b.*\balt\b/);
  });
});
