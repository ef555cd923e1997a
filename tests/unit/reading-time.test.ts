import { describe, it, expect } from 'vitest';
import { countWords, readingMinutes, stripMdx } from '../../src/lib/reading-time.ts';

describe('countWords', () => {
  it('counts words separated by spaces and punctuation', () => {
    expect(countWords('Le cloud, souverain ; vraiment ?')).toBe(4);
  });

  it('counts elided and hyphenated words as one', () => {
    expect(countWords("aujourd'hui")).toBe(1);
    expect(countWords('aujourd’hui')).toBe(1);
    expect(countWords("l'État c'est-à-dire")).toBe(2);
  });

  it('counts numbers, decimals as one', () => {
    expect(countWords('en 2016, 3,5 % de 12.5 millions')).toBe(6);
  });

  it('ignores punctuation, symbols and dashes standing alone', () => {
    expect(countWords('« — » … ! ? % € - *')).toBe(0);
    expect(countWords('oui — non')).toBe(2);
  });

  it('handles accents, decomposed or not, and other scripts', () => {
    expect(countWords('Été e\u0301te\u0301 日本')).toBe(3);
  });

  it('returns 0 for empty or blank text', () => {
    expect(countWords('')).toBe(0);
    expect(countWords(' \n\t ')).toBe(0);
  });
});

describe('readingMinutes', () => {
  const words = (n: number) => Array.from({ length: n }, () => 'mot').join(' ');

  it('is at least 1, even for an empty text', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('Bref.')).toBe(1);
  });

  it('rounds up at 230 words per minute by default', () => {
    expect(readingMinutes(words(230))).toBe(1);
    expect(readingMinutes(words(231))).toBe(2);
    expect(readingMinutes(words(920))).toBe(4);
  });

  it('accepts another speed', () => {
    expect(readingMinutes(words(200), 100)).toBe(2);
    expect(readingMinutes(words(201), 100)).toBe(3);
  });

  it('rejects a non-positive speed', () => {
    expect(() => readingMinutes('x', 0)).toThrow(RangeError);
    expect(() => readingMinutes('x', -5)).toThrow(RangeError);
    expect(() => readingMinutes('x', Number.NaN)).toThrow(RangeError);
  });
});

describe('stripMdx', () => {
  it('removes import and export blocks, including multi-line ones', () => {
    const src = "import Foo from './foo.astro';\nexport const meta = {\n  a: 1,\n};\n\nTexte seul.";
    expect(stripMdx(src)).toBe('Texte seul.');
  });

  it('does not treat « import » inside a paragraph as ESM', () => {
    expect(stripMdx('Une phrase\nimport de données')).toBe('Une phrase\nimport de données');
  });

  it('removes front matter', () => {
    expect(stripMdx('---\ntitle: "X"\n---\nCorps.')).toBe('Corps.');
  });

  it('keeps the text children of JSX components and drops their attributes', () => {
    const src = '<Quote by="Marie Durand" role="PDG">\n  Nous ne *reviendrons* pas.\n</Quote>';
    expect(stripMdx(src)).toBe('Nous ne reviendrons pas.');
  });

  it('drops self-closing components entirely, even on several lines', () => {
    const src = 'Avant.\n\n<Figure\n  src="./a.jpg"\n  alt="Une > flèche"\n  caption={"x"}\n/>\n\n<Video youtube="abc" title="Démo" />\n\nAprès.';
    expect(countWords(stripMdx(src))).toBe(2);
  });

  it('keeps link text, drops the URL', () => {
    expect(stripMdx('Lire [cet article](https://example.fr/un/deux "titre") ici.')).toBe('Lire cet article ici.');
    expect(stripMdx('Voir [la source][1].\n\n[1]: https://example.fr')).toBe('Voir la source.');
  });

  it('drops images entirely', () => {
    expect(stripMdx('Avant ![Un long texte alternatif](./photo.jpg) après')).toBe('Avant après');
  });

  it('drops autolinks, comments and expressions', () => {
    expect(stripMdx('Voir <https://example.fr> {/* note */} <!-- x --> {props.x} fin')).toBe('Voir fin');
  });

  it('keeps code block content without the fences', () => {
    const src = 'Exemple :\n\n```ts\nimport x from "y";\nconst a = 1;\n```\n\nFin.';
    const text = stripMdx(src);
    expect(text).toContain('import x from "y";');
    expect(text).not.toContain('```');
    expect(text).toContain('Fin.');
  });

  it('keeps inline code text', () => {
    expect(stripMdx('Lancez `npm ci` puis rien.')).toBe('Lancez npm ci puis rien.');
  });

  it('removes Markdown markers', () => {
    const src = '## Un titre\n\n> Une **citation** _forte_\n\n- un\n* deux\n1. trois\n\n---\n\n| a | b |';
    expect(stripMdx(src)).toBe('Un titre\n\nUne citation forte\n\nun\ndeux\ntrois\n\na b');
  });

  it('keeps snake_case identifiers as one word', () => {
    expect(countWords(stripMdx('la variable max_width'))).toBe(3);
  });

  it('gives a sensible word count for a realistic article', () => {
    const src = [
      "import Chart from '../components/Chart.astro';",
      '',
      '## Un an après',
      '',
      "Le **cloud à la française** n'a pas [tenu ses promesses](https://example.fr).",
      '',
      '![Salle serveur](./salle.jpg)',
      '',
      '<Quote by="Un ancien">',
      'Nous y avons cru.',
      '</Quote>',
    ].join('\n');
    // Un an après (3) + Le cloud à la française n'a pas tenu ses promesses (10) + Nous y avons cru (4)
    expect(countWords(stripMdx(src))).toBe(17);
  });

  it('handles CRLF line endings', () => {
    expect(stripMdx('import A from "a";\r\n\r\n# Titre\r\nTexte')).toBe('Titre\nTexte');
  });
});
