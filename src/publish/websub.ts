/**
 * WebSub publishing: after a deploy, tell the magazine's hub (`websub.hub`
 * of site.yaml) which feeds changed, so that subscribed feed readers fetch
 * them within seconds instead of at their next poll. Each feed names the hub
 * itself (src/lib/feed.ts); this module only pings.
 *
 * Run by scripts/websub-ping.ts in the publish workflow, after the deploy
 * step, never by the build (a build needs no network). The feeds are the
 * built site's own files (every `rss.xml`, `atom.xml` and `feed.json`), and
 * a record in the cache folder keeps the digest of each feed as last
 * announced: a run pings only the feeds whose bytes changed, so a scheduled
 * rebuild that changed one rubrique does not announce every tag and author.
 * A ping that fails is left out of the record and tried again next time.
 */
import { createHash } from 'node:crypto';
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { basePathOf, FEED_FILES, IMAGES_FOLDER, urlsFor } from '../lib/urls.ts';
import { siteAddress } from './lost-urls.ts';
import { replaceFile } from './disk.ts';

/** Folders of the built site that hold files, never feeds (images, media, the search index). */
const NOT_FEEDS = [`${IMAGES_FOLDER}/**`, '_media/**', 'pagefind/**'];

/** The feed files of the built site in `siteDir`, as paths relative to it with `/`, sorted. */
export function feedFilesOf(siteDir: string): string[] {
  const names = Object.values(FEED_FILES);
  return globSync(
    names.map((name) => `**/${name}`),
    { cwd: siteDir, exclude: NOT_FEEDS },
  )
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/** The public URL of a file of the built site, for the site published at `siteUrl` (its base path included). */
export function publicFileUrl(file: string, siteUrl: string): string {
  return urlsFor(basePathOf(siteUrl)).absoluteUrl(file, siteUrl);
}

/** What the record keeps: the digest of each feed URL as last announced to the hub. */
export type PingRecord = Record<string, string>;

/** Where the cache keeps the record of the site at `siteUrl` for `hub`: another site or another hub starts afresh. */
export function pingRecordFile(cacheDir: string, siteUrl: string, hub: string): string {
  const key = createHash('sha256').update(`${siteAddress(siteUrl)}\0${hub}`).digest('hex').slice(0, 16);
  return path.join(cacheDir, 'websub', `${key}.json`);
}

export function readPingRecord(file: string): PingRecord {
  try {
    const data: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof data !== 'object' || data === null || Array.isArray(data)) return {};
    return Object.fromEntries(Object.entries(data).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export function writePingRecord(file: string, record: PingRecord): void {
  replaceFile(file, `${JSON.stringify(record, null, 1)}\n`);
}

/** Every feed of the built site: its public URL and the digest of its bytes. */
export function currentFeeds(siteDir: string, siteUrl: string): PingRecord {
  return Object.fromEntries(
    feedFilesOf(siteDir).map((file) => [publicFileUrl(file, siteUrl), createHash('sha256').update(readFileSync(path.join(siteDir, file))).digest('hex')]),
  );
}

/** The feed URLs to announce: those whose digest is not the one the record holds (new or changed), in URL order. */
export function changedFeeds(current: PingRecord, record: PingRecord): string[] {
  return Object.keys(current)
    .filter((url) => record[url] !== current[url])
    .sort();
}

/** How long one ping may take before it counts as failed. */
export const PING_TIMEOUT_MS = 10_000;

/** The outcome of announcing one feed: done, or why not (in French, for the workflow's log). */
export interface PingResult {
  url: string;
  ok: boolean;
  error?: string;
}

/**
 * Announces each feed URL to the hub, one request per feed, one after the
 * other: `POST hub` with the form `hub.mode=publish&hub.url=<feed>`, the
 * publish notification hubs accept (WebSub leaves its form to the hub; this
 * one is what Google's and Superfeedr's hubs read). Any 2xx answer is a
 * success.
 */
export async function pingHub(hub: string, urls: readonly string[], fetchImpl: typeof fetch = fetch): Promise<PingResult[]> {
  const results: PingResult[] = [];
  for (const url of urls) {
    try {
      const response = await fetchImpl(hub, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': url }).toString(),
        signal: AbortSignal.timeout(PING_TIMEOUT_MS),
      });
      results.push(response.ok ? { url, ok: true } : { url, ok: false, error: `le hub a répondu ${response.status} ${response.statusText}`.trim() });
    } catch (err) {
      const cause = (err as Error).name === 'TimeoutError' ? `pas de réponse du hub en ${PING_TIMEOUT_MS / 1000} s` : `hub injoignable (${(err as Error).message})`;
      results.push({ url, ok: false, error: cause });
    }
  }
  return results;
}

/**
 * The record after a run: the feeds announced (or unchanged) with their
 * current digest; a feed whose ping failed keeps its old digest, so it counts
 * as changed next time; a feed the site no longer has is dropped.
 */
export function nextRecord(current: PingRecord, record: PingRecord, results: readonly PingResult[]): PingRecord {
  const failed = new Set(results.filter((r) => !r.ok).map((r) => r.url));
  const next: PingRecord = {};
  for (const [url, digest] of Object.entries(current)) {
    if (!failed.has(url)) next[url] = digest;
    else if (record[url] !== undefined) next[url] = record[url];
  }
  return next;
}
