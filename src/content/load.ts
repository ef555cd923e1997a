/**
 * Reads and validates a whole content tree in one pass, without Astro.
 *
 * This is the build's first phase and all of `npm run check`: it reports EVERY
 * problem of the tree at once (Astro's own loaders stop at the first invalid
 * entry and print a stack trace), naming file, field, line, what was found and
 * what is expected. Astro's content collections then load the same files with
 * the same schemas, so the two can never disagree on what is valid.
 *
 * Its parts: the content folder as files (files.ts: the walker and the
 * reader, the jail), YAML (yaml.ts), bodies (scan.ts), cross-references
 * (references.ts); this module lists what to read and puts it together.
 */
import { lstatSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Root as HastRoot } from 'hast';
import type { z } from 'astro/zod';
import { articleSchema, type ArticleData } from '../schemas/article.ts';
import { formatDateTime } from '../lib/dates.ts';
import { authorSchema, type AuthorData } from '../schemas/author.ts';
import { categorySchema, type CategoryData } from '../schemas/category.ts';
import { seriesSchema, type SeriesData } from '../schemas/series.ts';
import { siteSchema, type Site } from '../schemas/site.ts';
import { pageSchema, type PageData } from '../schemas/page.ts';
import { editionSchema, type EditionData } from '../schemas/edition.ts';
import { editionId, isoWeekOf, parseEditionId } from '../lib/editions.ts';
import { statusAt } from '../lib/publishing.ts';
import type { ContentProblem } from '../lib/errors.ts';
import { slugFromPath, slugify } from '../lib/slugs.ts';
import { findPlaceholders } from './placeholders.ts';
import { describeFound } from './problems.ts';
import { display, linkProblem, readContentText, walkContent, type ContentEntry } from './files.ts';
import { addAsset, checkLiveUpdates, parseBody, resolveBody, scanBody, scanMdx, type BodyScan } from './scan.ts';
import { affiliateProblem } from '../lib/affiliate.ts';
import { checkReferences } from './references.ts';
import { parseYaml, readYamlDocument, validate, type LineOf, type Validated, type YamlDocument } from './yaml.ts';
import { lineOfTable, lineTable, type ContentPassCache } from './pass-cache.ts';
import type { Environment } from '../config/environment.ts';
import { reservedSegments } from '../lib/urls.ts';

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

/** The editors' word of a weekly edition (`editions/2026-S48.mdx`): an MDX body like a page's. */
export interface LoadedEditionWord {
  /** The week, as in its URL: `2026-S48`. */
  id: string;
  file: string;
  absPath: string;
  data: EditionData;
  assets: AssetRef[];
  tree: HastRoot;
}

/** First path segments the site's own routes use (src/lib/urls.ts): no page of content/pages/ may take one. */
export const RESERVED_PAGE_SLUGS: readonly string[] = reservedSegments();

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
  /** The editors' words of the weekly editions (content/editions/). */
  editions: LoadedEditionWord[];
  problems: ContentProblem[];
  /** For the build's log: the entries of the content pass's cache that could not be used (pass-cache.ts). */
  notices: string[];
  /**
   * The scaffold's provisional text left in drafts (see findPlaceholders): not
   * errors, since a draft is published nowhere; `npm run check` reminds of them.
   */
  reminders: ContentProblem[];
  /** The article files whose front matter says `draft: true`, valid or not (as shown in messages). */
  draftFiles: Set<string>;
  /**
   * Ids and slugs of files that exist but are invalid: their own problems are
   * reported, and references to them are not reported a second time.
   */
  invalid: { authors: Set<string>; categories: Set<string>; series: Set<string>; articles: Set<string> };
}



/**
 * Whether a front matter says `draft: true`, read even when the rest of it
 * is invalid: a draft's problems never stop the build (src/content/prepare.ts).
 */
function saysDraft({ doc }: YamlDocument): boolean {
  // The document is not turned into values: no alias is expanded, no tag resolved, nothing logged.
  try {
    return doc.get('draft') === true;
  } catch {
    return false;
  }
}

const lineAt = (text: string, index: number) => text.slice(0, index).split('\n').length;

/**
 * The files of one folder of the content (`authors`, `pages`, `articles`)
 * whose name matches `pattern`, from the walk of the content folder: directly
 * in it, or at any depth with `nested`. A symbolic link among them is
 * refused, not read: a content file is a real file of the content folder.
 * A hidden one (`.brouillon.mdx`) is named, since it would not be read.
 */
function filesOf(entries: readonly ContentEntry[], folder: string, pattern: RegExp, nested: boolean, problems: ContentProblem[]): ContentEntry[] {
  const prefix = `${folder}/`;
  const out: ContentEntry[] = [];
  for (const entry of entries) {
    if (!entry.rel.startsWith(prefix) || !pattern.test(entry.rel)) continue;
    const rel = entry.rel.slice(prefix.length);
    if (!nested && rel.includes('/')) continue;
    if (entry.hidden) {
      // Only a file itself hidden is named: a hidden folder (.git) is not the writers'.
      if (path.posix.basename(rel).startsWith('.') && !rel.slice(0, rel.lastIndexOf('/') + 1).split('/').some((s) => s.startsWith('.'))) {
        problems.push({
          file: display(entry.abs),
          found: 'un fichier caché (son nom commence par un point), qui n’est pas lu',
          expected: 'un nom de fichier qui ne commence pas par un point',
          hint: `renommez-le ${path.posix.basename(rel).replace(/^\.+/, '') || 'sans le point'}`,
        });
      }
      continue;
    }
    if (isReadable(entry, problems)) out.push(entry);
  }
  return out;
}

/** False, with its problem, for a symbolic link where a content file is expected. */
function isReadable(entry: ContentEntry, problems: ContentProblem[]): boolean {
  if (entry.type === 'file') return true;
  let target = 'un fichier';
  try {
    statSync(entry.abs);
  } catch {
    target = 'un fichier absent';
  }
  problems.push(linkProblem(entry.abs, target));
  return false;
}

/**
 * `site.yaml`, read by the content reader and validated: the one reading of
 * the site settings. The content pass stores them; astro.config.ts, which
 * runs before it, takes the site's URL from here too (problems are the
 * pass's to report).
 */
export function readSite(root: string, problems: ContentProblem[]): Validated<Site> | undefined {
  const siteFile = path.join(root, 'site.yaml');
  let stats;
  try {
    stats = lstatSync(siteFile);
  } catch {
    problems.push({ file: display(siteFile), found: 'le fichier site.yaml manque', expected: 'un fichier site.yaml avec au moins name et url' });
    return undefined;
  }
  const entry: ContentEntry = { rel: 'site.yaml', abs: siteFile, type: stats.isSymbolicLink() ? 'link' : 'file', hidden: false };
  if (!isReadable(entry, problems)) return undefined;
  const text = readContentText(root, siteFile, 'yaml', display(siteFile), problems);
  return text === undefined ? undefined : validate(siteSchema, display(siteFile), text, 0, problems);
}

/**
 * The site's public URL, without its trailing slash (its path kept: the
 * base): SITE_URL when set, else `url` of site.yaml. Decided here alone.
 */
export function publicUrl(env: Pick<Environment, 'siteUrl'>, site: Pick<Site, 'url'>): string {
  return env.siteUrl ?? site.url.replace(/\/+$/, '');
}

/** Reads every `<folder>/*.yaml` as entries of one kind, keyed by file name. */
function loadYamlDir<S extends z.ZodType>(
  root: string,
  files: readonly ContentEntry[],
  folder: string,
  schema: S,
  problems: ContentProblem[],
  /** The files an entry names, resolved relative to its file (`abs`). */
  assetsOf: (data: z.infer<S>, abs: string, lineOf: LineOf) => AssetRef[] = () => [],
  invalid: Set<string> = new Set(),
): Map<string, LoadedEntry<z.infer<S>>> {
  const entries = new Map<string, LoadedEntry<z.infer<S>>>();
  for (const { abs } of filesOf(files, folder, /\.ya?ml$/, false, problems)) {
    const name = path.basename(abs);
    const file = display(abs);
    const id = name.replace(/\.ya?ml$/, '');
    if (slugify(id) !== id) {
      problems.push({ file, found: `le nom de fichier "${name}" n’est pas un identifiant`, expected: 'un nom de fichier en minuscules sans accents, chiffres et tirets', hint: `renommez-le "${slugify(id)}.yaml"` });
      continue;
    }
    const same = entries.get(id);
    if (same || invalid.has(id)) {
      problems.push({ file, found: `l’identifiant "${id}" est déjà celui d’un autre fichier${same ? ` (${same.file})` : ''}`, expected: 'un seul fichier par identifiant (.yaml ou .yml, pas les deux)', hint: 'supprimez ou renommez l’un des deux' });
      continue;
    }
    const text = readContentText(root, abs, 'yaml', file, problems);
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


export interface LoadOptions {
  /**
   * The build's "now" (ROTATIVE_NOW, else the real time): an update cannot be
   * dated after it.
   */
  now: Date;
  /**
   * Where what each article's text alone gives is kept and read back
   * (pass-cache.ts, in the cache folder); without it, every file is read in full.
   */
  cache?: ContentPassCache | undefined;
}

/**
 * What reading an article finds from its text alone, front matter and body:
 * the same text, under the same name, always gives the same result, which
 * is why it may be kept (pass-cache.ts). Everything else (the build's now,
 * the files it names, the ids of other files) is checked on it at every build.
 */
interface ArticleSource {
  /** Whether the front matter says `draft: true`, read even when it is invalid. */
  draft: boolean;
  /** The front matter's problems; none when it is valid. */
  problems: ContentProblem[];
  /** The valid front matter, as kept: its data, its YAML as parsed, the line of each value. */
  frontMatter?: { data: ArticleData; raw: unknown; lines: [string, number | undefined][] } | undefined;
  body: BodyScan;
  /** The scaffold's provisional text left in it (findPlaceholders), when the front matter is valid. */
  placeholders: ContentProblem[];
}

/** An article's reading from its text, with what the loader reads of it besides. */
interface ArticleReading {
  source: ArticleSource;
  validated: Validated<ArticleData> | undefined;
  /** The parsed body, asked for only when it is rendered. */
  tree: () => HastRoot;
}

/**
 * Reads an article (`source`, the whole file; `fm`, its front matter found
 * by FRONT_MATTER): kept in `cache` when neither front matter nor body has a
 * problem, read from it when kept. A file with problems is read in full at
 * every build: its messages are the reading's own.
 */
function readArticle(source: string, fm: RegExpExecArray, file: string, cache: ContentPassCache | undefined): ArticleReading {
  const yaml = fm[1]!;
  const key = cache?.keyOf('article', file, source);
  const kept = key === undefined ? undefined : (cache!.get(key) as ArticleSource | undefined);
  if (kept?.frontMatter) {
    const { data, raw, lines } = kept.frontMatter;
    // A line the table does not hold (a field that is not written) is found in the front matter read again.
    const lineOf = lineOfTable(lines, () => parseYaml(yaml, file, 1, [])!.lineOf);
    return { source: kept, validated: { data, raw, lineOf }, tree: () => parseBody(source) };
  }
  const problems: ContentProblem[] = [];
  const frontMatter = readYamlDocument(yaml);
  const draft = saysDraft(frontMatter);
  // The front matter's first line is the file's second, after "---".
  const validated = validate(articleSchema, file, yaml, 1, problems, frontMatter);
  const { scan, tree } = scanBody(source, file);
  // The tree the scan parsed is handed over once, to be rendered (which
  // consumes it), and not kept: alive for the whole build, the trees of a
  // cold build of 10,000 articles held some 440 MB while the pages render.
  let parsed = tree;
  const handOver = () => {
    const t = parsed ?? parseBody(source);
    parsed = undefined;
    return t;
  };
  const read: ArticleSource = { draft, problems, body: scan, placeholders: [] };
  if (validated) {
    const { data, lineOf } = validated;
    read.placeholders = findPlaceholders({ file, data, body: source.slice(fm[0].length), bodyLine: lineAt(source, fm[0].length), lineOf });
    if (key !== undefined && problems.length === 0 && scan.found && scan.problems.length === 0) {
      cache!.set(key, { ...read, frontMatter: { data, raw: validated.raw, lines: lineTable(validated.raw, lineOf) } } satisfies ArticleSource);
    }
  }
  return { source: read, validated, tree: handOver };
}

/**
 * Files under articles/ that look like an article but would not be read (only
 * `.mdx` files are): a Markdown file, or an .mdx whose extension was changed.
 * Matched without case, as `Article.MDX` is not read either.
 */
const STRAY_ARTICLE = /\.(md|markdown|mdx|mdx\.txt|mdx\.md)$/i;

/** Loads and validates the whole tree under `contentDir`. Never writes anything. */
export function loadContent(contentDir: string, { now, cache }: LoadOptions): LoadedContent {
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
    editions: [],
    problems,
    notices: cache?.notices ?? [],
    reminders: [],
    draftFiles: new Set(),
    invalid: { authors: new Set(), categories: new Set(), series: new Set(), articles: new Set() },
  };

  // One walk of the whole folder, no link followed: every file read below comes from it.
  const walk = walkContent(root);
  problems.push(...walk.problems);
  const tree = walk.entries;

  const site = readSite(root, problems);
  content.site = site?.data;
  // site.yaml sits in the content folder: its logo is relative to the folder.
  if (site?.data.logo) addAsset(content.siteAssets, problems, root, path.join(root, 'site.yaml'), { src: site.data.logo, field: 'logo', line: site.lineOf(['logo']), kind: 'image' });

  content.authors = loadYamlDir(
    root,
    tree,
    'authors',
    authorSchema,
    problems,
    (data, abs, lineOf) => {
      const assets: AssetRef[] = [];
      if (data.avatar) addAsset(assets, problems, root, abs, { src: data.avatar, field: 'avatar', line: lineOf(['avatar']), kind: 'image' });
      return assets;
    },
    content.invalid.authors,
  );
  content.categories = loadYamlDir(root, tree, 'categories', categorySchema, problems, undefined, content.invalid.categories);
  content.series = loadYamlDir(root, tree, 'series', seriesSchema, problems, undefined, content.invalid.series);

  const articlesDir = path.join(root, 'articles');
  const files = filesOf(tree, 'articles', /\.mdx$/, true, problems).map((e) => e.rel.slice('articles/'.length));
  for (const entry of tree) {
    if (!entry.rel.startsWith('articles/') || entry.type !== 'file' || entry.hidden || entry.rel.endsWith('.mdx') || !STRAY_ARTICLE.test(entry.rel)) continue;
    const name = path.basename(entry.rel);
    problems.push({
      file: display(entry.abs),
      found: 'ce fichier ressemble à un article mais n’est pas lu',
      expected: 'un article est un fichier .mdx',
      hint: `renommez ${name} en ${name.replace(STRAY_ARTICLE, '.mdx')}`,
    });
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
    const source = readContentText(root, abs, 'article', file, problems);
    if (source === undefined) {
      content.invalid.articles.add(slug);
      continue;
    }
    const fm = FRONT_MATTER.exec(source);
    if (!fm) {
      problems.push({ file, line: 1, found: 'l’en-tête manque', expected: 'un en-tête entre deux lignes « --- » en haut du fichier' });
      continue;
    }
    const { source: read, validated, tree: parsedTree } = readArticle(source, fm, file, cache);
    if (read.draft) content.draftFiles.add(file);
    problems.push(...read.problems);
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
          found: `une correction datée du ${formatDateTime(c.at)}, après la date de la construction du site (${formatDateTime(now)})`,
          expected: 'une date de correction passée : au plus tard la date de la construction (ou ROTATIVE_NOW)',
          hint: 'corrigez la date de la correction',
        });
      }
    });
    const assets: AssetRef[] = [];
    if (data?.cover) addAsset(assets, problems, root, abs, { src: data.cover.src, field: 'cover.src', line: validated!.lineOf(['cover', 'src']), kind: 'image' });
    // Scanned even when the front matter is invalid: every problem at once.
    const scan = resolveBody(read.body, parsedTree, root, abs, problems);
    assets.push(...(scan?.assets ?? []));
    if (!data || !scan) {
      content.invalid.articles.add(slug);
      continue;
    }
    checkLiveUpdates(file, data, scan.liveUpdates, now, validated!.lineOf, problems);
    const undisclosed = affiliateProblem(file, data.sponsor !== undefined, scan.links);
    if (undisclosed) problems.push(undisclosed);
    const article: LoadedArticle = {
      slug,
      file,
      absPath: abs,
      data,
      body: source.slice(fm[0].length),
      assets,
      readAlso: scan.readAlso,
      liveUpdates: scan.liveUpdates,
      // Parsed when read: a body the render cache holds is not parsed again.
      get tree() {
        return scan.tree;
      },
    };
    content.articles.push(article);
    linesOf.set(article, validated!.lineOf);
    // Refused only once it would be published: a draft keeps them while its writer works.
    (data.draft ? content.reminders : problems).push(...read.placeholders);
  }

  checkReferences(content, problems, linesOf);
  content.pages = loadPages(root, tree, problems);
  content.editions = loadEditionWords(root, tree, content.articles, now, problems);
  return content;
}

/**
 * The editors' words of `editions/AAAA-Snn.mdx`: an optional front matter
 * (titre, chapo) and a body checked as a page's. The file name is the ISO
 * week (src/lib/editions.ts); a week that has no article published or
 * scheduled would never have an edition to show the word, so its file is
 * refused rather than silently left out.
 */
function loadEditionWords(root: string, tree: readonly ContentEntry[], articles: readonly LoadedArticle[], now: Date, problems: ContentProblem[]): LoadedEditionWord[] {
  const words: LoadedEditionWord[] = [];
  const files = filesOf(tree, 'editions', /\.mdx$/, true, problems);
  // The week of every article, only when there is a word to check it against (0.1 s at 4,000 articles).
  const weeksWithArticles = new Set(
    files.length === 0 ? [] : articles.filter((a) => ['published', 'scheduled'].includes(statusAt(a.data, now))).map((a) => editionId(isoWeekOf(a.data.publishedAt))),
  );
  const example = editionId(isoWeekOf(now));
  for (const entry of files) {
    const abs = entry.abs;
    const file = display(abs);
    const name = entry.rel.slice('editions/'.length);
    const id = name.replace(/\.mdx$/, '');
    if (name.includes('/') || !parseEditionId(id)) {
      problems.push({
        file,
        found: name.includes('/') ? 'un mot de la rédaction dans un sous-dossier de editions/, qui n’est pas lu' : `un nom de fichier, « ${name} », qui n’est pas une semaine`,
        expected: `un fichier par semaine directement dans ${display(path.join(root, 'editions'))}/, nommé d’après la semaine ISO : l’année, « -S », le numéro de la semaine sur deux chiffres`,
        hint: `par exemple editions/${example}.mdx pour la semaine en cours`,
      });
      continue;
    }
    if (!weeksWithArticles.has(id)) {
      problems.push({
        file,
        found: `la semaine ${id} n’a aucun article publié ou programmé : son édition n’existe pas`,
        expected: 'un mot de la rédaction pour une semaine qui a au moins un article',
        hint: 'vérifiez le numéro de la semaine dans le nom du fichier, ou supprimez le fichier',
      });
      continue;
    }
    const source = readContentText(root, abs, 'page', file, problems);
    if (source === undefined) continue;
    const fm = FRONT_MATTER.exec(source);
    const validated = fm ? validate(editionSchema, file, fm[1]!, 1, problems) : { data: {} as EditionData };
    const scan = scanMdx(source, root, abs, file, problems);
    if (!validated || !scan) continue;
    words.push({ id, file, absPath: abs, data: validated.data, assets: scan.assets, tree: scan.tree });
  }
  return words;
}

/**
 * The pages of `pages/*.mdx`: front matter `title` and `description`, a body
 * checked as an article's is. A page's slug is its file name slugged, as an
 * article's (`à-propos.mdx` is /a-propos/): two files with one slug are
 * refused rather than one replacing the other. Pages are not nested: a
 * `.mdx` in a folder of `pages/` is named, since it would not be published.
 */
function loadPages(root: string, tree: readonly ContentEntry[], problems: ContentProblem[]): LoadedPage[] {
  const pages: LoadedPage[] = [];
  const bySlug = new Map<string, string>();
  for (const entry of filesOf(tree, 'pages', /\.mdx$/, true, problems)) {
    const abs = entry.abs;
    const file = display(abs);
    const name = entry.rel.slice('pages/'.length);
    if (name.includes('/')) {
      problems.push({
        file,
        found: 'une page dans un sous-dossier de pages/, qui n’est pas publiée',
        expected: `chaque page directement dans ${display(path.join(root, 'pages'))}/, par exemple pages/a-propos.mdx`,
        hint: `déplacez-la dans pages/ (pages/${path.posix.basename(name)})`,
      });
      continue;
    }
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
    const previous = bySlug.get(slug);
    if (previous) {
      problems.push({
        file,
        found: `la page a l’adresse /${slug}/, déjà celle de ${previous}`,
        expected: 'une adresse propre à chaque page : le nom du fichier en minuscules, sans accents ni espaces',
        hint: 'renommez ou supprimez l’un des deux fichiers',
      });
      continue;
    }
    bySlug.set(slug, file);
    const source = readContentText(root, abs, 'page', file, problems);
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

