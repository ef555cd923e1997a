/**
 * The check before the swap (scripts/build.ts): a page linking a stylesheet
 * or script the build did not write, or a broken feed, is never published.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { codeDigest } from '../content/code-digest.ts';
import { replaceFile } from './disk.ts';
import { display } from './output.ts';
import { listTree } from './tree.ts';
import { fileIdentity } from './stamps.ts';

// A <link> or <script> start tag; comments and the text of inline scripts
// and styles are matched as a whole so that nothing inside them counts.
const TAG = /<!--[\s\S]*?-->|<(script|style)\b([^>]*)>[\s\S]*?<\/\1\s*>|<(link)\b([^>]*)>/gi;
const ATTRIBUTE = /([^\s=/"'<>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;

function attributes(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const m of text.matchAll(ATTRIBUTE)) {
    const name = m[1]!.toLowerCase();
    if (!out.has(name)) out.set(name, (m[2] ?? m[3] ?? m[4] ?? '').replaceAll('&amp;', '&'));
  }
  return out;
}

/** The site file a local URL points to, relative to the site root; undefined for another site's URL. */
function localTarget(href: string, pageDir: string, siteUrl: string | undefined): string | undefined {
  // The site's own absolute URLs (canonical, feed links) point into it too.
  const own = siteUrl !== undefined && (href === siteUrl || href.startsWith(`${siteUrl}/`));
  if (own) href = href.slice(siteUrl.length) || '/';
  if (href === '' || href.startsWith('#') || href.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(href)) return undefined;
  let p = href.replace(/[?#].*$/, '');
  try {
    p = decodeURI(p);
  } catch {
    // a malformed escape stays as written, and is then reported as missing
  }
  let resolved = p.startsWith('/') ? path.posix.normalize(p) : path.posix.join('/', pageDir, p);
  // A site built for a path (https://example.org/magazine) links
  // /magazine/…: its files are at the top of the built folder. A root path
  // outside it is not this site's: kept absolute, it names no built file.
  const base = siteUrl ? new URL(siteUrl).pathname.replace(/\/+$/, '') : '';
  if (base && !own && p.startsWith('/')) {
    if (resolved !== base && !resolved.startsWith(`${base}/`)) return resolved;
    resolved = resolved.slice(base.length) || '/';
  }
  return resolved.replace(/^\/+/, '');
}

/**
 * Every problem of a built site that a reader would meet at once: a page
 * linking a stylesheet, a script or (in its <head>) a file of the site the
 * build did not write (relative, root-relative, or absolute under `siteUrl`);
 * an XML file (feeds, sitemaps) that is not well-formed.
 *
 * Hand-written scan rather than a DOM: it runs on every build of a
 * 10,000-article archive, page after page, and only <link> and <script>
 * tags matter; the pages are Astro's own output, not arbitrary HTML.
 *
 * `cacheDir`: where the check keeps what it found (FINDINGS), rewritten
 * when the site passes, for the same site address and the same code (this
 * module's, with the lock file, which pins the XML validator):
 * - each file's text by its sha256: a page's local links, or that an XML
 *   text is well-formed; a page restored from Astro's cache, or a feed
 *   unchanged since the previous build, is read and hashed but not parsed
 *   again (the pages weigh 171 MB at 4,000 articles, the full-content feeds
 *   60 MB), also when it is a new file: the publish workflow restores the
 *   cache folder as new files, so no file keeps its identity there;
 * - that sha256 by the file's path and identity (device, inode, size and
 *   modification time: the very file, not written since): a file that kept
 *   it is not even read, nor is a file whose sha256 this build already
 *   knows by its identity (`digests`: a page restored from Astro's cache is
 *   one file with the copy the pages process hashed or checked).
 * Every page's links are still looked up among this build's files.
 */
export function checkBuiltSite(
  site: string,
  {
    limit = 20,
    siteUrl,
    cacheDir,
    notice = () => {},
    digests,
  }: {
    limit?: number;
    siteUrl?: string;
    cacheDir?: string;
    notice?: (line: string) => void;
    /**
     * The sha256 (hex) of files by their identity (fileIdentity), known to
     * this build (the pages restored from Astro's cache: signTree): a
     * file found there is not read to be hashed. Filled with every page and
     * XML file's, for the build's record (recordOutput).
     */
    digests?: Map<string, string>;
  } = {},
): string[] {
  const findingsFile = cacheDir && path.join(cacheDir, FINDINGS);
  const ownUrl = siteUrl?.replace(/\/+$/, '') ?? null;
  const known = findingsFile ? readFindings(findingsFile, ownUrl, notice) : noFindings();
  const found = noFindings();
  const tree = listTree(site);
  const files = new Set([...tree.files, ...tree.others]);
  const dirs = new Set(tree.dirs);
  const exists = (target: string): boolean => {
    const t = target.replace(/\/+$/, '');
    if (target.endsWith('/') || target === '') return files.has(t === '' ? 'index.html' : `${t}/index.html`);
    return files.has(t) || (dirs.has(t) && files.has(`${t}/index.html`));
  };

  const problems: string[] = [];
  let more = 0;
  const report = (text: string) => {
    if (problems.length < limit) problems.push(text);
    else more++;
  };
  for (const rel of [...files].sort()) {
    const isHtml = rel.endsWith('.html');
    if (!isHtml && !rel.endsWith('.xml')) continue;
    const file = path.join(site, rel);
    const identity = fileIdentity(file);
    let bytes: Buffer | undefined;
    let hash = identity === undefined ? undefined : (known.files.get(`${rel}\0${identity}`) ?? digests?.get(identity));
    if (hash === undefined) {
      bytes = readFileSync(file);
      hash = createHash('sha256').update(bytes).digest('hex');
    }
    const text = () => (bytes ?? readFileSync(file)).toString('utf8');
    if (identity !== undefined) {
      found.files.set(`${rel}\0${identity}`, hash);
      digests?.set(identity, hash);
    }
    if (!isHtml) {
      if (!known.wellFormed.has(hash)) {
        const result = XMLValidator.validate(text());
        if (result !== true) {
          report(`${rel} : XML mal formé (ligne ${result.err.line}, colonne ${result.err.col} : ${result.err.msg})`);
          continue;
        }
      }
      found.wellFormed.add(hash);
      continue;
    }
    const key = `${rel}\0${hash}`;
    const links = known.links.get(key) ?? pageLinks(text(), rel, ownUrl ?? undefined);
    found.links.set(key, links);
    for (const [url, target] of links) if (!exists(target)) report(`${rel} : le lien ${url} mène à un fichier que la construction n’a pas écrit`);
  }
  if (more > 0) problems.push(`… et ${more} de plus`);
  if (findingsFile && problems.length === 0) {
    const stored: StoredFindings = {
      code: checkCode(),
      siteUrl: ownUrl,
      files: Object.fromEntries(found.files),
      links: Object.fromEntries(found.links),
      wellFormed: [...found.wellFormed],
    };
    replaceFile(findingsFile, JSON.stringify(stored));
  }
  return problems;
}

/** The file in the check's cache folder that keeps what it found (see checkBuiltSite). */
export const FINDINGS = 'findings.json';

/** A page's local links: [as written, the site file it names]. */
type Links = [string, string][];

/** What the check found, as it reads it. */
interface Findings {
  /** `path\0identity` → the sha256 of the file's text. */
  files: Map<string, string>;
  /** `path\0sha256` → the local links of that page's text. */
  links: Map<string, Links>;
  /** The sha256 of every XML text found well-formed. */
  wellFormed: Set<string>;
}

/** What the check found, as it keeps it (FINDINGS). */
interface StoredFindings {
  code: string;
  siteUrl: string | null;
  files: Record<string, string>;
  links: Record<string, Links>;
  wellFormed: string[];
}

const noFindings = (): Findings => ({ files: new Map(), links: new Map(), wellFormed: new Set() });

let code: string | undefined;

/** The check's code: this module and what it imports, with the lock file (the XML validator's version). */
function checkCode(): string {
  code ??= codeDigest(path.resolve(import.meta.dirname, '../..'), [import.meta.filename]);
  return code;
}

const SHA256 = /^[0-9a-f]{64}$/;
const isLinks = (value: unknown): value is Links =>
  Array.isArray(value) && value.every((l) => Array.isArray(l) && l.length === 2 && typeof l[0] === 'string' && typeof l[1] === 'string');

/**
 * What the previous check found (see checkBuiltSite): nothing when there is
 * none yet, or when it was found by other code or for another site address;
 * nothing either, with one notice, when the file is not what a check writes
 * (truncated, edited): every page and every XML file is then read again.
 */
function readFindings(file: string, siteUrl: string | null, notice: (line: string) => void): Findings {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return noFindings();
  }
  try {
    const stored = JSON.parse(text) as Partial<Record<keyof StoredFindings, unknown>>;
    const { files, links, wellFormed } = stored;
    const valid =
      typeof stored.code === 'string' &&
      typeof files === 'object' && files !== null && Object.values(files).every((h) => typeof h === 'string' && SHA256.test(h)) &&
      typeof links === 'object' && links !== null && Object.values(links).every(isLinks) &&
      Array.isArray(wellFormed) && wellFormed.every((h) => typeof h === 'string' && SHA256.test(h));
    if (valid) {
      if (stored.code !== checkCode() || stored.siteUrl !== siteUrl) return noFindings();
      return {
        files: new Map(Object.entries(files as Record<string, string>)),
        links: new Map(Object.entries(links as Record<string, Links>)),
        wellFormed: new Set(wellFormed as string[]),
      };
    }
  } catch {
    // Falls through to the notice.
  }
  notice(`cache de vérification : entrée ignorée (${display(file)}), illisible ; chaque page, chaque flux et chaque plan du site est vérifié à nouveau`);
  return noFindings();
}

/** The local files a page links as stylesheets, scripts or in its <head>, once each, in the order of the page. */
function pageLinks(html: string, rel: string, ownUrl: string | undefined): Links {
  const links: Links = [];
  const headEnd = html.search(/<\/head\s*>|<body[\s>]/i);
  const pageDir = path.posix.dirname(rel) === '.' ? '' : path.posix.dirname(rel);
  const seen = new Set<string>();
  for (const m of html.matchAll(TAG)) {
    const isLink = m[3] !== undefined;
    if (!isLink && m[1]?.toLowerCase() !== 'script') continue; // a comment or a <style>
    const attrs = attributes((isLink ? m[4] : m[2])!);
    const url = isLink ? attrs.get('href') : attrs.get('src');
    if (url === undefined) continue;
    if (isLink) {
      const stylesheet = (attrs.get('rel') ?? '').toLowerCase().split(/\s+/).includes('stylesheet');
      const inHead = headEnd === -1 || m.index < headEnd;
      if (!stylesheet && !inHead) continue;
    }
    const target = localTarget(url, pageDir, ownUrl);
    if (target === undefined || seen.has(target)) continue;
    seen.add(target);
    links.push([url, target]);
  }
  return links;
}
