/** The refusal to lose a published URL: src/publish/lost-urls.ts. */
import { createServer, type Server } from 'node:http';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  lostArticleUrls,
  parseManifest,
  previousSite,
  publishedArticleSlugs,
  recordPublishedUrls,
  URL_MANIFEST,
  urlRecordFile,
  writeUrlManifest,
  type ArticleForUrls,
} from '../../src/publish/lost-urls.ts';

const a = (slug: string, status: ArticleForUrls['status'] = 'published', aliases: string[] = []): ArticleForUrls => ({
  slug,
  file: `content/articles/${slug}.mdx`,
  status,
  aliases,
});

describe('lostArticleUrls', () => {
  it('accepts a URL kept as a page or as an alias, and one whose article expired', () => {
    expect(lostArticleUrls(['x', 'old', 'gone'], [a('x'), a('new', 'published', ['old']), a('gone', 'expired')], 'content/articles')).toEqual([]);
  });

  it('refuses a renamed article without alias, naming the slug and the likely replacement', () => {
    const [p, ...rest] = lostArticleUrls(['cloudwatt-un-an'], [a('cloudwatt-un-an-apres')], 'content/articles');
    expect(rest).toEqual([]);
    expect(p!.found).toContain('cloudwatt-un-an');
    expect(p!.hint).toContain('aliases: [cloudwatt-un-an]');
    expect(p!.hint).toContain('content/articles/cloudwatt-un-an-apres.mdx');
  });

  it('refuses an article turned back into a draft or moved to a later date, pointing at its own file', () => {
    const problems = lostArticleUrls(['d', 's'], [a('d', 'draft'), a('s', 'scheduled')], 'content/articles');
    expect(problems.map((p) => [p.file, p.field])).toEqual([
      ['content/articles/d.mdx', 'draft'],
      ['content/articles/s.mdx', 'publishedAt'],
    ]);
    expect(problems[0]!.hint).toContain('expiresAt');
    // An alias elsewhere is another way to keep the draft's URL.
    expect(lostArticleUrls(['d'], [a('d', 'draft'), a('e', 'published', ['d'])], 'content/articles')).toEqual([]);
  });

  it('lets an article go that the previous site showed only because it was built with a later clock', () => {
    // Scheduled for 2027-03-04; the previous site was built at 2027-03-05 (ROTATIVE_NOW), this one today.
    const early = { ...a('embargo', 'scheduled'), publishedAt: new Date('2027-03-04T08:00:00+01:00') };
    expect(lostArticleUrls(['embargo'], [early], 'content/articles', { previousNow: new Date('2027-03-05T08:00:00+01:00') })).toEqual([]);
    // Its date moved past the previous build's clock: the writer unpublished it, refused.
    const moved = { ...early, publishedAt: new Date('2027-03-06T08:00:00+01:00') };
    expect(lostArticleUrls(['embargo'], [moved], 'content/articles', { previousNow: new Date('2027-03-05T08:00:00+01:00') }).map((p) => p.field)).toEqual(['publishedAt']);
    // No previous clock known: refused as before.
    expect(lostArticleUrls(['embargo'], [early], 'content/articles').map((p) => p.field)).toEqual(['publishedAt']);
  });
});

describe('a magazine whose every article was replaced', () => {
  const previous = ['a-1', 'a-2', 'a-3', 'a-4'];
  const from = { source: 'enregistrées dans le cache, /c/x.json', recordFile: '/c/x.json', siteFile: 'content/site.yaml' };

  it('gets one message saying how to start anew, instead of one per address', () => {
    const problems = lostArticleUrls(previous, [a('mon-premier-article')], 'content/articles', from);
    expect(problems).toHaveLength(1);
    const [p] = problems;
    expect(p!.found).toContain('aucune des 4 adresses');
    expect(p!.found).toContain('/c/x.json');
    expect(p!.hint).toContain('url dans content/site.yaml');
    expect(p!.hint).toContain('SITE_URL');
    expect(p!.hint).toContain('effacez /c/x.json');
    expect(p!.hint).toContain('aliases: [ancien-slug]');
  });

  it('but a magazine that keeps one former article is told, address by address, what to alias', () => {
    const problems = lostArticleUrls(previous, [a('a-1'), a('b')], 'content/articles', from);
    expect(problems.map((p) => p.found)).toEqual(['a-2', 'a-3', 'a-4'].map((s) => expect.stringContaining(`« ${s} »`)));
  });
});

describe('the list of published addresses', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rotative-lost-'));
  const site = path.join(dir, 'site');
  const cache = path.join(dir, 'cache');
  const content = path.join(dir, 'content');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the article pages of a built site, aliases included, and publishes them with it', () => {
    for (const slug of ['b', 'a']) {
      mkdirSync(path.join(site, 'articles', slug), { recursive: true });
      writeFileSync(path.join(site, 'articles', slug, 'index.html'), '');
    }
    mkdirSync(path.join(site, 'articles', 'page'), { recursive: true });
    expect(publishedArticleSlugs(site)).toEqual(['a', 'b']);
    writeUrlManifest(site, 'https://mag.example/revue');
    expect(JSON.parse(readFileSync(path.join(site, URL_MANIFEST), 'utf8'))).toEqual({ site: 'https://mag.example/revue/', articles: ['a', 'b'] });
    expect(publishedArticleSlugs(path.join(dir, 'missing'))).toEqual([]);
  });

  it('refuses what is not such a list', () => {
    expect(parseManifest('nope')).toBeUndefined();
    expect(parseManifest('{"site":"https://x.example/","articles":["../etc"]}')).toBeUndefined();
    expect(parseManifest('{"site":"x","articles":[]}')).toBeUndefined();
    expect(parseManifest('{"site":"https://x.example/","articles":["b","a"]}')).toEqual({ site: 'https://x.example/', articles: ['a', 'b'] });
  });

  it('is read back from the cache for the same address and content folder only, whatever the output folder holds', async () => {
    recordPublishedUrls(site, cache, content);
    expect(existsSync(urlRecordFile(cache, 'https://mag.example/revue/', content))).toBe(true);
    const same = await previousSite({ cacheDir: cache, contentDir: content, siteUrl: 'https://mag.example/revue' });
    expect(same.slugs).toEqual(['a', 'b']);
    expect(same.source).toContain('cache');
    expect(same.notice).toBeUndefined();
    // Another magazine (another address, or another content folder) has no record: not held, and told so.
    for (const other of [
      { cacheDir: cache, contentDir: content, siteUrl: 'https://autre.example/' },
      { cacheDir: cache, contentDir: path.join(dir, 'autre'), siteUrl: 'https://mag.example/revue/' },
    ]) {
      const previous = await previousSite(other);
      expect(previous.slugs).toEqual([]);
      expect(previous.notice).toMatch(/^adresses déjà publiées non vérifiées : le cache n’a aucun enregistrement pour https:\/\/[a-z.]+\/(revue\/)? et [a-z.]+ est un nom réservé aux exemples/);
    }
  });

  describe('without a record, from the live site', () => {
    let server: Server;
    let origin: string;
    let answer: (res: import('node:http').ServerResponse) => void;
    const start = async () => {
      server = createServer((req, res) => (req.url === `/revue/${URL_MANIFEST}` ? answer(res) : res.writeHead(404).end()));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    };
    afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));
    const ask = (timeoutMs = 4000) => previousSite({ cacheDir: cache, contentDir: content, siteUrl: `${origin}/revue/` }, { timeoutMs });

    it('reads its rotative-urls.json', async () => {
      await start();
      answer = (res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"site":"x:/","articles":["z"]}');
      expect((await ask()).notice).toContain('n’est pas une liste');
      answer = (res) => res.writeHead(200).end(JSON.stringify({ site: `${origin}/revue/`, articles: ['z', 'y'] }));
      const live = await ask();
      expect(live.slugs).toEqual(['y', 'z']);
      expect(live.source).toBe(`publiées en ligne, ${origin}/revue/${URL_MANIFEST}`);
    });

    it('says in one line, and goes on, when the site has no list, is slow, or is down', async () => {
      answer = (res) => res.writeHead(404).end();
      expect((await ask()).notice).toContain(`${URL_MANIFEST} répond 404`);
      answer = () => undefined;
      const slow = await ask(300);
      expect(slow.slugs).toEqual([]);
      expect(slow.notice).toContain('ne répond pas en 0,3 s');
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      const down = await ask();
      expect(down.notice).toMatch(/injoignable \(ECONNREFUSED\)/);
      expect(down.notice).not.toContain('\n');
    });
  });
});
