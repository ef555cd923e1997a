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
import { LineCounter, parseDocument, isMap, isNode, visit, type Document } from 'yaml';
import { mdxToHast } from 'satteri';
import type { Root as HastRoot } from 'hast';
import type { z } from 'astro/zod';
import { articleSchema, type ArticleData } from '../schemas/article.ts';
import { authorSchema, type AuthorData } from '../schemas/author.ts';
import { categorySchema, type CategoryData } from '../schemas/category.ts';
import { seriesSchema, type SeriesData } from '../schemas/series.ts';
import { siteSchema, type Site } from '../schemas/site.ts';
import { suggestClosest, type ContentProblem } from '../lib/errors.ts';
import { slugFromPath, slugify } from '../lib/slugs.ts';
import { describeFound, problemsFromZod } from './problems.ts';

/** A file an article or author points at (image, video), as written and resolved. */
export interface AssetRef {
  /** As written by the writer, e.g. "./photo.jpg". */
  src: string;
  /** Absolute path on disk. */
  absPath: string;
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
  /** The parsed body (Sätteri's hast, MDX nodes kept). */
  tree: HastRoot;
}

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
  problems: ContentProblem[];
  /**
   * Ids and slugs of files that exist but are invalid: their own problems are
   * reported, and references to them are not reported a second time.
   */
  invalid: { authors: Set<string>; categories: Set<string>; series: Set<string>; articles: Set<string> };
}

/** Files the `<Figure>`/`<Video>` components and Markdown images may name. */
const COMPONENT_ASSET_ATTRS: Record<string, Record<string, AssetRef['kind']>> = {
  Figure: { src: 'image' },
  Video: { src: 'file', poster: 'image' },
};

const display = (abs: string) => path.relative(process.cwd(), abs) || abs;

/** decodeURI that keeps a path with a stray % as written instead of throwing. */
function decodePath(src: string): string {
  try {
    return decodeURI(src);
  } catch {
    return src;
  }
}

const isLocalPath = (src: string) => !/^([a-z]+:)?\/\//i.test(src) && !src.startsWith('/') && !src.startsWith('data:');

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
      found: 'bytes that are not UTF-8 (the file was probably saved as Latin-1 or Windows-1252)',
      expected: 'a text file encoded in UTF-8: open it in your editor and save it again with the UTF-8 encoding',
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
      found: `the invisible control character U+${code}${code === '0000' ? ' (NUL)' : ''} at column ${control.index - lineStart + 1}`,
      expected: 'text without control characters (tab and line breaks only): delete it, e.g. by retyping the characters around it',
    });
    return undefined;
  }
  return text;
}

/** Parses YAML text keeping line numbers, so problems can point at a line. */
function parseYaml(text: string, file: string, lineOffset: number, problems: ContentProblem[]) {
  const lineCounter = new LineCounter();
  // `yaml` keeps timestamps as strings (YAML 1.2 core schema): the schema then
  // checks the offset is written, which a Date could no longer tell.
  const doc: Document = parseDocument(text, { lineCounter, prettyErrors: false });
  // Without prettyErrors, errors carry no line: it is computed from their offset.
  const lineAtOffset = (offset: number | undefined) => (offset === undefined ? 1 : lineCounter.linePos(offset).line) + lineOffset;
  if (doc.errors.length > 0) {
    for (const err of doc.errors) {
      problems.push({
        file,
        line: lineAtOffset(err.pos[0]),
        found: `invalid YAML (${err.message.split('\n')[0]})`,
        expected: 'valid YAML: "key: value" lines, lists in [ ] or with "- "',
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
        found: `the YAML tag ${shown}`,
        expected: 'a plain value (text, number, date, list or block) without a tag: remove the tag, or put the value in quotes',
      });
    },
  });
  for (const warning of doc.warnings) {
    if (warning.code === 'TAG_RESOLVE_FAILED') continue; // reported with its node above
    problems.push({
      file,
      line: lineAtOffset(warning.pos[0]),
      found: `questionable YAML (${warning.message.split('\n')[0]})`,
      expected: 'plain YAML: "key: value" lines, lists in [ ] or with "- "',
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
    problems.push({ file, line: 1 + lineOffset, found: describeFound(parsed.value), expected: 'a YAML mapping of "field: value" lines' });
    return undefined;
  }
  const result = schema.safeParse(parsed.value);
  if (result.success) return { data: result.data, raw: parsed.value, lineOf: parsed.lineOf };
  problems.push(...problemsFromZod(file, parsed.value, result.error, parsed.lineOf, (p) => knownKeysOf(schema, p)));
  return undefined;
}

function checkAsset(ref: AssetRef, file: string, problems: ContentProblem[]): void {
  if (!existsSync(ref.absPath) || !statSync(ref.absPath).isFile()) {
    problems.push({
      file,
      field: ref.field,
      line: ref.line,
      found: `"${ref.src}", but there is no such file (looked for ${display(ref.absPath)})`,
      expected: 'a path to an existing file, relative to this file',
      hint: 'is there a typo in the file name, or was the file not committed?',
    });
  }
}

/** Reads every `<dir>/*.yaml` as entries of one kind, keyed by file name. */
function loadYamlDir<S extends z.ZodType>(
  dir: string,
  schema: S,
  problems: ContentProblem[],
  assetsOf: (data: z.infer<S>, absDir: string, lineOf: LineOf) => AssetRef[] = () => [],
  invalid: Set<string> = new Set(),
): Map<string, LoadedEntry<z.infer<S>>> {
  const entries = new Map<string, LoadedEntry<z.infer<S>>>();
  if (!existsSync(dir)) return entries;
  for (const name of globSync('*.{yaml,yml}', { cwd: dir }).sort()) {
    const abs = path.join(dir, name);
    const file = display(abs);
    const id = name.replace(/\.ya?ml$/, '');
    if (slugify(id) !== id) {
      problems.push({ file, found: `the file name "${name}"`, expected: `a lowercase ASCII id as file name, e.g. "${slugify(id)}.yaml"` });
      continue;
    }
    const text = readContentFile(abs, file, problems);
    const validated = text === undefined ? undefined : validate(schema, file, text, 0, problems);
    if (validated === undefined) {
      invalid.add(id);
      continue;
    }
    const { data } = validated;
    const assets = assetsOf(data, dir, validated.lineOf);
    for (const a of assets) checkAsset(a, file, problems);
    entries.set(id, { id, file, data, assets });
  }
  return entries;
}

const FRONT_MATTER = /^---\r?\n([\s\S]*?)\r?\n---[ \t]*(\r?\n|$)/;

interface MdxScan {
  /** The parsed body (Sätteri's hast, MDX nodes kept): what the renderer reads. */
  tree: HastRoot;
  assets: AssetRef[];
  readAlso: { slug: string; line?: number }[];
}

/** Parses the MDX (syntax errors become problems with their line) and collects what it names. */
function scanMdx(source: string, absPath: string, file: string, problems: ContentProblem[]): MdxScan | undefined {
  let tree: HastRoot;
  try {
    // The whole file is parsed so that positions are the file's own lines.
    tree = mdxToHast(source) as HastRoot;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const m = /^(\d+):(\d+):\s*([\s\S]*)$/.exec(message);
    problems.push({
      file,
      line: m ? Number(m[1]) : undefined,
      found: `an MDX syntax error: ${(m ? m[3]! : message).replace(/\s*\(mdx[^)]*\)\s*$/, '').trim()}${m ? ` (column ${m[2]})` : ''}`,
      expected: 'valid MDX: closed tags such as <Quote>…</Quote> or <Figure … />, and { } only around expressions',
    });
    return undefined;
  }
  const dir = path.dirname(absPath);
  const scan: MdxScan = { tree, assets: [], readAlso: [] };
  const visit = (node: any): void => {
    const line: number | undefined = node.position?.start?.line;
    if (node.type === 'element' && node.tagName === 'img' && typeof node.properties?.src === 'string' && isLocalPath(node.properties.src)) {
      // Markdown turns the URL into a percent-encoded one ("100%" → "100%25"): decoded, it is the file name the writer typed.
      const src = decodePath(node.properties.src as string);
      scan.assets.push({ src, absPath: path.resolve(dir, src), field: '![image]', line, kind: 'image' });
    }
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && typeof node.name === 'string') {
      const attrs: Record<string, unknown> = {};
      for (const a of node.attributes ?? []) if (a.type === 'mdxJsxAttribute') attrs[a.name] = a.value;
      const wanted = COMPONENT_ASSET_ATTRS[node.name];
      for (const [attr, kind] of Object.entries(wanted ?? {})) {
        const v = attrs[attr];
        if (typeof v === 'string' && isLocalPath(v)) {
          scan.assets.push({ src: v, absPath: path.resolve(dir, v), field: `<${node.name} ${attr}>`, line, kind });
        }
      }
      if (node.name === 'img' && typeof attrs.src === 'string' && isLocalPath(attrs.src)) {
        problems.push({
          file,
          field: '<img src>',
          line,
          found: `an HTML image "${attrs.src}", which would be published unoptimised`,
          expected: '![alt text](./image.jpg) or <Figure src="./image.jpg" alt="…" />, which go through the image pipeline',
        });
      }
      if (node.name === 'ReadAlso') {
        if (typeof attrs.slug === 'string') scan.readAlso.push({ slug: attrs.slug, line });
        else problems.push({ file, field: '<ReadAlso slug>', line, found: describeFound(attrs.slug), expected: 'slug="<slug of an article>"' });
      }
      if (node.name === 'Figure' && (typeof attrs.alt !== 'string' || !attrs.alt.trim())) {
        problems.push({ file, field: '<Figure alt>', line, found: describeFound(attrs.alt), expected: 'a non-empty alt text describing the image' });
      }
      if (node.name === 'Figure' && typeof attrs.src !== 'string') {
        problems.push({ file, field: '<Figure src>', line, found: describeFound(attrs.src), expected: 'src="./image.jpg", a path relative to the article' });
      }
      if (node.name === 'Video' && typeof attrs.youtube !== 'string' && typeof attrs.src !== 'string') {
        problems.push({ file, field: '<Video>', line, found: 'neither youtube nor src', expected: 'youtube="<video id>" or src="./clip.mp4"' });
      }
    }
    for (const child of node.children ?? []) visit(child);
  };
  visit(tree);
  return scan;
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
    problems,
    invalid: { authors: new Set(), categories: new Set(), series: new Set(), articles: new Set() },
  };

  const siteFile = path.join(root, 'site.yaml');
  if (!existsSync(siteFile)) {
    problems.push({ file: display(siteFile), found: 'no such file', expected: 'a site.yaml with at least name and url' });
  } else {
    const text = readContentFile(siteFile, display(siteFile), problems);
    content.site = text === undefined ? undefined : validate(siteSchema, display(siteFile), text, 0, problems)?.data;
    if (content.site?.logo) {
      content.siteAssets.push({ src: content.site.logo, absPath: path.resolve(root, content.site.logo), field: 'logo', kind: 'image' });
      checkAsset(content.siteAssets[0]!, display(siteFile), problems);
    }
  }

  content.authors = loadYamlDir(
    path.join(root, 'authors'),
    authorSchema,
    problems,
    (data, dir, lineOf) =>
      data.avatar ? [{ src: data.avatar, absPath: path.resolve(dir, data.avatar), field: 'avatar', line: lineOf(['avatar']), kind: 'image' as const }] : [],
    content.invalid.authors,
  );
  content.categories = loadYamlDir(path.join(root, 'categories'), categorySchema, problems, undefined, content.invalid.categories);
  content.series = loadYamlDir(path.join(root, 'series'), seriesSchema, problems, undefined, content.invalid.series);

  const articlesDir = path.join(root, 'articles');
  const files = existsSync(articlesDir) ? globSync('**/*.mdx', { cwd: articlesDir }).sort() : [];
  if (existsSync(articlesDir)) {
    for (const rel of (readdirSync(articlesDir, { recursive: true }) as string[]).sort()) {
      if (rel.endsWith('.mdx') || !STRAY_ARTICLE.test(rel) || rel.split(path.sep).some((part) => part.startsWith('.'))) continue;
      if (!statSync(path.join(articlesDir, rel), { throwIfNoEntry: false })?.isFile()) continue;
      const name = path.basename(rel);
      problems.push({
        file: display(path.join(articlesDir, rel)),
        found: 'a file that looks like an article but is not read',
        expected: `articles are .mdx files: rename ${name} to ${name.replace(STRAY_ARTICLE, '.mdx')}`,
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
        found: `the slug "${slug}", already used by ${previous}`,
        expected: 'a slug (file or folder name) used by one article only',
        hint: 'rename one of the two files',
      });
      continue;
    }
    bySlug.set(slug, file);
    if (!slug) {
      problems.push({ file, found: 'a file name with no letter or digit', expected: 'a file name such as "mon-article.mdx"' });
      continue;
    }
    const source = readContentFile(abs, file, problems);
    if (source === undefined) {
      content.invalid.articles.add(slug);
      continue;
    }
    const fm = FRONT_MATTER.exec(source);
    if (!fm) {
      problems.push({ file, line: 1, found: 'no front matter', expected: 'a front matter block between two "---" lines at the top of the file' });
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
        found: `${describeFound((validated.raw as { updatedAt?: unknown }).updatedAt)}, which is after the date of the build (${now.toISOString()})`,
        expected: 'a date not later than the date of the build: the time of the build, or ROTATIVE_NOW when it is set',
      });
    }
    const scan = scanMdx(source, abs, file, problems);
    const assets = [...(scan?.assets ?? [])];
    if (data?.cover) {
      assets.unshift({
        src: data.cover.src,
        absPath: path.resolve(path.dirname(abs), data.cover.src),
        field: 'cover.src',
        line: validated!.lineOf(['cover', 'src']),
        kind: 'image',
      });
    }
    // Checked even when the front matter is invalid: every problem at once.
    for (const a of assets) checkAsset(a, file, problems);
    if (!data || !scan) {
      content.invalid.articles.add(slug);
      continue;
    }
    const article: LoadedArticle = { slug, file, absPath: abs, data, body: source.slice(fm[0].length), assets, readAlso: scan.readAlso, tree: scan.tree };
    content.articles.push(article);
    linesOf.set(article, validated!.lineOf);
  }

  checkReferences(content, problems, linesOf);
  return content;
}

/** "did you mean …?" when a known id is one or two keystrokes away, else `fallback`. */
function typoHint(found: string, known: Iterable<string>, fallback?: string): string | undefined {
  const close = suggestClosest(found, [...known].filter((k) => k !== found));
  return close ? `did you mean "${close}"?` : fallback;
}

function listIds(ids: Iterable<string>): string {
  const list = [...ids].sort();
  return list.length ? `one of: ${list.join(', ')}` : 'an id, but there is none: the folder is empty';
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Checks every cross-reference once all files are read. */
function checkReferences(content: LoadedContent, problems: ContentProblem[], linesOf: Map<LoadedArticle, LineOf>): void {
  const slugs = new Set([...content.articles.map((a) => a.slug), ...content.invalid.articles]);
  const bySlug = new Map(content.articles.map((a) => [a.slug, a]));
  const { invalid } = content;
  const episodes = new Map<string, LoadedArticle>();
  const tagLabels = new Map<string, { label: string; file: string }>();
  for (const article of content.articles) {
    const { data, file } = article;
    const lineOf = linesOf.get(article) ?? (() => undefined);
    data.authors.forEach((id, i) => {
      if (!content.authors.has(id) && !invalid.authors.has(id)) {
        problems.push({ file, field: `authors[${i}]`, line: lineOf(['authors', i]), found: `"${id}", which is not in ${path.join(path.relative(process.cwd(), content.contentDir), 'authors')}/`, expected: listIds(content.authors.keys()), hint: typoHint(id, content.authors.keys()) });
      }
    });
    if (!content.categories.has(data.category) && !invalid.categories.has(data.category)) {
      problems.push({ file, field: 'category', line: lineOf(['category']), found: `"${data.category}", which is not a rubrique`, expected: listIds(content.categories.keys()), hint: typoHint(data.category, content.categories.keys()) });
    }
    if (data.series !== undefined && !content.series.has(data.series) && !invalid.series.has(data.series)) {
      problems.push({ file, field: 'series', line: lineOf(['series']), found: `"${data.series}", which is not a series`, expected: listIds(content.series.keys()), hint: typoHint(data.series!, content.series.keys()) });
    }
    data.revisits.forEach((slug, i) => {
      const field = `revisits[${i}]`;
      const line = lineOf(['revisits', i]);
      if (!slugs.has(slug) || slug === article.slug) {
        problems.push({ file, field, line, found: `"${slug}"`, expected: 'the slug of another article (its file or folder name)', hint: typoHint(slug, [...slugs].filter((s) => s !== article.slug), 'is there a typo?') });
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
          found: `"${slug}", published on ${day(target.data.publishedAt)} (${target.file}), not before this article (${day(data.publishedAt)})`,
          expected: 'the slug of an article published before this one: revisits points back to earlier articles only, so no two articles can revisit each other',
        });
      }
    });
    for (const ref of article.readAlso) {
      if (!slugs.has(ref.slug)) {
        problems.push({ file, field: '<ReadAlso slug>', line: ref.line, found: `"${ref.slug}"`, expected: 'the slug of an article (its file or folder name)', hint: typoHint(ref.slug, slugs, 'is there a typo?') });
      }
    }
    if (data.series !== undefined && data.episode !== undefined) {
      const key = `${data.series}#${data.episode}`;
      const other = episodes.get(key);
      if (other) {
        problems.push({ file, field: 'episode', line: lineOf(['episode']), found: `${data.episode}, already the number of ${other.file} in the series "${data.series}"`, expected: 'an episode number used once per series' });
      } else episodes.set(key, article);
    }
    /** This article's tags so far, by tag slug. */
    const own = new Map<string, string>();
    data.tags.forEach((label, i) => {
      const tagSlug = slugify(label);
      const seen = tagLabels.get(tagSlug);
      const line = lineOf(['tags', i]);
      if (!tagSlug) {
        problems.push({ file, field: 'tags', line, found: `"${label}"`, expected: 'a label with at least one letter or digit' });
      } else if (own.has(tagSlug)) {
        const first = own.get(tagSlug)!;
        problems.push({
          file,
          field: 'tags',
          line,
          found: first === label ? `"${label}" twice` : `"${label}", the same tag (/tags/${tagSlug}/) as "${first}" above`,
          expected: 'each tag once per article: remove the repeated one',
        });
      } else if (seen && seen.label !== label) {
        own.set(tagSlug, label);
        problems.push({
          file,
          field: 'tags',
          line,
          found: `"${label}", which gives the same tag page /tags/${tagSlug}/ as "${seen.label}" in ${seen.file}`,
          expected: 'one spelling per tag: use the same label in both articles',
        });
      } else {
        own.set(tagSlug, label);
        if (!seen) tagLabels.set(tagSlug, { label, file });
      }
    });
  }
}
