/**
 * The feed of the weekly editions (`/edition/rss.xml`, `atom.xml`,
 * `feed.json`) of the built sample, as Universal Feed Parser
 * (python3-feedparser) reads it, the way a mailing service's « RSS to
 * e-mail » reads it: one item per finished week, newest first, its content
 * the e-mail's body (absolute links and images, no script).
 */
import { spawnSync } from 'node:child_process';
import { globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { ROOT } from '../helpers/build.ts';
import { parseEditionId, weekBounds } from '../../src/lib/editions.ts';

const site = inject('sampleSite');
const ORIGIN = 'https://echo-numerique.example';
const PYTHON = '/usr/bin/python3';

interface Parsed {
  bozo: boolean;
  bozo_exception: string | null;
  version: string;
  feed: { title: string; link: string; language: string };
  entries: { title: string; link: string; id: string; published_ts: number; summary: string; content: string[]; tags: string[] }[];
}

function read(...files: string[]): Record<string, Parsed> {
  const run = spawnSync(PYTHON, [path.join(ROOT, 'tests/helpers/read-feeds.py'), ...files.map((f) => path.join(site, f))], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  const byPath = JSON.parse(run.stdout) as Record<string, Parsed>;
  return Object.fromEntries(files.map((f) => [f, byPath[path.join(site, f)]!]));
}

describe('the edition feed of the sample', () => {
  const feeds = read('edition/rss.xml', 'edition/atom.xml');
  // The newest edition of the sample whose week is over at the tests' now (week 48 of 2026 is not).
  const latest = globSync('edition/*/index.html', { cwd: site }).map((f) => f.split(path.sep)[1]!).filter((id) => id !== '2026-S48').sort().at(-1)!;

  it.each([
    ['edition/rss.xml', 'rss20'],
    ['edition/atom.xml', 'atom10'],
  ])('%s parses without error, in French, linking the archive of editions', (file, version) => {
    const feed = feeds[file]!;
    expect(feed.bozo_exception).toBeNull();
    expect(feed.version).toBe(version);
    expect(feed.feed.title).toBe('L’édition de la semaine — L’Écho du Numérique');
    expect(feed.feed.link).toBe(`${ORIGIN}/edition/`);
  });

  it('has one item per finished week, newest first: the current week (48, at the tests’ now) waits until it is over', () => {
    const entries = feeds['edition/rss.xml']!.entries;
    const links = entries.map((e) => e.link);
    expect(links).not.toContain(`${ORIGIN}/edition/2026-S48/`);
    expect(links[0]).toBe(`${ORIGIN}/edition/${latest}/`);
    expect(links).toEqual([...links].sort().reverse());
    expect(entries.map((e) => e.id)).toEqual(links);
    // Dated at the end of its week: Monday 0 h 00 in Paris.
    expect(entries[0]!.published_ts * 1000).toBe(weekBounds(parseEditionId(latest)!).end.getTime());
    expect(feeds['edition/atom.xml']!.entries.map((e) => e.link)).toEqual(links);
  });

  it('carries the e-mail’s body as content: a link to the web version, each article by absolute URL, no script, no stylesheet', () => {
    const [newest] = feeds['edition/rss.xml']!.entries;
    const raw = readFileSync(path.join(site, 'edition/rss.xml'), 'utf8');
    expect(raw).not.toMatch(/&lt;script|<script/i);
    const html = newest!.content[0]!;
    expect(html).toContain(`href="${ORIGIN}/edition/${latest}/"`);
    expect(html).toContain('Lire cette édition sur le site');
    expect(html).toMatch(new RegExp(`href="${ORIGIN}/articles/[a-z0-9-]+/"`));
    expect(html).not.toMatch(/<link|<script|<html|<head/i);
  });

  it('has the same items in JSON Feed', () => {
    const json = JSON.parse(readFileSync(path.join(site, 'edition/feed.json'), 'utf8')) as { items: { url: string; content_html: string }[] };
    expect(json.items.map((i) => i.url)).toEqual(feeds['edition/rss.xml']!.entries.map((e) => e.link));
    expect(json.items[0]!.content_html).toContain('Lire cette édition sur le site');
  });
});
