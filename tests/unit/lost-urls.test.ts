/** The refusal to lose a published URL: src/publish/lost-urls.ts. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lostArticleUrls, previousArticleSlugs, type ArticleForUrls } from '../../src/publish/lost-urls.ts';
import { SITE_MARKER } from '../../src/publish/output.ts';

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
    expect(lostArticleUrls(['embargo'], [early], 'content/articles', new Date('2027-03-05T08:00:00+01:00'))).toEqual([]);
    // Its date moved past the previous build's clock: the writer unpublished it, refused.
    const moved = { ...early, publishedAt: new Date('2027-03-06T08:00:00+01:00') };
    expect(lostArticleUrls(['embargo'], [moved], 'content/articles', new Date('2027-03-05T08:00:00+01:00')).map((p) => p.field)).toEqual(['publishedAt']);
    // No previous clock known: refused as before.
    expect(lostArticleUrls(['embargo'], [early], 'content/articles').map((p) => p.field)).toEqual(['publishedAt']);
  });
});

describe('previousArticleSlugs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rotative-lost-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists the article pages of a Rotative site only', () => {
    for (const slug of ['b', 'a']) {
      mkdirSync(path.join(dir, 'articles', slug), { recursive: true });
      writeFileSync(path.join(dir, 'articles', slug, 'index.html'), '');
    }
    expect(previousArticleSlugs(dir)).toEqual([]);
    writeFileSync(path.join(dir, SITE_MARKER), '');
    expect(previousArticleSlugs(dir)).toEqual(['a', 'b']);
    expect(previousArticleSlugs(path.join(dir, 'missing'))).toEqual([]);
  });
});
