import { describe, expect, it } from 'vitest';
import type { ContentProblem } from '../../src/lib/errors.ts';
import { parseYaml } from '../../src/content/yaml.ts';

function problemsOf(text: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  parseYaml(text, 'a.mdx', 1, problems);
  return problems;
}

describe('YAML mistakes, said as the writer typed them', () => {
  it('a straight apostrophe inside a value between apostrophes: use ’ or double it, not « add quotes »', () => {
    const [p, ...rest] = problemsOf("title: 'L'été du cloud'\ndescription: x\n");
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ line: 2, found: 'l’en-tête n’est pas du YAML valide à cette ligne : la valeur est entre apostrophes droites et en contient une autre, qui la termine trop tôt' });
    expect(p!.hint).toBe('écrivez l’apostrophe typographique ’ dans le texte (L’été), ou doublez l’apostrophe droite (\'L\'\'été\')');
  });

  it('straight double quotes inside a value between double quotes: use « »', () => {
    const [p] = problemsOf('title: "Le "non" du cloud"\n');
    expect(p!.found).toBe('l’en-tête n’est pas du YAML valide à cette ligne : la valeur est entre guillemets droits et en contient d’autres, qui la terminent trop tôt');
    expect(p!.hint).toContain('« »');
  });

  it('one tab gives one message, at its line, and no « field written twice » that the writer did not write', () => {
    const problems = problemsOf('title: x\ntags: [a]\n\tcover: y\ndescription: z\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 4, found: 'l’en-tête n’est pas du YAML valide à cette ligne : la ligne commence par une tabulation : le retrait s’écrit avec des espaces' });
  });
});
