import { describe, expect, it } from 'vitest';
import { findPlaceholders, isPlaceholder, PLACEHOLDER_MARK, PLACEHOLDER_TEXTS, PLACEHOLDERS, RETIRED_PLACEHOLDERS, type PlaceholderScan } from '../../src/content/placeholders.ts';

describe('isPlaceholder', () => {
  it('recognises every text the scaffold writes, and those it used to write', () => {
    for (const text of [...PLACEHOLDER_TEXTS, ...RETIRED_PLACEHOLDERS]) expect(isPlaceholder(text), text).toBe(true);
  });

  it('recognises the mark anywhere, whatever its case and spacing', () => {
    expect(isPlaceholder('Bonjour [À ÉCRIRE] la suite')).toBe(true);
    expect(isPlaceholder('[à écrire] trois mots')).toBe(true);
    expect(isPlaceholder('[ À  ÉCRIRE ]')).toBe(true);
    expect(isPlaceholder(`## ${PLACEHOLDERS.heading}`)).toBe(true);
  });

  it('recognises a long provisional text whose mark alone was deleted, apostrophes and spaces changed', () => {
    const unmarked = PLACEHOLDERS.description.slice(PLACEHOLDER_MARK.length).replace(/’/g, "'").replace(/ /g, '  ');
    expect(isPlaceholder(unmarked)).toBe(true);
    expect(isPlaceholder(`  ${PLACEHOLDERS.firstParagraph.slice(PLACEHOLDER_MARK.length).toUpperCase()}`)).toBe(true);
    expect(isPlaceholder('"Le chapô : une ou deux phrases qui résument l\'article."')).toBe(true);
  });

  it('leaves ordinary writing alone, even with the same words', () => {
    for (const text of [
      '## Un intertitre',
      "La suite de l'article.",
      'Ce que montre l’image',
      'Le chapô : une ou deux phrases qui résument l’article, disait le rédacteur en chef, et rien de plus.',
      'Une pièce à écrire [sic] pour le théâtre.',
      'Les pièces à remplacer sont listées ici.',
      '',
    ]) {
      expect(isPlaceholder(text), text).toBe(false);
    }
  });
});

describe('findPlaceholders', () => {
  const lines: Record<string, number> = { title: 2, description: 3, 'cover.alt': 12 };
  const scan = (over: Partial<PlaceholderScan['data']>, body: string): PlaceholderScan => ({
    file: 'content/articles/2026/x/index.mdx',
    data: { title: 'Un vrai titre', description: 'Un vrai chapô.', ...over },
    body,
    bodyLine: 15,
    lineOf: (p) => lines[p.join('.')],
  });

  it('names file, field and line of each leftover, in the front matter and in the body', () => {
    const problems = findPlaceholders(
      scan(
        { description: PLACEHOLDERS.description, cover: { alt: PLACEHOLDERS.coverAlt } },
        `\nUn vrai paragraphe.\n\n## ${PLACEHOLDERS.heading}\n\n${PLACEHOLDERS.paragraph}\n`,
      ),
    );
    expect(problems.map((p) => [p.file, p.field, p.line])).toEqual([
      ['content/articles/2026/x/index.mdx', 'description', 3],
      ['content/articles/2026/x/index.mdx', 'cover.alt', 12],
      ['content/articles/2026/x/index.mdx', undefined, 18],
      ['content/articles/2026/x/index.mdx', undefined, 20],
    ]);
    // In French, quoting the text found, saying how to fix it.
    expect(problems[0]!.found).toContain('chapô');
    expect(problems[0]!.found).toContain('[À ÉCRIRE] Le chapô');
    expect(problems[2]!.found).toContain('Un intertitre');
    expect(problems[0]!.hint).toContain('draft: true');
  });

  it('checks the title too', () => {
    const [problem] = findPlaceholders(scan({ title: `${PLACEHOLDER_MARK} Titre` }, 'Texte.'));
    expect(problem).toMatchObject({ field: 'title', line: 2 });
  });

  it('finds nothing in a finished article', () => {
    expect(findPlaceholders(scan({ cover: { alt: 'Une carte de France' } }, '\nLe texte.\n\n## Un intertitre\n\nLa suite de l’article.\n'))).toEqual([]);
  });
});
