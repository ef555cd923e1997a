/**
 * findUnsafeContent (src/markdown/safety.ts) on trees parsed by Sätteri as
 * the content check parses them (the whole file, front matter included, so
 * lines are the file's own): every construct an article may not hold is a
 * problem with its line; everything writers use today is not.
 */
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { mdxToHast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { findUnsafeContent, MAX_NESTING, nestingProblem, type SafetyProblem } from '../../src/markdown/safety.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Front matter of 4 lines and a blank line: the body starts on line 6. */
const article = (body: string) => `---\ntitle: "Un titre"\ndescription: "Un chapô."\n---\n\n${body}\n`;
const BODY_LINE = 6;

const problemsOf = (body: string): SafetyProblem[] => findUnsafeContent(mdxToHast(article(body)));

interface Refused {
  body: string;
  field: string;
  /** Text the "found" part must contain. */
  found: string;
  /** Text the "expected" or "hint" part must contain: what to write instead. */
  instead?: string;
  /** Line of the body (1 = first line of the body). */
  bodyLine?: number;
}

const REFUSED: Record<string, Refused> = {
  'an export that would run code at build time': {
    body: "Texte.\n\nexport const x = (await import('node:child_process')).execSync('id').toString()\n\n{x}",
    field: 'export',
    found: 'export const x = (await import(',
    bodyLine: 3,
  },
  'an import': { body: "import Chart from './chart.js'", field: 'import', found: "import Chart from './chart.js'", instead: 'n’ont besoin d’aucun import' },
  'an expression in a paragraph': { body: 'Il reste {2 * 3} jours.', field: '{…}', found: 'l’expression {2 * 3}', instead: 'écrivez \\{ pour une accolade { littérale' },
  'an expression on its own line': { body: 'Texte.\n\n{globalThis.process.env.HOME}', field: '{…}', found: '{globalThis.process.env.HOME}', bodyLine: 3 },
  'a comment written as an expression': { body: '{/* à relire */}', field: '{…}', found: 'le commentaire {/* à relire */}', instead: 'supprimez-le' },
  'an attribute value that is an expression': { body: '<Quote by={auteur}>Propos.</Quote>', field: '<Quote by>', found: 'l’expression {auteur} comme valeur de by', instead: 'by="…"' },
  'a spread of attributes': { body: '<Figure src="./a.jpg" alt="Une image" {...props} />', field: '<Figure>', found: 'l’expression {...props} parmi les attributs de <Figure>' },
  '<script>': { body: '<script>alert(1)</script>', field: '<script>', found: 'l’élément HTML <script> n’est pas accepté', instead: 'aucun script' },
  '<style>': { body: '<style>{`p { color: red }`}</style>', field: '<style>', found: 'l’élément HTML <style> n’est pas accepté' },
  '<iframe>': { body: '<iframe src="https://www.youtube.com/embed/x"></iframe>', field: '<iframe>', found: 'l’élément HTML <iframe> n’est pas accepté', instead: '<Video youtube=' },
  'an HTML <img>, even of a local file': { body: 'Texte <img src="./photo.jpg" alt="" />', field: '<img>', found: 'l’élément HTML <img> n’est pas accepté', instead: '![texte](./image.jpg)' },
  'an element outside the allowlist': { body: 'Du <b>gras</b>.', field: '<b>', found: 'l’élément HTML <b> n’est pas accepté', instead: 'écrivez **texte** en Markdown' },
  'a component the site does not have': { body: '<Figur src="./a.jpg" alt="x" />', field: '<Figur>', found: 'le site n’a pas de composant <Figur>', instead: 'vouliez-vous dire <Figure> ?' },
  'a member component': { body: '<Foo.Bar />', field: '<Foo.Bar>', found: 'le site n’a pas de composant <Foo.Bar>' },
  'a fragment': { body: '<>texte</>', field: '<>', found: 'une balise vide' },
  'an event handler on allowed inline HTML': { body: 'Un <span onclick="alert(1)">mot</span>.', field: '<span onclick>', found: 'l’attribut onclick de <span> lance un script', instead: 'aucun script' },
  'an event handler on a component': { body: '<Quote by="Jeanne" onMouseOver="alert(1)">Propos.</Quote>', field: '<Quote onMouseOver>', found: 'l’attribut onMouseOver de <Quote> lance un script' },
  'a style attribute': { body: 'Un <mark style="color: red">mot</mark>.', field: '<mark style>', found: 'un attribut style sur <mark>' },
  'an attribute the element does not take': { body: 'Un <abbr titl="Wi-Fi">WLAN</abbr>.', field: '<abbr titl>', found: '<abbr> n’a pas d’attribut titl', instead: 'vouliez-vous dire "title" ?' },
  'a javascript: link in HTML': { body: 'Un <a href="javascript:alert(1)">lien</a>.', field: '<a href>', found: 'le lien "javascript:alert(1)" n’est pas accepté', instead: 'https://' },
  'a javascript: link hidden by an entity and spaces': { body: 'Un <a href="  java&#9;script:alert(1)">lien</a>.', field: '<a href>', found: 'le lien' },
  'a javascript: link in Markdown': { body: 'Un [lien](javascript:alert(1)).', field: '[link]', found: 'le lien "javascript:alert(1)" n’est pas accepté' },
  'a javascript: link as a Markdown reference': { body: 'Un [lien][x].\n\n[x]: javascript:alert(1)', field: '[link]', found: 'javascript:alert(1)' },
  'a data: link': { body: 'Un <a href="data:text/html,<b>x</b>">lien</a>.', field: '<a href>', found: 'data:text/html' },
  'a link without its scheme': { body: 'Un [lien](//evil.example/x).', field: '[link]', found: 'n’a pas de protocole', instead: 'écrivez "https://evil.example/x"' },
  'a javascript: citation source': { body: 'Il dit <q cite="javascript:alert(1)">non</q>.', field: '<q cite>', found: 'javascript:alert(1)' },
  'a remote Markdown image': { body: '![Un pixel espion](https://tracker.example/p.gif)', field: '![image]', found: 'l’image distante "https://tracker.example/p.gif" n’est pas acceptée' },
  'a remote image without scheme': { body: '![Un pixel espion](//tracker.example/p.gif)', field: '![image]', found: 'l’image distante' },
};

describe('findUnsafeContent refuses what is not data, at its line', () => {
  for (const [title, c] of Object.entries(REFUSED)) {
    it(title, () => {
      const problems = problemsOf(c.body);
      const problem = problems.find((p) => p.field === c.field);
      expect(problem, JSON.stringify(problems, null, 1)).toBeDefined();
      expect(problem!.line).toBe(BODY_LINE + (c.bodyLine ?? 1) - 1);
      expect(problem!.found).toContain(c.found);
      if (c.instead) expect(`${problem!.expected} (${problem!.hint ?? ''})`).toContain(c.instead);
    });
  }

  it('reports every problem of an article at once, each with its own line', () => {
    const problems = problemsOf(['<script>x</script>', '', 'Un {mot}.', '', '![x](https://t.example/p.gif)'].join('\n'));
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [BODY_LINE, '<script>'],
      [BODY_LINE + 2, '{…}'],
      [BODY_LINE + 4, '![image]'],
    ]);
  });

  it('checks what is nested inside a refused element too', () => {
    const problems = problemsOf('<div>\n\n[lien](javascript:x)\n\n</div>');
    expect(problems.map((p) => p.field)).toEqual(['<div>', '[link]']);
  });

  it('never throws on a tree of an unexpected shape', () => {
    for (const tree of [null, undefined, 42, 'x', {}, { type: 'root', children: 'no' }, { type: 'mdxJsxFlowElement', attributes: [null, 3, { type: 'mdxJsxAttribute' }] }]) {
      expect(() => findUnsafeContent(tree)).not.toThrow();
    }
    expect(findUnsafeContent({ type: 'root', children: [{ type: 'raw', value: '<script>x</script>' }] })).toEqual([
      expect.objectContaining({ found: 'du HTML brut "<script>x</script>"' }),
    ]);
  });
});

describe('findUnsafeContent accepts what writers write', () => {
  const ALLOWED: Record<string, string> = {
    Markdown: [
      '## Un intertitre',
      '',
      'Du *texte*, du **gras**, ~~barré~~, du `code`, une note[^1] et un lien [vers le site](https://example.com/page?a=1#b).',
      '',
      '> Une citation.',
      '',
      '- un',
      '- deux',
      '',
      '1. premier',
      '',
      '| a | b |',
      '| --- | --- |',
      '| 1 | 2 |',
      '',
      '```js',
      'const x = { a: 1 };',
      '```',
      '',
      '---',
      '',
      'Un lien nu www.example.com, un courriel contact@example.com, des accolades littérales \\{ et \\}.',
      '',
      '![Une carte](./carte.jpg) ![Un schéma](../commun/schéma%20final.png) ![Sans chemin](carte.jpg)',
      '',
      '[^1]: La note.',
    ].join('\n'),
    'links of every allowed kind': [
      '[http](http://example.com) [https](https://example.com) [courriel](mailto:redaction@example.com) [téléphone](tel:+33123456789)',
      '[ancre](#un-intertitre) [page du site](/articles/lancement/) [rubrique](/rubriques/cloud/) [fichier](./rapport.pdf) [fichier](rapport.pdf)',
      '<a href="/articles/lancement/">le lancement</a> <a href="https://example.com">ailleurs</a> <a href="#note">note</a>',
    ].join('\n\n'),
    'the components with literal values': [
      '<Quote by="Jeanne Dupont" role="directrice">Nous avons choisi l’open source !</Quote>',
      '<Quote>Sans auteur.</Quote>',
      '<Figure src="./schema.png" alt="Un schéma" caption="Le schéma" credit="© Gazette" />',
      '<Video youtube="aqz-KE-bpKQ" title="Une vidéo" />',
      '<Video src="./clip.mp4" poster="./affiche.jpg" title="Un clip" />',
      '<ReadAlso slug="lancement" />',
    ].join('\n\n'),
    'the inline HTML allowlist': [
      'Le <abbr title="Règlement général sur la protection des données">RGPD</abbr>, le 1<sup>er</sup>, H<sub>2</sub>O,',
      '<kbd>Ctrl</kbd>, <mark>surligné</mark>, une ligne<br />coupée, <del>retiré</del> <ins>ajouté</ins>,',
      '<q>cité</q>, <q cite="https://example.com/source">cité avec source</q>, <cite>Le Monde</cite>,',
      '<time datetime="2016-05-12">12 mai</time>, <span>un mot</span>, <span lang="en">cloud first</span>.',
    ].join('\n'),
  };
  for (const [title, body] of Object.entries(ALLOWED)) {
    it(title, () => {
      expect(problemsOf(body)).toEqual([]);
    });
  }

  // The allowlist must not drift from what writers use: every article of the
  // sample magazine and of the fixtures that parses today passes the check
  // (the one that does not parse is the syntax-error fixture), except the
  // bad-input cases written to be refused by it.
  const REFUSED_CASES = ['tests/fixtures/bad-input/code-in-article/', 'tests/fixtures/bad-input/unsafe-html/'];
  const all = globSync(['content/**/*.mdx', 'tests/fixtures/**/*.mdx'], { cwd: ROOT }).sort();
  const files = all.filter((f) => !REFUSED_CASES.some((c) => f.startsWith(c)));
  it('refuses the bad-input cases written to be refused', () => {
    const refused = all.filter((f) => REFUSED_CASES.some((c) => f.startsWith(c)));
    expect(refused).toHaveLength(REFUSED_CASES.length);
    for (const f of refused) expect(findUnsafeContent(mdxToHast(readFileSync(path.join(ROOT, f), 'utf8'))).length, f).toBeGreaterThan(0);
  });
  it('finds the sample and fixture articles', () => {
    expect(files.filter((f) => f.startsWith('content/')).length).toBeGreaterThan(10);
    expect(files).toContain('tests/fixtures/basic/content/articles/2016/premier-episode/index.mdx');
  });
  for (const file of files) {
    it(file, () => {
      let tree: unknown;
      try {
        tree = mdxToHast(readFileSync(path.join(ROOT, file), 'utf8'));
      } catch {
        expect(file).toContain('mdx-syntax-error');
        return;
      }
      expect(findUnsafeContent(tree)).toEqual([]);
    });
  }
});

describe('findUnsafeContent never gives up on a deep tree', () => {
  /** A paragraph holding `node` under `depth` nested spans. */
  const deep = (depth: number, node: unknown) => {
    let tree: any = node;
    for (let i = 0; i < depth; i++) tree = { type: 'mdxJsxTextElement', name: 'span', attributes: [], children: [tree], position: { start: { line: 3 } } };
    return { type: 'root', children: [tree] };
  };

  it('reports an expression, an event handler and a <script> under 20,000 levels, without exhausting the stack', () => {
    const bottom = {
      type: 'mdxJsxTextElement',
      name: 'a',
      attributes: [{ type: 'mdxJsxAttribute', name: 'onclick', value: 'x()' }],
      children: [
        { type: 'mdxTextExpression', value: 'process.exit()', position: { start: { line: 3 } } },
        { type: 'mdxJsxTextElement', name: 'script', attributes: [], children: [] },
      ],
      position: { start: { line: 3 } },
    };
    const found = findUnsafeContent(deep(20_000, bottom)).map((p) => p.found);
    expect(found).toEqual(['l’attribut onclick de <a> lance un script', 'l’expression {process.exit()}', 'l’élément HTML <script> n’est pas accepté']);
  });

  it('tells nesting deeper than MAX_NESTING, with the line of the first node too deep', () => {
    expect(nestingProblem(deep(MAX_NESTING - 1, { type: 'text', value: 'x' }))).toBeUndefined();
    expect(nestingProblem(deep(MAX_NESTING + 1, { type: 'text', value: 'x' }))).toMatchObject({ line: 3, expected: `au plus ${MAX_NESTING} niveaux d’éléments les uns dans les autres` });
  });
});
