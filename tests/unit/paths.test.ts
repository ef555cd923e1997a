/**
 * resolveWriterPath (src/content/paths.ts) on a temporary content folder: only
 * files inside the folder come out, whatever the writer typed, and every
 * refusal says what was found and what is expected.
 */
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePercent, isExternalUrl, resolveWriterPath, type PathResolution } from '../../src/content/paths.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rotative-paths-'));
const content = path.join(work, 'content');
const dir = path.join(content, 'articles/2016/mon-article');
const article = path.join(dir, 'index.mdx');
/** A file beside the content folder: what an escape would publish. */
const secret = path.join(work, 'secret.jpg');

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  mkdirSync(path.join(content, 'shared'), { recursive: true });
  writeFileSync(article, '---\n---\n');
  writeFileSync(secret, 'not for the site');
  for (const name of ['photo.jpg', '100%.jpg', 'ma photo.jpg', 'couverture.jpg']) writeFileSync(path.join(dir, name), name);
  writeFileSync(path.join(content, 'shared/logo.png'), 'logo');
  symlinkSync(secret, path.join(dir, 'lien-dehors.jpg'));
  symlinkSync('/etc', path.join(dir, 'etc'));
  symlinkSync('../../../shared/logo.png', path.join(dir, 'lien-dedans.png'));
  mkdirSync(path.join(dir, 'sous-dossier'));
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const resolve = (src: string, from = article) => resolveWriterPath(content, from, src);

function expectFile(r: PathResolution, key: string): void {
  expect(r, JSON.stringify(r)).not.toHaveProperty('problem');
  if ('problem' in r) return;
  expect(r.key).toBe(key);
  expect(r.absPath).toBe(path.join(content, key));
}

function problemOf(r: PathResolution) {
  expect(r, 'the path was accepted').toHaveProperty('problem');
  return 'problem' in r ? r.problem : { found: '', expected: '' };
}

describe('resolveWriterPath: what a writer may name', () => {
  it('a file next to the article, with or without "./"', () => {
    expectFile(resolve('./photo.jpg'), 'articles/2016/mon-article/photo.jpg');
    expectFile(resolve('photo.jpg'), 'articles/2016/mon-article/photo.jpg');
  });

  it('a file elsewhere in the content folder, by "../"', () => {
    expectFile(resolve('../../../shared/logo.png'), 'shared/logo.png');
  });

  it('a path relative to site.yaml, which sits in the content folder', () => {
    expectFile(resolve('./shared/logo.png', path.join(content, 'site.yaml')), 'shared/logo.png');
  });

  it('a symbolic link that stays inside the content folder, under the name the writer used', () => {
    expectFile(resolve('./lien-dedans.png'), 'articles/2016/mon-article/lien-dedans.png');
  });

  it('"100%.jpg": a % not followed by two hex digits is the character %', () => {
    expectFile(resolve('./100%.jpg'), 'articles/2016/mon-article/100%.jpg');
  });

  it('"100%25.jpg" (how the Markdown parser hands over "100%.jpg"): decoded once', () => {
    expectFile(resolve('./100%25.jpg'), 'articles/2016/mon-article/100%.jpg');
  });

  it('"ma%20photo.jpg" is the file "ma photo.jpg"', () => {
    expectFile(resolve('./ma%20photo.jpg'), 'articles/2016/mon-article/ma photo.jpg');
    expectFile(resolve('./ma photo.jpg'), 'articles/2016/mon-article/ma photo.jpg');
  });
});

describe('resolveWriterPath: what is refused', () => {
  it('"../" climbing out of the content folder, even to a file that exists', () => {
    const p = problemOf(resolve('../../../../secret.jpg'));
    expect(p.found).toBe('"../../../../secret.jpg" sort du dossier de contenu');
    expect(p.expected).toContain('un fichier du dossier de contenu');
    expect(problemOf(resolve('../../../../../../../../etc/passwd')).found).toContain('sort du dossier de contenu');
  });

  it('"../" escapes written with %2F are decoded first, then refused', () => {
    expect(problemOf(resolve('..%2F..%2F..%2F..%2Fsecret.jpg')).found).toContain('sort du dossier de contenu');
  });

  it('an absolute path, with a message saying paths are relative to the article', () => {
    const p = problemOf(resolve('/etc/hostname'));
    expect(p.found).toBe('"/etc/hostname" est un chemin absolu');
    expect(p.expected).toContain('un chemin relatif à ce fichier');
    expect(p.hint).toContain('part de l’article');
    expect(problemOf(resolve('%2Fetc%2Fhostname')).found).toContain('un chemin absolu');
  });

  it('a symbolic link to a file outside the content folder', () => {
    const p = problemOf(resolve('./lien-dehors.jpg'));
    expect(p.found).toBe('"./lien-dehors.jpg" est un lien symbolique vers un fichier hors du dossier de contenu');
    expect(p.hint).toMatch(/copiez le fichier/);
  });

  it('a path through a linked folder that points outside', () => {
    expect(problemOf(resolve('./etc/passwd')).found).toContain('lien symbolique vers un fichier hors du dossier de contenu');
  });

  it('a missing file, with « did you mean » when a file of the folder is a near miss', () => {
    const p = problemOf(resolve('./couvertur.jpg'));
    expect(p.found).toMatch(/^le fichier "\.\/couvertur\.jpg" n’existe pas \(cherché : .*articles\/2016\/mon-article\/couvertur\.jpg\)$/);
    expect(p.expected).toBe('le chemin d’un fichier qui existe, relatif à ce fichier');
    expect(p.hint).toBe('vouliez-vous dire "./couverture.jpg" ?');
  });

  it('a missing file with no near miss: the usual hint', () => {
    expect(problemOf(resolve('./schema-du-reseau.png')).hint).toBe('le nom du fichier est-il mal orthographié, ou le fichier a-t-il été oublié dans le commit ?');
  });

  it('a folder', () => {
    expect(problemOf(resolve('./sous-dossier')).found).toContain('est un dossier, pas un fichier');
  });

  it('a URL: not a path of the content folder', () => {
    expect(problemOf(resolve('https://example.com/photo.jpg')).found).toBe('"https://example.com/photo.jpg" est une adresse web');
    expect(problemOf(resolve('//example.com/photo.jpg')).found).toContain('une adresse web');
  });

  it('quotes what was typed short and escaped, never whole: a data: URL of 5,000 characters, an invisible character', () => {
    const long = problemOf(resolve(`data:image/png;base64,${'A'.repeat(5000)}`)).found;
    expect(long).toBe(`"data:image/png;base64,${'A'.repeat(54)}… est une adresse web`);
    expect(problemOf(resolve('/photo\u200B.jpg')).found).toBe('"/photo\\u200B.jpg" est un chemin absolu');
  });

  it('never throws, whatever is typed', () => {
    for (const src of ['%', '%%', '%E9.jpg', '%C3%28.jpg', 'a%00b.jpg', '', '.', '..', '\\\\server\\share']) {
      expect(() => resolve(src), src).not.toThrow();
      expect(resolve(src), src).toHaveProperty('problem');
    }
  });
});

describe('isExternalUrl and decodePercent', () => {
  it('tells URLs from paths', () => {
    for (const url of ['https://a.example/x.jpg', 'http://a', 'data:image/png;base64,AA', 'mailto:x@y', '//cdn.example/x.jpg']) expect(isExternalUrl(url), url).toBe(true);
    for (const p of ['./x.jpg', 'x.jpg', '../x.jpg', '100%.jpg', 'dossier/x:y.jpg']) expect(isExternalUrl(p), p).toBe(false);
  });

  it('decodes each escape once and keeps what is not one', () => {
    expect(decodePercent('ma%20photo.jpg')).toBe('ma photo.jpg');
    expect(decodePercent('100%.jpg')).toBe('100%.jpg');
    expect(decodePercent('100%25.jpg')).toBe('100%.jpg');
    expect(decodePercent('%2520')).toBe('%20');
    expect(decodePercent('%C3%A9t%C3%A9.jpg')).toBe('été.jpg');
    expect(decodePercent('%E9.jpg')).toBe('%E9.jpg');
    expect(decodePercent('%zz%2')).toBe('%zz%2');
  });
});
