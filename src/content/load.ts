/**
 * Reads and validates a whole content tree in one pass, without Astro.
 *
 * This is the build's first phase and all of `npm run check`: it reports EVERY
 * problem of the tree at once (Astro's own loaders stop at the first invalid
 * entry and print a stack trace), naming file, field, line, what was found and
 * what is expected. Astro's content collections then load the same files with
 * the same schemas, so the two can never disagree on what is valid.
 */
import { isUtf8 } from 'node:buffer';
import { existsSync, globSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { LineCounter, parseDocument, isMap, isNode, visit, type Document, type YAMLError } from 'yaml';
import { mdxToHast } from 'satteri';
import { components } from '../render/components.ts';
import { FILE_KEYS, MDX_FEATURES } from '../render/article.ts';
import type { Root as HastRoot } from 'hast';
import type { z } from 'astro/zod';
import { articleSchema, type ArticleData } from '../schemas/article.ts';
import { dateTimeField } from '../schemas/common.ts';
import { liveUpdateAnchor } from '../lib/live.ts';
import { formatDateTime } from '../lib/dates.ts';
import { authorSchema, type AuthorData } from '../schemas/author.ts';
import { categorySchema, type CategoryData } from '../schemas/category.ts';
import { seriesSchema, type SeriesData } from '../schemas/series.ts';
import { siteSchema, type Site } from '../schemas/site.ts';
import { pageSchema, type PageData } from '../schemas/page.ts';
import { didYouMean, suggestClosest, type ContentProblem } from '../lib/errors.ts';
import { describeMdxError } from './mdx-errors.ts';
import { slugFromPath, slugify } from '../lib/slugs.ts';
import { findUnsafeContent } from '../markdown/safety.ts';
import { findPlaceholders } from './placeholders.ts';
import { describeFound, problemsFromZod } from './problems.ts';
import { decodePercent, isExternalUrl, resolveWriterPath } from './paths.ts';

/** A file an article or author points at (image, video), as written and resolved. */
export interface AssetRef {
  /** As written by the writer, e.g. "./photo.jpg". */
  src: string;
  /** Absolute path on disk, inside the content folder (see resolveWriterPath). */
  absPath: string;
  /** Path relative to the content folder, POSIX separators: the manifest key. */
  key: string;
  /** Where it is named, for messages: "cover.src", "<Figure src>", "![image]". */
  field: string;
  line?: number;
  /** A raster image that goes through sharp, or a file copied as it is (video). */
  kind: 'image' | 'file';
}

export interface LoadedArticle {
  slug: string;
  /** Path for messages, relative to the working directory. */
  file: string;
  absPath: string;
  data: ArticleData;
  /** The MDX source without its front matter. */
  body: string;
  /** Every local file the article uses: cover, figures, Markdown images, videos, posters. */
  assets: AssetRef[];
  /** Slugs named by `<ReadAlso slug>`. */
  readAlso: { slug: string; line?: number }[];
  /** The `<LiveUpdate>` entries of a live blog, in written order (checked against `live`). */
  liveUpdates: LoadedLiveUpdate[];
  /** The parsed body (Sätteri's hast, MDX nodes kept). */
  tree: HastRoot;
}

/** One `<LiveUpdate at title>` of an article's body, as the content phase read it. */
export interface LoadedLiveUpdate {
  at: Date;
  title: string;
  /** The id of the update on the page (see liveUpdateAnchor). */
  anchor: string;
  /** Its text, plain (Markdown read, no markup), for structured data. */
  text: string;
  line?: number;
}

/** A page of `pages/` (« À propos »): an MDX body like an article's, published as soon as it exists. */
export interface LoadedPage {
  slug: string;
  file: string;
  absPath: string;
  data: PageData;
  assets: AssetRef[];
  tree: HastRoot;
}

/**
 * First path segments the site's own routes use: a page named like one of
 * them would take its URL (`pages/archives.mdx` over the archive).
 */
export const RESERVED_PAGE_SLUGS: readonly string[] = [
  'articles', 'archives', 'auteurs', 'rubriques', 'tags', 'series', 'recherche', 'page', 'mentions-legales', 'sabonner', 'pagefind', '_images', '_media', '404',
];

export interface LoadedEntry<T> {
  id: string;
  file: string;
  data: T;
  assets: AssetRef[];
}

export interface LoadedContent {
  contentDir: string;
  site?: Site;
  siteAssets: AssetRef[];
  authors: Map<string, LoadedEntry<AuthorData>>;
  categories: Map<string, LoadedEntry<CategoryData>>;
  series: Map<string, LoadedEntry<SeriesData>>;
  articles: LoadedArticle[];
  pages: LoadedPage[];
  problems: ContentProblem[];
  /**
   * The scaffold's provisional text left in drafts (see findPlaceholders): not
   * errors, since a draft is published nowhere; `npm run check` reminds of them.
   */
  reminders: ContentProblem[];
  /**
   * Ids and slugs of files that exist but are invalid: their own problems are
   * reported, and references to them are not reported a second time.
   */
  invalid: { authors: Set<string>; categories: Set<string>; series: Set<string>; articles: Set<string> };
}

/** Files the components may name, by component and attribute (`<Figure src>`, `<Video src poster>`). */
const COMPONENT_ASSET_ATTRS: Record<string, Readonly<Record<string, AssetRef['kind']>>> = Object.fromEntries(
  Object.entries(components).map(([name, component]) => [name, component.files ?? {}]),
);

/** Records on a tree node the content key of a file it names, for the renderer. */
function recordFileKey(node: any, attribute: string, asset: AssetRef | undefined): void {
  if (!asset) return;
  node.data ??= {};
  node.data[FILE_KEYS] ??= {};
  node.data[FILE_KEYS][attribute] = asset.key;
}

const display = (abs: string) => path.relative(process.cwd(), abs) || abs;

/** A relative path, as `<img src>` would take it from beside the article. */
const isRelativePath = (src: string) => !isExternalUrl(src) && !src.startsWith('/');

/**
 * Resolves a path the writer typed in `fromFile` (see resolveWriterPath) and
 * adds it to `assets`, or adds the problem, with file, field and line, to
 * `problems`.
 */
function addAsset(
  assets: AssetRef[],
  problems: ContentProblem[],
  contentDir: string,
  fromFile: string,
  ref: { src: string; field: string; line?: number | undefined; kind: AssetRef['kind']; shownAs?: string },
): AssetRef | undefined {
  const resolved = resolveWriterPath(contentDir, fromFile, ref.src, ref.shownAs);
  if ('problem' in resolved) {
    problems.push({ file: display(fromFile), field: ref.field, line: ref.line, ...resolved.problem });
    return undefined;
  }
  const asset: AssetRef = { src: ref.shownAs ?? ref.src, absPath: resolved.absPath, key: resolved.key, field: ref.field, kind: ref.kind };
  if (ref.line !== undefined) asset.line = ref.line;
  assets.push(asset);
  return asset;
}

/** The line (1-based, counted in the whole file) where the value at a YAML path is written. */
type LineOf = (p: readonly PropertyKey[]) => number | undefined;

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/**
 * Reads a content file (article, author, rubrique, series, site.yaml) as text,
 * or reports why it cannot be used and returns undefined. Every content file
 * goes through here, so they all follow the same rules:
 * - UTF-8 only. `readFileSync(…, 'utf8')` would silently turn the bytes of a
 *   file saved as Latin-1 into U+FFFD and publish them; the fatal decoder
 *   refuses them instead.
 * - A UTF-8 byte order mark (saved by some Windows editors) is dropped: it is
 *   not part of the text, and would hide the front matter's first `---`.
 * - No control characters but tab and line breaks: they are invisible in an
 *   editor, and a NUL or a C1 character makes rss.xml ill-formed XML.
 */
function readContentFile(abs: string, file: string, problems: ContentProblem[]): string | undefined {
  let bytes = readFileSync(abs);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // The decoder does not say where: a line feed byte is never part of a
    // UTF-8 sequence, so the first line that is not valid UTF-8 on its own
    // is the line of the first bad byte.
    let line = 1;
    for (let start = 0; start <= bytes.length; line++) {
      const end = bytes.indexOf(0x0a, start);
      if (!isUtf8(bytes.subarray(start, end === -1 ? bytes.length : end))) break;
      if (end === -1) break;
      start = end + 1;
    }
    problems.push({
      file,
      line,
      found: 'des octets qui ne sont pas de l’UTF-8 (le fichier a sans doute été enregistré en Latin-1 ou en Windows-1252)',
      expected: 'un fichier texte encodé en UTF-8',
      hint: 'ouvrez-le dans votre éditeur et enregistrez-le de nouveau avec l’encodage UTF-8',
    });
    return undefined;
  }
  // U+FFFE and U+FFFF are not characters either, and XML refuses them too.
  const control = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\uFFFE\uFFFF]/.exec(text);
  if (control) {
    const code = control[0].codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');
    const lineStart = text.lastIndexOf('\n', control.index) + 1;
    problems.push({
      file,
      line: lineAt(text, control.index),
      found: `le caractère de contrôle invisible U+${code}${code === '0000' ? ' (NUL)' : ''} en colonne ${control.index - lineStart + 1}`,
      expected: 'du texte sans caractère de contrôle (seuls la tabulation et les retours à la ligne sont acceptés)',
      hint: 'supprimez-le, par exemple en retapant les caractères qui l’entourent',
    });
    return undefined;
  }
  return text;
}

/**
 * The YAML parser's most common errors, said as what the writer typed; the
 * parser's own (English, technical) message is never shown.
 */
const YAML_ERRORS: Partial<Record<YAMLError['code'], string>> = {
  DUPLICATE_KEY: 'un champ y est écrit deux fois',
  MISSING_CHAR: 'un guillemet, un crochet ou une accolade ouvert n’est jamais fermé',
  BAD_INDENT: 'le retrait (les espaces en début de ligne) ne correspond pas aux lignes voisines',
  TAB_AS_INDENT: 'la ligne commence par une tabulation : le retrait s’écrit avec des espaces',
  MULTILINE_IMPLICIT_KEY: 'une valeur sur plusieurs lignes doit être entre guillemets',
  BAD_DQ_ESCAPE: 'une barre oblique inverse \\ entre guillemets doit être doublée',
  BLOCK_AS_IMPLICIT_KEY: 'un deux-points en trop dans une valeur : mettez la valeur entre guillemets',
  UNEXPECTED_TOKEN: 'un caractère inattendu (deux-points, guillemet ou crochet) : mettez la valeur entre guillemets',
};

/** Parses YAML text keeping line numbers, so problems can point at a line. */
function parseYaml(text: string, file: string, lineOffset: number, problems: ContentProblem[]) {
  const lineCounter = new LineCounter();
  // `yaml` keeps timestamps as strings (YAML 1.2 core schema): the schema then
  // checks the offset is written, which a Date could no longer tell.
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false });
  // Without prettyErrors, errors carry no line: it is computed from their offset.
  const lineAtOffset = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line) + lineOffset;
  // Front matter starts below the file's first line; a YAML file is YAML throughout.
  const where = lineOffset > 0 ? 'l’en-tête' : 'le fichier';
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      problems.push({
        file,
        line: lineAtOffset(err.pos[0]),
        found: `${where} n’est pas du YAML valide à cette ligne${YAML_ERRORS[err.code] ? ` : ${YAML_ERRORS[err.code]}` : ''}`,
        expected: 'des lignes « champ: valeur », des listes entre [ ] ou en lignes commençant par « - »',
        hint: 'vérifiez les deux-points, les guillemets et le retrait de la ligne',
      });
    }
    return undefined;
  }
  // A tag (!!js/function, !!binary, !anything) asks the parser for a value of
  // some other type, or for nothing it knows (then `yaml` only warns and keeps
  // the text): content needs plain text, numbers, dates, lists and blocks.
  const before = problems.length;
  visit(doc, {
    Node(_key, node) {
      if (!node.tag) return;
      const shown = node.tag.replace(/^tag:yaml\.org,2002:/, '!!');
      problems.push({
        file,
        line: lineAtOffset(node.range?.[0]),
        found: `l’étiquette YAML ${shown}`,
        expected: 'une valeur simple (texte, nombre, date, liste ou bloc) sans étiquette',
        hint: 'retirez l’étiquette, ou mettez la valeur entre guillemets',
      });
    },
  });
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') continue; // reported with its node above
    problems.push({
      file,
      line: lineAtOffset(warning.pos[0]),
      found: `${where} contient du YAML douteux à cette ligne`,
      expected: 'des lignes « champ: valeur », des listes entre [ ] ou en lignes commençant par « - »',
      hint: 'mettez la valeur entre guillemets',
    });
  }
  if (problems.length > before) return undefined;
  const lineOf: LineOf = (p) => {
    let node = doc.getIn(p as unknown[], true) as { range?: [number, number, number] } | undefined;
    // A missing field has no node: point at its parent, or at the document.
    for (let i = p.length - 1; !(isNode(node) && node.range) && i >= 0; i--) {
      node = doc.getIn(p.slice(0, i) as unknown[], true) as typeof node;
    }
    const offset = (isNode(node) ? node.range?.[0] : undefined) ?? doc.contents?.range?.[0];
    return offset === undefined ? undefined : lineAtOffset(offset);
  };
  const value = doc.toJS() as unknown;
  return { value: value ?? {}, lineOf, isMapping: isMap(doc.contents) || doc.contents === null };
}

/** Lists the keys a zod object schema knows at a path (for "unknown field" messages). */
function knownKeysOf(schema: z.ZodType, p: readonly PropertyKey[]): string[] {
  let cur: unknown = schema;
  for (const key of [...p, null]) {
    // Unwrap effects/optional/default/pipe wrappers to reach the object.
    for (let guard = 0; guard < 10; guard++) {
      const def = (cur as { def?: { innerType?: unknown; in?: unknown; schema?: unknown } }).def;
      const inner = def?.innerType ?? def?.in ?? def?.schema;
      if (!inner || (cur as { shape?: unknown }).shape) break;
      cur = inner;
    }
    if (key === null) break;
    const shape = (cur as { shape?: Record<string, unknown> }).shape;
    const element = (cur as { def?: { element?: unknown } }).def?.element;
    cur = typeof key === 'number' ? element : shape?.[key as string];
    if (!cur) return [];
  }
  return Object.keys((cur as { shape?: Record<string, unknown> }).shape ?? {});
}

/** A valid file's data, its YAML as parsed (before the schema), and the line of each field. */
interface Validated<T> {
  data: T;
  raw: unknown;
  lineOf: LineOf;
}

function validate<S extends z.ZodType>(
  schema: S,
  file: string,
  text: string,
  lineOffset: number,
  problems: ContentProblem[],
): Validated<z.infer<S>> | undefined {
  const parsed = parseYaml(text, file, lineOffset, problems);
  if (!parsed) return undefined;
  if (!parsed.isMapping) {
    problems.push({ file, line: 1 + lineOffset, found: `le contenu vaut ${describeFound(parsed.value)}`, expected: 'des lignes « champ: valeur »' });
    return undefined;
  }
  const result = schema.safeParse(parsed.value);
  if (result.success) return { data: result.data, raw: parsed.value, lineOf: parsed.lineOf };
  problems.push(...problemsFromZod(file, parsed.value, result.error, parsed.lineOf, (p) => knownKeysOf(schema, p)));
  return undefined;
}

/** Reads every `<dir>/*.yaml` as entries of one kind, keyed by file name. */
function loadYamlDir<S extends z.ZodType>(
  dir: string,
  schema: S,
  problems: ContentProblem[],
  /** The files an entry names, resolved relative to its file (`abs`). */
  assetsOf: (data: z.infer<S>, abs: string, lineOf: LineOf) => AssetRef[] = () => [],
  invalid: Set<string> = new Set(),
): Map<string, LoadedEntry<z.infer<S>>> {
  const entries = new Map<string, LoadedEntry<z.infer<S>>>();
  if (!existsSync(dir)) return entries;
  for (const name of globSync('*.{yaml,yml}', { cwd: dir }).sort()) {
    const abs = path.join(dir, name);
    const file = display(abs);
    const id = name.replace(/\.ya?ml$/, '');
    if (slugify(id) !== id) {
      problems.push({ file, found: `le nom de fichier "${name}" n’est pas un identifiant`, expected: 'un nom de fichier en minuscules sans accents, chiffres et tirets', hint: `renommez-le "${slugify(id)}.yaml"` });
      continue;
    }
    const text = readContentFile(abs, file, problems);
    const validated = text === undefined ? undefined : validate(schema, file, text, 0, problems);
    if (validated === undefined) {
      invalid.add(id);
      continue;
    }
    entries.set(id, { id, file, data: validated.data, assets: assetsOf(validated.data, abs, validated.lineOf) });
  }
  return entries;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/;

interface MdxScan {
  /** The parsed body (Sätteri's hast, MDX nodes kept): what the renderer reads. */
  tree: HastRoot;
  assets: AssetRef[];
  readAlso: { slug: string; line?: number }[];
  liveUpdates: LoadedLiveUpdate[];
}

const INLINE_TAGS = new Set(['a', 'abbr', 'b', 'cite', 'code', 'del', 'em', 'i', 'ins', 'kbd', 'mark', 'q', 'samp', 'span', 'strong', 'sub', 'sup', 'time']);

/** The text of a hast node, for structured data: blocks separated by a space, white space collapsed. */
function plainText(node: any): string {
  const walk = (n: any): string => {
    if (n.type === 'text') return n.value as string;
    const inner = ((n.children ?? []) as any[]).map(walk).join('');
    const inline = n.type === 'mdxJsxTextElement' || (n.type === 'element' && INLINE_TAGS.has(n.tagName));
    return inline ? inner : ` ${inner} `;
  };
  return walk(node).replace(/\s+/g, ' ').trim();
}

/** Parses the MDX (syntax errors become problems with their line) and collects what it names. */
function scanMdx(source: string, contentDir: string, absPath: string, file: string, problems: ContentProblem[]): MdxScan | undefined {
  let tree: HastRoot;
  try {
    // The whole file is parsed so that positions are the file's own lines.
    tree = mdxToHast(source, { features: MDX_FEATURES }) as HastRoot;
  } catch (err) {
    problems.push({ file, ...describeMdxError(err instanceof Error ? err.message : String(err), source) });
    return undefined;
  }
  // Before anything renders: code, unknown elements, scripts and remote files
  // in the body are refused here (including <img>, which would skip the image pipeline).
  for (const p of findUnsafeContent(tree)) problems.push({ file, ...p });
  const scan: MdxScan = { tree, assets: [], readAlso: [], liveUpdates: [] };
  const visit = (node: any, parent?: any): void => {
    const line: number | undefined = node.position?.start?.line;
    // A remote Markdown image stays a plain <img>; any other is a file of the content folder.
    if (node.type === 'element' && node.tagName === 'img' && typeof node.properties?.src === 'string' && !isExternalUrl(node.properties.src)) {
      // The Markdown parser percent-encodes the URL ("100%" arrives as "100%25"):
      // resolveWriterPath decodes it once, and messages quote it decoded, closer to what was typed.
      const src = node.properties.src as string;
      recordFileKey(node, 'src', addAsset(scan.assets, problems, contentDir, absPath, { src, shownAs: decodePercent(src), field: '![image]', line, kind: 'image' }));
    }
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && typeof node.name === 'string') {
      const attrs: Record<string, unknown> = {};
      for (const a of node.attributes ?? []) if (a.type === 'mdxJsxAttribute') attrs[a.name] = a.value;
      const wanted = COMPONENT_ASSET_ATTRS[node.name];
      for (const [attr, kind] of Object.entries(wanted ?? {})) {
        const v = attrs[attr];
        // A URL is refused too: these files go through the image and media pipeline.
        if (typeof v === 'string') recordFileKey(node, attr, addAsset(scan.assets, problems, contentDir, absPath, { src: v, field: `<${node.name} ${attr}>`, line, kind }));
      }
      if (node.name === 'ReadAlso') {
        if (typeof attrs.slug === 'string') scan.readAlso.push({ slug: attrs.slug, line });
        else problems.push({ file, field: '<ReadAlso slug>', line, found: attrs.slug === undefined ? '<ReadAlso> sans attribut slug' : `l’attribut slug de <ReadAlso> vaut ${describeFound(attrs.slug)}`, expected: 'slug="…", le slug d’un article (le nom de son fichier ou de son dossier)' });
      }
      if (node.name === 'Figure' && (typeof attrs.alt !== 'string' || !attrs.alt.trim())) {
        problems.push({ file, field: '<Figure alt>', line, found: attrs.alt === undefined ? '<Figure> sans attribut alt' : `l’attribut alt de <Figure> vaut ${describeFound(attrs.alt)}`, expected: 'alt="…", un texte non vide qui décrit l’image' });
      }
      if (node.name === 'Figure' && typeof attrs.src !== 'string') {
        problems.push({ file, field: '<Figure src>', line, found: attrs.src === undefined ? '<Figure> sans attribut src' : `l’attribut src de <Figure> vaut ${describeFound(attrs.src)}`, expected: 'src="./image.jpg", un chemin relatif à l’article' });
      }
      if (node.name === 'Video' && typeof attrs.youtube !== 'string' && typeof attrs.src !== 'string') {
        problems.push({ file, field: '<Video>', line, found: '<Video> sans attribut youtube ni src', expected: 'youtube="identifiant de la vidéo" ou src="./clip.mp4"' });
      }
      if (node.name === 'LiveUpdate') scanLiveUpdate(node, attrs, parent, line, file, problems, scan.liveUpdates);
    }
    for (const child of node.children ?? []) visit(child, node);
  };
  visit(tree);
  return scan;
}

/**
 * Reads one `<LiveUpdate at="…" title="…">`: a full date and time with its
 * offset, a title, at the top level of the body (the renderer orders the
 * updates among the body's own blocks). Whether the article is a live blog,
 * and whether the time falls within its coverage, is checked once the front
 * matter is known (checkLiveUpdates).
 */
function scanLiveUpdate(node: any, attrs: Record<string, unknown>, parent: any, line: number | undefined, file: string, problems: ContentProblem[], out: LoadedLiveUpdate[]): void {
  let ok = true;
  if (parent?.type !== 'root') {
    problems.push({
      file,
      field: '<LiveUpdate>',
      line,
      found: 'une mise à jour placée à l’intérieur d’un autre élément',
      expected: 'chaque <LiveUpdate> au premier niveau du texte, en début de ligne',
      hint: 'sortez-la de l’élément qui la contient',
    });
    ok = false;
  }
  const parsed = dateTimeField.safeParse(attrs.at);
  if (!parsed.success) {
    problems.push({
      file,
      field: '<LiveUpdate at>',
      line,
      found: typeof attrs.at === 'string' ? `l’heure « ${attrs.at} », qui n’est pas une date et une heure complètes avec leur décalage horaire` : 'une mise à jour sans heure',
      expected: 'une date et une heure complètes avec le décalage horaire, par exemple at="2026-11-28T10:30:00+01:00"',
      hint: 'écrivez la date, la lettre T, l’heure, puis +01:00 en hiver ou +02:00 en été',
    });
    ok = false;
  }
  if (typeof attrs.title !== 'string' || !attrs.title.trim()) {
    problems.push({
      file,
      field: '<LiveUpdate title>',
      line,
      found: 'une mise à jour sans titre',
      expected: 'un titre court, par exemple title="Le ministre prend la parole"',
    });
    ok = false;
  }
  if (!ok || !parsed.success) return;
  const at = parsed.data;
  const update: LoadedLiveUpdate = { at, title: attrs.title as string, anchor: liveUpdateAnchor(at), text: plainText(node) };
  if (line !== undefined) update.line = line;
  out.push(update);
}

/** The updates of a live blog against its front matter: only in a live blog, within its coverage, none after the build's now, one per minute. */
function checkLiveUpdates(file: string, data: ArticleData, updates: readonly LoadedLiveUpdate[], now: Date, lineOf: LineOf, problems: ContentProblem[]): void {
  if (!data.live) {
    const first = updates[0];
    if (first) {
      problems.push({
        file,
        field: '<LiveUpdate>',
        line: first.line,
        found: `${updates.length === 1 ? 'une mise à jour de direct' : `${updates.length} mises à jour de direct`} dans un article qui n’est pas un direct`,
        expected: 'des <LiveUpdate> seulement dans un article dont l’en-tête a un bloc live',
        hint: 'ajoutez à l’en-tête « live: » puis, indenté, « start: » avec l’heure du début du direct ; ou retirez les <LiveUpdate>',
      });
    }
    return;
  }
  const { start, end } = data.live;
  const limit = end && end.getTime() < now.getTime() ? end : now;
  const byAnchor = new Map<string, LoadedLiveUpdate>();
  for (const u of updates) {
    if (u.at.getTime() < start.getTime()) {
      problems.push({
        file,
        field: '<LiveUpdate at>',
        line: u.line,
        found: `une mise à jour datée du ${formatDateTime(u.at)}, avant le début du direct (${formatDateTime(start)}, ligne ${lineOf(['live', 'start']) ?? '?'})`,
        expected: 'une heure entre le début du direct (live.start) et sa fin',
        hint: 'corrigez l’heure de la mise à jour, ou le début du direct',
      });
    } else if (u.at.getTime() > limit.getTime()) {
      const afterEnd = limit === end;
      problems.push({
        file,
        field: '<LiveUpdate at>',
        line: u.line,
        found: afterEnd
          ? `une mise à jour datée du ${formatDateTime(u.at)}, après la fin du direct (${formatDateTime(end!)})`
          : `une mise à jour datée du ${formatDateTime(u.at)}, dans le futur de la construction du site (${formatDateTime(now)})`,
        expected: afterEnd ? 'une heure entre le début du direct et sa fin (live.end)' : 'une heure déjà passée : une mise à jour se publie quand elle a eu lieu',
        hint: afterEnd ? 'corrigez l’heure de la mise à jour, ou la fin du direct' : 'corrigez l’heure (vérifiez le décalage +01:00 ou +02:00)',
      });
    }
    const same = byAnchor.get(u.anchor);
    if (same) {
      problems.push({
        file,
        field: '<LiveUpdate at>',
        line: u.line,
        found: `une deuxième mise à jour à ${formatDateTime(u.at)} (la première est ligne ${same.line ?? '?'})`,
        expected: 'une mise à jour par minute : l’heure sert d’ancre au lien de chaque mise à jour',
        hint: 'réunissez les deux mises à jour, ou décalez l’une d’une minute',
      });
    } else byAnchor.set(u.anchor, u);
  }
}

export interface LoadOptions {
  /**
   * The build's "now" (ROTATIVE_NOW, else the real time): an update cannot be
   * dated after it.
   */
  now: Date;
}

/**
 * Files under articles/ that look like an article but would not be read (only
 * `.mdx` files are): a Markdown file, or an .mdx whose extension was changed.
 * Matched without case, as `Article.MDX` is not read either.
 */
const STRAY_ARTICLE = /\.(md|markdown|mdx|mdx\.txt|mdx\.md)$/i;

/** Loads and validates the whole tree under `contentDir`. Never writes anything. */
export function loadContent(contentDir: string, { now }: LoadOptions): LoadedContent {
  const problems: ContentProblem[] = [];
  const root = path.resolve(contentDir);
  const content: LoadedContent = {
    contentDir: root,
    siteAssets: [],
    authors: new Map(),
    categories: new Map(),
    series: new Map(),
    articles: [],
    pages: [],
    problems,
    reminders: [],
    invalid: { authors: new Set(), categories: new Set(), series: new Set(), articles: new Set() },
  };

  const siteFile = path.join(root, 'site.yaml');
  if (!existsSync(siteFile)) {
    problems.push({ file: display(siteFile), found: 'le fichier site.yaml manque', expected: 'un fichier site.yaml avec au moins name et url' });
  } else {
    const text = readContentFile(siteFile, display(siteFile), problems);
    const site = text === undefined ? undefined : validate(siteSchema, display(siteFile), text, 0, problems);
    content.site = site?.data;
    // site.yaml sits in the content folder: its logo is relative to the folder.
    if (site?.data.logo) addAsset(content.siteAssets, problems, root, siteFile, { src: site.data.logo, field: 'logo', line: site.lineOf(['logo']), kind: 'image' });
  }

  content.authors = loadYamlDir(
    path.join(root, 'authors'),
    authorSchema,
    problems,
    (data, abs, lineOf) => {
      const assets: AssetRef[] = [];
      if (data.avatar) addAsset(assets, problems, root, abs, { src: data.avatar, field: 'avatar', line: lineOf(['avatar']), kind: 'image' });
      return assets;
    },
    content.invalid.authors,
  );
  content.categories = loadYamlDir(path.join(root, 'categories'), categorySchema, problems, undefined, content.invalid.categories);
  content.series = loadYamlDir(path.join(root, 'series'), seriesSchema, problems, undefined, content.invalid.series);

  const articlesDir = path.join(root, 'articles');
  const files = listArticles(articlesDir, problems);
  if (existsSync(articlesDir)) {
    for (const rel of (readdirSync(articlesDir, { recursive: true }) as string[]).sort()) {
      if (rel.endsWith('.mdx') || !STRAY_ARTICLE.test(rel) || rel.split(path.sep).some((part) => part.startsWith('.'))) continue;
      if (!statSync(path.join(articlesDir, rel), { throwIfNoEntry: false })?.isFile()) continue;
      const name = path.basename(rel);
      problems.push({
        file: display(path.join(articlesDir, rel)),
        found: 'ce fichier ressemble à un article mais n’est pas lu',
        expected: 'un article est un fichier .mdx',
        hint: `renommez ${name} en ${name.replace(STRAY_ARTICLE, '.mdx')}`,
      });
    }
  }
  /** Where each field of each valid article is written, for the cross-reference checks. */
  const linesOf = new Map<LoadedArticle, LineOf>();
  const bySlug = new Map<string, string>();
  for (const rel of files) {
    const abs = path.join(articlesDir, rel);
    const file = display(abs);
    const slug = slugFromPath(rel);
    const previous = bySlug.get(slug);
    if (previous) {
      problems.push({
        file,
        found: `le slug "${slug}" est déjà celui de ${previous}`,
        expected: 'un slug (nom de fichier ou de dossier) propre à chaque article',
        hint: 'renommez l’un des deux fichiers',
      });
      continue;
    }
    bySlug.set(slug, file);
    if (!slug) {
      problems.push({ file, found: 'le nom du fichier n’a ni lettre ni chiffre', expected: 'un nom de fichier comme "mon-article.mdx"' });
      continue;
    }
    const source = readContentFile(abs, file, problems);
    if (source === undefined) {
      content.invalid.articles.add(slug);
      continue;
    }
    const fm = FRONT_MATTER.exec(source);
    if (!fm) {
      problems.push({ file, line: 1, found: 'l’en-tête manque', expected: 'un en-tête entre deux lignes « --- » en haut du fichier' });
      continue;
    }
    // The front matter's first line is the file's second, after "---".
    const validated = validate(articleSchema, file, fm[1]!, 1, problems);
    const data = validated?.data;
    if (validated && data?.updatedAt && data.updatedAt.getTime() > now.getTime()) {
      problems.push({
        file,
        field: 'updatedAt',
        line: validated.lineOf(['updatedAt']),
        found: `la date de mise à jour ${describeFound((validated.raw as { updatedAt?: unknown }).updatedAt)} est postérieure à la date de la construction du site (${now.toISOString()})`,
        expected: 'une date qui n’est pas postérieure à la construction du site (l’heure de la construction, ou ROTATIVE_NOW s’il est défini)',
        hint: 'corrigez la date de mise à jour',
      });
    }
    // A correction is news about the past: one dated after the build would
    // show a notice readers cannot have been given yet.
    data?.corrections.forEach((c, i) => {
      if (c.at.getTime() > now.getTime()) {
        problems.push({
          file,
          field: `corrections[${i}].at`,
          line: validated!.lineOf(['corrections', i, 'at']),
          found: `une correction datée du ${frenchDay(c.at)}, après la date de la construction du site (${frenchDay(now)})`,
          expected: 'une date de correction passée : au plus tard la date de la construction (ou ROTATIVE_NOW)',
          hint: 'corrigez la date de la correction',
        });
      }
    });
    const assets: AssetRef[] = [];
    if (data?.cover) addAsset(assets, problems, root, abs, { src: data.cover.src, field: 'cover.src', line: validated!.lineOf(['cover', 'src']), kind: 'image' });
    // Scanned even when the front matter is invalid: every problem at once.
    const scan = scanMdx(source, root, abs, file, problems);
    assets.push(...(scan?.assets ?? []));
    if (!data || !scan) {
      content.invalid.articles.add(slug);
      continue;
    }
    checkLiveUpdates(file, data, scan.liveUpdates, now, validated!.lineOf, problems);
    const article: LoadedArticle = { slug, file, absPath: abs, data, body: source.slice(fm[0].length), assets, readAlso: scan.readAlso, liveUpdates: scan.liveUpdates, tree: scan.tree };
    content.articles.push(article);
    linesOf.set(article, validated!.lineOf);
    // Refused only once it would be published: a draft keeps them while its writer works.
    const placeholders = findPlaceholders({ file, data, body: article.body, bodyLine: lineAt(source, fm[0].length), lineOf: validated!.lineOf });
    (data.draft ? content.reminders : problems).push(...placeholders);
  }

  checkReferences(content, problems, linesOf);
  content.pages = loadPages(root, problems);
  return content;
}

/** The pages of `pages/*.mdx`: front matter `title` and `description`, a body checked as an article's is. */
function loadPages(root: string, problems: ContentProblem[]): LoadedPage[] {
  const dir = path.join(root, 'pages');
  if (!existsSync(dir)) return [];
  const pages: LoadedPage[] = [];
  for (const name of globSync('*.mdx', { cwd: dir }).sort()) {
    const abs = path.join(dir, name);
    const file = display(abs);
    const slug = slugFromPath(name);
    if (!slug || RESERVED_PAGE_SLUGS.includes(slug)) {
      problems.push({
        file,
        found: slug ? `une page nommée « ${slug} », adresse déjà prise par le site` : 'un nom de fichier sans lettre ni chiffre',
        expected: 'un nom de page libre, par exemple « a-propos.mdx »',
        hint: slug ? `renommez le fichier ; sont réservés : ${RESERVED_PAGE_SLUGS.join(', ')}` : undefined,
      });
      continue;
    }
    const source = readContentFile(abs, file, problems);
    if (source === undefined) continue;
    const fm = FRONT_MATTER.exec(source);
    if (!fm) {
      problems.push({
        file,
        line: 1,
        found: 'une page sans en-tête',
        expected: 'un en-tête en haut du fichier, entre deux lignes « --- », avec le titre (title) et la description (description)',
      });
      continue;
    }
    const validated = validate(pageSchema, file, fm[1]!, 1, problems);
    const scan = scanMdx(source, root, abs, file, problems);
    if (!validated || !scan) continue;
    pages.push({ slug, file, absPath: abs, data: validated.data, assets: scan.assets, tree: scan.tree });
  }
  return pages;
}

/**
 * Every `.mdx` file under `articlesDir` (paths relative to it, POSIX
 * separators, sorted). A symbolic link, to an `.mdx` file or to a folder, is
 * refused with a problem rather than followed or skipped: a link can point
 * anywhere on the disk, and what it points at would be published unchecked by
 * the jail that resolveWriterPath keeps for images and media (Astro's loader
 * follows links to folders, so skipping them here would not keep them out).
 * Walked by hand, because `globSync` silently skips linked folders. Names
 * starting with a dot are skipped, as `globSync` and Astro's loader do.
 */
function listArticles(articlesDir: string, problems: ContentProblem[]): string[] {
  const files: string[] = [];
  if (!existsSync(articlesDir)) return files;
  const refuse = (abs: string, what: string) =>
    problems.push({
      file: display(abs),
      found: `un lien symbolique (vers ${what})`,
      expected: 'un vrai fichier ou dossier : les liens symboliques ne sont pas acceptés dans le dossier de contenu',
      hint: 'copiez le fichier à la place du lien',
    });
  const walk = (rel: string): void => {
    for (const entry of readdirSync(path.join(articlesDir, rel), { withFileTypes: true })) {
      if (entry.name.startsWith('.')) continue;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      const abs = path.join(articlesDir, relPath);
      if (entry.isSymbolicLink()) {
        let target: 'folder' | 'file' | 'missing';
        try {
          target = statSync(abs).isDirectory() ? 'folder' : 'file';
        } catch {
          target = 'missing';
        }
        if (target === 'folder') refuse(abs, 'un dossier');
        else if (entry.name.endsWith('.mdx')) refuse(abs, target === 'missing' ? 'un fichier absent' : 'un fichier');
        // Other linked files (images, videos) are checked where an article names them.
      } else if (entry.isDirectory()) walk(relPath);
      else if (entry.isFile() && entry.name.endsWith('.mdx')) files.push(relPath);
    }
  };
  walk('');
  return files.sort();
}

/** « vouliez-vous dire … ? » when a known id is one or two keystrokes away, else `fallback`. */
function typoHint(found: string, known: Iterable<string>, fallback?: string): string | undefined {
  const close = suggestClosest(found, [...known].filter((k) => k !== found));
  return close ? didYouMean(close) : fallback;
}

/** How many ids an "expected" text lists before it stops at « … ». */
const LISTED_IDS = 6;

/** `l’identifiant d’une fiche auteur (claire-martin, julien-benali, …)`: `what`, then the ids of the folder. */
function listIds(what: string, ids: Iterable<string>, folder: string): string {
  const list = [...ids].sort();
  if (!list.length) return `${what}, mais ${folder} est vide`;
  const shown = list.length > LISTED_IDS ? [...list.slice(0, LISTED_IDS), '…'] : list;
  return `${what} (${shown.join(', ')})`;
}

const day = (d: Date) => d.toISOString().slice(0, 10);
/** A date as a writer reads it in a message: « 20 mai 2016 à 9 h 30 ». */
const frenchDay = (d: Date) => formatDateTime(d);

/** Checks every cross-reference once all files are read. */
function checkReferences(content: LoadedContent, problems: ContentProblem[], linesOf: Map<LoadedArticle, LineOf>): void {
  const slugs = new Set([...content.articles.map((a) => a.slug), ...content.invalid.articles]);
  const bySlug = new Map(content.articles.map((a) => [a.slug, a]));
  const { invalid } = content;
  const episodes = new Map<string, LoadedArticle>();
  const tagLabels = new Map<string, { label: string; file: string }>();
  /** Former slugs so far, with the file of the article they lead to. */
  const aliasOwners = new Map<string, string>();
  // A link to a renamed article's former slug: tell the writer its new one.
  const renamedTo = new Map(content.articles.flatMap((a) => a.data.aliases.map((alias): [string, string] => [alias, a.slug])));
  const renamedHint = (slug: string) => {
    const to = renamedTo.get(slug);
    return to ? `« ${slug} » est l’ancien slug de l’article « ${to} » : écrivez « ${to} »` : undefined;
  };
  /** A folder of the content tree as writers see it: `content/authors/`. */
  const folderOf = (name: string) => `${path.join(path.relative(process.cwd(), content.contentDir), name)}/`;
  for (const article of content.articles) {
    const { data, file } = article;
    const lineOf = linesOf.get(article) ?? (() => undefined);
    data.authors.forEach((id, i) => {
      if (!content.authors.has(id) && !invalid.authors.has(id)) {
        problems.push({ file, field: `authors[${i}]`, line: lineOf(['authors', i]), found: `aucune fiche auteur "${id}" dans ${folderOf('authors')}`, expected: listIds('l’identifiant d’une fiche auteur', content.authors.keys(), folderOf('authors')), hint: typoHint(id, content.authors.keys()) });
      }
    });
    if (!content.categories.has(data.category) && !invalid.categories.has(data.category)) {
      problems.push({ file, field: 'category', line: lineOf(['category']), found: `aucune rubrique "${data.category}" dans ${folderOf('categories')}`, expected: listIds('l’identifiant d’une rubrique', content.categories.keys(), folderOf('categories')), hint: typoHint(data.category, content.categories.keys()) });
    }
    if (data.series !== undefined && !content.series.has(data.series) && !invalid.series.has(data.series)) {
      problems.push({ file, field: 'series', line: lineOf(['series']), found: `aucune série "${data.series}" dans ${folderOf('series')}`, expected: listIds('l’identifiant d’une série', content.series.keys(), folderOf('series')), hint: typoHint(data.series!, content.series.keys()) });
    }
    data.revisits.forEach((slug, i) => {
      const field = `revisits[${i}]`;
      const line = lineOf(['revisits', i]);
      if (!slugs.has(slug) || slug === article.slug) {
        problems.push({ file, field, line, found: slug === article.slug ? `revisits cite l’article lui-même ("${slug}")` : `revisits cite "${slug}", qui n’est le slug d’aucun article`, expected: 'le slug d’un autre article (le nom de son fichier ou de son dossier)', hint: renamedHint(slug) ?? typoHint(slug, [...slugs].filter((s) => s !== article.slug), 'le slug est-il mal orthographié ?') });
        return;
      }
      // Only towards the past: an article follows up on what came before it,
      // which also means two articles can never revisit each other.
      const target = bySlug.get(slug);
      if (target && target.data.publishedAt.getTime() >= data.publishedAt.getTime()) {
        problems.push({
          file,
          field,
          line,
          found: `revisits cite "${slug}", publié le ${day(target.data.publishedAt)} (${target.file}), pas avant cet article (${day(data.publishedAt)})`,
          expected: 'le slug d’un article publié avant celui-ci : revisits ne renvoie qu’à des articles plus anciens, si bien que deux articles ne peuvent pas se citer l’un l’autre',
        });
      }
    });
    data.aliases.forEach((alias, i) => {
      const field = `aliases[${i}]`;
      const line = lineOf(['aliases', i]);
      if (!alias || slugify(alias) !== alias) {
        problems.push({
          file,
          field,
          line,
          found: `« ${alias} », qui n’est pas un slug`,
          expected: 'un ancien slug : lettres minuscules sans accents, chiffres et tirets, comme le nom d’un fichier d’article',
          hint: slugify(alias) ? `vouliez-vous dire « ${slugify(alias)} » ?` : undefined,
        });
        return;
      }
      const owner = slugs.has(alias) ? bySlug.get(alias)?.file ?? 'un autre article' : aliasOwners.get(alias);
      if (owner !== undefined || alias === article.slug) {
        problems.push({
          file,
          field,
          line,
          found: alias === article.slug ? `« ${alias} », le slug actuel de cet article` : `« ${alias} », déjà l’adresse de ${owner}`,
          expected: 'un ancien slug qui n’est ni le slug ni l’ancien slug d’un autre article',
          hint: alias === article.slug ? 'retirez-le : un article garde toujours son adresse actuelle' : 'une adresse ne peut mener qu’à un seul article : retirez cet alias de l’un des deux',
        });
        return;
      }
      aliasOwners.set(alias, file);
    });
    for (const ref of article.readAlso) {
      if (!slugs.has(ref.slug)) {
        problems.push({ file, field: '<ReadAlso slug>', line: ref.line, found: `<ReadAlso> cite "${ref.slug}", qui n’est le slug d’aucun article`, expected: 'le slug d’un article (le nom de son fichier ou de son dossier)', hint: renamedHint(ref.slug) ?? typoHint(ref.slug, slugs, 'le slug est-il mal orthographié ?') });
      }
    }
    if (data.series !== undefined && data.episode !== undefined) {
      const key = `${data.series}#${data.episode}`;
      const other = episodes.get(key);
      if (other) {
        problems.push({ file, field: 'episode', line: lineOf(['episode']), found: `l’épisode ${data.episode} de la série "${data.series}" est déjà ${other.file}`, expected: 'un numéro d’épisode unique dans la série' });
      } else episodes.set(key, article);
    }
    /** This article's tags so far, by tag slug. */
    const own = new Map<string, string>();
    data.tags.forEach((label, i) => {
      const tagSlug = slugify(label);
      const seen = tagLabels.get(tagSlug);
      const line = lineOf(['tags', i]);
      if (!tagSlug) {
        problems.push({ file, field: 'tags', line, found: `l’étiquette "${label}" n’a ni lettre ni chiffre`, expected: 'une étiquette avec au moins une lettre ou un chiffre' });
      } else if (own.has(tagSlug)) {
        const first = own.get(tagSlug)!;
        problems.push({
          file,
          field: 'tags',
          line,
          found: first === label ? `l’étiquette "${label}" est donnée deux fois` : `l’étiquette "${label}" est la même (/tags/${tagSlug}/) que "${first}" plus haut`,
          expected: 'chaque étiquette une seule fois par article',
          hint: 'supprimez la répétition',
        });
      } else if (seen && seen.label !== label) {
        own.set(tagSlug, label);
        problems.push({
          file,
          field: 'tags',
          line,
          found: `l’étiquette "${label}" donne la même page /tags/${tagSlug}/ que "${seen.label}" dans ${seen.file}`,
          expected: 'une seule orthographe par étiquette',
          hint: `écrivez "${seen.label}" dans les deux articles`,
        });
      } else {
        own.set(tagSlug, label);
        if (!seen) tagLabels.set(tagSlug, { label, file });
      }
    });
  }
}
