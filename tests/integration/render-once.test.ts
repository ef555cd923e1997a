/**
 * Render once: an article is rendered again only when something its result
 * depends on changed, and never served stale. Each build below runs on a
 * copy of the basic fixture with a cache of its own; the build summary says
 * how many articles were rendered and how many came from the cache, and the
 * pages say whether the change reached readers.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, fixture, readPage } from '../helpers/build.ts';
import { diffTrees, snapshotTree } from '../helpers/tree.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rotative-render-once-'));
const content = path.join(work, 'content');
const cacheDir = path.join(work, 'cache');
const EPISODE = path.join(content, 'articles/2016/premier-episode/index.mdx');
const LANCEMENT = path.join(content, 'articles/2016/lancement.mdx');

function build(outName: string) {
  const result = buildSite({ contentDir: content, outDir: path.join(work, outName), env: { ROTATIVE_CACHE_DIR: cacheDir } });
  expect(result.status, `${result.stdout}\n${result.stderr}`).toBe(0);
  const m = /rendered: (\d+) articles rendered, (\d+) from cache/.exec(result.stdout);
  expect(m, result.stdout).not.toBeNull();
  return { ...result, rendered: Number(m![1]), fromCache: Number(m![2]) };
}

const edit = (file: string, from: string, to: string) => {
  const text = readFileSync(file, 'utf8');
  expect(text).toContain(from);
  writeFileSync(file, text.replace(from, to));
};

const bodyText = (outDir: string, slug: string) => readPage(outDir, `/articles/${slug}/`).querySelector('.article__body')?.textContent ?? '';

let cold: ReturnType<typeof build>;

beforeAll(() => {
  cpSync(fixture('basic'), content, { recursive: true });
  cold = build('cold');
});

describe('render once', () => {
  it('renders every visible article on a cold build, none on an unchanged rebuild, with byte-identical output', () => {
    expect(cold.rendered).toBe(2);
    expect(cold.fromCache).toBe(0);
    const warm = build('warm');
    expect(warm.rendered).toBe(0);
    expect(warm.fromCache).toBe(2);
    expect(diffTrees(snapshotTree(cold.outDir), snapshotTree(warm.outDir))).toEqual([]);
  });

  it('re-renders only the edited article, and its page shows the edit', () => {
    edit(LANCEMENT, 'Le lancement a eu lieu.', 'Le lancement a bien eu lieu, en 2012.');
    const next = build('edited');
    expect(next.rendered).toBe(1);
    expect(next.fromCache).toBe(1);
    expect(bodyText(next.outDir, 'lancement')).toContain('Le lancement a bien eu lieu, en 2012.');
    const feed = readFileSync(path.join(next.outDir, 'rss.xml'), 'utf8');
    expect(feed).toContain('Le lancement a bien eu lieu, en 2012.');
  });

  it('re-renders an article whose <ReadAlso> target changed its title', () => {
    edit(LANCEMENT, 'title: "Le lancement"', 'title: "Le grand lancement"');
    const next = build('retitled');
    // The retitled article's body did not change; the episode that links to it did.
    expect(next.rendered).toBe(1);
    expect(readPage(next.outDir, '/articles/premier-episode/').querySelector('.read-also a')?.textContent).toBe('Le grand lancement');
    // Its own page shows the new title, though its body did not change.
    expect(readPage(next.outDir, '/articles/lancement/').querySelector('h1')?.textContent).toBe('Le grand lancement');
  });

  it('re-renders an article when an image of its body is replaced', async () => {
    const before = build('before-image');
    const figure = (out: string) => readPage(out, '/articles/premier-episode/').querySelector('figure.figure img')?.getAttribute('src');
    const image = path.join(content, 'articles/2016/premier-episode/schema.png');
    const { width, height } = await sharp(image).metadata();
    writeFileSync(image, await sharp({ create: { width: width!, height: height!, channels: 3, background: '#3366cc' } }).png().toBuffer());
    const next = build('new-image');
    expect(next.rendered).toBe(1);
    expect(figure(next.outDir)).not.toBe(figure(before.outDir));
    expect(existsIn(next.outDir, figure(next.outDir)!)).toBe(true);
  });

  it('re-renders every article when the site origin changes (feed links are absolute)', () => {
    const result = buildSite({ contentDir: content, outDir: path.join(work, 'origin'), env: { ROTATIVE_CACHE_DIR: cacheDir, SITE_URL: 'https://autre.example' } });
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/rendered: 2 articles rendered, 0 from cache/);
    expect(readFileSync(path.join(result.outDir, 'rss.xml'), 'utf8')).toContain('https://autre.example/articles/lancement/');
  });

  it('ignores a corrupt cache entry with a one-line notice, and renders the article again', () => {
    const renderDir = path.join(cacheDir, 'render');
    const files = readdirSync(renderDir, { recursive: true, encoding: 'utf8' })
      .map((f) => path.join(renderDir, f))
      .filter((f) => statSync(f).isFile());
    for (const file of files) writeFileSync(file, '{"format":1,"key":"not this one"');
    const next = build('corrupt');
    expect(next.rendered).toBe(2);
    expect(next.stdout).toMatch(/notice: render cache: ignored an unreadable entry/);
    expect(bodyText(next.outDir, 'lancement')).toContain('Le lancement a bien eu lieu, en 2012.');
  });
});

describe('pages reused by the incremental build', () => {
  it('show a page of content/pages/ added since, in their footer (a reused page is never stale)', () => {
    const before = build('before-page');
    const footerLinks = (out: string) => [...readPage(out, '/articles/lancement/').querySelectorAll('footer a')].map((a) => a.getAttribute('href'));
    expect(footerLinks(before.outDir)).not.toContain('/qui-sommes-nous/');
    mkdirSync(path.join(content, 'pages'), { recursive: true });
    writeFileSync(path.join(content, 'pages/qui-sommes-nous.mdx'), '---\ntitle: "Qui sommes-nous"\ndescription: "La rédaction."\n---\n\nLa rédaction.\n');
    const after = build('after-page');
    expect(footerLinks(after.outDir)).toContain('/qui-sommes-nous/');
  });
});

function existsIn(outDir: string, sitePath: string): boolean {
  try {
    return statSync(path.join(outDir, sitePath)).isFile();
  } catch {
    return false;
  }
}
