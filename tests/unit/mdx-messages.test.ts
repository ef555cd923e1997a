import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ContentProblem } from '../../src/lib/errors.ts';
import { scanMdx } from '../../src/content/scan.ts';

function problemsOf(body: string): ContentProblem[] {
  const root = mkdtempSync(path.join(tmpdir(), 'rotative-mdx-'));
  const problems: ContentProblem[] = [];
  scanMdx(`---\ntitle: x\n---\n\n${body}`, root, path.join(root, 'articles/a.mdx'), 'articles/a.mdx', problems);
  return problems;
}

describe('MDX mistakes, said as the writer typed them', () => {
  it('a component without content left open is told to end with />, not to add a closing tag', () => {
    const [p] = problemsOf('<Figure src="./a.jpg" alt="Une image">\n\nLa suite du texte.\n');
    expect(p).toMatchObject({
      line: 5,
      found: 'la balise <Figure> n’est jamais fermée',
      expected: '<Figure … /> : cette balise n’a pas de contenu et se ferme elle-même',
      hint: 'terminez-la par /> au lieu de >',
    });
  });

  it('a component with content left open is still told to add its closing tag', () => {
    const [p] = problemsOf('<Quote by="Quelqu’un">\n\nUne citation.\n');
    expect(p!.hint).toBe('ajoutez </Quote> à la fin de son contenu');
  });

  it('a `<` and a `{` on one line are two mistakes, both named', () => {
    const problems = problemsOf('Un <b et une {x sur la même ligne.\n');
    expect(problems.map((p) => [p.line, p.found])).toEqual([
      [5, 'la balise <b n’est pas fermée par >'],
      [5, 'une accolade { ouverte dans le texte n’est jamais fermée'],
    ]);
  });
});

describe('a Markdown image without alt text', () => {
  it('is refused like a cover or a <Figure> without alt, with what to write', () => {
    const problems = problemsOf('Texte.\n\n![](./photo.jpg)\n');
    const alt = problems.find((p) => p.field === '![image]' && p.found?.includes('texte alternatif'));
    expect(alt).toMatchObject({
      line: 7,
      found: 'l’image ./photo.jpg n’a pas de texte alternatif (les crochets sont vides)',
      expected: 'ce que montre l’image, entre les crochets : ![Une salle de serveurs](./photo.jpg)',
      hint: 'pour une image purement décorative, qui n’apprend rien au lecteur, écrivez ![](./photo.jpg "décorative")',
    });
  });

  it('is accepted when marked decorative, and an image with alt text is not concerned', () => {
    for (const body of ['![](./photo.jpg "décorative")\n', '![Une salle de serveurs](./photo.jpg)\n']) {
      expect(problemsOf(body).filter((p) => p.found?.includes('texte alternatif'))).toEqual([]);
    }
  });
});
