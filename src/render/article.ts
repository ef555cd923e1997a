/**
 * Renders an article's body, parsed once by the content phase (Sätteri's
 * hast, with MDX nodes kept), to two HTML strings: the page's and the
 * feeds'. The components are functions over the tree (components.ts); MDX
 * code (`import`/`export`, `{expressions}`) is never evaluated: the content
 * phase refuses it, and this renderer drops any such node it meets.
 *
 * What it does to the tree is what @astrojs/mdx's pipeline does to the same
 * dialect (French typography aside): heading ids by github-slugger, Prism
 * highlighting of fenced code, Markdown images through our image pipeline.
 * Both outputs then go through our sanitiser (src/markdown/sanitize.ts).
 */
import type { Element, ElementContent, Root, RootContent, Text } from 'hast';
import { runHighlighterWithAstro } from '@astrojs/prism/dist/highlighter';
import GithubSlugger from 'github-slugger';
import { toHtml } from 'hast-util-to-html';
import { htmlToHast } from 'satteri';
import { fr } from '../i18n/fr.ts';
import { sanitizeHast } from '../markdown/sanitize.ts';
import { countWords } from '../lib/reading-time.ts';
import { splitOrdinals, typesetBlock } from '../lib/typography.ts';
import { resolveFeedUrl } from '../lib/feed.ts';
import { daysAbove } from '../lib/live.ts';
import { isOutboundUrl, SPONSORED_REL } from '../lib/labels.ts';
import { components, MarkdownImage, type BodyScript, type Component, type ComponentContext, type Props } from './components.ts';
import { codeBlock, fencedCode, markedLinesOf, markLines } from './code.ts';
import { verdictOf, type VerdictSummary } from './formats.ts';

/**
 * The parser features of the MDX dialect, as @astrojs/mdx sets them by
 * default (GFM, smart punctuation). The content phase parses with these.
 */
export const MDX_FEATURES = {
  // GFM, with the footnotes' heading and back links in French.
  gfm: { footnotes: { label: fr.footnotes.label, backLabel: fr.footnotes.backLabel } },
  smartPunctuation: true,
} as const;

/** Where the content phase records, on a node, the content keys of the files it names (by attribute). */
export const FILE_KEYS = 'rotativeFileKeys';

export interface Heading {
  depth: number;
  slug: string;
  text: string;
}

export interface RenderedBody {
  /** The body as the article page shows it. */
  html: string;
  /** The body for feed readers: absolute URLs, no script, videos as links. */
  feedHtml: string;
  headings: Heading[];
  /** Words of the text, for the reading time. */
  words: number;
  /** The page needs the YouTube facade's script. */
  hasYoutube: boolean;
  /** The scripts of src/scripts/ the page needs (see BodyScripts.astro): a gallery's full-size view, code blocks' copy button. */
  scripts: BodyScript[];
  /** A product test's `<Verdict>`, for the article's structured data. */
  verdict?: VerdictSummary;
}

/** What the page conversion met that needs a script of the page. */
interface Found {
  youtube: boolean;
  scripts: Set<BodyScript>;
}

/** Elements whose text is code or machine text: typography must not touch it. */
const VERBATIM = new Set(['code', 'pre', 'kbd', 'samp', 'script', 'style', 'textarea']);

type AnyNode = Root | RootContent | ElementContent | { type: string; [key: string]: unknown };

const isJsx = (node: AnyNode): node is AnyNode & { name: string | null; attributes: { type: string; name?: string; value?: unknown }[]; children: ElementContent[]; data?: Record<string, unknown> } =>
  node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement';

/** Elements whose text is one run of prose: quotes pair, and spaces are decided, within one of them. */
const BLOCKS = new Set(['p', 'li', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'td', 'th', 'dt', 'dd', 'figcaption', 'caption', 'blockquote']);

const tagOf = (node: AnyNode) => (node.type === 'element' ? (node as Element).tagName : isJsx(node) ? node.name ?? '' : undefined);
/** A block element, or a component written on lines of its own (`<Quote>texte</Quote>`), whose text is its own. */
const isBlock = (node: AnyNode) => node.type === 'mdxJsxFlowElement' || BLOCKS.has(tagOf(node) ?? '');
const childrenOf = (node: AnyNode): AnyNode[] => ((node as { children?: AnyNode[] }).children ?? []);

/** The text nodes of a block, in order, outside code and outside nested blocks (typeset on their own). */
function blockTexts(node: AnyNode, out: Text[]): Text[] {
  for (const child of childrenOf(node)) {
    if (child.type === 'text') out.push(child as Text);
    else {
      const tag = tagOf(child);
      if (tag !== undefined && !VERBATIM.has(tag) && !isBlock(child)) blockTexts(child, out);
    }
  }
  return out;
}

/**
 * French typography on the prose of the body, block by block (so that a
 * quotation around `**bold**` pairs its « »), never inside code; then the
 * ordinal suffixes (1er, XIXe) as superscripts. Component props are
 * typeset by the components.
 */
function typesetText(node: AnyNode): void {
  const tag = tagOf(node);
  if (tag !== undefined && VERBATIM.has(tag)) return;
  if (isBlock(node)) {
    const texts = blockTexts(node, []);
    const typeset = typesetBlock(texts.map((t) => t.value));
    texts.forEach((t, i) => (t.value = typeset[i]!));
  }
  for (const child of childrenOf(node)) if (child.type !== 'text') typesetText(child);
}

/** Replaces, outside code, each ordinal suffix of the text by a `<sup>`. */
function superscriptOrdinals(node: AnyNode): void {
  const children = (node as { children?: AnyNode[] }).children;
  if (!children) return;
  const tag = tagOf(node);
  if (tag !== undefined && (VERBATIM.has(tag) || tag === 'sup')) return;
  const out: AnyNode[] = [];
  for (const child of children) {
    if (child.type !== 'text') {
      superscriptOrdinals(child);
      out.push(child);
      continue;
    }
    const segments = splitOrdinals((child as Text).value);
    if (segments.length === 1) out.push(child);
    else for (const seg of segments) out.push(typeof seg === 'string' ? { type: 'text', value: seg } : { type: 'element', tagName: 'sup', properties: {}, children: [{ type: 'text', value: seg.sup }] });
  }
  (node as { children: AnyNode[] }).children = out;
}

function textOf(node: AnyNode): string {
  if (node.type === 'text') return (node as Text).value;
  let out = '';
  for (const child of ((node as { children?: AnyNode[] }).children ?? [])) out += textOf(child);
  return out;
}

/** Ids on headings from their text, one slugger per article (as @astrojs/mdx does). */
function addHeadingIds(node: AnyNode, slugger: GithubSlugger, headings: Heading[]): void {
  if (node.type === 'element' && /^h[1-6]$/.test((node as Element).tagName)) {
    const el = node as Element;
    const text = textOf(el);
    const slug = typeof el.properties.id === 'string' ? el.properties.id : slugger.slug(text);
    el.properties.id = slug;
    headings.push({ depth: Number(el.tagName[1]), slug, text });
    return;
  }
  for (const child of ((node as { children?: AnyNode[] }).children ?? [])) addHeadingIds(child, slugger, headings);
}

/**
 * Prism highlighting of every fenced code block, in place (Astro's
 * `syntaxHighlight: 'prism'`); then, for a block with lines to highlight or
 * a `diff`, one span per line (markLines in code.ts).
 */
async function highlightCode(node: AnyNode, variant: Variant): Promise<void> {
  const children = (node as { children?: AnyNode[] }).children;
  if (!children) return;
  for (let i = 0; i < children.length; i++) {
    const child = children[i]!;
    if (child.type === 'element' && (child as Element).tagName === 'pre') {
      const code = (child as Element).children.find((c): c is Element => c.type === 'element' && c.tagName === 'code');
      if (code) {
        const className = (code.properties.className as string[] | undefined)?.find((c) => c.startsWith('language-'));
        const lang = className?.slice('language-'.length) ?? 'plaintext';
        if (lang !== 'math') {
          const { html, classLanguage } = await runHighlighterWithAstro(lang, textOf(code).replace(/\n$/, ''));
          const pre = `<pre class="${classLanguage}" data-language="${lang}"><code class="${classLanguage}">${html}</code></pre>`;
          const highlighted = (htmlToHast(pre, { fragment: true }) as Root).children[0];
          if (variant === 'page' && highlighted?.type === 'element') {
            const highlightedCode = fencedCode(highlighted);
            if (highlightedCode) highlightedCode.children = markLines(highlightedCode.children, markedLinesOf(child as Element), lang === 'diff');
          }
          if (highlighted) children[i] = highlighted as AnyNode as RootContent;
          continue;
        }
      }
    }
    await highlightCode(child, variant);
  }
}

/** The literal attributes of a JSX element; file attributes replaced by the content keys the content phase recorded. */
function propsOf(node: { attributes: { type: string; name?: string; value?: unknown }[]; data?: Record<string, unknown> }, component?: Component): Props {
  const props: Props = {};
  for (const attr of node.attributes) {
    if (attr.type === 'mdxJsxAttribute' && attr.name && typeof attr.value === 'string') props[attr.name] = attr.value;
  }
  const keys = node.data?.[FILE_KEYS] as Record<string, string> | undefined;
  for (const name of Object.keys(component?.files ?? {})) if (keys?.[name]) props[name] = keys[name];
  return props;
}

type Variant = 'page' | 'feed';

/** A URL of the body: site paths under the base; in feeds, every URL absolute. */
function linkUrl(url: string, variant: Variant, ctx: ComponentContext): string {
  const onSite = ctx.sitePath(url);
  return variant === 'feed' ? resolveFeedUrl(onSite, ctx.articleUrl) : onSite;
}

/** One node of the parsed tree as the output of a variant. */
function convert(node: AnyNode, variant: Variant, ctx: ComponentContext, found: Found): ElementContent[] {
  switch (node.type) {
    case 'text':
      return [node as Text];
    case 'comment':
      return [];
    case 'element': {
      const el = node as Element;
      const keys = (el.data as Record<string, unknown> | undefined)?.[FILE_KEYS] as Record<string, string> | undefined;
      if (el.tagName === 'img' && keys?.src) {
        return MarkdownImage[variant]({ src: keys.src, alt: typeof el.properties.alt === 'string' ? el.properties.alt : '' }, [], ctx);
      }
      const properties = { ...el.properties };
      for (const name of ['href', 'src'] as const) {
        const value = properties[name];
        if (typeof value === 'string') properties[name] = linkUrl(value, variant, ctx);
      }
      const converted: Element = { type: 'element', tagName: el.tagName, properties, children: convertAll(el.children, variant, ctx, found) };
      const code = el.tagName === 'pre' ? fencedCode(el) : undefined;
      if (code) {
        if (variant === 'page') found.scripts.add('copy-code');
        return [codeBlock(converted, code, variant, ctx.typeset)];
      }
      return [converted];
    }
    case 'mdxJsxFlowElement':
    case 'mdxJsxTextElement': {
      if (!isJsx(node) || !node.name) return convertAll(isJsx(node) ? node.children : [], variant, ctx, found);
      const component = components[node.name];
      const children = convertAll(node.children, variant, ctx, found);
      if (component) {
        const props = propsOf(node, component);
        if (node.name === 'Video' && props.youtube) found.youtube = true;
        if (component.script) found.scripts.add(component.script);
        const held = component.holds;
        const items = held ? node.children.filter((c) => isJsx(c) && c.name === held).map((c) => propsOf(c as Parameters<typeof propsOf>[0], components[held])) : undefined;
        return component[variant](props, children, ctx, items);
      }
      // Inline HTML of the allowlist (`<abbr>`, `<a href>`, `<sup>`…): a plain element.
      const props = propsOf(node);
      const properties: Record<string, string> = {};
      for (const [name, value] of Object.entries(props)) {
        if (value === undefined) continue;
        const key = name === 'class' ? 'className' : name;
        properties[key] = name === 'href' || name === 'src' ? linkUrl(value, variant, ctx) : value;
      }
      return [{ type: 'element', tagName: node.name, properties, children }];
    }
    default:
      // mdxjsEsm, mdxFlowExpression, mdxTextExpression, raw: code or unparsed
      // markup, refused by the content phase and never rendered.
      return [];
  }
}

function convertAll(nodes: readonly AnyNode[], variant: Variant, ctx: ComponentContext, found: Found): ElementContent[] {
  const out: ElementContent[] = [];
  for (const node of nodes) out.push(...convert(node, variant, ctx, found));
  return out;
}

/** The time of a `<LiveUpdate>` node (its `at`, checked by the content phase), or undefined for any other node. */
function liveUpdateTime(node: AnyNode): number | undefined {
  if (!isJsx(node) || node.name !== 'LiveUpdate') return undefined;
  const at = node.attributes.find((a) => a.type === 'mdxJsxAttribute' && a.name === 'at')?.value;
  return typeof at === 'string' ? new Date(at).getTime() : undefined;
}

/**
 * A live blog reads newest first, while writers append each update at the
 * end of the file: the `<LiveUpdate>` nodes of the body's top level (the
 * content phase keeps them there) are sorted newest first into the places
 * they held, so whatever the writer put before, between or after them stays
 * where it was. Returns, for each update, the Paris day of the one shown above it (see daysAbove), if any.
 */
export function orderLiveUpdates(tree: Root): Map<number, string | undefined> | undefined {
  const slots: number[] = [];
  tree.children.forEach((child, i) => {
    if (liveUpdateTime(child) !== undefined) slots.push(i);
  });
  if (slots.length === 0) return undefined;
  const updates = slots.map((i) => tree.children[i]!);
  // Array.prototype.sort is stable: two updates of the same time keep their order.
  const newestFirst = [...updates].sort((a, b) => liveUpdateTime(b)! - liveUpdateTime(a)!);
  slots.forEach((slot, k) => (tree.children[slot] = newestFirst[k]!));
  return daysAbove(newestFirst.map((u) => new Date(liveUpdateTime(u)!)));
}

/**
 * Marks every outbound link of a sanitised tree `rel="sponsored"`, in
 * place. After the sanitiser, which publishes no writer's `rel`: this is
 * the only `rel` a body link carries.
 */
function markSponsoredLinks(node: Root | Element, origin: string): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const href = child.properties.href;
    if (child.tagName === 'a' && typeof href === 'string' && isOutboundUrl(href, origin)) child.properties.rel = [SPONSORED_REL];
    markSponsoredLinks(child, origin);
  }
}

/** What the article's front matter changes in its body's HTML. */
export interface RenderOptions {
  /** Its outbound links are paid for (src/lib/labels.ts hasSponsoredLinks): `rel="sponsored"`, page and feed. */
  sponsored?: boolean | undefined;
}

/**
 * Renders a parsed body (consumed: the tree is typeset in place) to the
 * page's and the feeds' HTML.
 */
export async function renderBody(tree: Root, baseCtx: ComponentContext, options: RenderOptions = {}): Promise<RenderedBody> {
  const liveDaysAbove = orderLiveUpdates(tree);
  const ctx: ComponentContext = liveDaysAbove ? { ...baseCtx, liveDaysAbove } : baseCtx;
  typesetText(tree);
  superscriptOrdinals(tree);
  const headings: Heading[] = [];
  addHeadingIds(tree, new GithubSlugger(), headings);
  const verdict = verdictOf(tree, ctx.typeset);
  const found: Found = { youtube: false, scripts: new Set() };
  // The last line of defence, behind the content check: whatever the
  // allowlist does not name never reaches a page or a feed. Code is
  // highlighted after it, from the text the sanitiser kept.
  const page = sanitizeHast({ type: 'root', children: convertAll(tree.children, 'page', ctx, found) }, { siteOrigin: ctx.origin });
  const feed = sanitizeHast({ type: 'root', children: convertAll(tree.children, 'feed', ctx, { youtube: false, scripts: new Set() }) }, { siteOrigin: ctx.origin });
  if (options.sponsored) {
    markSponsoredLinks(page, ctx.origin);
    markSponsoredLinks(feed, ctx.origin);
  }
  await highlightCode(page, 'page');
  await highlightCode(feed, 'feed');
  return {
    html: toHtml(page),
    feedHtml: toHtml(feed),
    headings,
    words: countWords(textOf(tree)),
    hasYoutube: found.youtube,
    scripts: [...found.scripts].sort(),
    ...(verdict ? { verdict } : {}),
  };
}
