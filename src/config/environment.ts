/**
 * The build's environment, read in ONE place. Everything downstream receives
 * these values as arguments: no other module reads process.env or the clock.
 *
 * - ROTATIVE_CONTENT_DIR: the content tree (default ./content)
 * - SITE_URL: the public address, an absolute http(s) URL that may carry a
 *   path (default: `url` of site.yaml)
 * - ROTATIVE_NOW: "now" for scheduled publishing, a full ISO 8601 date-time
 *   with an offset (default: real time)
 * - ROTATIVE_CACHE_DIR: where image variants are kept between builds
 *   (default node_modules/.cache/rotative)
 * - ROTATIVE_OUT_DIR: where the site is written (default ./dist)
 * - ROTATIVE_PREVIEW=1: drafts and scheduled articles are shown (set by
 *   `npm run dev` only, so writers can preview them; never by a build)
 * - ROTATIVE_FULL_BUILD=1: build everything even when nothing changed since
 *   the previous build (src/publish/unchanged.ts)
 * - NODE_COMPILE_CACHE: where Node keeps the compiled code of the pages
 *   process (default COMPILE_CACHE_DIR, beside the code in node_modules;
 *   never in the cache folder, which a workflow restores from a shared store)
 */
import path from 'node:path';

/** Where Node's compiled code is kept by default, relative to the project (see NODE_COMPILE_CACHE). */
export const COMPILE_CACHE_DIR = 'node_modules/.cache/node-compile';

export interface Environment {
  contentDir: string;
  /** SITE_URL without its trailing slash, path kept: `https://example.org/magazine`. */
  siteUrl: string | undefined;
  now: Date;
  cacheDir: string;
  outDir: string;
  preview: boolean;
  /** Build even when the previous site is up to date. */
  fullBuild: boolean;
  /** Node's compile cache for the pages process (NODE_COMPILE_CACHE). */
  compileCacheDir: string;
}

const NOW_EXAMPLE = '2016-05-12T08:00:00+02:00';
const SITE_URL_EXAMPLE = 'https://magazine.example or https://example.org/magazine/';

// `new Date()` reads "1" as the year 2001 and rolls 2016-02-30 over to March:
// a mistyped ROTATIVE_NOW would silently publish (or hide) the wrong articles.
// Only the one unambiguous form is accepted, and its fields are checked.
const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|([+-])(\d{2}):(\d{2}))$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Parses a full ISO 8601 date-time with an offset (or Z) on a real calendar date; undefined otherwise. */
export function parseIsoDateTime(text: string): Date | undefined {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [number, number, number, number, number];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (m[8] !== undefined && (Number(m[9]) > 23 || Number(m[10]) > 59)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** Checks SITE_URL: an absolute http(s) URL, no credentials, query or fragment. Returns the parsed URL or undefined. */
export function parseSiteUrl(text: string): URL | undefined {
  // The URL parser percent-encodes or strips some characters a person would
  // not expect to be accepted (spaces, tabs): refuse them before parsing.
  if (/\s/.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (!url.hostname || url.username || url.password || url.search || url.hash) return undefined;
  // "https:example.org" parses as https://example.org: only the written-out form is accepted.
  if (!/^https?:\/\/[^/]/i.test(text)) return undefined;
  return url;
}

/** Reads and checks the environment variables; throws a plain message on a bad value. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Environment {
  let now = new Date();
  if (env.ROTATIVE_NOW !== undefined && env.ROTATIVE_NOW !== '') {
    const parsed = parseIsoDateTime(env.ROTATIVE_NOW);
    if (!parsed) {
      throw new Error(
        `ROTATIVE_NOW vaut "${env.ROTATIVE_NOW}" ; attendu : une date et une heure complètes avec le décalage horaire, par exemple ${NOW_EXAMPLE} (ou terminées par Z pour l’heure UTC)`,
      );
    }
    now = parsed;
  }
  const rawSiteUrl = env.SITE_URL?.trim() || undefined;
  let siteUrl: string | undefined;
  if (rawSiteUrl) {
    const url = parseSiteUrl(rawSiteUrl);
    if (!url) {
      throw new Error(`SITE_URL vaut "${env.SITE_URL}" ; attendu : une adresse http(s) complète, par exemple ${SITE_URL_EXAMPLE}`);
    }
    // The base path is derived from this URL by src/lib/urls.ts (basePathOf), nowhere else.
    siteUrl = `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
  }
  return {
    contentDir: path.resolve(cwd, env.ROTATIVE_CONTENT_DIR || 'content'),
    siteUrl,
    now,
    cacheDir: path.resolve(cwd, env.ROTATIVE_CACHE_DIR || 'node_modules/.cache/rotative'),
    outDir: path.resolve(cwd, env.ROTATIVE_OUT_DIR || 'dist'),
    preview: env.ROTATIVE_PREVIEW === '1',
    fullBuild: env.ROTATIVE_FULL_BUILD === '1',
    compileCacheDir: path.resolve(cwd, env.NODE_COMPILE_CACHE || COMPILE_CACHE_DIR),
  };
}

/** readEnvironment for command-line scripts: a bad value prints its message and exits 1, no stack trace. */
export function readEnvironmentOrExit(): Environment {
  try {
    return readEnvironment();
  } catch (err) {
    console.error(`✖ ${(err as Error).message}`);
    process.exit(1);
  }
}

