/**
 * The last line of defence between an article and its readers: whatever the
 * content check (src/markdown/safety.ts) let through, and whatever a
 * component renders, the published HTML of an article body (page and feed)
 * holds only the elements and attributes below.
 *
 * hast-util-sanitize does the work, with a schema of ours narrowed from its
 * GitHub-like default: the elements Markdown produces (GFM footnotes and
 * tables included), the markup the site's components render, and the inline
 * HTML writers may use. Two rules the library cannot express are applied
 * after it: images and video files are ours (relative, or on the site's own
 * origin), and a `srcset` is checked candidate by candidate.
 */
import type { Element, Root, RootContent } from 'hast';
import { defaultSchema, sanitize, type Schema } from 'hast-util-sanitize';

const aria = ['ariaDescribedBy', 'ariaLabel', 'ariaLabelledBy'];

/**
 * The `class` values the components render (src/render/components.ts,
 * formats.ts and picture.ts) and those of GFM footnotes. A component that gains a class adds it here, or the
 * sanitised page loses its style.
 */
export const COMPONENT_CLASSES = {
  a: ['data-footnote-backref', 'video__facade', 'video__facade--placeholder', 'live-update__link', 'gallery__thumb', 'gallery__prev', 'gallery__next', 'gallery__close'],
  aside: ['read-also', 'encadre', 'encadre--retenir', 'encadre--methode', 'encadre--contexte'],
  div: ['video__frame', 'verdict__head', 'verdict__body', 'verdict__facts', 'verdict__pros', 'verdict__cons', 'gallery', 'gallery__view', 'code-block'],
  figcaption: ['code-block__title'],
  figure: ['figure', 'figure--large', 'figure--pleine', 'quote', 'video', 'social-post', 'gallery__figure', 'code-block'],
  h2: ['sr-only', 'live-update__title'],
  p: ['live-update__time', 'verdict__label', 'verdict__product', 'verdict__note', 'verdict__fact', 'verdict__heading', 'social-post__head', 'encadre__label', 'encadre__title', 'gallery__nav'],
  picture: ['inline-image'],
  section: ['footnotes', 'live-update', 'verdict'],
  span: ['caption', 'credit', 'visually-hidden', 'read-also__label', 'video__play', 'video__label', 'verdict__score', 'verdict__scale', 'verdict__fact-label', 'social-post__author', 'social-post__network', 'gallery__count'],
  ul: ['gallery__grid'],
} as const satisfies Record<string, readonly [string, ...string[]]>;

// A definition with values is an allowlist; `['className']` alone would allow any class.
const classes = (tag: keyof typeof COMPONENT_CLASSES): [string, ...string[]] => ['className', ...COMPONENT_CLASSES[tag]];

// GFM writes a table column's alignment as this one declaration. It is
// read here and published as a class (ALIGN_CLASS, styled by
// src/styles/global.css): the site's Content-Security-Policy blocks every
// inline style, so no `style` attribute is published.
const alignment: [string, RegExp] = ['style', /^text-align: ?(left|right|center);?$/];
/** The class of a table cell aligned left, right or centre. */
export const ALIGN_CLASS = { left: 'align-left', right: 'align-right', center: 'align-center' } as const;
const cellClasses: [string, ...string[]] = ['className', ...Object.values(ALIGN_CLASS)];

const headingIds = Object.fromEntries(['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].map((h) => [h, ['id']]));

/** The schema the published article HTML is held to (see withHtmlSpellings for the attribute names). */
const schema: Schema = {
  ...defaultSchema,
  tagNames: [
    // Markdown
    'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'blockquote', 'pre', 'code', 'hr', 'br',
    'em', 'strong', 'del', 'a', 'img', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'sup', 'section',
    // the components' markup
    'figure', 'figcaption', 'picture', 'source', 'video', 'aside', 'cite', 'div', 'span',
    // the inline HTML writers may use
    'abbr', 'sub', 'kbd', 'mark', 'ins', 'q', 'time',
  ],
  // Elements whose content is not text a reader should see are dropped with
  // it; any other refused element is unwrapped, its text kept.
  strip: ['script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'noscript', 'noembed', 'noframes', 'template', 'textarea', 'select', 'svg', 'math', 'title', 'xmp', 'audio'],
  ancestors: {
    ...defaultSchema.ancestors,
    source: ['picture', 'video'],
    figcaption: ['figure'],
  },
  attributes: {
    ...headingIds,
    // rel: a <Publication>'s link out to the network (src/render/formats.ts).
    a: ['href', 'title', 'id', 'dataFootnoteRef', 'dataFootnoteBackref', ...aria, classes('a'), ['rel', 'noopener', 'nofollow']],
    abbr: ['title'],
    aside: ['ariaLabel', classes('aside')],
    blockquote: ['cite'],
    code: [['className', /^language-[\w+#.-]+$/]],
    del: ['cite', 'dateTime'],
    // A gallery and its full-size views (src/render/gallery.ts): ids made from its photos, a role and a label.
    div: [classes('div'), ['dataVideoEmbed', /^https:\/\/www\.youtube-nocookie\.com\/embed\/[\w-]+\?autoplay=1$/], 'dataVideoTitle', ['id', /^galerie-[0-9a-f]{8}(-\d{1,2})?$/], ['role', 'group', 'dialog'], 'ariaLabel'],
    figcaption: [classes('figcaption')],
    figure: [classes('figure')],
    h2: ['id', classes('h2')],
    img: ['src', 'srcSet', 'sizes', 'alt', 'title', 'width', 'height', 'loading', 'decoding', 'fetchPriority'],
    ins: ['cite', 'dateTime'],
    li: ['id'],
    ol: ['start'],
    picture: [classes('picture')],
    q: ['cite'],
    // A live update's anchor: made by the renderer from its time (liveUpdateAnchor).
    section: ['dataFootnotes', 'ariaLabel', classes('section'), ['id', /^maj-\d{4}-\d{2}-\d{2}-\d{4}$/]],
    p: [classes('p')],
    // The lines a code block highlights (src/render/code.ts), read and dropped by the highlighter.
    pre: [['dataMarked', /^\d+(,\d+)*$/]],
    source: ['src', 'srcSet', 'sizes', 'type', 'media'],
    span: ['ariaHidden', classes('span')],
    td: [alignment, cellClasses],
    th: [alignment, cellClasses, 'scope'],
    time: ['dateTime'],
    ul: [classes('ul')],
    video: ['controls', 'preload', 'poster', 'width', 'height'],
    '*': ['lang', 'dir'],
  },
  protocols: {
    href: ['http', 'https', 'mailto', 'tel'],
    cite: ['http', 'https'],
    src: ['http', 'https'],
    poster: ['http', 'https'],
  },
  // Ids are kept as written: footnote links (#user-content-fn-1) and heading
  // anchors point at them, and no id comes from a writer (the content check
  // refuses an `id` attribute), so prefixing would only break those links.
  clobberPrefix: '',
  clobber: [],
  required: {},
  allowComments: false,
  allowDoctypes: false,
};

type AttributeDefinition = NonNullable<Schema['attributes']>[string][number];
const nameOf = (d: AttributeDefinition): string => (typeof d === 'string' ? d : d[0]);

/**
 * The renderer gives the attributes of a writer's inline HTML as written
 * (`<time datetime>`), where hast spells the property `dateTime`: each
 * camel-case name of the schema is also allowed in lower case, and
 * canonicalProperties renames it back after sanitising.
 */
function withHtmlSpellings(base: Schema): Schema {
  const attributes: NonNullable<Schema['attributes']> = {};
  for (const [tag, definitions] of Object.entries(base.attributes ?? {})) {
    const lower = definitions
      .filter((d) => nameOf(d) !== nameOf(d).toLowerCase())
      .map((d): AttributeDefinition => (typeof d === 'string' ? d.toLowerCase() : [d[0].toLowerCase(), ...d.slice(1)] as AttributeDefinition));
    attributes[tag] = [...definitions, ...lower];
  }
  return { ...base, attributes };
}

export const articleSchema: Schema = withHtmlSpellings(schema);

/** lower-case spelling → hast property name, for every camel-case name of the schema. */
const CANONICAL = new Map(
  Object.values(schema.attributes ?? {})
    .flat()
    .map(nameOf)
    .filter((name) => name !== name.toLowerCase())
    .map((name) => [name.toLowerCase(), name]),
);

const TEXT_ALIGN = /^text-align: ?(left|right|center);?$/;

/**
 * After sanitising: property names as hast spells them (`dateTime`), and a
 * table cell's alignment as its class instead of an inline style.
 */
function canonicalProperties(node: Root | Element): void {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    const props = child.properties;
    for (const key of Object.keys(props)) {
      const canonical = CANONICAL.get(key);
      if (canonical === undefined || canonical === key) continue;
      if (props[canonical] === undefined) props[canonical] = props[key];
      delete props[key];
    }
    if (typeof props.style === 'string') {
      const side = TEXT_ALIGN.exec(props.style)?.[1] as keyof typeof ALIGN_CLASS | undefined;
      delete props.style;
      if (side) props.className = [...(Array.isArray(props.className) ? props.className.map(String) : []), ALIGN_CLASS[side]];
    }
    canonicalProperties(child);
  }
}

export interface SanitizeOptions {
  /**
   * The site's origin (e.g. "https://gazette.example"): in a feed, image and
   * video URLs are absolute, and may point there. Without it, only relative
   * URLs and site paths are kept.
   */
  siteOrigin?: string;
}

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** A URL of our own: a path (no scheme, not "//host"), or one on the site's origin. */
function isOwnUrl(raw: string, origin: string | undefined): boolean {
  const url = raw.replace(/[\t\n\r]/g, '').trim();
  if (/^[/\\]{2}/.test(url)) return false;
  if (!SCHEME.test(url)) return true;
  if (!origin || !URL.canParse(url)) return false;
  return new URL(url).origin === new URL(origin).origin;
}

/**
 * Each candidate of a srcset is a URL then descriptors ("480w", "2x"), split
 * by whitespace and commas. Splitting on both can only cut a URL into
 * pieces, each then checked on its own: a piece that looks like another
 * site's URL rejects the whole attribute, which errs on the safe side.
 */
function isOwnSrcset(value: string, origin: string | undefined): boolean {
  return value
    .split(/[\s,]+/)
    .filter((piece) => piece !== '' && !/^\d+(\.\d+)?[wxh]$/.test(piece))
    .every((piece) => isOwnUrl(piece, origin));
}

const MEDIA_URL_PROPS = ['src', 'poster'] as const;

/** Removes media that would make readers' browsers call another site: an image without its source is dropped whole. */
function keepOwnMedia(node: Root | Element, origin: string | undefined): void {
  const kept: RootContent[] = [];
  for (const child of node.children) {
    if (child.type === 'element') {
      const props = child.properties;
      for (const key of MEDIA_URL_PROPS) {
        if (typeof props[key] === 'string' && !isOwnUrl(props[key], origin)) delete props[key];
      }
      if (props.srcSet !== undefined) {
        const srcset = Array.isArray(props.srcSet) ? props.srcSet.join(', ') : String(props.srcSet);
        if (!isOwnSrcset(srcset, origin)) delete props.srcSet;
      }
      const emptyImage = child.tagName === 'img' && props.src === undefined && props.srcSet === undefined;
      const emptySource = child.tagName === 'source' && props.src === undefined && props.srcSet === undefined;
      if (emptyImage || emptySource) continue;
      keepOwnMedia(child, origin);
    }
    kept.push(child);
  }
  node.children = kept as typeof node.children;
}

/**
 * A clean copy of an article body's tree: only {@link articleSchema}'s
 * elements and attributes (no inline style: a table cell's alignment
 * becomes a class), links to http(s), mailto, tel, anchors and
 * relative paths, and images and video files of our own. The input is not
 * modified.
 */
export function sanitizeHast(tree: Root, options: SanitizeOptions = {}): Root {
  const clean = sanitize(tree, articleSchema);
  const root: Root = clean.type === 'root' ? clean : { type: 'root', children: [clean as RootContent] };
  keepOwnMedia(root, options.siteOrigin);
  canonicalProperties(root);
  return root;
}
