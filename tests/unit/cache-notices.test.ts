/**
 * A corrupt entry of any cache is ignored with one notice, and what it held
 * is made again: the XML check's list of well-formed texts, the record of
 * the addresses a site published. (The render cache, the search cache and
 * Astro's cache: render-cache, search-cache and astro-cache tests.)
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuiltSite, FINDINGS } from '../../src/publish/site-check.ts';
import { previousSite, URL_MANIFEST, urlRecordFile } from '../../src/publish/lost-urls.ts';

const temp = (name: string) => mkdtempSync(path.join(tmpdir(), `rotative-${name}-`));

describe('the check’s cache', () => {
  function site(): string {
    const dir = temp('check-site');
    writeFileSync(path.join(dir, 'rss.xml'), '<rss><channel><title>Flux</title></channel></rss>');
    writeFileSync(path.join(dir, 'sitemap-index.xml'), '<sitemapindex/>');
    writeFileSync(path.join(dir, 'index.html'), '<html><head><link rel="stylesheet" href="/style.css"></head></html>');
    writeFileSync(path.join(dir, 'style.css'), 'body{}');
    return dir;
  }

  it('is ignored with one notice when it is not what a check writes, and made again', () => {
    const sha = 'a'.repeat(64);
    for (const corrupt of ['[', '{"a":1}', '["pas un condensé"]', '', `{"code":"x","siteUrl":null,"files":{},"links":{},"wellFormed":["pas un condensé"]}`, `{"code":"x","siteUrl":null,"files":{"a":"${sha}"},"links":{"a":"/style.css"},"wellFormed":[]}`]) {
      const dir = site();
      const cacheDir = temp('check-cache');
      const findings = path.join(cacheDir, FINDINGS);
      writeFileSync(findings, corrupt);
      const notices: string[] = [];
      expect(checkBuiltSite(dir, { cacheDir, notice: (line) => notices.push(line) })).toEqual([]);
      expect(notices, corrupt).toEqual([`cache de vérification : entrée ignorée (${findings}), illisible ; chaque page, chaque flux et chaque plan du site est vérifié à nouveau`]);
      expect((JSON.parse(readFileSync(findings, 'utf8')) as { wellFormed: string[] }).wellFormed).toHaveLength(2);
      // Ignored, not trusted: a broken feed is still found.
      writeFileSync(findings, corrupt);
      writeFileSync(path.join(dir, 'rss.xml'), '<rss><channel>');
      expect(checkBuiltSite(dir, { cacheDir })).toEqual([expect.stringMatching(/^rss\.xml : XML mal formé/)]);
    }
  });

  it('says nothing when there is no cache yet, nor when it was written by other code (an earlier version)', () => {
    const notices: string[] = [];
    const cacheDir = temp('check-cache');
    checkBuiltSite(site(), { cacheDir, notice: (line) => notices.push(line) });
    const findings = path.join(cacheDir, FINDINGS);
    writeFileSync(findings, JSON.stringify({ ...JSON.parse(readFileSync(findings, 'utf8')), code: 'une autre version' }));
    checkBuiltSite(site(), { cacheDir, notice: (line) => notices.push(line) });
    expect(notices).toEqual([]);
  });
});

describe('the record of published addresses', () => {
  it('is said ignored when corrupt, even when the live site’s list stands in for it', async () => {
    const cache = temp('urls-cache');
    const content = temp('urls-content');
    const server = createServer((req, res) =>
      req.url === `/revue/${URL_MANIFEST}` ? res.writeHead(200).end(JSON.stringify({ site: `${origin}/revue/`, articles: ['a'] })) : res.writeHead(404).end(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const record = urlRecordFile(cache, `${origin}/revue/`, content);
      mkdirSync(path.dirname(record), { recursive: true });
      writeFileSync(record, '{"site":');
      const previous = await previousSite({ cacheDir: cache, contentDir: content, siteUrl: `${origin}/revue/` });
      expect(previous.slugs).toEqual(['a']);
      expect(previous.notice).toBe(`adresses déjà publiées : l’enregistrement du cache (${record}) est illisible, ignoré ; la liste en ligne (${origin}/revue/${URL_MANIFEST}) le remplace`);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
