/**
 * loadContent (src/build/content.ts) on tiny content trees written to
 * temporary folders: what it accepts, and the problems it reports — all of
 * them, once each, with file, line, field, found and expected.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/build/content.ts';
import { formatProblem, sortProblems } from '../../src/lib/errors.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rotative-loader-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const A_JPEG = path.resolve(import.meta.dirname, '../fixtures/basic/content/articles/2016/premier-episode/couverture.jpg');

/** The build's "now" for every load: fixed, so that the tests never depend on the clock. */
const NOW = new Date('2026-11-28T12:00:00+01:00');

/** Writes `files` (path relative to the content folder → text, or `{ copy }` of a real file) into a fresh content folder. */
function writeTree(files: Record<string, string | { copy: string }>): string {
  const content = path.join(mkdtempSync(path.join(work, 'tree-')), 'content');
  for (const [rel, body] of Object.entries(files)) {
    const abs = path.join(content, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof body === 'string') writeFileSync(abs, body);
    else copyFileSync(body.copy, abs);
  }
  mkdirSync(content, { recursive: true });
  return content;
}

/** An MDX article: front matter lines, then the body. */
const mdx = (frontMatter: string, body = 'Le texte.') => `---\n${frontMatter}\n---\n\n${body}\n`;
const FRONT = [
  'title: "Un titre"',
  'description: "Un chapô."',
  'publishedAt: 2020-01-01T08:00:00+01:00',
  'authors: [alice]',
  'category: cloud',
].join('\n');

/** The smallest valid tree; a test adds or replaces files. */
const BASE = {
  'site.yaml': 'name: "Le Test"\nurl: https://test.example\n',
  'authors/alice.yaml': 'name: Alice Martin\n',
  'categories/cloud.yaml': 'title: Cloud\n',
  'articles/2020/premier.mdx': mdx(FRONT),
};

/** Loads a tree and returns its problems as printed, the content folder shown as `content/`. */
function problemsOf(files: Record<string, string | { copy: string }>): string[] {
  const content = writeTree(files);
  const shownAs = `${path.relative(process.cwd(), content)}/`;
  return sortProblems(loadContent(content, { now: NOW }).problems).map((p) => formatProblem(p).split(shownAs).join('content/'));
}

function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const rel of readdirSync(dir, { recursive: true }) as string[]) {
    const abs = path.join(dir, rel);
    out[rel] = statSync(abs).isDirectory() ? 'folder' : createHash('sha256').update(readFileSync(abs)).digest('hex');
  }
  return out;
}

describe('loadContent on a valid tree', () => {
  it('loads every kind of file, with defaults applied and no problem', () => {
    const content = writeTree({
      ...BASE,
      'authors/bruno.yml': 'name: Bruno Petit\nrole: Rédacteur en chef\n',
      'series/un-an-apres.yaml': 'title: Un an après\ndescription: "Que sont-ils devenus ?"\n',
      'articles/2021/Été brûlant.mdx': mdx(`${FRONT.replace('2020-01-01', '2021-07-14')}\nseries: un-an-apres\nepisode: 1\nrevisits: [premier]`),
      'articles/2021/mon-dossier/index.mdx': mdx(
        `${FRONT}\ncover:\n  src: ./photo.jpg\n  alt: "Une photo"`,
        '<Figure src="./photo.jpg" alt="La même" />\n\n![Encore](./ma%20photo.jpg)\n\n<ReadAlso slug="premier" />',
      ),
      'articles/2021/mon-dossier/photo.jpg': { copy: A_JPEG },
      'articles/2021/mon-dossier/ma photo.jpg': { copy: A_JPEG },
    });
    const loaded = loadContent(content, { now: NOW });
    expect(loaded.problems.map(formatProblem)).toEqual([]);

    expect(loaded.site).toMatchObject({ name: 'Le Test', url: 'https://test.example', language: 'fr-FR', follow: [] });
    expect([...loaded.authors.keys()].sort()).toEqual(['alice', 'bruno']);
    expect([...loaded.series.keys()]).toEqual(['un-an-apres']);
    expect(loaded.articles.map((a) => a.slug).sort()).toEqual(['ete-brulant', 'mon-dossier', 'premier']);

    const premier = loaded.articles.find((a) => a.slug === 'premier')!;
    expect(premier.data.publishedAt).toEqual(new Date('2020-01-01T07:00:00Z'));
    expect(premier.data).toMatchObject({ tags: [], revisits: [], draft: false });
    expect(path.isAbsolute(premier.file), 'files are shown relative to the project').toBe(false);
    expect(premier.file).toBe(path.relative(process.cwd(), path.join(content, 'articles/2020/premier.mdx')));

    const dossier = loaded.articles.find((a) => a.slug === 'mon-dossier')!;
    expect(dossier.assets.map((a) => [a.field, path.basename(a.absPath)])).toEqual([
      ['cover.src', 'photo.jpg'],
      ['<Figure src>', 'photo.jpg'],
      ['![image]', 'ma photo.jpg'],
    ]);
    expect(dossier.readAlso).toEqual([{ slug: 'premier', line: 16 }]);
  });

  it('never writes to the tree', () => {
    const content = writeTree({ ...BASE, 'articles/2020/second.mdx': mdx(`${FRONT}\nauthors: [nobody]`) });
    const before = snapshotTree(content);
    loadContent(content, { now: NOW });
    expect(snapshotTree(content)).toEqual(before);
  });
});

describe('loadContent problems', () => {
  it('reports every problem of every file in one pass', () => {
    expect(
      problemsOf({
        ...BASE,
        'site.yaml': 'name: "Le Test"\n',
        'series/un-an-apres.yaml': 'title: Un an après\ncadance: hebdomadaire\n',
        'articles/2020/premier.mdx': mdx(FRONT.replace('2020-01-01T08:00:00+01:00', '"1er janvier 2020"')),
        'articles/2020/second.mdx': mdx(FRONT.replace('category: cloud', 'category: securite')),
      }),
    ).toEqual([
      'content/articles/2020/premier.mdx:4 › publishedAt: found "1er janvier 2020", expected a date and time in ISO 8601 with its offset, e.g. 2016-05-12T08:00:00+02:00',
      'content/articles/2020/second.mdx:6 › category: found "securite", which is not a rubrique, expected one of: cloud',
      'content/series/un-an-apres.yaml:1 › description: found nothing (the field is missing), expected required: a sentence or two describing the series',
      'content/series/un-an-apres.yaml:2 › cadance: found an unknown field, expected one of the known fields: title, description, cadence, blurb (is there a typo in the field name?)',
      'content/site.yaml:1 › url: found nothing (the field is missing), expected required: an absolute URL starting with https:// or http://',
    ]);
  });

  it('reports a missing site.yaml', () => {
    const { 'site.yaml': _site, ...rest } = BASE;
    expect(problemsOf(rest)).toEqual(['content/site.yaml: found no such file, expected a site.yaml with at least name and url']);
  });

  it('reports front matter that is missing, not a mapping, or not YAML, with its line', () => {
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/sans.mdx': 'Pas de front matter.\n',
        'articles/2020/liste.mdx': mdx('- un\n- deux'),
        'articles/2020/yaml.mdx': mdx('title: "Un titre\ndescription: x'),
      }),
    ).toEqual([
      'content/articles/2020/liste.mdx:2: found ["un","deux"], expected a YAML mapping of "field: value" lines',
      'content/articles/2020/sans.mdx:1: found no front matter, expected a front matter block between two "---" lines at the top of the file',
      // The parser notices the missing quote where the text ends: the last line.
      expect.stringMatching(/^content\/articles\/2020\/yaml\.mdx:3: found invalid YAML \(.+\), expected valid YAML/),
    ]);
  });

  it('lists the known fields of the block holding an unknown field', () => {
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(`${FRONT}\ncover:\n  src: ./a.jpg\n  alt: A\n  credits: "©"`) })).toContainEqual(
      'content/articles/2020/premier.mdx:10 › cover.credits: found an unknown field, expected one of the known fields: src, alt, credit, caption (is there a typo in the field name?)',
    );
  });

  it('refuses a file name that is not an id', () => {
    expect(problemsOf({ ...BASE, 'categories/Mobile.yaml': 'title: Mobile\n' })).toEqual([
      'content/categories/Mobile.yaml: found the file name "Mobile.yaml", expected a lowercase ASCII id as file name, e.g. "mobile.yaml"',
    ]);
  });

  it('lists the valid ids of a bad reference, or says there is none', () => {
    expect(
      problemsOf({
        ...BASE,
        'authors/bruno.yaml': 'name: Bruno\n',
        'articles/2020/premier.mdx': mdx(`${FRONT.replace('[alice]', '[alice, claire]')}\nseries: un-an-apres`),
      }),
    ).toEqual([
      'content/articles/2020/premier.mdx:5 › authors[1]: found "claire", which is not in content/authors/, expected one of: alice, bruno',
      'content/articles/2020/premier.mdx:7 › series: found "un-an-apres", which is not a series, expected an id, but there is none: the folder is empty',
    ]);
  });

  it('refuses an HTML <img> of a local file, which would skip the image pipeline', () => {
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(FRONT, 'Texte.\n\n<img src="./photo.jpg" alt="Une photo" />') })).toEqual([
      'content/articles/2020/premier.mdx:11 › <img>: found the HTML element <img>, expected ![texte](./image.jpg) or <Figure src="./image.jpg" alt="…" />, which go through the image pipeline',
    ]);
  });

  it('suggests the id a typo was probably meant to be', () => {
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/deuxieme.mdx': mdx(FRONT.replace('[alice]', '[alic]').replace('cloud', 'clouds'), 'Texte.\n\n<ReadAlso slug="premeir" />'),
      }),
    ).toEqual([
      'content/articles/2020/deuxieme.mdx:5 › authors[0]: found "alic", which is not in content/authors/, expected one of: alice (did you mean "alice"?)',
      'content/articles/2020/deuxieme.mdx:6 › category: found "clouds", which is not a rubrique, expected one of: cloud (did you mean "cloud"?)',
      'content/articles/2020/deuxieme.mdx:11 › <ReadAlso slug>: found "premeir", expected the slug of an article (its file or folder name) (did you mean "premier"?)',
    ]);
  });

  it('refuses an article revisiting itself, and a <ReadAlso> to no article, with its line', () => {
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(`${FRONT}\nrevisits: [premier]`, 'Texte.\n\n<ReadAlso slug="deuxieme" />') })).toEqual([
      'content/articles/2020/premier.mdx:7 › revisits[0]: found "premier", expected the slug of another article (its file or folder name) (is there a typo?)',
      'content/articles/2020/premier.mdx:12 › <ReadAlso slug>: found "deuxieme", expected the slug of an article (its file or folder name) (is there a typo?)',
    ]);
  });

  it('checks the components of the MDX body: <Figure> alt and file, <Video> file', () => {
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/premier.mdx': mdx(FRONT, '<Figure src="./absente.png" />\n\n<Video src="./clip.mp4" title="Clip" />\n\n<Video title="Rien" />'),
      }),
    ).toEqual([
      'content/articles/2020/premier.mdx:9 › <Figure alt>: found nothing (the field is missing), expected a non-empty alt text describing the image',
      expect.stringMatching(/^content\/articles\/2020\/premier\.mdx:9 › <Figure src>: found "\.\/absente\.png", but there is no such file/),
      expect.stringMatching(/^content\/articles\/2020\/premier\.mdx:11 › <Video src>: found "\.\/clip\.mp4", but there is no such file/),
      'content/articles/2020/premier.mdx:13 › <Video>: found neither youtube nor src, expected youtube="<video id>" or src="./clip.mp4"',
    ]);
  });

  it('names both files of a duplicate slug, a file and a folder alike', () => {
    const [line, ...rest] = problemsOf({ ...BASE, 'articles/2021/premier/index.mdx': mdx(FRONT) });
    expect(rest).toEqual([]);
    expect(line).toContain('content/articles/2020/premier.mdx');
    expect(line).toContain('content/articles/2021/premier/index.mdx');
    expect(line).toContain('the slug "premier"');
  });

  it('refuses an episode without a series, and a tag without a letter', () => {
    expect(
      problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(`${FRONT}\nepisode: 3`), 'articles/2020/second.mdx': mdx(`${FRONT}\ntags: ["!!!"]`) }),
    ).toEqual([
      'content/articles/2020/premier.mdx:7 › episode: found 3, expected no episode number without a series (add `series:` or remove `episode:`)',
      'content/articles/2020/second.mdx:7 › tags: found "!!!", expected a label with at least one letter or digit',
    ]);
  });
});

// Known defects: these describe what the loader must do, and fail until it does.
describe('loadContent problems: one message per mistake, never a crash', () => {
  it('reports a Markdown image path with a stray % as a problem instead of throwing', () => {
    let problems: string[] = [];
    expect(() => {
      problems = problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(FRONT, '![Disponibilité](./dispo-100%.png)') });
    }).not.toThrow();
    expect(problems).toEqual([expect.stringMatching(/^content\/articles\/2020\/premier\.mdx:9 › !\[image\]: found "\.\/dispo-100%\.png"/)]);
  });

  it('does not report an invalid article as a missing slug in every article pointing at it', () => {
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/premier.mdx': mdx(FRONT.replace('title: "Un titre"\n', '')),
        'articles/2021/suite.mdx': mdx(`${FRONT}\nrevisits: [premier]`, '<ReadAlso slug="premier" />'),
      }),
    ).toEqual(['content/articles/2020/premier.mdx:2 › title: found nothing (the field is missing), expected required: a non-empty headline']);
  });

  it('does not report an invalid author or rubrique file as an unknown id in every article naming it', () => {
    expect(
      problemsOf({
        ...BASE,
        'authors/alice.yaml': 'name: Alice Martin\nlinks: [{ label: Mastodon, url: "mastodon.social/@alice" }]\n',
        'categories/cloud.yaml': 'title: ""\n',
      }),
    ).toEqual([
      'content/authors/alice.yaml:2 › links[0].url: found "mastodon.social/@alice", expected an absolute URL starting with https:// or http://',
      'content/categories/cloud.yaml:1 › title: found "", expected the rubrique name, e.g. "Cloud"',
    ]);
  });

  it('still checks the files an article names when its front matter is invalid', () => {
    expect(
      problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(FRONT.replace('title: "Un titre"', 'title: ""'), '<Figure src="./absente.png" alt="x" />') }),
    ).toEqual([
      'content/articles/2020/premier.mdx:2 › title: found "", expected a non-empty headline',
      expect.stringMatching(/^content\/articles\/2020\/premier\.mdx:9 › <Figure src>: found "\.\/absente\.png", but there is no such file/),
    ]);
  });

  it('reports a file that is not one of the content folder once, whoever names it (the path resolver, not the safety check)', () => {
    const cases: [string, string][] = [
      ['![Une carte](/images/carte.jpg)', '![image]'],
      ['<Figure src="https://cdn.example/a.jpg" alt="Une image" />', '<Figure src>'],
      ['<Video src="./clip.mp4" poster="https://cdn.example/p.jpg" title="Clip" />', '<Video poster>'],
      ['<Video src="https://cdn.example/clip.mp4" title="Clip" />', '<Video src>'],
    ];
    for (const [body, field] of cases) {
      const problems = problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(FRONT, body), 'articles/2020/clip.mp4': 'x' });
      expect(problems, body).toHaveLength(1);
      expect(problems[0], body).toContain(`› ${field}:`);
    }
  });
});

describe('loadContent reads every content file as UTF-8 text', () => {
  const LATIN1_TITLE = Buffer.from('---\ntitle: "Un \xe9t\xe9 br\xfblant"\n---\n\nTexte.\n', 'latin1');

  it('refuses a NUL byte, or another control character, with its line, in an article and in a YAML file', () => {
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/premier.mdx': mdx(FRONT, 'Premier paragraphe.\n\nLe te\u0000xte.'),
        'authors/alice.yaml': 'name: Alice Martin\nbio: "Une bio\u0085 avec un caractère C1"\n',
        'categories/cloud.yaml': 'title: Cloud\u001b[31m\n',
      }),
    ).toEqual([
      'content/articles/2020/premier.mdx:11: found the invisible control character U+0000 (NUL) at column 6, expected text without control characters (tab and line breaks only): delete it, e.g. by retyping the characters around it',
      'content/authors/alice.yaml:2: found the invisible control character U+0085 at column 14, expected text without control characters (tab and line breaks only): delete it, e.g. by retyping the characters around it',
      'content/categories/cloud.yaml:1: found the invisible control character U+001B at column 13, expected text without control characters (tab and line breaks only): delete it, e.g. by retyping the characters around it',
    ]);
  });

  it('refuses bytes that are not UTF-8 (a file saved as Latin-1), with the line of the first one, in every kind of file', () => {
    const content = writeTree({ ...BASE, 'authors/alice.yaml': 'name: Alice Martin\nrole: x\n' });
    writeFileSync(path.join(content, 'articles/2020/premier.mdx'), Buffer.concat([Buffer.from(mdx(FRONT, 'Un paragraphe.')), Buffer.from('Le caf\xe9.\n', 'latin1')]));
    writeFileSync(path.join(content, 'authors/alice.yaml'), Buffer.from('name: Alice Martin\nrole: "R\xe9dactrice"\n', 'latin1'));
    writeFileSync(path.join(content, 'site.yaml'), Buffer.from('name: "Le Num\xe9rique"\nurl: https://test.example\n', 'latin1'));
    mkdirSync(path.join(content, 'articles/2021'));
    writeFileSync(path.join(content, 'articles/2021/ete.mdx'), LATIN1_TITLE);
    const shownAs = `${path.relative(process.cwd(), content)}/`;
    const problems = sortProblems(loadContent(content, { now: NOW }).problems).map((p) => formatProblem(p).split(shownAs).join('content/'));
    const expected = 'found bytes that are not UTF-8 (the file was probably saved as Latin-1 or Windows-1252), expected a text file encoded in UTF-8: open it in your editor and save it again with the UTF-8 encoding';
    expect(problems).toEqual([
      `content/articles/2020/premier.mdx:10: ${expected}`,
      `content/articles/2021/ete.mdx:2: ${expected}`,
      `content/authors/alice.yaml:2: ${expected}`,
      `content/site.yaml:1: ${expected}`,
    ]);
  });

  it('accepts a UTF-8 byte order mark at the start of an article and of a YAML file, and drops it', () => {
    const content = writeTree({
      ...BASE,
      'articles/2020/premier.mdx': `\uFEFF${mdx(FRONT)}`,
      'authors/alice.yaml': '\uFEFFname: Alice Martin\n',
      'site.yaml': '\uFEFFname: "Le Test"\r\nurl: https://test.example\r\n',
    });
    const loaded = loadContent(content, { now: NOW });
    expect(loaded.problems.map(formatProblem)).toEqual([]);
    expect(loaded.articles[0]!.data.title).toBe('Un titre');
    expect(loaded.articles[0]!.body).not.toContain('\uFEFF');
    expect(loaded.authors.get('alice')!.data.name).toBe('Alice Martin');
    expect(loaded.site!.name).toBe('Le Test');
  });
});

describe('loadContent YAML: real lines, no tags', () => {
  it('gives a YAML syntax error the line it is on, in an article (after the "---" line) and in a YAML file', () => {
    const fm = ['title: "Un titre"', 'description: "Un chapô."', 'publishedAt: 2020-01-01T08:00:00+01:00', 'authors: [alice]', 'category: cloud', 'title: "Encore"'].join('\n');
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(fm), 'series/un-an-apres.yaml': 'title: Un an après\ndescription: x\ncadence: hebdo: oui\nblurb: y\n' })).toEqual([
      // Front-matter line 6 is the file's line 7.
      'content/articles/2020/premier.mdx:7: found invalid YAML (Map keys must be unique), expected valid YAML: "key: value" lines, lists in [ ] or with "- "',
      expect.stringMatching(/^content\/series\/un-an-apres\.yaml:3: found invalid YAML/),
    ]);
    // Front-matter line 5 is the file's line 6.
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(`${FRONT.split('\n').slice(0, 4).join('\n')}\ncategory: cloud: mobile`) })).toEqual([
      expect.stringMatching(/^content\/articles\/2020\/premier\.mdx:6: found invalid YAML/),
    ]);
  });

  it('refuses YAML tags (!!js/function, !!binary, any !tag), naming the file and the line', () => {
    const expected = 'expected a plain value (text, number, date, list or block) without a tag: remove the tag, or put the value in quotes';
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/premier.mdx': mdx(`${FRONT}\ntags: [cloud]\ndescription2: !!js/function "function () { return 1; }"`),
        'authors/alice.yaml': 'name: Alice Martin\navatar: !!binary aGVsbG8=\n',
        'categories/cloud.yaml': 'title: !cloud Cloud\n',
      }),
    ).toEqual([
      `content/articles/2020/premier.mdx:8: found the YAML tag !!js/function, ${expected}`,
      `content/authors/alice.yaml:2: found the YAML tag !!binary, ${expected}`,
      `content/categories/cloud.yaml:1: found the YAML tag !cloud, ${expected}`,
    ]);
  });

  it('gives the line of a cover, an avatar, a revisits slug and a tag it reports', () => {
    expect(
      problemsOf({
        ...BASE,
        'authors/alice.yaml': 'name: Alice Martin\nrole: Journaliste\navatar: ./alice.jpg\n',
        'articles/2020/premier.mdx': mdx(`${FRONT}\ntags:\n  - cloud\n  - "???"\nrevisits:\n  - inconnu\ncover:\n  alt: Une photo\n  src: ./photo.jpg`),
      }),
    ).toEqual([
      'content/articles/2020/premier.mdx:9 › tags: found "???", expected a label with at least one letter or digit',
      'content/articles/2020/premier.mdx:11 › revisits[0]: found "inconnu", expected the slug of another article (its file or folder name) (is there a typo?)',
      expect.stringMatching(/^content\/articles\/2020\/premier\.mdx:14 › cover\.src: found "\.\/photo\.jpg", but there is no such file/),
      expect.stringMatching(/^content\/authors\/alice\.yaml:3 › avatar: found "\.\/alice\.jpg", but there is no such file/),
    ]);
  });
});

describe('loadContent refuses values that cannot be true', () => {
  it('refuses a date that is not in the calendar (30 February, 24:00), and accepts 29 February of a leap year', () => {
    const REAL = 'expected a date and time that exist: month 01 to 12, a day the month has (no 30 February), hours up to 23, minutes and seconds up to 59, e.g. 2016-05-12T08:00:00+02:00';
    expect(
      problemsOf({
        ...BASE,
        'articles/2016/fevrier.mdx': mdx(FRONT.replace('2020-01-01T08:00:00+01:00', '2016-02-30T08:00:00+01:00')),
        'articles/2016/minuit.mdx': mdx(`${FRONT}\nupdatedAt: 2020-01-01T24:00:00+01:00`),
        'articles/2016/bissextile.mdx': mdx(FRONT.replace('2020-01-01T08:00:00+01:00', '2016-02-29T08:00:00+01:00')),
      }),
    ).toEqual([
      `content/articles/2016/fevrier.mdx:4 › publishedAt: found "2016-02-30T08:00:00+01:00", ${REAL}`,
      `content/articles/2016/minuit.mdx:7 › updatedAt: found "2020-01-01T24:00:00+01:00", ${REAL}`,
    ]);
  });

  it('refuses an update dated after the build, and says how the date of the build is set', () => {
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/premier.mdx': mdx(`${FRONT}\nupdatedAt: 2031-01-01T08:00:00+01:00`),
        'articles/2020/second.mdx': mdx(`${FRONT}\nupdatedAt: 2026-11-28T12:00:00+01:00`),
      }),
    ).toEqual([
      'content/articles/2020/premier.mdx:7 › updatedAt: found "2031-01-01T08:00:00+01:00", which is after the date of the build (2026-11-28T11:00:00.000Z), expected a date not later than the date of the build: the time of the build, or ROTATIVE_NOW when it is set',
    ]);
  });

  it('refuses revisits towards an article that is not older, which also rules out cycles', () => {
    const at = (date: string) => FRONT.replace('2020-01-01T08:00:00+01:00', date);
    const problems = problemsOf({
      ...BASE,
      'articles/2020/premier.mdx': mdx(`${FRONT}\nrevisits: [suite]`),
      'articles/2021/suite.mdx': mdx(`${at('2021-03-01T08:00:00+01:00')}\nrevisits: [premier]`),
      'articles/2021/meme-jour.mdx': mdx(`${at('2021-03-01T08:00:00+01:00')}\nrevisits: [suite]`),
    });
    expect(problems).toEqual([
      'content/articles/2020/premier.mdx:7 › revisits[0]: found "suite", published on 2021-03-01 (content/articles/2021/suite.mdx), not before this article (2020-01-01), expected the slug of an article published before this one: revisits points back to earlier articles only, so no two articles can revisit each other',
      'content/articles/2021/meme-jour.mdx:7 › revisits[0]: found "suite", published on 2021-03-01 (content/articles/2021/suite.mdx), not before this article (2021-03-01), expected the slug of an article published before this one: revisits points back to earlier articles only, so no two articles can revisit each other',
    ]);
  });

  it('refuses a text made only of invisible characters, in every kind of file', () => {
    expect(
      problemsOf({
        ...BASE,
        'site.yaml': 'name: "\u00A0"\nurl: https://test.example\n',
        'authors/alice.yaml': 'name: "\u2060"\n',
        'categories/cloud.yaml': 'title: "\uFEFF"\n',
        'series/un-an-apres.yaml': 'title: "Un an après"\ndescription: "\u200C\u200D"\n',
        'articles/2020/premier.mdx': mdx(FRONT.replace('"Un titre"', '"\u200B\u00A0\u200B"')),
        'articles/2020/second.mdx': mdx(FRONT.replace('"Un chapô."', '"\u3000\u2028"')),
      }),
    ).toEqual([
      'content/articles/2020/premier.mdx:2 › title: found "\\u200B\\u00A0\\u200B" (only spaces or invisible characters), expected a non-empty headline',
      'content/articles/2020/second.mdx:3 › description: found "\\u3000\\u2028" (only spaces or invisible characters), expected a non-empty lede of one or two sentences',
      'content/authors/alice.yaml:1 › name: found "\\u2060" (only spaces or invisible characters), expected the author\'s full name, e.g. "Claire Martin"',
      'content/categories/cloud.yaml:1 › title: found "\\uFEFF" (only spaces or invisible characters), expected the rubrique name, e.g. "Cloud"',
      'content/series/un-an-apres.yaml:2 › description: found "\\u200C\\u200D" (only spaces or invisible characters), expected a sentence or two describing the series',
      'content/site.yaml:1 › name: found "\\u00A0" (only spaces or invisible characters), expected the magazine name, e.g. "Le Quotidien du Numérique"',
    ]);
  });

  it('refuses a tag given twice in one article, as the same label or as two spellings of one tag', () => {
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/premier.mdx': mdx(`${FRONT}\ntags: [cloud, OpenStack, cloud]`),
        'articles/2020/second.mdx': mdx(`${FRONT}\ntags:\n  - Cloud souverain\n  - cloud-souverain`),
      }),
    ).toEqual([
      'content/articles/2020/premier.mdx:7 › tags: found "cloud" twice, expected each tag once per article: remove the repeated one',
      'content/articles/2020/second.mdx:9 › tags: found "cloud-souverain", the same tag (/tags/cloud-souverain/) as "Cloud souverain" above, expected each tag once per article: remove the repeated one',
    ]);
  });
});

describe('loadContent names the files under articles/ it would not read', () => {
  it('reports a Markdown file, or an .mdx with another extension, and says how to rename it', () => {
    expect(
      problemsOf({
        ...BASE,
        'articles/2021/dossier/index.md': mdx(FRONT),
        'articles/2021/dossier/photo.jpg': { copy: A_JPEG },
        'articles/2021/note.markdown': mdx(FRONT),
        'articles/2021/brouillon.mdx.txt': mdx(FRONT),
        'articles/2021/Majuscules.MDX': mdx(FRONT),
        'articles/2020/premier/notes.txt': 'Des notes.',
      }),
    ).toEqual([
      'content/articles/2021/Majuscules.MDX: found a file that looks like an article but is not read, expected articles are .mdx files: rename Majuscules.MDX to Majuscules.mdx',
      'content/articles/2021/brouillon.mdx.txt: found a file that looks like an article but is not read, expected articles are .mdx files: rename brouillon.mdx.txt to brouillon.mdx',
      'content/articles/2021/dossier/index.md: found a file that looks like an article but is not read, expected articles are .mdx files: rename index.md to index.mdx',
      'content/articles/2021/note.markdown: found a file that looks like an article but is not read, expected articles are .mdx files: rename note.markdown to note.mdx',
    ]);
  });
});
