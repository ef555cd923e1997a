/**
 * The content pass's cache (src/content/pass-cache.ts, used by
 * src/content/load.ts): a tree read through the cache gives what it gives
 * read in full (same data, same problems with the same lines, same parsed
 * bodies), an edit or other code reads the file again, and an entry the
 * cache folder holds is never trusted beyond its signature.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { serialize } from 'node:v8';
import { createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent, type LoadedContent } from '../../src/content/load.ts';
import { ContentPassCache, lineOfTable, lineTable } from '../../src/content/pass-cache.ts';
import { parseYaml } from '../../src/content/yaml.ts';
import { formatProblem } from '../../src/lib/errors.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rotative-pass-cache-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const NOW = new Date('2026-11-28T12:00:00+01:00');
const SECRET = Buffer.from('le secret des tests');
const A_JPEG = path.resolve(import.meta.dirname, '../fixtures/basic/content/articles/2016/premier-episode/couverture.jpg');

const mdx = (frontMatter: string, body = 'Le texte.') => `---\n${frontMatter}\n---\n\n${body}\n`;
const FRONT = ['title: "Un titre"', 'description: "Un chapô."', 'publishedAt: 2020-01-01T08:00:00+01:00', 'authors: [alice]', 'category: cloud'].join('\n');

/** What every tree here has besides its articles. */
const BASE_FILES = {
  'site.yaml': 'name: "Le Test"\nurl: https://test.example\n',
  'authors/alice.yaml': 'name: Alice Martin\n',
  'categories/cloud.yaml': 'title: Cloud\n',
};

/**
 * A tree with what the cache must carry: a cover, figures, images, links,
 * <ReadAlso>, a live blog, a code block, a draft's provisional text; and what
 * it must not decide: a missing image, an unknown author, a date after the
 * build's now, an update before its live blog starts (each a problem with
 * its line, found at every build), an unsafe body and an invalid front
 * matter (never kept).
 */
const TREE: Record<string, string | { copy: string }> = {
  ...BASE_FILES,
  'articles/2020/premier.mdx': mdx(FRONT),
  'articles/2021/dossier/index.mdx': mdx(
    `${FRONT}\ntags: [nuage, serveurs]\ncover:\n  src: ./photo.jpg\n  alt: "Une photo"`,
    [
      'Un [lien](https://ailleurs.example/) et <a href="https://autre.example/">un autre</a>.',
      '',
      '<Figure src="./photo.jpg" alt="La même" />',
      '',
      '![Encore](./ma%20photo.jpg)',
      '',
      '<ReadAlso slug="premier" />',
      '',
      '```js titre="exemple.js" {1}',
      'const x = 1;',
      '```',
    ].join('\n'),
  ),
  'articles/2021/dossier/photo.jpg': { copy: A_JPEG },
  'articles/2021/dossier/ma photo.jpg': { copy: A_JPEG },
  // Problems that come from outside the file: replayed on the cached reading.
  'articles/2022/ailleurs.mdx': mdx(
    `${FRONT.replace('authors: [alice]', 'authors: [alice, nobody]')}\nupdatedAt: 2027-01-01T08:00:00+01:00\ncorrections:\n  - at: 2027-02-01T08:00:00+01:00\n    text: Une correction future.`,
    'Avant.\n\n<Figure src="./absente.jpg" alt="Absente" />\n\n![Absente aussi](./pas-la.png)\n\nAprès.',
  ),
  'articles/2026/direct.mdx': mdx(
    `${FRONT.replace('2020-01-01', '2026-11-28')}\nlive:\n  start: 2026-11-28T09:00:00+01:00`,
    [
      '<LiveUpdate at="2026-11-28T08:00:00+01:00" title="Trop tôt">',
      'Avant le début.',
      '</LiveUpdate>',
      '',
      '<LiveUpdate at="2026-11-28T10:30:00+01:00" title="Ça commence">',
      'Le **ministre** parle.',
      '</LiveUpdate>',
    ].join('\n'),
  ),
  'articles/2026/brouillon.mdx': mdx(`${FRONT.replace('title: "Un titre"', 'title: "[À ÉCRIRE] Le titre"')}\ndraft: true`, '[À ÉCRIRE] Le premier paragraphe.'),
  // Never kept: problems of the file's own text.
  'articles/2023/dangereux.mdx': mdx(FRONT, 'Un texte.\n\n<script>alert(1)</script>'),
  'articles/2023/invalide.mdx': mdx(FRONT.replace('title: "Un titre"', 'title: ""'), 'Le texte.'),
};

function writeTree(files: Record<string, string | { copy: string }> = TREE): string {
  const content = path.join(mkdtempSync(path.join(work, 'tree-')), 'content');
  for (const [rel, body] of Object.entries(files)) {
    const abs = path.join(content, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof body === 'string') writeFileSync(abs, body);
    else copyFileSync(body.copy, abs);
  }
  return content;
}

const newCache = (dir: string, options: { secret?: Buffer; version?: string } = {}) => new ContentPassCache(dir, { secret: SECRET, version: 'code-1', ...options });

/** Everything the rest of the build reads of a load, parsed bodies included. */
function outcome(content: LoadedContent) {
  return {
    problems: content.problems,
    reminders: content.reminders,
    draftFiles: [...content.draftFiles],
    invalid: content.invalid,
    articles: content.articles.map((a) => ({ ...a, tree: a.tree })),
  };
}

/** The cache's entry files, relative to its folder. */
const entries = (cache: ContentPassCache) =>
  (readdirSync(cache.dir, { recursive: true }) as string[]).filter((f) => f.endsWith('.bin')).sort();

/** The path and key of the entry a file of `content` would have. */
function entryOf(cache: ContentPassCache, content: string, rel: string): { key: string; file: string } {
  const abs = path.join(content, rel);
  const key = cache.keyOf('article', path.relative(process.cwd(), abs), readFileSync(abs, 'utf8'));
  return { key, file: path.join(cache.dir, key.slice(0, 2), `${key}.bin`) };
}

describe('loadContent through the content pass cache', () => {
  it('gives what a full reading gives: data, assets, parsed bodies, and every problem with its line, in order', () => {
    const content = writeTree();
    const fresh = outcome(loadContent(content, { now: NOW }));
    // The fixture has what it claims: problems from outside the files, and from inside.
    const printed = fresh.problems.map(formatProblem).join('\n');
    for (const expected of ['nobody', 'absente.jpg', 'pas-la.png', 'postérieure à la date de la construction', 'après la date de la construction', 'avant le début du direct', '<script>', 'title vaut ""']) {
      expect(printed).toContain(expected);
    }
    expect(fresh.reminders.map((p) => p.line)).toEqual([2, 10]);

    const root = path.join(work, 'same');
    const cache = newCache(root);
    const first = loadContent(content, { now: NOW, cache });
    expect(outcome(first)).toStrictEqual(fresh);
    expect([cache.hits, cache.misses]).toEqual([0, 7]);
    // Five articles read without a problem of their own text are kept; the unsafe and the invalid are not.
    expect(entries(cache)).toHaveLength(5);

    const again = newCache(root);
    const second = loadContent(content, { now: NOW, cache: again });
    expect([again.hits, again.misses]).toEqual([5, 2]);
    expect(outcome(second)).toStrictEqual(fresh);
    expect(second.notices).toEqual([]);
  });

  it('reads an edited file again, and only it', () => {
    const content = writeTree();
    loadContent(content, { now: NOW, cache: newCache(path.join(work, 'edit')) });
    const file = path.join(content, 'articles/2020/premier.mdx');
    writeFileSync(file, readFileSync(file, 'utf8').replace('Un titre', 'Un autre titre'));
    const cache = newCache(path.join(work, 'edit'));
    const loaded = loadContent(content, { now: NOW, cache });
    expect(loaded.articles.find((a) => a.slug === 'premier')!.data.title).toBe('Un autre titre');
    expect([cache.hits, cache.misses]).toEqual([4, 3]);
  });

  it('reads every file again when the code that reads them changed', () => {
    const content = writeTree();
    loadContent(content, { now: NOW, cache: newCache(path.join(work, 'code')) });
    const cache = newCache(path.join(work, 'code'), { version: 'code-2' });
    expect(outcome(loadContent(content, { now: NOW, cache }))).toStrictEqual(outcome(loadContent(content, { now: NOW })));
    expect(cache.hits).toBe(0);
  });

  it('takes a truncated, garbled or foreign entry as a miss, with one notice, and writes it again', () => {
    const content = writeTree();
    const fresh = outcome(loadContent(content, { now: NOW }));
    const root = path.join(work, 'corrupt');
    loadContent(content, { now: NOW, cache: newCache(root) });
    const cache = newCache(root);
    const premier = entryOf(cache, content, 'articles/2020/premier.mdx').file;
    const dossier = entryOf(cache, content, 'articles/2021/dossier/index.mdx').file;
    const direct = entryOf(cache, content, 'articles/2026/direct.mdx').file;
    writeFileSync(premier, readFileSync(premier).subarray(0, 40));
    const bytes = readFileSync(dossier);
    bytes[bytes.length - 5] = bytes[bytes.length - 5]! ^ 0xff;
    writeFileSync(dossier, bytes);
    writeFileSync(direct, 'pas une entrée');
    const loaded = loadContent(content, { now: NOW, cache });
    expect(outcome(loaded)).toStrictEqual(fresh);
    expect([cache.hits, cache.misses]).toEqual([2, 5]);
    expect(loaded.notices).toHaveLength(3);
    expect(loaded.notices[0]).toMatch(/^cache du contenu : entrée ignorée \(.+\.bin\), illisible ou sans signature valide ; le fichier est lu à nouveau$/);
    const after = newCache(root);
    loadContent(content, { now: NOW, cache: after });
    expect(after.hits).toBe(5);
  });

  it('names five unusable entries, then says how many more: a cache signed with another key is one short list', () => {
    const files: Record<string, string> = { ...BASE_FILES };
    for (let i = 1; i <= 8; i++) files[`articles/2020/article-${i}.mdx`] = mdx(FRONT);
    const content = writeTree(files);
    const root = path.join(work, 'other-key');
    loadContent(content, { now: NOW, cache: newCache(root, { secret: Buffer.from('la clé d’avant') }) });
    const cache = newCache(root);
    const loaded = loadContent(content, { now: NOW, cache });
    expect(cache.misses).toBe(8);
    expect(loaded.notices).toHaveLength(6);
    expect(loaded.notices.slice(0, 5).every((n) => n.startsWith('cache du contenu : entrée ignorée ('))).toBe(true);
    expect(loaded.notices[5]).toBe('cache du contenu : 3 autres entrées ignorées de même ; leurs fichiers sont lus à nouveau');
  });

  it('refuses unsafe content whatever an entry written into the cache folder says', () => {
    const content = writeTree();
    const root = path.join(work, 'forged');
    const cache = newCache(root);
    loadContent(content, { now: NOW, cache });
    const target = entryOf(cache, content, 'articles/2023/dangereux.mdx');
    // A genuine entry (of a safe file, signed with the secret) put under the unsafe file's key…
    mkdirSync(path.dirname(target.file), { recursive: true });
    copyFileSync(entryOf(cache, content, 'articles/2020/premier.mdx').file, target.file);
    const moved = newCache(root);
    const afterMove = loadContent(content, { now: NOW, cache: moved });
    // …or an entry saying « safe », signed by whoever does not hold the secret.
    const claim = serialize({ draft: false, problems: [], body: { problems: [], files: [], found: { readAlso: [], liveUpdates: [], links: [] } }, placeholders: [], frontMatter: { data: afterMove.articles[0]!.data, raw: {}, lines: [] } });
    writeFileSync(target.file, Buffer.concat([createHmac('sha256', 'un autre secret').update(target.key).update('\0').update(claim).digest(), claim]));
    const signedElsewhere = newCache(root);
    const afterForgery = loadContent(content, { now: NOW, cache: signedElsewhere });
    for (const [loaded, used] of [[afterMove, moved], [afterForgery, signedElsewhere]] as const) {
      expect(loaded.problems.filter((p) => p.file.endsWith('dangereux.mdx')).map((p) => p.field)).toEqual(['<script>']);
      expect(used.hits).toBe(5);
      expect(loaded.notices).toHaveLength(1);
    }
    // The same entry signed with the build's own secret would be believed: the signature is what refuses it.
    writeFileSync(target.file, Buffer.concat([createHmac('sha256', SECRET).update(target.key).update('\0').update(claim).digest(), claim]));
    const signed = newCache(root);
    const believed = loadContent(content, { now: NOW, cache: signed });
    expect(signed.hits).toBe(6);
    expect(believed.problems.filter((p) => p.file.endsWith('dangereux.mdx'))).toEqual([]);
  });

  it('keeps nothing of a file with problems of its own', () => {
    const content = writeTree();
    const cache = newCache(path.join(work, 'invalid'));
    loadContent(content, { now: NOW, cache });
    for (const rel of ['articles/2023/dangereux.mdx', 'articles/2023/invalide.mdx']) {
      expect(entries(cache)).not.toContain(path.relative(cache.dir, entryOf(cache, content, rel).file));
    }
  });
});

describe('lineTable and lineOfTable', () => {
  const yaml = 'title: "Un titre"\nauthors:\n  - alice\n  - bruno\ncover:\n  src: ./photo.jpg\n  alt: "Une photo"\ncorrections:\n  - at: 2026-01-01T08:00:00+01:00\n    text: Corrigé.';
  const parsed = parseYaml(yaml, 'x.mdx', 1, [])!;

  it('answers every path of the front matter as the document does, and any other path from the document read again', () => {
    let rereads = 0;
    const lineOf = lineOfTable(lineTable(parsed.value, parsed.lineOf), () => {
      rereads++;
      return parseYaml(yaml, 'x.mdx', 1, [])!.lineOf;
    });
    for (const p of [[], ['title'], ['authors'], ['authors', 1], ['cover', 'src'], ['cover', 'alt'], ['corrections', 0, 'at'], ['corrections', 0, 'text']]) {
      expect(lineOf(p), JSON.stringify(p)).toBe(parsed.lineOf(p));
    }
    expect(rereads).toBe(0);
    for (const p of [['series'], ['cover', 'credit'], ['authors', 5], ['corrections', '0', 'at']]) {
      expect(lineOf(p), JSON.stringify(p)).toBe(parsed.lineOf(p));
    }
    expect(rereads).toBe(1);
  });
});
