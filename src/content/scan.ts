/**
 * The body of an article or a page: its MDX parsed (syntax errors become
 * problems with their line), checked (the safety scan, nesting), and read for
 * what it names: files (images, videos), other articles (`<ReadAlso>`), live
 * updates. Also the one place where a path a content file names becomes an
 * asset of the build (addAsset).
 */
import { mdxToHast } from 'satteri';
import type { Root as HastRoot } from 'hast';
import { components, type ComponentUse } from '../render/components.ts';
import { codeFenceProblems } from '../render/code.ts';
import { FILE_KEYS, MDX_FEATURES } from '../render/article.ts';
import type { ArticleData } from '../schemas/article.ts';
import { dateTimeField } from '../schemas/common.ts';
import { liveUpdateAnchor } from '../lib/live.ts';
import { formatDateTime } from '../lib/dates.ts';
import type { ContentProblem } from '../lib/errors.ts';
import { findUnsafeContent, nestingProblem } from '../markdown/safety.ts';
import { findFormatProblems } from '../render/formats.ts';
import { describeMdxError } from './mdx-errors.ts';
import { describeFound } from './problems.ts';
import { decodePercent, isExternalUrl, resolveWriterPath } from './paths.ts';
import { display } from './files.ts';
import type { LineOf } from './yaml.ts';
import type { AssetRef, LoadedLiveUpdate } from './load.ts';

/** Files the components may name, by component and attribute (`<Figure src>`, `<Video src poster>`). */
const COMPONENT_ASSET_ATTRS: Record<string, Readonly<Record<string, AssetRef['kind']>>> = Object.fromEntries(
  Object.entries(components).map(([name, component]) => [name, component.files ?? {}]),
);

/**
 * The title that marks a Markdown image as decorative (`![](./filet.png
 * "décorative")`): published with an empty alt text, which screen readers
 * skip. Any other image without alt text is refused.
 */
export const DECORATIVE_IMAGE = 'décorative';

/** Records on a tree node the content key of a file it names, for the renderer. */
function recordFileKey(node: any, attribute: string, key: string): void {
  node.data ??= {};
  node.data[FILE_KEYS] ??= {};
  node.data[FILE_KEYS][attribute] = key;
}


/**
 * Resolves a path the writer typed in `fromFile` (see resolveWriterPath) and
 * adds it to `assets`, or adds the problem, with file, field and line, to
 * `problems`.
 */
export function addAsset(
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

export interface MdxScan {
  /** The parsed body (Sätteri's hast, MDX nodes kept): what the renderer reads. */
  tree: HastRoot;
  assets: AssetRef[];
  readAlso: { slug: string; line?: number }[];
  liveUpdates: LoadedLiveUpdate[];
  /** Every link of the body (Markdown links, `<a href>`), for the affiliate check (src/lib/affiliate.ts). */
  links: { href: string; line?: number | undefined }[];
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

/** A component's use as its own checks read it (Component.check): attributes, and children other than blank text. */
function componentUse(node: any, attributes: Record<string, unknown>, line: number | undefined): ComponentUse {
  const children: ComponentUse['children'] = [];
  for (const child of node.children ?? []) {
    if (child.type === 'text' && !String(child.value ?? '').trim()) continue;
    const childLine: number | undefined = child.position?.start?.line;
    if ((child.type === 'mdxJsxFlowElement' || child.type === 'mdxJsxTextElement') && typeof child.name === 'string') {
      const childAttributes: Record<string, unknown> = {};
      for (const a of child.attributes ?? []) if (a.type === 'mdxJsxAttribute') childAttributes[a.name] = a.value;
      children.push({ name: child.name, component: true, attributes: childAttributes, line: childLine });
    } else children.push({ name: typeof child.tagName === 'string' ? child.tagName : String(child.type), component: false, line: childLine });
  }
  return { attributes, children, line };
}

/** How many syntax mistakes of one body are named at once. */
const MAX_SYNTAX_PROBLEMS = 10;

/**
 * The syntax mistakes of a body: the parser stops at the first, so the `<`
 * or `{` it stopped at is blanked and the line parsed again, to name the
 * next mistake of the same line too (a `<b` and a `{` on one line are two
 * mistakes). Only that line: a mistake further down may be a consequence of
 * the first (a tag left open), and the writer would chase it for nothing.
 */
function syntaxProblems(first: unknown, source: string, file: string): ContentProblem[] {
  const problems: ContentProblem[] = [];
  let err = first;
  let text = source;
  let previous: { line: number; column: number } | undefined;
  while (problems.length < MAX_SYNTAX_PROBLEMS) {
    const message = err instanceof Error ? err.message : String(err);
    const at = /^(\d+):(\d+):/.exec(message);
    const here = at ? { line: Number(at[1]), column: Number(at[2]) - 1 } : undefined;
    if (previous && (!here || here.line !== previous.line || here.column <= previous.column)) break;
    problems.push({ file, ...describeMdxError(message, source) });
    if (!here) break;
    const lines = text.split('\n');
    const line = lines[here.line - 1];
    if (line === undefined || (line[here.column] !== '<' && line[here.column] !== '{')) break;
    lines[here.line - 1] = `${line.slice(0, here.column)} ${line.slice(here.column + 1)}`;
    text = lines.join('\n');
    previous = here;
    try {
      mdxToHast(text, { features: MDX_FEATURES });
      break;
    } catch (next) {
      err = next;
    }
  }
  return problems;
}

/**
 * A path a body names (`<Figure src>`, `![…](./photo.jpg)`), as written: it
 * becomes an asset, or a problem, only once looked up on disk (resolveBody).
 */
export interface NamedFile {
  /** The node that names it, as child indices from the root of the tree. */
  node: number[];
  /** The attribute that names it, where the renderer finds the file's key. */
  attribute: string;
  src: string;
  shownAs?: string | undefined;
  field: string;
  line?: number | undefined;
  kind: AssetRef['kind'];
  /** How many of the scan's problems come before it, so that problems keep the body's order. */
  after: number;
}

/**
 * What a body's parse and checks find, from its text alone (the same text
 * always gives the same scan; nothing on disk is looked at): its problems,
 * the safety scan's included, the paths it names, what it links to.
 */
export interface BodyScan {
  problems: ContentProblem[];
  files: NamedFile[];
  /** Undefined when the body cannot be read (a syntax error, nesting too deep): its problems say why. */
  found?: Pick<MdxScan, 'readAlso' | 'liveUpdates' | 'links'> | undefined;
}

/** Parses a body (the whole file, so that positions are the file's own lines). */
export function parseBody(source: string): HastRoot {
  return mdxToHast(source, { features: MDX_FEATURES }) as HastRoot;
}

/**
 * Parses the MDX (syntax errors become problems with their line) and checks
 * it: the part of the body's reading that depends on its text alone, and
 * the tree it was computed on (undefined when the body cannot be read).
 */
export function scanBody(source: string, file: string): { scan: BodyScan; tree?: HastRoot } {
  const problems: ContentProblem[] = [];
  let tree: HastRoot;
  try {
    tree = parseBody(source);
  } catch (err) {
    problems.push(...syntaxProblems(err, source, file));
    return { scan: { problems, files: [] } };
  }
  // Before anything renders: code, unknown elements, scripts and remote files
  // in the body are refused here (including <img>, which would skip the image pipeline).
  for (const p of findUnsafeContent(tree)) problems.push({ file, ...p });
  // The walks below and the renderer recurse: a tree too deep stops here.
  const tooDeep = nestingProblem(tree);
  if (tooDeep) {
    problems.push({ file, ...tooDeep });
    return { scan: { problems, files: [] } };
  }
  // The formats' own rules (<Verdict>, <Publication>, <Encadre>): src/render/formats.ts.
  for (const p of findFormatProblems(tree)) problems.push({ file, ...p });
  const found: NonNullable<BodyScan['found']> = { readAlso: [], liveUpdates: [], links: [] };
  const files: NamedFile[] = [];
  /** The child indices from the root to the node visited. */
  const at: number[] = [];
  const name = (ref: Omit<NamedFile, 'node' | 'after'>) => files.push({ node: [...at], after: problems.length, ...ref });
  const visit = (node: any, parent?: any): void => {
    const line: number | undefined = node.position?.start?.line;
    if (node.type === 'element' && node.tagName === 'a' && typeof node.properties?.href === 'string') found.links.push({ href: node.properties.href, line });
    // A remote Markdown image stays a plain <img>; any other is a file of the content folder.
    if (node.type === 'element' && node.tagName === 'img' && typeof node.properties?.src === 'string' && !isExternalUrl(node.properties.src)) {
      // The Markdown parser percent-encodes the URL ("100%" arrives as "100%25"):
      // resolveWriterPath decodes it once, and messages quote it decoded, closer to what was typed.
      const src = node.properties.src as string;
      name({ attribute: 'src', src, shownAs: decodePercent(src), field: '![image]', line, kind: 'image' });
      // As a cover or a <Figure>: an image says what it shows, unless the writer marks it decorative.
      const alt = typeof node.properties.alt === 'string' ? node.properties.alt.trim() : '';
      if (!alt && node.properties.title !== DECORATIVE_IMAGE) {
        problems.push({
          file,
          field: '![image]',
          line,
          found: `l’image ${decodePercent(src)} n’a pas de texte alternatif (les crochets sont vides)`,
          expected: 'ce que montre l’image, entre les crochets : ![Une salle de serveurs](./photo.jpg)',
          hint: `pour une image purement décorative, qui n’apprend rien au lecteur, écrivez ![](${decodePercent(src)} "${DECORATIVE_IMAGE}")`,
        });
      }
    }
    if ((node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') && typeof node.name === 'string') {
      const attrs: Record<string, unknown> = {};
      for (const a of node.attributes ?? []) if (a.type === 'mdxJsxAttribute') attrs[a.name] = a.value;
      if (node.name === 'a' && typeof attrs.href === 'string') found.links.push({ href: attrs.href, line });
      const wanted = COMPONENT_ASSET_ATTRS[node.name];
      for (const [attr, kind] of Object.entries(wanted ?? {})) {
        const v = attrs[attr];
        // A URL is refused too: these files go through the image and media pipeline.
        if (typeof v === 'string') name({ attribute: attr, src: v, field: `<${node.name} ${attr}>`, line, kind });
      }
      if (node.name === 'ReadAlso') {
        if (typeof attrs.slug === 'string') found.readAlso.push({ slug: attrs.slug, line });
        else problems.push({ file, field: '<ReadAlso slug>', line, found: attrs.slug === undefined ? '<ReadAlso> sans attribut slug' : `l’attribut slug de <ReadAlso> vaut ${describeFound(attrs.slug)}`, expected: 'slug="…", le slug d’un article (le nom de son fichier ou de son dossier)' });
      }
      if (node.name === 'Figure' && (typeof attrs.alt !== 'string' || !attrs.alt.trim())) {
        problems.push({ file, field: '<Figure alt>', line, found: attrs.alt === undefined ? '<Figure> sans attribut alt' : `l’attribut alt de <Figure> vaut ${describeFound(attrs.alt)}`, expected: 'alt="…", un texte non vide qui décrit l’image' });
      }
      if (node.name === 'Figure' && typeof attrs.src !== 'string') {
        problems.push({ file, field: '<Figure src>', line, found: attrs.src === undefined ? '<Figure> sans attribut src' : `l’attribut src de <Figure> vaut ${describeFound(attrs.src)}`, expected: 'src="./image.jpg", un chemin relatif à l’article' });
      }
      // A YouTube id is 11 letters, digits, - or _: anything else would be pasted into the embed URL.
      if (node.name === 'Video' && typeof attrs.youtube === 'string' && !/^[A-Za-z0-9_-]{11}$/.test(attrs.youtube)) {
        problems.push({
          file,
          field: '<Video youtube>',
          line,
          found: `l’identifiant YouTube ${describeFound(attrs.youtube)}, qui n’en est pas un`,
          expected: 'les 11 caractères (lettres, chiffres, - et _) qui suivent « v= » dans l’adresse de la vidéo, par exemple youtube="aqz-KE-bpKQ"',
          hint: 'copiez seulement l’identifiant, sans « https://www.youtube.com/watch?v= »',
        });
      }
      if (node.name === 'Video' && typeof attrs.youtube !== 'string' && typeof attrs.src !== 'string') {
        problems.push({ file, field: '<Video>', line, found: '<Video> sans attribut youtube ni src', expected: 'youtube="identifiant de la vidéo" ou src="./clip.mp4"' });
      }
      if (node.name === 'LiveUpdate') scanLiveUpdate(node, attrs, parent, line, file, problems, found.liveUpdates);
      const check = components[node.name]?.check;
      if (check) for (const p of check(componentUse(node, attrs, line))) problems.push({ file, ...p });
    }
    // A fenced code block's title and highlighted lines (src/render/code.ts).
    if (node.type === 'element' && node.tagName === 'code' && parent?.tagName === 'pre') {
      for (const p of codeFenceProblems(node, line)) problems.push({ file, ...p });
    }
    ((node.children ?? []) as any[]).forEach((child, i) => {
      at.push(i);
      visit(child, node);
      at.pop();
    });
  };
  visit(tree);
  return { scan: { problems, files, found }, tree };
}

/**
 * A body's scan made whole against the disk: each path it names looked up
 * (addAsset: an asset, or a problem), every problem added to `problems` in
 * the body's order. The tree is what `tree` gives, with the key of each
 * file its nodes name recorded for the renderer; asked for only when read
 * (a body the render cache holds is never parsed again), and not kept: the
 * renderer consumes it, and the build holds the article for its whole
 * length.
 */
export function resolveBody(scan: BodyScan, tree: () => HastRoot, contentDir: string, absPath: string, problems: ContentProblem[]): MdxScan | undefined {
  const assets: AssetRef[] = [];
  const keys: { node: number[]; attribute: string; key: string }[] = [];
  let shown = 0;
  for (const named of scan.files) {
    problems.push(...scan.problems.slice(shown, named.after));
    shown = named.after;
    const asset = addAsset(assets, problems, contentDir, absPath, named);
    if (asset) keys.push({ node: named.node, attribute: named.attribute, key: asset.key });
  }
  problems.push(...scan.problems.slice(shown));
  if (!scan.found) return undefined;
  return {
    ...scan.found,
    assets,
    get tree() {
      const parsed = tree();
      for (const { node, attribute, key } of keys) recordFileKey(node.reduce((n: any, i) => n.children[i], parsed), attribute, key);
      return parsed;
    },
  };
}

/** Parses the MDX (syntax errors become problems with their line) and collects what it names. */
export function scanMdx(source: string, contentDir: string, absPath: string, file: string, problems: ContentProblem[]): MdxScan | undefined {
  const { scan, tree } = scanBody(source, file);
  return resolveBody(scan, () => tree!, contentDir, absPath, problems);
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
      found: typeof attrs.at === 'string' ? `l’heure ${describeFound(attrs.at)}, qui n’est pas une date et une heure complètes avec leur décalage horaire` : 'une mise à jour sans heure',
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
export function checkLiveUpdates(file: string, data: ArticleData, updates: readonly LoadedLiveUpdate[], now: Date, lineOf: LineOf, problems: ContentProblem[]): void {
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
