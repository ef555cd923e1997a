/**
 * Share cards in the cache (src/content/share-images.ts): four JPEGs of the
 * social formats per article, reused by the next build, new files under a
 * new name when what the card shows changes.
 */
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { moduleGraph } from '../../src/content/code-digest.ts';
import { imageCacheDir } from '../../src/content/images.ts';
import { publishShareCards, shareCardFiles, shareCardOf, startShareCards } from '../../src/content/share-images.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const temp = mkdtempSync(path.join(tmpdir(), 'rotative-share-'));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const site = { name: 'L’Écho du Numérique', logo: { absPath: path.join(ROOT, 'content/logo.png'), hash: 'logohash01' } };
const article = { slug: 'rancongiciels-hopitaux-cible', title: 'Rançongiciels\u00a0: pourquoi les hôpitaux restent une cible de choix', rubrique: 'Cybersécurité' };

describe('shareCardOf', () => {
  it('names a card after what it shows: title, rubrique, site name and logo each change the hash', () => {
    const card = shareCardOf(article, site);
    expect(card.stem).toBe('partage-rancongiciels-hopitaux-cible');
    expect(card.hash).toMatch(/^[A-Za-z0-9]{10}$/);
    expect(shareCardOf(article, site)).toEqual(card);
    const others = [
      shareCardOf({ ...article, title: `${article.title} (mis à jour)` }, site),
      shareCardOf({ ...article, rubrique: 'Santé' }, site),
      shareCardOf(article, { ...site, name: 'La Gazette' }),
      shareCardOf(article, { ...site, logo: { ...site.logo, hash: 'autrelogo1' } }),
      shareCardOf(article, { name: site.name }),
    ];
    expect(new Set([card.hash, ...others.map((o) => o.hash)]).size).toBe(6);
    // The slug names the file, not the card: another article with the same text shares nothing but the hash.
    expect(shareCardOf({ ...article, slug: 'autre' }, site).stem).toBe('partage-autre');
  });

  it('names a card after what draws it too: the template covers the layout, the formats’ sizes and the JPEG settings', () => {
    // templateDigest hashes the text of these modules: an edited size or encoder gives every card a new name.
    const drawnBy = moduleGraph([path.join(ROOT, 'src/content/share-render.ts')]).map((f) => path.relative(ROOT, f));
    expect(drawnBy).toEqual(expect.arrayContaining(['src/content/share-render.ts', 'src/lib/share-card.ts', 'src/lib/images.ts']));
  });
});

/** The cards of `requests`, once every file is in the cache (as a build waits for them). */
async function makeShareCards(...args: Parameters<typeof startShareCards>) {
  const { cards, made } = startShareCards(...args);
  return { cards, ...(await made) };
}

describe('startShareCards, waited for', () => {
  const cacheRoot = path.join(temp, 'cache');
  const dir = imageCacheDir(cacheRoot);

  it('makes the four social formats as JPEGs of the right sizes, then reuses them; an edited title makes new files', async () => {
    const first = await makeShareCards([article], site, cacheRoot, 1);
    expect(first).toMatchObject({ made: 1, cached: 0 });
    const files = shareCardFiles(first.cards[0]!);
    expect(files.map((f) => f.file.replace(first.cards[0]!.hash, 'H'))).toEqual([
      'partage-rancongiciels-hopitaux-cible-H-og.jpg',
      'partage-rancongiciels-hopitaux-cible-H-1x1.jpg',
      'partage-rancongiciels-hopitaux-cible-H-4x3.jpg',
      'partage-rancongiciels-hopitaux-cible-H-16x9.jpg',
    ]);
    const sizes = await Promise.all(files.map(async (f) => {
      const meta = await sharp(path.join(dir, f.file)).metadata();
      return [meta.format, meta.width, meta.height];
    }));
    expect(sizes).toEqual([['jpeg', 1200, 630], ['jpeg', 1200, 1200], ['jpeg', 1200, 900], ['jpeg', 1200, 675]]);
    const written = files.map((f) => statSync(path.join(dir, f.file)).mtimeMs);

    // The next build: same text, nothing drawn, the files untouched.
    const second = await makeShareCards([article], site, cacheRoot, 1);
    expect(second).toMatchObject({ made: 0, cached: 1 });
    expect(second.cards).toEqual(first.cards);
    expect(files.map((f) => statSync(path.join(dir, f.file)).mtimeMs)).toEqual(written);

    // The title edited: a new card under new names, beside the old one.
    const edited = await makeShareCards([{ ...article, title: 'Rançongiciels\u00a0: les hôpitaux, cible de choix' }], site, cacheRoot, 1);
    expect(edited).toMatchObject({ made: 1, cached: 0 });
    expect(edited.cards[0]!.hash).not.toBe(first.cards[0]!.hash);
    expect(readdirSync(dir).filter((f) => f.startsWith('partage-'))).toHaveLength(8);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('encodes every card file as a baseline JPEG of three channels, the cheapest to write (no progressive scans, no alpha)', async () => {
    const { cards } = await makeShareCards([{ ...article, slug: 'encodage' }], site, cacheRoot, 1);
    const metas = await Promise.all(shareCardFiles(cards[0]!).map((f) => sharp(path.join(dir, f.file)).metadata()));
    expect(metas.map((m) => [m.format, m.isProgressive, m.hasAlpha, m.channels])).toEqual(Array(4).fill(['jpeg', false, false, 3]));
  });

  it('publishes a card’s four files into _images', async () => {
    const { cards } = await makeShareCards([article], site, cacheRoot, 1);
    const out = path.join(temp, 'site');
    expect(publishShareCards(cards, cacheRoot, out)).toBe(4);
    expect(readdirSync(path.join(out, '_images')).sort()).toEqual(shareCardFiles(cards[0]!).map((f) => f.file).sort());
  });
});

describe('startShareCards', () => {
  it('names the cards at once and makes their files in the background; a card that fails rejects the wait, not the process', async () => {
    const cacheRoot = path.join(temp, 'background');
    const started = startShareCards([article], site, cacheRoot, 1);
    // The names pages need, before any file is made.
    expect(started.cards).toEqual([shareCardOf(article, site)]);
    expect(readdirSync(imageCacheDir(cacheRoot)).filter((f) => f.startsWith('partage-'))).toEqual([]);
    await expect(started.made).resolves.toEqual({ made: 1, cached: 0 });
    expect(readdirSync(imageCacheDir(cacheRoot)).filter((f) => f.startsWith('partage-')).sort()).toEqual(shareCardFiles(started.cards[0]!).map((f) => f.file).sort());

    // A logo gone from the disk: the error waits for whoever waits for the files.
    const broken = startShareCards([{ ...article, slug: 'sans-logo' }], { ...site, logo: { absPath: path.join(temp, 'absent.png'), hash: 'absent0001' } }, cacheRoot, 1);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expect(broken.made).rejects.toThrow(/ENOENT/);
  });

  it('makes once a card two articles show under the same names (same title and rubrique, slugs alike in their first 60 characters)', async () => {
    const cacheRoot = path.join(temp, 'twins');
    const slug = 'la-plateforme-americaine-accelere-un-partenariat-europeen-de-cloud';
    const twins = [{ ...article, slug: `${slug}-0001` }, { ...article, slug: `${slug}-0002` }];
    const started = startShareCards(twins, site, cacheRoot, 2);
    expect(started.cards[0]).toEqual({ ...started.cards[1], slug: twins[0]!.slug });
    await expect(started.made).resolves.toEqual({ made: 1, cached: 0 });
    expect(readdirSync(imageCacheDir(cacheRoot)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    // Published once: four files, counted as four.
    expect(publishShareCards(started.cards, cacheRoot, path.join(temp, 'twins-site'))).toBe(4);
  });
});
