/**
 * Fenced code blocks: the fence's title and highlighted lines, `diff`
 * blocks, what the page and the feeds get, and every refusal of the
 * fence's metadata, with its line, in the writer's words.
 */
import { describe, expect, it } from 'vitest';
import { parseFenceMeta } from '../../src/lib/code-fence.ts';
import { dom, problemsOf, render } from './body-fixtures.ts';

const TS = '```ts titre="astro.config.ts" {2,4-5}\nimport { defineConfig } from \'astro/config\';\n/* une\n   remarque */\nexport default defineConfig({\n  site: \'https://mag.example\',\n});\n```\n';
const DIFF = '```diff titre="wp-config.php"\n define(\'DB_USER\', \'boutique\');\n-define(\'DB_PASSWORD\', \'soleil\');\n+define(\'DB_PASSWORD\', \'long-et-au-hasard\');\n```\n';

describe('a code block on the page', () => {
  it('shows its title above the code, and its highlighted lines by class, the code unchanged', async () => {
    const out = await render(TS);
    const page = dom(out.html);
    const block = page.querySelector('figure.code-block')!;
    expect(block.querySelector('figcaption.code-block__title')?.textContent).toBe('astro.config.ts');
    const lines = [...block.querySelectorAll('pre > code > .code-line')];
    expect(lines).toHaveLength(6);
    expect(lines.map((l, i) => (l.classList.contains('code-line--marked') ? i + 1 : 0)).filter(Boolean)).toEqual([2, 4, 5]);
    // A comment over two lines is cut into one token per line, each still a comment.
    expect([...lines[1]!.querySelectorAll('.token.comment'), ...lines[2]!.querySelectorAll('.token.comment')].map((t) => t.textContent)).toEqual(['/* une', '   remarque */']);
    expect(block.querySelector('pre code')?.textContent).toBe("import { defineConfig } from 'astro/config';\n/* une\n   remarque */\nexport default defineConfig({\n  site: 'https://mag.example',\n});");
    // Nothing for the highlighter is left in the page, and no inline style.
    expect(page.querySelector('[data-marked], [style]')).toBeNull();
    expect(out.scripts).toEqual(['copy-code']);
  });

  it('marks a diff’s added and removed lines, their + and - kept in the text', async () => {
    const out = await render(DIFF);
    const lines = [...dom(out.html).querySelectorAll('.code-line')];
    expect(lines.map((l) => [...l.classList].filter((c) => c !== 'code-line').join(' '))).toEqual(['', 'code-line--removed', 'code-line--added']);
    expect(lines[1]!.textContent).toBe("-define('DB_PASSWORD', 'soleil');\n");
  });

  it('without title or lines: the block as before, in a .code-block for the copy button', async () => {
    const out = await render('```js\nconst a = 1;\n```\n');
    const page = dom(out.html);
    expect(page.querySelector('div.code-block > pre.language-js > code.language-js')?.textContent).toBe('const a = 1;');
    expect(page.querySelector('.code-line, figcaption')).toBeNull();
  });

  it('typesets the title as French text', async () => {
    const out = await render('```sh titre="Tester : la commande"\nls\n```\n');
    expect(dom(out.html).querySelector('.code-block__title')?.textContent).toBe('Tester\u00A0: la commande');
  });
});

describe('a code block in feeds', () => {
  it('is a <pre><code> under its title as a caption line, with no button, no line marks', async () => {
    const out = await render(`${TS}\n${DIFF}`);
    const feed = dom(out.feedHtml);
    const figures = [...feed.querySelectorAll('figure')];
    expect(figures.map((f) => f.querySelector('figcaption')?.textContent)).toEqual(['astro.config.ts', 'wp-config.php']);
    expect(figures.map((f) => f.querySelector('pre > code')?.textContent?.split('\n').length)).toEqual([6, 3]);
    expect(feed.querySelector('.code-line, .code-block, button, [data-marked]')).toBeNull();
    expect(out.feedHtml).not.toContain('Copier');
  });
});

describe('the fence’s metadata', () => {
  it('reads a title and line ranges, in any order, lines sorted and without repeats', () => {
    expect(parseFenceMeta('{5-6,3} titre="a b.ts"', 8)).toEqual({ meta: { title: 'a b.ts', marked: [3, 5, 6] }, problems: [] });
    expect(parseFenceMeta('{ 1 , 1-2 }', 2).meta.marked).toEqual([1, 2]);
    expect(parseFenceMeta(undefined, 3)).toEqual({ meta: { marked: [] }, problems: [] });
  });

  const fenceProblems = (body: string) => problemsOf(body).filter((p) => p.field === '```');

  it('refuses anything else, at the fence’s line, saying what to write', () => {
    expect(fenceProblems('Texte.\n\n```ts showLineNumbers\nx\n```\n')).toEqual([
      {
        file: 'articles/a.mdx',
        field: '```',
        line: 7,
        found: '"showLineNumbers" n’est pas compris après la langue du bloc de code',
        expected: 'après la langue, titre="nom du fichier" et les lignes à surligner entre accolades, par exemple ```ts titre="astro.config.ts" {3,5-6}',
      },
    ]);
    const found = (meta: string, code = 'a\nb\nc') => fenceProblems(`\`\`\`ts ${meta}\n${code}\n\`\`\`\n`).map((p) => [p.found, p.hint]);
    expect(found('title="x.ts"')).toEqual([['l’option title= n’est pas comprise', 'vouliez-vous dire titre="…"\u202F?']]);
    expect(found("titre='x.ts'")).toEqual([['le titre "\'x.ts\'" n’est pas entre guillemets droits', 'un titre ne contient pas de guillemet droit "']]);
    expect(found('titre=""')).toEqual([['un titre vide (titre="")', 'ou retirez titre=""']]);
    expect(found('titre="a" titre="b"')).toEqual([['deux titres pour le même bloc de code', undefined]]);
    expect(found('{2} {3}')).toEqual([['deux listes de lignes à surligner pour le même bloc de code', undefined]]);
    expect(found('{2')).toEqual([['l’accolade de "{2" n’est pas refermée', 'ajoutez } après le dernier numéro de ligne']]);
    expect(found('{a-b}')).toEqual([['les lignes à surligner {a-b} ne sont pas des numéros de ligne', undefined]]);
    expect(found('{0}')).toEqual([['la ligne 0 parmi les lignes à surligner', undefined]]);
    expect(found('{3-2}')).toEqual([['l’intervalle {3-2} va à rebours', undefined]]);
    expect(fenceProblems('```ts {3-2}\na\nb\nc\n```\n')[0]!.expected).toBe('le plus petit numéro d’abord : {2-3}');
    expect(found('{2,4-9}')).toEqual([['la ligne 4 est à surligner, mais le bloc de code n’a que 3 lignes', undefined]]);
    expect(found('{2}', 'a')).toEqual([['la ligne 2 est à surligner, mais le bloc de code n’a que 1 ligne', undefined]]);
    expect(found('titre="ok" {1-3}')).toEqual([]);
  });

  it('is text only: a fence’s metadata never reaches the page but as a title and classes', async () => {
    const out = await render('```html titre="<script>alert(1)</script>" {1}\n<b>x</b>\n```\n');
    const page = dom(out.html);
    expect(page.querySelector('script')).toBeNull();
    expect(page.querySelector('.code-block__title')?.textContent).toBe('<script>alert(1)</script>');
  });
});
