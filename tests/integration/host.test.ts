/**
 * The built site as a static host serves it: Cloudflare's `wrangler pages
 * dev` (tests/helpers/wrangler.ts, offline on 127.0.0.1) serves the sample
 * magazine built by the global setup, and a magazine built for a path
 * (SITE_URL=https://example.org/magazine/) put under /magazine/ of the host,
 * as a reader's browser would get them: the security headers of `_headers`,
 * long caching for hashed files only, the 404 page with status 404, and the
 * `_redirects` rules when the build writes that file. And the rebuild
 * schedule the build writes beside the site (dist.rebuild.json).
 */
import { cpSync, existsSync, globSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { sharedBuild } from '../helpers/shared-builds.ts';
import { headersFor, parseHeadersFile } from '../helpers/serve.ts';
import { startWrangler, type WranglerServer } from '../helpers/wrangler.ts';
import { WHY_LABELS } from '../../src/lib/summary.ts';

const YEAR = 31_536_000;

/** The max-age of a Cache-Control value, and whether it says immutable. */
function caching(value: string | null): { maxAge: number; immutable: boolean } {
  const directives = (value ?? '').split(',').map((d) => d.trim().toLowerCase());
  const maxAge = directives.find((d) => d.startsWith('max-age='));
  return { maxAge: maxAge ? Number(maxAge.slice('max-age='.length)) : NaN, immutable: directives.includes('immutable') };
}

const titleOf = (html: string) => parseHTML(html).document.querySelector('title')?.textContent?.trim();

/** `_redirects` lines: `from to [status]`, `#` comments. */
function parseRedirects(text: string): { from: string; to: string; status: number }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'))
    .map((l) => {
      const [from, to, status] = l.split(/\s+/);
      return { from: from!, to: to!, status: status ? Number(status) : 302 };
    });
}

/** The checks both sites share: `site` is served at `base` of `server`. */
function hostChecks(get: () => { server: WranglerServer; site: string; base: string; headersFile: string }) {
  const url = (p: string) => `${get().server.origin}${get().base}${p}`;
  const rules = () => parseHeadersFile(readFileSync(get().headersFile, 'utf8'));

  it('sends every header of _headers with a page, once', async () => {
    const res = await fetch(url(''));
    expect(res.status, get().server.output()).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const expected = headersFor(rules(), `${get().base}`);
    for (const name of ['Content-Security-Policy', 'X-Content-Type-Options', 'Referrer-Policy', 'X-Frame-Options', 'Permissions-Policy']) {
      expect(expected.get(name), `_headers sets ${name} for pages`).toHaveLength(1);
    }
    for (const [name, [value]] of expected) expect(res.headers.get(name), name).toBe(value);
    // The header policy forbids framing; the page's own policy is in it too.
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('content-security-policy')).toMatch(/script-src /);
  });

  it('lets browsers keep hashed files a year, and pages and feeds only until they change', async () => {
    const hashed = ['_astro', '_images'].map((dir) => globSync(`${dir}/*`, { cwd: get().site })[0]).filter((f) => f !== undefined);
    expect(hashed.length).toBeGreaterThan(0);
    for (const file of hashed) {
      const res = await fetch(url(file));
      expect(res.status, file).toBe(200);
      expect(caching(res.headers.get('cache-control')), file).toEqual({ maxAge: YEAR, immutable: true });
    }
    for (const file of ['', 'rss.xml', 'feed.json']) {
      const res = await fetch(url(file));
      expect(res.status, file).toBe(200);
      const { maxAge, immutable } = caching(res.headers.get('cache-control'));
      expect(immutable, file).toBe(false);
      expect(maxAge, file).toBeLessThanOrEqual(600);
    }
  });

  it('answers a missing page with the 404 page and status 404', async () => {
    const res = await fetch(url('articles/cet-article-n-existe-pas/'));
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(titleOf(await res.text())).toBe(titleOf(readFileSync(path.join(get().site, '404.html'), 'utf8')));
    // Security headers on the error page too.
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('serves an article, and redirects its address without the trailing slash', async () => {
    const [index] = globSync('articles/*/index.html', { cwd: get().site });
    const articlePath = index!.replace(/index\.html$/, '');
    const res = await fetch(url(articlePath));
    expect(res.status).toBe(200);
    const page = parseHTML(await res.text()).document;
    // Its stylesheets answer from the host, as the browser asks for them.
    const styles = [...page.querySelectorAll('link[rel="stylesheet"]')].map((l) => l.getAttribute('href')!);
    expect(styles.length).toBeGreaterThan(0);
    for (const href of styles) expect((await fetch(new URL(href, url(articlePath)))).status, href).toBe(200);
    const bare = await fetch(url(articlePath.replace(/\/$/, '')), { redirect: 'manual' });
    expect([301, 308]).toContain(bare.status);
    expect(new URL(bare.headers.get('location')!, url('')).pathname).toBe(`${get().base}${articlePath}`);
  });

  it('applies _redirects when the build writes one', async () => {
    const file = path.join(path.dirname(get().headersFile), '_redirects');
    if (!existsSync(file)) return;
    for (const rule of parseRedirects(readFileSync(file, 'utf8')).filter((r) => !r.from.includes('*') && !r.from.includes(':'))) {
      const res = await fetch(`${get().server.origin}${rule.from}`, { redirect: 'manual' });
      expect(res.status, rule.from).toBe(rule.status);
      expect(new URL(res.headers.get('location')!, get().server.origin).href, rule.from).toBe(new URL(rule.to, get().server.origin).href);
    }
  });
}

describe('the rebuild schedule of the sample build', () => {
  const site = inject('sampleSite');
  const file = `${site}.rebuild.json`;

  it('is written beside the site, not in it, and names the scheduled article', () => {
    expect(existsSync(path.join(site, path.basename(file)))).toBe(false);
    const schedule = JSON.parse(readFileSync(file, 'utf8')) as { next: string | null; reasons: { at: string; why: string; slug: string }[] };
    const times = schedule.reasons.map((r) => Date.parse(r.at));
    expect(times.length).toBeGreaterThan(0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    expect(schedule.next).toBe(schedule.reasons[0]!.at);
    // The sample's scheduled episode (see the build summary's "scheduled:" line).
    const scheduled = /programmé : (\S+) le (\S+)/.exec(inject('sampleBuildOutput'));
    expect(scheduled).not.toBeNull();
    expect(schedule.reasons).toContainEqual({ at: new Date(scheduled![2]!).toISOString(), why: 'published', slug: scheduled![1] });
  });

  it('is announced in the build summary', () => {
    const schedule = JSON.parse(readFileSync(file, 'utf8')) as { next: string; reasons: { why: string; slug: string }[] };
    const line = /prochaine reconstruction : (\S+) \((.+) : (\S+)\)/.exec(inject('sampleBuildOutput'));
    expect(line).not.toBeNull();
    expect(new Date(line![1]!).toISOString()).toBe(schedule.next);
    expect([line![2], line![3]]).toEqual([WHY_LABELS[schedule.reasons[0]!.why as keyof typeof WHY_LABELS], schedule.reasons[0]!.slug]);
  });
});

describe('the sample magazine on Cloudflare Pages (wrangler pages dev)', () => {
  const site = inject('sampleSite');
  let server: WranglerServer;
  beforeAll(async () => {
    server = await startWrangler(site);
  });
  afterAll(async () => {
    await server?.stop();
  });

  hostChecks(() => ({ server, site, base: '/', headersFile: path.join(site, '_headers') }));

  // Last: the server of this block is stopped, workerd with it.
  it('stops when asked, and no longer answers', async () => {
    await server.stop();
    await expect(fetch(`${server.origin}/`)).rejects.toThrow();
  });
});

describe('a magazine under /magazine/ of its host', () => {
  let server: WranglerServer;
  let root: string;
  let built: string;
  let site: string;
  beforeAll(async () => {
    // The same site as tests/integration/base-path.test.ts reads: built once per run.
    const result = await sharedBuild('basic-under-path');
    built = result.outDir;
    expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
    // How such a site is deployed: its files in the host's magazine/ folder,
    // its _headers (paths under /magazine/) at the host's root, where
    // Cloudflare and Netlify read it.
    root = mkdtempSync(path.join(tmpdir(), 'rotative-host-'));
    site = path.join(root, 'magazine');
    cpSync(built, site, { recursive: true });
    renameSync(path.join(site, '_headers'), path.join(root, '_headers'));
    server = await startWrangler(root);
  });
  afterAll(async () => {
    await server?.stop();
    if (root) rmSync(root, { recursive: true, force: true });
  });

  hostChecks(() => ({ server, site, base: '/magazine/', headersFile: path.join(root, '_headers') }));
});
