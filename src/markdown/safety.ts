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
import { didYouMean, suggestClosest, type ContentProblem } from '../lib/errors.ts';

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
  img: '![texte](./image.jpg) ou <Figure src="./image.jpg" alt="…" />, qui passent par la chaîne des images',
  picture: '![texte](./image.jpg) ou <Figure src="./image.jpg" alt="…" />, qui passent par la chaîne des images',
  figure: '<Figure src="./image.jpg" alt="…" caption="…" />',
  iframe: '<Video youtube="identifiant" title="…" /> pour une vidéo YouTube (rien d’autre d’un autre site n’est intégré)',
  embed: '<Video youtube="identifiant" title="…" /> pour une vidéo YouTube (rien d’autre d’un autre site n’est intégré)',
  object: '<Video youtube="identifiant" title="…" /> pour une vidéo YouTube (rien d’autre d’un autre site n’est intégré)',
  video: '<Video src="./clip.mp4" poster="./affiche.jpg" title="…" />',
  audio: 'un lien vers le fichier : [écouter](./son.mp3)',
  script: 'aucun script : un article ne peut pas exécuter de code dans le navigateur des lecteurs',
  style: 'aucune feuille de style : la mise en page du site s’applique à tous les articles',
};

/** What writers probably meant by another element: the Markdown to write instead. */
const MARKDOWN_INSTEAD: Readonly<Record<string, string>> = {
  b: 'écrivez **texte** en Markdown',
  strong: 'écrivez **texte** en Markdown',
  i: 'écrivez *texte* en Markdown',
  em: 'écrivez *texte* en Markdown',
  u: 'écrivez *texte* en Markdown : un texte souligné se lit comme un lien',
  s: 'écrivez <del>texte</del>',
  h1: 'écrivez un intertitre « ## Intertitre » (le titre de la page vient de l’en-tête)',
  h2: 'écrivez « ## Intertitre » en Markdown',
  h3: 'écrivez « ### Intertitre » en Markdown',
  h4: 'écrivez « #### Intertitre » en Markdown',
  h5: 'écrivez « #### Intertitre » en Markdown',
  h6: 'écrivez « #### Intertitre » en Markdown',
  p: 'séparez les paragraphes par une ligne vide',
  div: 'séparez les paragraphes par une ligne vide',
  ul: 'écrivez une liste en lignes commençant par « - »',
  ol: 'écrivez une liste numérotée en lignes commençant par « 1. »',
  li: 'écrivez une liste en lignes commençant par « - »',
  blockquote: 'écrivez <Quote by="…">…</Quote>, ou des lignes commençant par « > »',
  table: 'écrivez un tableau Markdown : des lignes « | a | b | »',
  pre: 'écrivez le code entre deux lignes de trois accents graves (```)',
  code: 'écrivez le code entre accents graves : `code`',
  hr: 'écrivez une ligne « --- » seule, entre deux lignes vides',
  script: 'supprimez-le',
  style: 'supprimez-le',
};

const COMPONENT_NAMES = Object.keys(COMPONENTS);
const INLINE_NAMES = Object.keys(INLINE_HTML);

const EXPECTED_ELEMENT =
  `du Markdown, l’un des composants du site (${COMPONENT_NAMES.map((n) => `<${n}>`).join(', ')}) ` +
  `ou du HTML en ligne parmi ${INLINE_NAMES.map((n) => `<${n}>`).join(', ')}`;

const EXPECTED_LINK =
  'un lien qui commence par https://, http://, mailto: ou tel:, une page du site comme /articles/mon-article/, une ancre comme #section, ou un fichier posé à côté de l’article';


const EXPECTED_LITERAL = 'une valeur écrite entre guillemets';

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
  if (url === '') return { found: 'un lien vide', hint: 'écrivez l’adresse vers laquelle mène le lien' };
  if (url.startsWith('#')) return undefined;
  if (PROTOCOL_RELATIVE.test(url)) return { found: `le lien ${quote(raw)} n’a pas de protocole`, hint: `écrivez "https:${url.replace(/\\/g, '/')}"` };
  const scheme = SCHEME.exec(url)?.[1]?.toLowerCase();
  if (scheme === undefined) return undefined;
  if (!LINK_SCHEMES.has(scheme)) {
    return {
      found: `le lien ${quote(raw)} n’est pas accepté`,
      hint: scheme === 'javascript' || scheme === 'vbscript' ? 'un article ne peut pas exécuter de code dans le navigateur des lecteurs' : `un lien « ${scheme}: » n’est pas publié`,
    };
  }
  if ((scheme === 'http' || scheme === 'https') && !URL.canParse(url)) {
    return { found: `le lien ${quote(raw)} n’est pas une adresse valide`, hint: 'contient-il une espace ou une faute de frappe ?' };
  }
  return undefined;
}

/**
 * Why a Markdown image's URL is refused: a remote file or another scheme.
 * Local paths (absolute ones, `../` out of the folder, links, missing files)
 * are the path resolver's to judge (src/content/paths.ts), as are the files
 * the components name.
 */
function mediaProblem(raw: string): { found: string; hint?: string } | undefined {
  const url = normalizeUrl(raw);
  // An empty path is reported by the content check as a missing file.
  if (url === '') return undefined;
  if (PROTOCOL_RELATIVE.test(url) || /^https?:/i.test(url)) {
    return {
      found: `l’image distante ${quote(raw)} n’est pas acceptée`,
      hint: 'enregistrez le fichier à côté de l’article, avec le droit de le publier : une page ne doit pas faire appeler un autre site par le navigateur des lecteurs',
    };
  }
  if (SCHEME.test(url)) return { found: `${quote(raw)} n’est pas le chemin d’un fichier` };
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
        found: `l’expression {${excerpt(String(a.value ?? ''))}} parmi les attributs de <${tag}>`,
        expected: 'des attributs écrits nom="valeur"',
        hint: 'le code d’un article n’est jamais exécuté',
      });
      continue;
    }
    const name = typeof a.name === 'string' ? a.name : '';
    const field = `<${tag} ${name}>`;
    if (isEventHandler(name)) {
      report({ field, line, found: `l’attribut ${name} de <${tag}> lance un script`, expected: 'aucun script : un article ne peut pas exécuter de code dans le navigateur des lecteurs', hint: 'supprimez l’attribut' });
      continue;
    }
    if (name.toLowerCase() === 'style') {
      report({ field, line, found: `un attribut style sur <${tag}>`, expected: 'aucune mise en forme : la mise en page du site s’applique à tous les articles', hint: 'pour mettre en valeur, écrivez *texte* ou **texte**' });
      continue;
    }
    const kind = allowed[name];
    if (kind === undefined) {
      const close = suggestClosest(name, known);
      report({
        field,
        line,
        found: `<${tag}> n’a pas d’attribut ${name}`,
        expected: known.length ? `l’un des attributs de <${tag}> : ${known.join(', ')}` : `<${tag}> sans attribut`,
        hint: close ? didYouMean(close) : undefined,
      });
      continue;
    }
    if (isObject(a.value)) {
      report({
        field,
        line,
        found: `l’expression {${excerpt(String(a.value.value ?? ''))}} comme valeur de ${name}`,
        expected: `${EXPECTED_LITERAL} : ${name}="…"`,
        hint: 'le code d’un article n’est jamais exécuté ; écrivez \\{ pour une accolade littérale',
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
    report({ field: '<>', line, found: 'une balise vide <>…</>', expected: EXPECTED_ELEMENT, hint: 'supprimez le <> et le </>' });
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
    found: isComponent ? `le site n’a pas de composant <${name}>` : `l’élément HTML <${name}> n’est pas accepté`,
    expected: EXPECTED_INSTEAD[lower] ?? EXPECTED_ELEMENT,
    hint: close ? didYouMean(close, 'component') : MARKDOWN_INSTEAD[lower],
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
    if (problem) report({ field: '![image]', line, found: problem.found, expected: `une image posée à côté de l’article : ![texte](./image.jpg)`, hint: problem.hint });
  }
}

const COMMENT = /^\s*\/\*(?:(?!\*\/)[\s\S])*\*\/\s*$/;

/**
 * How deep elements may sit in one another (quotes in quotes, lists in
 * lists, spans in spans), counted from the top of the text. A real article
 * stays under ten; beyond this the renderer and the browsers' own limits
 * are the next stop, and a writer is better told here, with the line.
 */
export const MAX_NESTING = 32;

/**
 * Every construct of an MDX tree that an article may not hold, with its line,
 * what was found, what to write instead. Never throws, and never gives up:
 * the walk keeps its own stack, so a tree of any depth is scanned to its
 * last node. An empty list means the article is data only.
 */
export function findUnsafeContent(tree: unknown): SafetyProblem[] {
  const problems: SafetyProblem[] = [];
  const report = (p: SafetyProblem) => problems.push(p);
  const stack: { node: unknown; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (!isObject(node)) continue;
    const n = node as AnyNode;
    const line = lineOf(n);
    switch (n.type) {
      case 'mdxjsEsm': {
        const code = String(n.value ?? '');
        const keyword = /^\s*import\b/.test(code) ? 'import' : 'export';
        report({
          field: keyword,
          line,
          found: `le code "${excerpt(code.split('\n')[0] ?? '')}"`,
          expected: 'du texte, du Markdown et les composants du site, qui n’ont besoin d’aucun import',
          hint: 'un article n’est que du contenu : son code n’est jamais exécuté ; supprimez la ligne',
        });
        break;
      }
      case 'mdxFlowExpression':
      case 'mdxTextExpression': {
        const code = String(n.value ?? '');
        report({
          field: '{…}',
          line,
          found: COMMENT.test(code) ? `le commentaire {${excerpt(code)}}` : `l’expression {${excerpt(code)}}`,
          expected: 'du texte : écrivez \\{ pour une accolade { littérale et \\} pour une accolade }',
          hint: COMMENT.test(code) ? 'un article n’a pas de commentaires : supprimez-le' : 'le code d’un article n’est jamais exécuté',
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
        report({ line, found: `du HTML brut ${quote(String(n.value ?? ''))}`, expected: EXPECTED_ELEMENT });
        break;
      default:
    }
    // Pushed in reverse: problems come out in the order of the text.
    if (Array.isArray(n.children)) {
      const children = n.children as unknown[];
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i], depth: depth + 1 });
    }
  }
  return problems;
}

/**
 * Nesting deeper than {@link MAX_NESTING}, at the line of its first node too
 * deep, or undefined. Checked before anything else walks the tree: the
 * renderer and the content phase's own walks recurse, and a tree of
 * thousands of levels would exhaust their stack. Walked with its own stack.
 */
export function nestingProblem(tree: unknown): SafetyProblem | undefined {
  // Each entry carries the nearest line above it: not every node has a position.
  const stack: { node: unknown; depth: number; line: number | undefined }[] = [{ node: tree, depth: 0, line: undefined }];
  while (stack.length > 0) {
    const { node, depth, line: above } = stack.pop()!;
    if (!isObject(node)) continue;
    const line = lineOf(node as AnyNode) ?? above;
    if (depth > MAX_NESTING) {
      return {
        line,
        found: `des éléments imbriqués sur plus de ${MAX_NESTING} niveaux (citations, listes ou balises les unes dans les autres)`,
        expected: `au plus ${MAX_NESTING} niveaux d’éléments les uns dans les autres`,
        hint: 'sortez les citations, les listes ou les balises les unes des autres',
      };
    }
    const children = (node as AnyNode).children;
    if (Array.isArray(children)) for (let i = children.length - 1; i >= 0; i--) stack.push({ node: (children as unknown[])[i], depth: depth + 1, line });
  }
  return undefined;
}
