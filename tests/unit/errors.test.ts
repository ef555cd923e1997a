import { describe, it, expect } from 'vitest';
import { didYouMean, formatProblem, formatProblems, sortProblems, suggestClosest, type ContentProblem } from '../../src/lib/errors.ts';

describe('formatProblem', () => {
  it('writes « fichier:ligne — ce qui ne va pas ; attendu : … ; quoi écrire » on one line', () => {
    expect(
      formatProblem({
        file: 'content/articles/2016/x/index.mdx',
        line: 6,
        field: 'authors[0]',
        found: 'aucune fiche auteur "claire-martine" dans content/authors/',
        expected: 'l’identifiant d’une fiche auteur (claire-martin, julien-benali, …)',
        hint: 'vouliez-vous dire "claire-martin" ?',
      }),
    ).toBe(
      'content/articles/2016/x/index.mdx:6 — aucune fiche auteur "claire-martine" dans content/authors/ ; attendu : l’identifiant d’une fiche auteur (claire-martin, julien-benali, …) ; vouliez-vous dire "claire-martin" ?',
    );
  });

  it('leaves out the line and the hint when there are none, and never prints the field in code notation', () => {
    const line = formatProblem({ file: 'a.mdx', field: 'cover.alt', found: 'le champ cover.alt vaut ""', expected: 'une description non vide' });
    expect(line).toBe('a.mdx — le champ cover.alt vaut "" ; attendu : une description non vide');
    expect(formatProblem({ file: 'a.mdx', field: '<Figure alt>', found: '<Figure> sans attribut alt', expected: 'alt="…"' })).not.toContain('›');
  });

  it('works without found', () => {
    expect(formatProblem({ file: 'content/site.yaml', expected: 'un fichier site.yaml avec au moins name et url' })).toBe(
      'content/site.yaml — attendu : un fichier site.yaml avec au moins name et url',
    );
  });

  it('treats explicit undefined like a missing property', () => {
    expect(formatProblem({ file: 'f', field: undefined, line: undefined, found: undefined, expected: 'x', hint: undefined })).toBe('f — attendu : x');
  });

  it('always gives a single line', () => {
    const line = formatProblem({ file: 'f', found: 'du YAML invalide\n  ligne 3', expected: 'du YAML\nvalide' });
    expect(line).not.toContain('\n');
    expect(line).toBe('f — du YAML invalide ligne 3 ; attendu : du YAML valide');
  });
});

describe('didYouMean', () => {
  it('writes the French question, a space before the question mark', () => {
    expect(didYouMean('claire-martin')).toBe('vouliez-vous dire "claire-martin" ?');
  });
});

const problems: ContentProblem[] = [
  { file: 'b.mdx', line: 3, field: 'title', expected: 'x' },
  { file: 'a.mdx', line: 10, field: 'tags', expected: 'x' },
  { file: 'a.mdx', line: 2, field: 'title', expected: 'x' },
  { file: 'a.mdx', field: 'authors[0]', expected: 'x' },
  { file: 'a.mdx', line: 2, field: 'description', expected: 'x' },
];

describe('sortProblems / formatProblems', () => {
  it('sorts by file, then line (file-wide first), then field', () => {
    expect(sortProblems(problems).map((p) => `${p.file}:${p.line ?? '-'}:${p.field}`)).toEqual([
      'a.mdx:-:authors[0]',
      'a.mdx:2:description',
      'a.mdx:2:title',
      'a.mdx:10:tags',
      'b.mdx:3:title',
    ]);
  });

  it('is independent of the input order', () => {
    expect(formatProblems([...problems].reverse())).toBe(formatProblems(problems));
  });

  it('writes a header with the count and one line per problem', () => {
    expect(formatProblems(problems)).toMatchInlineSnapshot(`
      "5 problèmes dans le contenu :
        - a.mdx — attendu : x
        - a.mdx:2 — attendu : x
        - a.mdx:2 — attendu : x
        - a.mdx:10 — attendu : x
        - b.mdx:3 — attendu : x"
    `);
  });

  it('uses the singular for one problem', () => {
    expect(formatProblems([problems[0]!]).split('\n')[0]).toBe('1 problème dans le contenu :');
  });
});

describe('suggestClosest', () => {
  const ids = ['claire-martin', 'marie-durand', 'jean-dupont'];

  it('finds a near miss', () => {
    expect(suggestClosest('marie-durant', ids)).toBe('marie-durand');
    expect(suggestClosest('Jean-Dupont', ids)).toBe('jean-dupont');
    expect(suggestClosest('jean-dupon', ids)).toBe('jean-dupont');
  });

  it('suggests nothing when nothing is close', () => {
    expect(suggestClosest('jdupont', ids)).toBeUndefined();
    expect(suggestClosest('x', [])).toBeUndefined();
  });

  it('is stricter for short words', () => {
    expect(suggestClosest('clod', ['cloud'])).toBe('cloud');
    expect(suggestClosest('ia', ['ai', 'web'])).toBeUndefined();
  });

  it('breaks ties by code-unit order', () => {
    expect(suggestClosest('cat', ['cot', 'bat'])).toBe('bat');
    expect(suggestClosest('cat', ['bat', 'cot'])).toBe('bat');
  });
});
