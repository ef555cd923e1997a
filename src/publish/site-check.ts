/**
 * The check before the swap (scripts/build.ts): a page linking a stylesheet
 * or script the build did not write, or a broken feed, is never published.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { replaceFile } from './disk.ts';
import { display } from './output.ts';
import { fileIdentity } from './unchanged.ts';

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
 * `cacheDir`: where the check keeps what it found, rewritten when the site
 * passes:
 * - the sha256 of every XML text found well-formed: such a text is not
 *   parsed again (the full-content feeds weigh 60 MB at 4,000 articles, and
 *   most are the same from one build to the next);
 * - for each file, by its path and identity (device, inode, size and
 *   modification time: the very file, not written since), the links a page
 *   holds or that an XML text is well-formed: a page restored from Astro's
 *   cache by link, the same file as in the previous site, is not read again
 *   (171 MB of pages at 4,000 articles); its links are still looked up among
 *   this build's files.
 */
export function checkBuiltSite(
  site: string,
  { limit = 20, siteUrl, cacheDir, notice = () => {} }: { limit?: number; siteUrl?: string; cacheDir?: string; notice?: (line: string) => void } = {},
): string[] {
  const xmlCache = cacheDir && path.join(cacheDir, XML_CACHE);
  const filesCache = cacheDir && path.join(cacheDir, FILES_CACHE);
  const wellFormed = xmlCache ? readXmlCache(xmlCache, notice) : new Set<string>();
  const ownUrl = siteUrl?.replace(/\/+$/, '');
  const known = filesCache ? readFilesCache(filesCache, ownUrl ?? null) : {};
  const checkedXml: string[] = [];
  const found: Record<string, FileFindings> = {};
  const files = new Set<string>();
  const dirs = new Set<string>();
  for (const entry of readdirSync(site, { recursive: true, withFileTypes: true })) {
    const rel = path.relative(site, path.join(entry.parentPath, entry.name)).split(path.sep).join('/');
    if (entry.isDirectory()) dirs.add(rel);
    else files.add(rel);
  }
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
    const key = `${rel}\0${identity}`;
    let findings = identity === undefined ? undefined : known[key];
    if (findings === undefined || (typeof findings === 'string') === isHtml) {
      const text = readFileSync(file, 'utf8');
      if (isHtml) findings = pageLinks(text, rel, ownUrl);
      else {
        const hash = createHash('sha256').update(text).digest('hex');
        const result = wellFormed.has(hash) || XMLValidator.validate(text);
        if (result !== true) {
          report(`${rel} : XML mal formé (ligne ${result.err.line}, colonne ${result.err.col} : ${result.err.msg})`);
          continue;
        }
        findings = hash;
      }
    }
    if (identity !== undefined) found[key] = findings;
    if (typeof findings === 'string') {
      checkedXml.push(findings);
      continue;
    }
    for (const [url, target] of findings) if (!exists(target)) report(`${rel} : le lien ${url} mène à un fichier que la construction n’a pas écrit`);
  }
  if (more > 0) problems.push(`… et ${more} de plus`);
  if (cacheDir && problems.length === 0) {
    replaceFile(xmlCache!, JSON.stringify(checkedXml));
    replaceFile(filesCache!, JSON.stringify({ format: FILES_CACHE_FORMAT, siteUrl: ownUrl ?? null, files: found }));
  }
  return problems;
}

const XML_CACHE = 'well-formed-xml.json';
const FILES_CACHE = 'files.json';
const FILES_CACHE_FORMAT = 1;

/** What the check found in one file: a page's local links ([as written, the site file it names]), or the sha256 of a well-formed XML text. */
type FileFindings = [string, string][] | string;

/** The local files a page links as stylesheets, scripts or in its <head>, once each, in the order of the page. */
function pageLinks(html: string, rel: string, ownUrl: string | undefined): [string, string][] {
  const links: [string, string][] = [];
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

/**
 * The XML texts the previous check found well-formed (see checkBuiltSite):
 * none when there is no cache yet; none either, with one notice, when the
 * file is not a list of sha256 digests (truncated, edited): every XML text
 * is then parsed again.
 */
function readXmlCache(file: string, notice: (line: string) => void): Set<string> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return new Set();
  }
  try {
    const hashes = JSON.parse(text) as unknown;
    if (Array.isArray(hashes) && hashes.every((h) => typeof h === 'string' && /^[0-9a-f]{64}$/.test(h))) return new Set(hashes as string[]);
  } catch {
    // Falls through to the notice.
  }
  notice(`cache de vérification des flux : entrée ignorée (${display(file)}), illisible ; chaque flux et plan du site est vérifié à nouveau`);
  return new Set();
}

/**
 * What the previous check found in each file (see checkBuiltSite), for the
 * same site address; nothing when there is none, or when it is not what a
 * check writes (then every file is read again: a cache of the check's own
 * findings, nothing to tell anyone).
 */
function readFilesCache(file: string, siteUrl: string | null): Record<string, FileFindings> {
  try {
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { format?: unknown; siteUrl?: unknown; files?: unknown };
    if (stored.format !== FILES_CACHE_FORMAT || stored.siteUrl !== siteUrl || typeof stored.files !== 'object' || stored.files === null) return {};
    const files: Record<string, FileFindings> = Object.create(null);
    for (const [key, value] of Object.entries(stored.files)) {
      const valid = (typeof value === 'string' && /^[0-9a-f]{64}$/.test(value)) || (Array.isArray(value) && value.every((l) => Array.isArray(l) && l.length === 2 && typeof l[0] === 'string' && typeof l[1] === 'string'));
      if (valid) files[key] = value as FileFindings;
    }
    return files;
  } catch {
    return {};
  }
}
