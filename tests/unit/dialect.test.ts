/**
 * The dialect writers may write, rendered two ways: by @astrojs/mdx's own
 * pipeline (the MDX renderer that @astrojs/markdown-satteri gives
 * @astrojs/mdx, with the options our site would give it: GFM, smart
 * punctuation, Prism) and by ours (src/content/load.ts parses with Sätteri's
 * mdxToHast, src/render/article.ts renderBody renders). Both HTML outputs are
 * parsed with a real HTML parser (parse5, through hast-util-from-html) and
 * normalised, then compared: an upgrade of Sätteri, @astrojs/mdx or
 * @astrojs/markdown-satteri that changes what a body means (an element, an
 * attribute, a heading id, the text) fails here, naming the body.
 *
 * Known differences, removed before comparing (and nothing else):
 * - our French typography: no-break spaces (U+00A0, U+202F) are read as
 *   spaces; the bodies avoid the punctuation it changes (double quotes,
 *   which it makes « »; ordinals, which it raises);
 * - whitespace-only text between elements (MDX's JSX keeps the line breaks
 *   between blocks its own way);
 * - Prism's token spans inside highlighted code: the code's text and its
 *   `language-…` class are compared, not how it is coloured;
 * - the `<div class="code-block">` around each fenced block, where the copy
 *   button goes (src/render/code.ts): the block inside is compared;
 * - the attributes the MDX pipeline writes that our sanitiser does not
 *   publish (`data-language` on <pre>, the language class on <pre>), and a
 *   table cell's alignment, which it writes as a class (ALIGN_CLASS) instead
 *   of an inline style;
 * - the words of GFM footnotes: their heading and the label of each link back
 *   to its call are French here (fr.footnotes), and @astrojs/mdx's Markdown
 *   processor has no option for them.
 */
import { satteri } from '@astrojs/markdown-satteri';
import type { Element, ElementContent, Root, RootContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { mdxToHast } from 'satteri';
import { describe, expect, it } from 'vitest';
import { ALIGN_CLASS } from '../../src/markdown/sanitize.ts';
import { MDX_FEATURES, renderBody } from '../../src/render/article.ts';
import { contextFor } from '../../src/render/context.ts';

/** Bodies in the dialect, each a feature a writer uses. */
const BODIES: Record<string, string> = {
  'paragraphs and emphasis': 'Un paragraphe avec du *texte en italique*, du **gras** et du `code en ligne`.\n\nUn second paragraphe\navec un saut de ligne simple.',
  'links and autolinks': 'Un [lien](https://example.org/page "Un titre") et une adresse nue https://example.org/nue dans le texte.',
  headings: '## Une partie\n\nTexte.\n\n### Une sous-partie\n\nTexte.\n\n## Une partie\n\nLe même titre deux fois.\n\n#### Plus bas encore',
  lists: '- un\n- deux\n  - deux et demi\n- trois\n\n1. premier\n2. second\n\n5. commence à cinq\n6. suite',
  'block quote and rule': '> Une citation\n> sur deux lignes.\n\n---\n\nAprès le filet.',
  'GFM table': '| Offre | Prix |\n| :--- | ---: |\n| Base | 10 |\n| Pro | 20 |',
  'GFM strikethrough': 'Un prix ~~barré~~ puis corrigé.',
  'GFM footnote': 'Une affirmation[^1].\n\n[^1]: Sa source.',
  'fenced code': '```js\nconst total = prix * 2;\n```\n\n```\nsans langage\n```',
  'inline HTML of the allowlist': 'Le <abbr title="Système d’information">SI</abbr>, la touche <kbd>Ctrl</kbd>, H<sub>2</sub>O, un mot <mark>surligné</mark>, un <ins>ajout</ins> et <q>une citation courte</q>.',
  // Straight double quotes are left out: our typography makes them « », not “ ”.
  'smart punctuation': 'L\'apostrophe devient typographique -- le tiret aussi --- et les points de suspension...',
};

/** The MDX renderer @astrojs/mdx asks its Markdown processor for (@astrojs/mdx's vite-plugin-mdx.js, resolveMdxRenderer). */
const mdxRenderer = await satteri().createMdxRenderer!(
  { syntaxHighlight: 'prism', gfm: true, smartypants: true },
  { optimize: false, srcDir: new URL('file:///magazine/src/'), sourcemap: false },
);

/**
 * Runs the module the MDX pipeline compiled, with a JSX runtime that builds
 * hast (what any automatic JSX runtime receives: a tag name or Fragment, and
 * props), and writes it as HTML. The module is the pipeline's output for the
 * bodies above, which hold no code of their own.
 */
async function renderWithMdx(body: string): Promise<string> {
  const { code } = await mdxRenderer.process(body, '/magazine/src/content/article.mdx', {});
  const Fragment = Symbol('Fragment');
  const toChildren = (children: unknown): ElementContent[] =>
    (Array.isArray(children) ? children : children === undefined ? [] : [children]).flatMap((c): ElementContent[] => {
      if (typeof c === 'string' || typeof c === 'number') return [{ type: 'text', value: String(c) }];
      if ((c as Root).type === 'root') return (c as Root).children as ElementContent[];
      return [c as ElementContent];
    });
  const jsx = (type: string | symbol, props: Record<string, unknown>): Root | Element => {
    const { children, ...attributes } = props;
    if (type === Fragment) return { type: 'root', children: toChildren(children) };
    // Attribute names as written in HTML; the element is parsed again below.
    const properties = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, v as string]));
    return { type: 'element', tagName: type as string, properties: {}, children: toChildren(children), data: { attributes: properties } } as unknown as Element;
  };
  const source = code
    .replace(/^import \{[^}]*\} from "astro\/jsx-runtime";$/m, '')
    .replace(/^export (const|function) /gm, '$1 ');
  const MDXContent = new Function('_jsx', '_jsxs', '_Fragment', `${source}\nreturn MDXContent;`)(jsx, jsx, Fragment) as (props: object) => Root | Element;
  const tree = MDXContent({});
  const root: Root = tree.type === 'root' ? tree : { type: 'root', children: [tree] };
  return serialise(root);
}

/** Writes the runtime's tree as HTML, attributes as the pipeline named them. */
function serialise(node: Root | RootContent): string {
  if (node.type === 'root') return node.children.map(serialise).join('');
  if (node.type === 'text') return toHtml(node);
  if (node.type !== 'element') return '';
  const attributes = Object.entries((node.data as { attributes?: Record<string, unknown> } | undefined)?.attributes ?? {})
    .filter(([, v]) => v !== false && v !== undefined && v !== null)
    .map(([k, v]) => {
      if (v === true) return ` ${k}`;
      // JSX writes style as an object: `{ textAlign: 'left' }` is `text-align: left`.
      const value = typeof v === 'object' ? Object.entries(v as object).map(([p, x]) => `${p.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${String(x)}`).join('; ') : String(v);
      return ` ${k}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`;
    })
    .join('');
  const voids = new Set(['br', 'hr', 'img', 'input', 'source']);
  return voids.has(node.tagName) ? `<${node.tagName}${attributes}>` : `<${node.tagName}${attributes}>${node.children.map(serialise).join('')}</${node.tagName}>`;
}

/** Our pipeline: the content pass's parse, then the page HTML of renderBody. */
async function renderWithRotative(body: string): Promise<string> {
  const tree = mdxToHast(body, { features: MDX_FEATURES }) as Root;
  const ctx = contextFor({ origin: 'https://gazette.example', base: '/', manifest: { images: {}, files: {} }, titles: {} }, '/articles/essai/', 'content/articles/essai.mdx');
  return (await renderBody(tree, ctx)).html;
}

/** Parsed with parse5, reduced to what a body means (see the known differences above). */
function normalise(html: string): unknown[] {
  const reduce = (nodes: RootContent[], inCode: boolean): unknown[] =>
    nodes.flatMap((node): unknown[] => {
      if (node.type === 'text') {
        const text = node.value.replace(/[\u00A0\u202F]/g, ' ');
        return !inCode && text.trim() === '' ? [] : [text];
      }
      if (node.type !== 'element') return [];
      if (node.tagName === 'div' && Array.isArray(node.properties.className) && node.properties.className.includes('code-block')) return reduce(node.children, inCode);
      const properties: Record<string, unknown> = { ...node.properties };
      if (node.tagName === 'pre') {
        delete properties.dataLanguage;
        delete properties.className;
      }
      // A cell's alignment: our sanitiser writes it as its class (ALIGN_CLASS).
      const align = /^text-align: ?(left|right|center);?$/.exec(String(properties.style ?? ''));
      if ((node.tagName === 'th' || node.tagName === 'td') && align) {
        delete properties.style;
        properties.className = [ALIGN_CLASS[align[1] as keyof typeof ALIGN_CLASS]];
      }
      // The footnotes' words (French here): the heading's and the back links' labels.
      if (node.tagName === 'h2' && properties.id === 'footnote-label') return [{ tag: 'h2', properties, children: ['(titre des notes)'] }];
      if (node.tagName === 'a' && 'dataFootnoteBackref' in properties) delete properties.ariaLabel;
      // Prism's tokens: the text of the code stays, in one piece.
      if (inCode && node.tagName === 'span') return reduce(node.children, true);
      const children = reduce(node.children, inCode || node.tagName === 'code');
      const merged = children.reduce<unknown[]>((out, c) => {
        if (typeof c === 'string' && typeof out.at(-1) === 'string') out[out.length - 1] += c;
        else out.push(c);
        return out;
      }, []);
      return [{ tag: node.tagName, properties, children: merged }];
    });
  return reduce(fromHtml(html, { fragment: true }).children, false);
}

describe('the body dialect renders as @astrojs/mdx renders it', () => {
  for (const [name, body] of Object.entries(BODIES)) {
    it(name, async () => {
      const [ours, theirs] = await Promise.all([renderWithRotative(body), renderWithMdx(body)]);
      expect(normalise(ours), `ours:\n${ours}\n\n@astrojs/mdx:\n${theirs}`).toEqual(normalise(theirs));
    });
  }
});
