/**
 * An article is data, never code: the rule that keeps a writer's MDX from
 * running anything at build time or in a reader's browser.
 *
 * {@link findUnsafeContent} walks the tree Sätteri's `mdxToHast` parses (MDX
 * nodes kept, positions in the file's own lines) and reports every construct
 * that is not front matter, Markdown, one of the site's components with
 * literal attribute values, or an allowed inline HTML element. It only reads
 * the tree: nothing a writer typed is evaluated, so the content check can run
 * it before anything renders.
 *
 * The tree is walked by hand rather than with unist-util-visit: MDX nodes are
 * not typed by `hast`, and a checker over input we do not trust must not
 * throw on a node of an unexpected shape.
 */
import { suggestClosest, type ContentProblem } from '../lib/errors.ts';

/** A problem of one article, without its file (the caller knows it). */
export type SafetyProblem = Omit<ContentProblem, 'file'>;

/**
 * What an attribute holds, which decides how its value is checked:
 * `text` any literal text, `link` a URL a reader may follow, `media` a file
 * of the content folder that the build publishes (image, video, poster).
 */
type AttributeKind = 'text' | 'link' | 'media';

/**
 * The site's components and the attributes each takes. Adding a component
 * (or an attribute) is one line here; what it renders is up to the renderer.
 */
export const COMPONENTS: Readonly<Record<string, Readonly<Record<string, AttributeKind>>>> = {
  Quote: { by: 'text', role: 'text' },
  Figure: { src: 'media', alt: 'text', caption: 'text', credit: 'text' },
  Video: { youtube: 'text', src: 'media', poster: 'media', title: 'text' },
  ReadAlso: { slug: 'text' },
  LiveUpdate: { at: 'text', title: 'text' },
};

/**
 * The inline HTML writers use, with its attributes. `lang` on `span` marks a
 * passage in another language, which screen readers need to pronounce it.
 */
export const INLINE_HTML: Readonly<Record<string, Readonly<Record<string, AttributeKind>>>> = {
  a: { href: 'link' },
  abbr: { title: 'text' },
  br: {},
  cite: {},
  del: {},
  ins: {},
  kbd: {},
  mark: {},
  q: { cite: 'link' },
  span: { lang: 'text' },
  sub: {},
  sup: {},
  time: { datetime: 'text' },
};

/** Link schemes a reader may follow; anything else (javascript:, data:, file:…) is refused. */
const LINK_SCHEMES = new Set(['http', 'https', 'mailto', 'tel']);

/**
 * Elements refused with what to write instead: code and styles, which an
 * article never holds, and elements that publish a file or another site's
 * page, which the components publish through the build.
 */
const EXPECTED_INSTEAD: Readonly<Record<string, string>> = {
  img: '![texte](./image.jpg) or <Figure src="./image.jpg" alt="…" />, which go through the image pipeline',
  picture: '![texte](./image.jpg) or <Figure src="./image.jpg" alt="…" />, which go through the image pipeline',
  figure: '<Figure src="./image.jpg" alt="…" caption="…" />',
  iframe: '<Video youtube="identifiant" title="…" /> for a YouTube video (nothing else from another site is embedded)',
  embed: '<Video youtube="identifiant" title="…" /> for a YouTube video (nothing else from another site is embedded)',
  object: '<Video youtube="identifiant" title="…" /> for a YouTube video (nothing else from another site is embedded)',
  video: '<Video src="./clip.mp4" poster="./affiche.jpg" title="…" />',
  audio: 'a link to the file: [écouter](./son.mp3)',
  script: 'no script: an article cannot run code in readers’ browsers',
  style: 'no stylesheet: the site’s design applies to every article',
};

/** What writers probably meant by another element: the Markdown to write instead. */
const MARKDOWN_INSTEAD: Readonly<Record<string, string>> = {
  b: 'write **texte** in Markdown',
  strong: 'write **texte** in Markdown',
  i: 'write *texte* in Markdown',
  em: 'write *texte* in Markdown',
  u: 'write *texte* in Markdown: underlined text reads as a link',
  s: 'write <del>texte</del>',
  h1: 'write an intertitle as "## Intertitre" (the page title comes from the front matter)',
  h2: 'write "## Intertitre" in Markdown',
  h3: 'write "### Intertitre" in Markdown',
  h4: 'write "#### Intertitre" in Markdown',
  h5: 'write "#### Intertitre" in Markdown',
  h6: 'write "#### Intertitre" in Markdown',
  p: 'separate paragraphs with a blank line',
  div: 'separate paragraphs with a blank line',
  ul: 'write a list as lines starting with "- "',
  ol: 'write a numbered list as lines starting with "1. "',
  li: 'write a list as lines starting with "- "',
  blockquote: 'write <Quote by="…">…</Quote>, or lines starting with "> "',
  table: 'write a Markdown table: "| a | b |" lines',
  pre: 'write code between lines of three backticks (```)',
  code: 'write code between backticks: `code`',
  hr: 'write a line with "---" alone, between blank lines',
  script: 'delete it',
  style: 'delete it',
};

const COMPONENT_NAMES = Object.keys(COMPONENTS);
const INLINE_NAMES = Object.keys(INLINE_HTML);

const EXPECTED_ELEMENT =
  `Markdown, one of the site’s components (${COMPONENT_NAMES.map((n) => `<${n}>`).join(', ')}) ` +
  `or inline HTML among ${INLINE_NAMES.map((n) => `<${n}>`).join(', ')}`;

const EXPECTED_LINK =
  'a link starting with https://, http://, mailto: or tel:, a page of the site such as /articles/mon-article/, an anchor such as #section, or a file next to the article';


const EXPECTED_LITERAL = 'a literal value between quotes';

/** A value shown in a message: quoted, on one line, cut when long. */
function quote(value: string, max = 60): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max - 1)}…` : flat);
}

/** Source text shown in a message (an expression, an import): one line, cut when long. */
function excerpt(value: string, max = 60): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/**
 * A URL as a browser reads it: tabs and newlines anywhere are dropped and
 * leading or trailing controls and spaces are trimmed (the WHATWG URL
 * parser does so), so that "java\tscript:" is seen as the scheme it is.
 */
function normalizeUrl(url: string): string {
  return url.replace(/[\t\n\r]/g, '').replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
// "//host" and its backslash spellings reach another site without a scheme.
const PROTOCOL_RELATIVE = /^[/\\]{2}/;

/** Why a link is refused, or undefined when a reader may follow it. */
function linkProblem(raw: string): { found: string; hint?: string } | undefined {
  const url = normalizeUrl(raw);
  if (url === '') return { found: 'an empty link', hint: 'write the address the link leads to' };
  if (url.startsWith('#')) return undefined;
  if (PROTOCOL_RELATIVE.test(url)) return { found: `the link ${quote(raw)}, without its scheme`, hint: `write "https:${url.replace(/\\/g, '/')}"` };
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return undefined;
  if (!LINK_SCHEMES.has(scheme)) {
    return {
      found: `the link ${quote(raw)}`,
      hint: scheme === 'javascript' || scheme === 'vbscript' ? 'an article cannot run code in readers’ browsers' : `a "${scheme}:" link is not published`,
    };
  }
  if ((scheme === 'http' || scheme === 'https') && !URL.canParse(url)) {
    return { found: `the link ${quote(raw)}, which is not a valid address`, hint: 'is there a space or a typo in it?' };
  }
  return undefined;
}

/**
 * Why a Markdown image's URL is refused: a remote file or another scheme.
 * Local paths (absolute ones, `../` out of the folder, links, missing files)
 * are the path resolver's to judge (src/build/paths.ts), as are the files
 * the components name.
 */
function mediaProblem(raw: string): { found: string; hint?: string } | undefined {
  const url = normalizeUrl(raw);
  // An empty path is reported by the content check as a missing file.
  if (url === '') return undefined;
  if (PROTOCOL_RELATIVE.test(url) || /^https?:/i.test(url)) {
    return {
      found: `the remote file ${quote(raw)}`,
      hint: 'save the file next to the article, with the right to publish it: a page must not make readers’ browsers call another site',
    };
  }
  if (SCHEME.test(url)) return { found: `${quote(raw)}, which is not a file path` };
  return undefined;
}

/** A node as parsed: read defensively, since its shape comes from the writer's text. */
interface AnyNode {
  type?: unknown;
  tagName?: unknown;
  name?: unknown;
  value?: unknown;
  properties?: Record<string, unknown>;
  attributes?: unknown;
  children?: unknown;
  position?: { start?: { line?: unknown } };
}

interface AnyAttribute {
  type?: unknown;
  name?: unknown;
  value?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

function lineOf(node: AnyNode): number | undefined {
  const line = node.position?.start?.line;
  return typeof line === 'number' ? line : undefined;
}

const isEventHandler = (name: string) => /^on/i.test(name);

/** The attributes of an allowed element or component: literal values, known names, safe URLs. */
function checkAttributes(
  tag: string,
  allowed: Readonly<Record<string, AttributeKind>>,
  attributes: unknown,
  line: number | undefined,
  report: (p: SafetyProblem) => void,
): void {
  const known = Object.keys(allowed);
  for (const attribute of Array.isArray(attributes) ? (attributes as unknown[]) : []) {
    if (!isObject(attribute)) continue;
    const a = attribute as AnyAttribute;
    if (a.type === 'mdxJsxExpressionAttribute') {
      report({
        field: `<${tag}>`,
        line,
        found: `the expression {${excerpt(String(a.value ?? ''))}} among its attributes`,
        expected: 'attributes written name="value"',
        hint: 'code in an article never runs',
      });
      continue;
    }
    const name = typeof a.name === 'string' ? a.name : '';
    const field = `<${tag} ${name}>`;
    if (isEventHandler(name)) {
      report({ field, line, found: `the event handler ${name}`, expected: 'no script: an article cannot run code in readers’ browsers', hint: 'delete the attribute' });
      continue;
    }
    if (name.toLowerCase() === 'style') {
      report({ field, line, found: 'a style attribute', expected: 'no styling: the site’s design applies to every article', hint: 'for emphasis, write *texte* or **texte**' });
      continue;
    }
    const kind = allowed[name];
    if (kind === undefined) {
      const close = suggestClosest(name, known);
      report({
        field,
        line,
        found: `the attribute ${name}`,
        expected: known.length ? `one of the attributes of <${tag}>: ${known.join(', ')}` : `<${tag}> without attributes`,
        hint: close ? `did you mean "${close}"?` : undefined,
      });
      continue;
    }
    if (isObject(a.value)) {
      report({
        field,
        line,
        found: `the expression {${excerpt(String(a.value.value ?? ''))}}`,
        expected: `${EXPECTED_LITERAL}: ${name}="…"`,
        hint: 'code in an article never runs; a literal { is written \\{',
      });
      continue;
    }
    // `value === null` is an attribute written without a value: the checks of
    // the components' own attributes (required, non-empty) report it.
    if (typeof a.value !== 'string') continue;
    // A component's files (`media`) are resolved, and refused when they are
    // not files of the content folder, by the path resolver.
    const problem = kind === 'link' ? linkProblem(a.value) : undefined;
    if (problem) report({ field, line, found: problem.found, expected: EXPECTED_LINK, hint: problem.hint });
  }
}

function checkJsxElement(node: AnyNode, report: (p: SafetyProblem) => void): void {
  const line = lineOf(node);
  if (typeof node.name !== 'string' || node.name === '') {
    report({ field: '<>', line, found: 'an empty tag <>…</>', expected: EXPECTED_ELEMENT, hint: 'delete the <> and </>' });
    return;
  }
  const name = node.name;
  const allowed = COMPONENTS[name] ?? INLINE_HTML[name];
  if (allowed) {
    checkAttributes(name, allowed, node.attributes, line, report);
    return;
  }
  const lower = name.toLowerCase();
  const isComponent = /^[A-Z]/.test(name) || name.includes('.');
  // Tag names are short: a near miss among HTML names ("b" for "a") would
  // mislead, so HTML elements get the Markdown to write instead.
  const close = isComponent ? suggestClosest(name, COMPONENT_NAMES) : undefined;
  report({
    field: `<${name}>`,
    line,
    found: isComponent ? `the component <${name}>, which the site does not have` : `the HTML element <${name}>`,
    expected: EXPECTED_INSTEAD[lower] ?? EXPECTED_ELEMENT,
    hint: close ? `did you mean <${close}>?` : MARKDOWN_INSTEAD[lower],
  });
}

/** A Markdown element: its links and images (every other attribute is the parser's own). */
function checkMarkdownElement(node: AnyNode, report: (p: SafetyProblem) => void): void {
  const line = lineOf(node);
  const props = isObject(node.properties) ? node.properties : {};
  if (node.tagName === 'a' && typeof props.href === 'string') {
    const problem = linkProblem(props.href);
    if (problem) report({ field: '[link]', line, found: problem.found, expected: EXPECTED_LINK, hint: problem.hint });
  }
  if (node.tagName === 'img' && typeof props.src === 'string') {
    const problem = mediaProblem(props.src);
    if (problem) report({ field: '![image]', line, found: problem.found, expected: `an image file next to the article: ![texte](./image.jpg)`, hint: problem.hint });
  }
}

const COMMENT = /^\s*\/\*(?:(?!\*\/)[\s\S])*\*\/\s*$/;

/**
 * Every construct of an MDX tree that an article may not hold, with its line,
 * what was found, what to write instead. Never throws; an empty list means
 * the article is data only.
 */
export function findUnsafeContent(tree: unknown): SafetyProblem[] {
  const problems: SafetyProblem[] = [];
  const report = (p: SafetyProblem) => problems.push(p);
  const visit = (node: unknown, depth: number): void => {
    // A tree nested this deep is no article; stopping keeps the walk from overflowing the stack.
    if (!isObject(node) || depth > 500) return;
    const n = node as AnyNode;
    const line = lineOf(n);
    switch (n.type) {
      case 'mdxjsEsm': {
        const code = String(n.value ?? '');
        const keyword = /^\s*import\b/.test(code) ? 'import' : 'export';
        report({
          field: keyword,
          line,
          found: `the code "${excerpt(code.split('\n')[0] ?? '')}"`,
          expected: 'text, Markdown and the site’s components, which need no import',
          hint: 'an article is data: code in it never runs; delete the line',
        });
        break;
      }
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        const code = String(n.value ?? '');
        report({
          field: '{…}',
          line,
          found: COMMENT.test(code) ? `the comment {${excerpt(code)}}` : `the expression {${excerpt(code)}}`,
          expected: 'text: a literal { is written \\{ and a literal } is written \\}',
          hint: COMMENT.test(code) ? 'an article has no comments: delete it' : 'code in an article never runs',
        });
        break;
      }
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        checkJsxElement(n, report);
        break;
      case 'element':
        checkMarkdownElement(n, report);
        break;
      case 'raw':
        report({ line, found: `raw HTML ${quote(String(n.value ?? ''))}`, expected: EXPECTED_ELEMENT });
        break;
      default:
    }
    if (Array.isArray(n.children)) for (const child of n.children as unknown[]) visit(child, depth + 1);
  };
  visit(tree, 0);
  return problems;
}
