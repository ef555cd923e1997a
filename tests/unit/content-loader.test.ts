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
  return sortProblems(loadContent(content).problems).map((p) => formatProblem(p).split(shownAs).join('content/'));
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
      'articles/2021/Été brûlant.mdx': mdx(`${FRONT}\nseries: un-an-apres\nepisode: 1\nrevisits: [premier]`),
      'articles/2021/mon-dossier/index.mdx': mdx(
        `${FRONT}\ncover:\n  src: ./photo.jpg\n  alt: "Une photo"`,
        '<Figure src="./photo.jpg" alt="La même" />\n\n![Encore](./ma%20photo.jpg)\n\n<ReadAlso slug="premier" />',
      ),
      'articles/2021/mon-dossier/photo.jpg': { copy: A_JPEG },
      'articles/2021/mon-dossier/ma photo.jpg': { copy: A_JPEG },
    });
    const loaded = loadContent(content);
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
    loadContent(content);
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
      'content/articles/2020/second.mdx › category: found "securite", which is not a rubrique, expected one of: cloud',
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
      expect.stringMatching(/^content\/articles\/2020\/yaml\.mdx:2: found invalid YAML \(.+\), expected valid YAML/),
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
      'content/articles/2020/premier.mdx › authors[1]: found "claire", which is not in content/authors/, expected one of: alice, bruno',
      'content/articles/2020/premier.mdx › series: found "un-an-apres", which is not a series, expected an id, but there is none: the folder is empty',
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
      'content/articles/2020/deuxieme.mdx › authors[0]: found "alic", which is not in content/authors/, expected one of: alice (did you mean "alice"?)',
      'content/articles/2020/deuxieme.mdx › category: found "clouds", which is not a rubrique, expected one of: cloud (did you mean "cloud"?)',
      'content/articles/2020/deuxieme.mdx:11 › <ReadAlso slug>: found "premeir", expected the slug of an article (its file or folder name) (did you mean "premier"?)',
    ]);
  });

  it('refuses an article revisiting itself, and a <ReadAlso> to no article, with its line', () => {
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(`${FRONT}\nrevisits: [premier]`, 'Texte.\n\n<ReadAlso slug="deuxieme" />') })).toEqual([
      'content/articles/2020/premier.mdx › revisits[0]: found "premier", expected the slug of another article (its file or folder name) (is there a typo?)',
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
      'content/articles/2020/second.mdx › tags: found "!!!", expected a label with at least one letter or digit',
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
