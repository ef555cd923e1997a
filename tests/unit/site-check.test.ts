/**
 * The check before the swap (src/publish/site-check.ts), on throw-away
 * folders: missing stylesheets, scripts and head links, broken XML, and
 * what the check keeps from one build to the next.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBuiltSite, FINDINGS } from '../../src/publish/site-check.ts';

const temp = (name: string) => mkdtempSync(path.join(tmpdir(), `rotative-${name}-`));

function write(file: string, text: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

describe('checkBuiltSite (before the swap)', () => {
  function site(): string {
    const dir = temp('check');
    write(path.join(dir, '_astro/page.css'), 'body{}');
    write(path.join(dir, '_astro/app.js'), '');
    write(path.join(dir, 'favicon.svg'), '<svg/>');
    write(path.join(dir, 'rss.xml'), '<?xml version="1.0"?><rss version="2.0"><channel><title>A &amp; B</title></channel></rss>');
    write(path.join(dir, 'sitemap-index.xml'), '<?xml version="1.0"?><sitemapindex/>');
    write(path.join(dir, 'articles/un/index.html'), '<!doctype html>');
    write(
      path.join(dir, 'index.html'),
      `<!doctype html><html><head>
<link rel="stylesheet" href="/_astro/page.css">
<link rel=icon href="/favicon.svg">
<link rel="alternate" type="application/rss+xml" href="/rss.xml">
<link rel="canonical" href="https://magazine.example/">
<link rel="preconnect" href="//cdn.example">
<script type="module" src="/_astro/app.js?v=1"></script>
</head><body><a href="/manquant/">lien</a><link rel="next" href="/page/2/">
<script>console.log('<link rel=stylesheet href=/nope.css>')</script></body></html>`,
    );
    write(path.join(dir, 'articles/deux/index.html'), '<html><head><link rel="stylesheet" href="../../_astro/page.css"></head><body></body></html>');
    return dir;
  }

  it('finds nothing wrong with a complete site', () => {
    expect(checkBuiltSite(site())).toEqual([]);
  });

  /** What the check kept in `cacheDir` (FINDINGS), to read or forge. */
  interface Kept {
    code: string;
    files: Record<string, string>;
    links: Record<string, [string, string][]>;
    wellFormed: string[];
  }
  const kept = (cacheDir: string) => JSON.parse(readFileSync(path.join(cacheDir, FINDINGS), 'utf8')) as Kept;
  const keep = (cacheDir: string, findings: Kept) => writeFileSync(path.join(cacheDir, FINDINGS), JSON.stringify(findings));
  const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

  it('parses an XML text again only when it was not found well-formed before (cacheDir)', () => {
    const dir = site();
    const cacheDir = temp('check-cache');
    expect(checkBuiltSite(dir, { cacheDir })).toEqual([]);
    const { wellFormed } = kept(cacheDir);
    expect(wellFormed).toHaveLength(2);
    // A broken feed is reported although the cache exists, and the cache is not rewritten.
    write(path.join(dir, 'rss.xml'), '<rss><channel>');
    expect(checkBuiltSite(dir, { cacheDir })).toEqual([expect.stringMatching(/^rss\.xml : XML mal formé/)]);
    expect(kept(cacheDir).wellFormed).toEqual(wellFormed);
    // A text recorded as well-formed is trusted without being parsed.
    keep(cacheDir, { ...kept(cacheDir), wellFormed: [sha256('<rss><channel>')] });
    expect(checkBuiltSite(dir, { cacheDir }).filter((p) => p.startsWith('rss.xml'))).toEqual([]);
  });

  it("reads again only the files written since the previous check, and looks every page's links up among this build's files", () => {
    const dir = site();
    const cacheDir = temp('check-cache');
    expect(checkBuiltSite(dir, { cacheDir })).toEqual([]);
    // The stylesheet a page (not written since) links is gone from this build.
    rmSync(path.join(dir, '_astro/page.css'));
    expect(checkBuiltSite(dir, { cacheDir })).toContain('articles/deux/index.html : le lien ../../_astro/page.css mène à un fichier que la construction n’a pas écrit');
    write(path.join(dir, '_astro/page.css'), 'body{}');
    // What the check keeps of a page's text stands for it (here, forged to tell).
    const findings = kept(cacheDir);
    const key = Object.keys(findings.links).find((k) => k.startsWith('articles/deux/index.html\0'))!;
    findings.links[key] = [['/_astro/oublie.css', '_astro/oublie.css']];
    keep(cacheDir, findings);
    expect(checkBuiltSite(dir, { cacheDir })).toEqual(['articles/deux/index.html : le lien /_astro/oublie.css mène à un fichier que la construction n’a pas écrit']);
    // Written again with another text, the page is read again.
    write(path.join(dir, 'articles/deux/index.html'), '<html><head><link rel="stylesheet" href="../../_astro/page.css"></head><body><p>Corrigé.</p></body></html>');
    expect(checkBuiltSite(dir, { cacheDir })).toEqual([]);
  });

  it('knows a page by its text when it is a new file (a site restored from an archive, as on a CI runner), and only for the same text and the same code', () => {
    const dir = site();
    const cacheDir = temp('check-cache');
    expect(checkBuiltSite(dir, { cacheDir })).toEqual([]);
    const findings = kept(cacheDir);
    const key = `articles/deux/index.html\0${sha256(readFileSync(path.join(dir, 'articles/deux/index.html'), 'utf8'))}`;
    expect(findings.links[key]).toEqual([['../../_astro/page.css', '_astro/page.css']]);
    findings.links[key] = [['/_astro/oublie.css', '_astro/oublie.css']];
    keep(cacheDir, findings);
    // Every file new, the same texts: the page's text stands for it, though no file kept its identity.
    const copy = temp('check-copy');
    cpSync(dir, copy, { recursive: true });
    expect(checkBuiltSite(copy, { cacheDir })).toEqual(['articles/deux/index.html : le lien /_astro/oublie.css mène à un fichier que la construction n’a pas écrit']);
    // Findings of other code (an earlier version of the check) are not used.
    keep(cacheDir, { ...findings, code: 'une autre version' });
    const again = temp('check-copy');
    cpSync(dir, again, { recursive: true });
    expect(checkBuiltSite(again, { cacheDir })).toEqual([]);
  });

  it('names a page whose stylesheet, script or head link the build did not write', () => {
    const dir = site();
    write(
      path.join(dir, 'articles/trois/index.html'),
      `<html><head><link href='/_astro/absent.css' rel='stylesheet'><link rel="manifest" href="/site.webmanifest"></head>
<body><script src="../../_astro/absent.js"></script><link rel="stylesheet" href="/_astro/tard.css"></body></html>`,
    );
    expect(checkBuiltSite(dir)).toEqual([
      'articles/trois/index.html : le lien /_astro/absent.css mène à un fichier que la construction n’a pas écrit',
      'articles/trois/index.html : le lien /site.webmanifest mène à un fichier que la construction n’a pas écrit',
      'articles/trois/index.html : le lien ../../_astro/absent.js mène à un fichier que la construction n’a pas écrit',
      'articles/trois/index.html : le lien /_astro/tard.css mène à un fichier que la construction n’a pas écrit',
    ]);
  });

  it("follows the site's own absolute URLs (feed links, canonical), not other sites'", () => {
    const dir = site();
    write(
      path.join(dir, 'articles/quatre/index.html'),
      `<html><head><link rel="alternate" type="application/rss+xml" href="https://magazine.example/rubriques/cloud/rss.xml">
<link rel="canonical" href="https://magazine.example/articles/quatre/"><link rel="alternate" href="https://magazine.example/articles/un">
<link rel="me" href="https://mastodon.example/@gazette"></head><body></body></html>`,
    );
    expect(checkBuiltSite(dir)).toEqual([]);
    expect(checkBuiltSite(dir, { siteUrl: 'https://magazine.example/' })).toEqual([
      'articles/quatre/index.html : le lien https://magazine.example/rubriques/cloud/rss.xml mène à un fichier que la construction n’a pas écrit',
    ]);
  });

  it('follows the links of a site built for a path, which all start with that path', () => {
    const dir = site();
    write(
      path.join(dir, 'articles/cinq/index.html'),
      `<html><head><link rel="stylesheet" href="/magazine/_astro/page.css"><link rel="canonical" href="https://example.org/magazine/articles/deux/">
<link rel="stylesheet" href="/magazine/_astro/absent.css"><link rel="stylesheet" href="/_astro/page.css"></head><body></body></html>`,
    );
    // The home page of site() links /_astro/… without the path.
    rmSync(path.join(dir, 'index.html'));
    expect(checkBuiltSite(dir, { siteUrl: 'https://example.org/magazine' })).toEqual([
      'articles/cinq/index.html : le lien /magazine/_astro/absent.css mène à un fichier que la construction n’a pas écrit',
      'articles/cinq/index.html : le lien /_astro/page.css mène à un fichier que la construction n’a pas écrit',
    ]);
  });

  it('refuses a site without its _astro folder (every page linking a missing stylesheet)', () => {
    const dir = site();
    renameSync(path.join(dir, '_astro'), path.join(temp('elsewhere'), '_astro'));
    const problems = checkBuiltSite(dir);
    expect(problems).toContain('index.html : le lien /_astro/page.css mène à un fichier que la construction n’a pas écrit');
    expect(problems).toContain('articles/deux/index.html : le lien ../../_astro/page.css mène à un fichier que la construction n’a pas écrit');
  });

  it('names a feed or sitemap that is not well-formed XML', () => {
    const dir = site();
    write(path.join(dir, 'rubriques/tech/rss.xml'), '<?xml version="1.0"?><rss><channel><title>A & B</title></channel></rss>');
    write(path.join(dir, 'sitemap-0.xml'), '<urlset><url></urlset>');
    const problems = checkBuiltSite(dir);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(/^rubriques\/tech\/rss\.xml : XML mal formé \(ligne 1/);
    expect(problems[1]).toMatch(/^sitemap-0\.xml : XML mal formé/);
  });

  it('stops listing after the limit', () => {
    const dir = site();
    for (let i = 0; i < 30; i++) write(path.join(dir, `p${i}/index.html`), '<link rel="stylesheet" href="/x.css">');
    const problems = checkBuiltSite(dir, { limit: 5 });
    expect(problems).toHaveLength(6);
    expect(problems.at(-1)).toBe('… et 25 de plus');
  });
});