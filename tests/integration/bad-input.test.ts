/**
 * Content mistakes, as a writer makes them, through the real build: each case
 * of tests/fixtures/bad-input/ (see its README) must stop the build with one
 * readable line per problem — file, field, what was found, what is expected,
 * no stack trace — and leave the previous site exactly as it was.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSite, fixture, readPage, ROOT, runScript, TEST_NOW, type BuildResult } from '../helpers/build.ts';
import { snapshotTree } from '../helpers/tree.ts';

const CASES_DIR = path.join(ROOT, 'tests/fixtures/bad-input');

const work = mkdtempSync(path.join(tmpdir(), 'rotative-bad-input-'));
/** The output folder every build of this file writes to: the "previous site". */
const outDir = path.join(work, 'out', 'site');
// A cache of our own: builds of other test files never share Astro's data store with ours.
const cacheDir = path.join(work, 'cache');

const linesOf = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean) : []);

/**
 * basic/content copied to a fresh folder, with the case laid over it: its
 * files replace or add files at the same paths, the files listed in its
 * remove.txt are deleted, and the symbolic links listed in its links.txt
 * ("path -> target") are made (links are made here, never committed: one
 * pointing out of the repository would point anywhere on another machine).
 */
function contentFor(name: string): string {
  const caseDir = path.join(CASES_DIR, name);
  expect(existsSync(caseDir), `no fixture folder ${path.relative(ROOT, caseDir)}`).toBe(true);
  const content = path.join(mkdtempSync(path.join(work, `${name}-`)), 'content');
  cpSync(fixture('basic'), content, { recursive: true });
  cpSync(caseDir, content, { recursive: true, filter: (src) => !['remove.txt', 'links.txt'].includes(path.relative(caseDir, src)) });
  for (const rel of linesOf(path.join(caseDir, 'remove.txt'))) rmSync(path.join(content, rel));
  for (const line of linesOf(path.join(caseDir, 'links.txt'))) {
    const [link, target] = line.split(/\s*->\s*/) as [string, string];
    symlinkSync(target, path.join(content, link));
  }
  return content;
}

interface Run extends BuildResult {
  /** stdout then stderr, with the temporary content folder shown as `content/`. */
  output: string;
  /** The problem lines (`  - …` in the output), without the bullet. */
  problems: string[];
}

/**
 * Runs a script on a case. Problems name files relative to the working
 * directory (the repo root); the copy lives in a temporary folder, so its
 * relative path is replaced with `content/` to keep the assertions readable.
 * An absolute path in a message would not be replaced, and would fail them.
 */
function run(script: string, contentDir: string, args: string[] = [], now = TEST_NOW): Run {
  const result = runScript(script, { contentDir, outDir, args, now, env: { ROTATIVE_CACHE_DIR: cacheDir } });
  const shownAs = `${path.relative(ROOT, contentDir)}/`;
  const output = `${result.stdout}\n${result.stderr}`.split(shownAs).join('content/');
  const problems = output
    .split('\n')
    .filter((l) => l.startsWith('  - '))
    .map((l) => l.slice(4));
  return { ...result, output, problems };
}

/** One expected problem line. Without `line`, any line number (or none) is accepted. */
interface Expected {
  /** Relative to the content folder. */
  file: string;
  line?: number;
  field?: string;
  /** Text after "found " (values are quoted). */
  found?: string;
  /** Text after "expected ", or a pattern the whole line must match. */
  expected: string | RegExp;
  /** Other text the line must contain, e.g. the other file of a duplicate. */
  mentions?: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Each expected problem is reported once, as one readable line, and nothing else is. */
function expectProblems(result: Run, expected: Expected[]): void {
  const unmatched = [...result.problems];
  for (const e of expected) {
    const where = new RegExp(
      `^content/${escape(e.file)}${e.line === undefined ? '(:\\d+)?' : `:${e.line}`}${e.field ? ` › ${escape(e.field)}` : ''}: `,
    );
    const index = unmatched.findIndex((p) => where.test(p));
    expect(index, `no problem line for ${e.file}${e.line ? `:${e.line}` : ''}${e.field ? ` › ${e.field}` : ''} in:\n${result.output}`).not.toBe(-1);
    const line = unmatched.splice(index, 1)[0]!;
    if (e.found !== undefined) expect(line).toContain(`found ${e.found}`);
    if (typeof e.expected === 'string') expect(line).toContain(`expected ${e.expected}`);
    else expect(line).toMatch(e.expected);
    for (const m of e.mentions ?? []) expect(line).toContain(m);
  }
  expect(unmatched, 'problems reported besides the expected ones (one message per mistake)').toEqual([]);
  const count = expected.length;
  expect(result.output).toContain(count === 1 ? '1 content problem:' : `${count} content problems:`);
  // zod's own English messages must never reach writers.
  expect(result.output).not.toMatch(/Invalid input|expected (object|string|array|number), received/);
}

/** Exit 1 with messages only: no stack trace, no error class dump, no site built. */
function expectCleanFailure(result: Run): void {
  expect(result.status, result.output).toBe(1);
  expect(result.output, 'a stack trace was printed').not.toMatch(/^\s+at /m);
  expect(result.output, 'an error class was printed').not.toMatch(/\b[A-Z][A-Za-z]*Error\b/);
  expect(result.stdout).not.toContain('Site built');
}

interface Case {
  /** What the test checks, in words. */
  title: string;
  problems: Expected[];
  /** Adjusts the copied content before the build (e.g. to name a file of the test's own). */
  prepare?: (contentDir: string) => void;
  /** What else must hold after the build. */
  after?: () => void;
  /** ROTATIVE_NOW for this build, when the case depends on it (default TEST_NOW). */
  now?: string;
}

/** Where the article of `code-in-article` would write if its code ran. */
const SIDE_EFFECT_FILE = path.join(work, 'written-by-an-article.txt');

const LANCEMENT = 'articles/2016/lancement.mdx';
const SCHEDULED = 'articles/2016/episode-programme.mdx';
const EPISODE_ONE = 'articles/2016/premier-episode/index.mdx';
const DRAFT = 'articles/2016/brouillon.mdx';
const ISO_DATE = 'a date and time in ISO 8601 with its offset, e.g. 2016-05-12T08:00:00+02:00';
const NOT_AN_IMAGE = 'a JPEG, PNG, WebP or AVIF image file';
const INSIDE = 'a file inside the content folder, relative to this file';

/** Every case of tests/fixtures/bad-input/, with the problems it must report. */
const CASES: Record<string, Case> = {
  'unknown-author': {
    title: 'an unknown author id is named, with the valid ids',
    problems: [{ file: LANCEMENT, field: 'authors[0]', found: '"alice-martn"', expected: 'one of: alice-martin, bruno-petit' }],
  },
  'unknown-category': {
    title: 'an unknown rubrique is named, with the valid ids',
    problems: [{ file: LANCEMENT, field: 'category', found: '"securite"', expected: 'one of: cloud, mobile' }],
  },
  'unknown-series': {
    title: 'an unknown series is named, with the valid ids',
    problems: [{ file: SCHEDULED, field: 'series', found: '"deux-ans-apres"', expected: 'one of: un-an-apres' }],
  },
  'unknown-revisits': {
    title: 'a revisits slug that is no article is named',
    problems: [{ file: LANCEMENT, field: 'revisits[0]', found: '"cloudwatt-lancement"', expected: 'the slug of another article' }],
  },
  'missing-title': {
    title: 'a missing required field is named as missing',
    problems: [{ file: SCHEDULED, line: 2, field: 'title', found: 'nothing (the field is missing)', expected: 'required: a non-empty headline' }],
  },
  'date-in-words': {
    title: 'a date written in words is refused, with an example of the expected form',
    problems: [{ file: SCHEDULED, line: 4, field: 'publishedAt', found: '"1er janvier 2030"', expected: ISO_DATE }],
  },
  'date-without-offset': {
    title: 'a date without its offset is refused',
    problems: [{ file: SCHEDULED, line: 4, field: 'publishedAt', found: '"2030-01-01T08:00:00"', expected: ISO_DATE }],
  },
  'updated-before-published': {
    title: 'an update before the publication is refused',
    problems: [{ file: SCHEDULED, line: 5, field: 'updatedAt', found: '"2029-12-31T18:00:00+01:00"', expected: 'a date not before publishedAt' }],
  },
  'cover-missing': {
    title: 'a missing cover file is named, with where it was looked for',
    problems: [
      {
        file: EPISODE_ONE,
        field: 'cover.src',
        found: '"./couverture.jpg", but there is no such file (looked for content/articles/2016/premier-episode/couverture.jpg)',
        expected: 'a path to an existing file, relative to this file',
      },
    ],
  },
  'figure-missing': {
    title: 'a missing <Figure src> file is named, with its line',
    problems: [
      {
        file: EPISODE_ONE,
        line: 25,
        field: '<Figure src>',
        found: '"./schema.png", but there is no such file',
        expected: 'a path to an existing file, relative to this file',
      },
    ],
  },
  'not-an-image': {
    title: 'a text file named .jpg is reported as not an image',
    problems: [{ file: EPISODE_ONE, field: 'cover.src', found: '"./couverture.jpg", which is not a readable image', expected: NOT_AN_IMAGE }],
  },
  'cover-without-alt': {
    title: 'a cover with an empty alt is refused',
    problems: [{ file: SCHEDULED, line: 11, field: 'cover.alt', found: '""', expected: 'a non-empty description of the image (alt text)' }],
  },
  'duplicate-slug': {
    title: 'two articles with the same slug in two folders: both files are named',
    problems: [
      {
        file: 'articles/2017/lancement.mdx',
        found: 'the slug "lancement", already used by content/articles/2016/lancement.mdx',
        expected: 'a slug (file or folder name) used by one article only',
      },
    ],
  },
  'duplicate-episode': {
    title: 'the same episode number twice in a series: both files are named',
    problems: [
      {
        file: EPISODE_ONE,
        field: 'episode',
        found: '1, already the number of content/articles/2016/episode-programme.mdx in the series "un-an-apres"',
        expected: 'an episode number used once per series',
      },
    ],
  },
  'invalid-site': {
    title: 'site.yaml without a name and with a bad url: both are reported',
    problems: [
      { file: 'site.yaml', field: 'name', found: 'nothing (the field is missing)', expected: 'required: the magazine name' },
      { file: 'site.yaml', line: 2, field: 'url', found: '"pas une url"', expected: 'an absolute URL starting with https:// or http://' },
    ],
  },
  'mdx-syntax-error': {
    title: 'an unclosed <Quote> gives the file and the line',
    problems: [
      {
        file: SCHEDULED,
        line: 13,
        found: 'an MDX syntax error',
        expected: 'valid MDX: closed tags such as <Quote>…</Quote>',
        mentions: ['`<Quote>`'],
      },
    ],
  },
  'unknown-field': {
    title: 'a misspelt field is named as unknown, with the known fields',
    problems: [
      { file: SCHEDULED, line: 6, field: 'categroy', found: 'an unknown field', expected: /expected one of the known fields: .*\bcategory\b/ },
      { file: SCHEDULED, field: 'category', found: 'nothing (the field is missing)', expected: 'required:' },
    ],
  },
  'tag-collision': {
    title: 'two spellings of one tag: both labels and both files are named',
    problems: [
      {
        file: EPISODE_ONE,
        field: 'tags',
        found: '"OpenStack", which gives the same tag page /tags/openstack/ as "openstack" in content/articles/2016/lancement.mdx',
        expected: 'one spelling per tag',
      },
    ],
  },
  'video-outside': {
    title: 'a <Video src> climbing out of the content folder by "../" is refused, not published',
    problems: [{ file: SCHEDULED, line: 13, field: '<Video src>', found: '"../../../../../../../../etc/passwd", which is outside the content folder', expected: INSIDE }],
  },
  'video-link-outside': {
    title: 'a clip.mp4 that is a symbolic link to /etc/passwd is refused, not published',
    problems: [{ file: SCHEDULED, line: 13, field: '<Video src>', found: '"./clip.mp4", which is a symbolic link to a file outside the content folder', expected: INSIDE }],
  },
  'video-not-a-video': {
    title: 'a clip.mp4 whose bytes are text is refused: media are checked by their bytes',
    problems: [{ file: SCHEDULED, line: 13, field: '<Video src>', found: '"./clip.mp4", which is not a video', expected: 'an MP4, WebM or Ogg video file' }],
  },
  'figure-absolute': {
    title: 'an absolute <Figure src> is refused with a message, not a stack trace',
    problems: [{ file: SCHEDULED, line: 13, field: '<Figure src>', found: '"/etc/hostname", an absolute path', expected: 'a path relative to this file', mentions: ['relative to the article'] }],
  },
  'cover-outside': {
    title: 'a cover outside the content folder is refused, with the line of the field',
    problems: [{ file: SCHEDULED, line: 8, field: 'cover.src', found: '"../../../dehors.jpg", which is outside the content folder', expected: INSIDE }],
  },
  'avatar-outside': {
    title: 'an avatar outside the content folder is refused, with the line of the field',
    problems: [{ file: 'authors/bruno-petit.yaml', line: 3, field: 'avatar', found: '"../../portrait.jpg", which is outside the content folder', expected: INSIDE }],
  },
  symlinks: {
    title: 'a symbolic link to an article and one to a folder of articles are refused, not followed nor skipped',
    problems: [
      { file: 'articles/2016/copie.mdx', found: 'a symbolic link (to a file)', expected: 'a real file or folder: symbolic links are not allowed in the content folder', mentions: ['copy the file instead'] },
      { file: 'articles/2017', found: 'a symbolic link (to a folder)', expected: 'a real file or folder: symbolic links are not allowed in the content folder', mentions: ['copy the file instead'] },
    ],
  },
  'code-in-article': {
    title: 'code in an article is refused before anything renders: it never runs',
    prepare: (content) => {
      const file = path.join(content, LANCEMENT);
      writeFileSync(file, readFileSync(file, 'utf8').replace('__SIDE_EFFECT_FILE__', SIDE_EFFECT_FILE));
    },
    after: () => expect(existsSync(SIDE_EFFECT_FILE), 'the export in the article ran during the build').toBe(false),
    problems: [
      { file: LANCEMENT, line: 10, field: 'export', found: 'the code "export const pwned = (await import(\'node:fs\'))', expected: 'text, Markdown and the site’s components' },
      { file: LANCEMENT, line: 12, field: '{…}', found: 'the expression {pwned}', expected: 'text: a literal { is written \\{' },
    ],
  },
  'unsafe-html': {
    title: 'expressions, scripts, event handlers, javascript: links, iframes and remote images are each refused, with their line',
    problems: [
      { file: SCHEDULED, line: 11, field: '{…}', found: 'the expression {new Date().getFullYear()}', expected: 'text: a literal { is written \\{' },
      { file: SCHEDULED, line: 13, field: '<Quote by>', found: 'the expression {auteur}', expected: 'a literal value between quotes: by="…"' },
      { file: SCHEDULED, line: 15, field: '<script>', found: 'the HTML element <script>', expected: 'no script' },
      { file: SCHEDULED, line: 17, field: '<span onclick>', found: 'the event handler onclick', expected: 'no script' },
      { file: SCHEDULED, line: 19, field: '[link]', found: 'the link "javascript:alert(1)"', expected: 'a link starting with https://' },
      { file: SCHEDULED, line: 21, field: '<iframe>', found: 'the HTML element <iframe>', expected: '<Video youtube="identifiant"' },
      { file: SCHEDULED, line: 23, field: '<img>', found: 'the HTML element <img>', expected: '![texte](./image.jpg) or <Figure' },
      { file: SCHEDULED, line: 25, field: '![image]', found: 'the remote file "https://tracker.example/pixel.png"', expected: 'an image file next to the article' },
    ],
  },
  'several-problems': {
    title: 'five mistakes in five files are all reported in one run',
    problems: [
      { file: 'site.yaml', line: 2, field: 'url', found: '"gazette.example"', expected: 'an absolute URL starting with https:// or http://' },
      { file: 'articles/2016/brouillon.mdx', field: 'description', found: 'nothing (the field is missing)', expected: 'required: a non-empty lede' },
      { file: SCHEDULED, line: 5, field: 'updatedAt', found: '"2029-12-31T08:00:00+01:00"', expected: 'a date not before publishedAt' },
      { file: LANCEMENT, field: 'category', found: '"securite"', expected: 'one of: cloud, mobile' },
      { file: EPISODE_ONE, line: 27, field: '![image]', found: '"./carte.jpg", which is not a readable image', expected: NOT_AN_IMAGE },
    ],
  },
  'nul-byte': {
    title: 'a NUL byte in an article body is refused, with its line',
    problems: [{ file: DRAFT, line: 10, found: 'the invisible control character U+0000 (NUL) at column 9', expected: 'text without control characters' }],
  },
  'latin1-bytes': {
    title: 'an article saved as Latin-1 is refused as not UTF-8, with the line of the first bad byte',
    problems: [{ file: DRAFT, line: 3, found: 'bytes that are not UTF-8', expected: 'a text file encoded in UTF-8' }],
  },
  'yaml-js-function': {
    title: 'a !!js/function YAML tag is refused, naming the file and the line',
    problems: [{ file: DRAFT, line: 3, found: 'the YAML tag !!js/function', expected: 'a plain value (text, number, date, list or block) without a tag' }],
  },
  'updated-in-future': {
    title: 'an update dated after the build (ROTATIVE_NOW) is refused',
    now: '2030-12-31T23:00:00+01:00',
    problems: [
      {
        file: DRAFT,
        line: 5,
        field: 'updatedAt',
        found: '"2031-01-01T08:00:00+01:00", which is after the date of the build (2030-12-31T22:00:00.000Z)',
        expected: 'a date not later than the date of the build: the time of the build, or ROTATIVE_NOW when it is set',
      },
    ],
  },
  'live-update-outside': {
    title: 'a <LiveUpdate> in an article that is not a live blog is refused, with its line',
    problems: [{ file: DRAFT, line: 12, field: '<LiveUpdate>', expected: /pas un direct.*live/ }],
  },
  'live-update-bad-at': {
    title: 'a live update whose time is not a full date with offset, or before live.start, is refused, with its line',
    problems: [
      { file: DRAFT, line: 18, field: '<LiveUpdate at>', expected: /1er mai, 10 h.*\+01:00/ },
      { file: DRAFT, line: 22, field: '<LiveUpdate at>', expected: /1er.mai.2016 à.7.h.30.*avant le début du direct/ },
    ],
  },
  'impossible-date': {
    title: '30 February is refused, not read as 1 March',
    problems: [{ file: DRAFT, line: 4, field: 'publishedAt', found: '"2016-02-30T08:00:00+01:00"', expected: 'a date and time that exist' }],
  },
  'revisits-newer': {
    title: 'revisits towards a newer article is refused (and with it the cycle it makes)',
    problems: [
      {
        file: LANCEMENT,
        line: 8,
        field: 'revisits[0]',
        found: `"premier-episode", published on 2016-05-12 (content/${EPISODE_ONE}), not before this article (2012-09-06)`,
        expected: 'the slug of an article published before this one',
      },
    ],
  },
  'invisible-title': {
    title: 'a title of invisible characters only is refused, and shown escaped',
    problems: [{ file: DRAFT, line: 2, field: 'title', found: '"\\u200B\\u00A0" (only spaces or invisible characters)', expected: 'a non-empty headline' }],
  },
  'repeated-tag': {
    title: 'a tag given twice in one article is refused, naming the tag',
    problems: [{ file: LANCEMENT, line: 7, field: 'tags', found: '"cloud souverain" twice', expected: 'each tag once per article' }],
  },
  'stray-index-md': {
    title: 'a folder holding an index.md is reported, not ignored',
    problems: [
      {
        file: 'articles/2017/nouvel-article/index.md',
        found: 'a file that looks like an article but is not read',
        expected: 'articles are .mdx files: rename index.md to index.mdx',
      },
    ],
  },
};

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('a content mistake stops the build and leaves the previous site untouched', () => {
  let previous: Record<string, string>;
  let previousSchedule: string;
  let previousInode: number;

  beforeAll(() => {
    // The slow part (~10 s): a real previous site, built once from the valid fixture.
    const first = buildSite({ contentDir: fixture('basic'), outDir, env: { ROTATIVE_CACHE_DIR: cacheDir } });
    if (first.status !== 0) throw new Error(`the basic fixture must build first:\n${first.stdout}\n${first.stderr}`);
    previous = snapshotTree(outDir);
    previousInode = statSync(outDir).ino;
    previousSchedule = readFileSync(`${outDir}.rebuild.json`, 'utf8');
  });

  it('built the basic fixture, whose lancement.mdx starts with a UTF-8 byte order mark', () => {
    expect(readFileSync(path.join(fixture('basic'), 'articles/2016/lancement.mdx')).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const page = readPage(outDir, '/articles/lancement/');
    expect(page.querySelector('h1')?.textContent?.trim()).toBe('Le lancement');
    expect(page.documentElement.outerHTML).not.toContain('\uFEFF');
  });

  it('has a test for every fixture folder, and a fixture folder for every test', () => {
    const folders = readdirSync(CASES_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    expect(folders).toEqual(Object.keys(CASES).sort());
  });

  for (const [name, c] of Object.entries(CASES)) {
    it(`${name}: ${c.title}`, () => {
      const content = contentFor(name);
      c.prepare?.(content);
      const contentBefore = snapshotTree(content);
      const result = run('scripts/build.ts', content, [], c.now);
      c.after?.();
      expectCleanFailure(result);
      expectProblems(result, c.problems);
      expect(result.stderr).toContain('the previous site is untouched');
      expect(snapshotTree(content), 'the build changed the content folder').toEqual(contentBefore);

      expect(statSync(outDir).ino, 'the output folder was replaced').toBe(previousInode);
      expect(snapshotTree(outDir), 'the previous site changed').toEqual(previous);
      // The previous build's rebuild schedule (site.rebuild.json) stays beside it, as it was.
      expect(readdirSync(path.dirname(outDir)), 'something was left next to the output folder').toEqual(['site', 'site.rebuild.json']);
      expect(readFileSync(`${outDir}.rebuild.json`, 'utf8'), 'the previous rebuild schedule changed').toBe(previousSchedule);
      expect(snapshotTree(content), 'the content folder changed').toEqual(contentBefore);
    });
  }
});

describe('paths a writer may type with a % in them', () => {
  // One valid build for both cases: a succeeding build costs a whole site.
  const siteDir = path.join(work, 'percent-out', 'site');
  let result: Run;
  let page: Document;

  beforeAll(() => {
    // Written here rather than as a fixture folder: no file with such names in the repository.
    const content = path.join(mkdtempSync(path.join(work, 'percent-')), 'content');
    cpSync(fixture('basic'), content, { recursive: true });
    const dir = path.join(content, 'articles/2016/premier-episode');
    copyFileSync(path.join(dir, 'couverture.jpg'), path.join(dir, '100%.jpg'));
    copyFileSync(path.join(dir, 'carte.jpg'), path.join(dir, 'ma photo.jpg'));
    const index = path.join(dir, 'index.mdx');
    writeFileSync(index, `${readFileSync(index, 'utf8')}\n![Cent pour cent](./100%.jpg)\n\n<Figure src="./ma%20photo.jpg" alt="Ma photo" />\n`);
    const built = runScript('scripts/build.ts', { contentDir: content, outDir: siteDir, env: { ROTATIVE_CACHE_DIR: cacheDir } });
    result = { ...built, output: `${built.stdout}\n${built.stderr}`, problems: [] };
    if (result.status === 0) page = readPage(siteDir, '/articles/premier-episode/');
  });

  /** Every file the image of the page names (src and srcset) is the writer's file (`stem-…`) and exists in the built site. */
  function expectPublished(alt: string, stem: string): void {
    const img = page.querySelector(`img[alt="${alt}"]`);
    expect(img, `no image "${alt}" on the page`).not.toBeNull();
    const urls = [img!.getAttribute('src')!, ...[...img!.closest('picture')!.querySelectorAll('source')].flatMap((s) => s.getAttribute('srcset')!.split(',').map((c) => c.trim().split(/\s+/)[0]!))];
    for (const url of urls) {
      expect(url).toMatch(new RegExp(`^/_images/${stem}-`));
      expect(existsSync(path.join(siteDir, decodeURIComponent(url))), `${url} is not in the built site`).toBe(true);
    }
  }

  it('builds', () => {
    expect(result.status, result.output).toBe(0);
  });

  it('![…](./100%.jpg) is the file "100%.jpg", published as an image', () => {
    expect(result.status, result.output).toBe(0);
    expectPublished('Cent pour cent', '100');
  });

  it('<Figure src="./ma%20photo.jpg"> is the file "ma photo.jpg", published as an image', () => {
    expect(result.status, result.output).toBe(0);
    expectPublished('Ma photo', 'ma-photo');
  });
});

describe('npm run check --content-only reports the same problems', () => {
  for (const name of ['unknown-author', 'invalid-site', 'several-problems']) {
    it(`${name}: same messages, exit 1, nothing written`, () => {
      const before = existsSync(outDir) ? snapshotTree(outDir) : undefined;
      const result = run('scripts/check.ts', contentFor(name), ['--content-only']);
      expectCleanFailure(result);
      expectProblems(result, CASES[name]!.problems);
      expect(result.stdout).not.toContain('Content is valid');
      expect(existsSync(outDir) ? snapshotTree(outDir) : undefined).toEqual(before);
    });
  }

  it('accepts the valid basic fixture (exit 0) and says what it checked', () => {
    const result = run('scripts/check.ts', fixture('basic'), ['--content-only']);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain('✔ Content is valid: 4 articles, 2 authors, 2 rubriques, 1 series');
    expect(result.problems).toEqual([]);
  });

  it('`npm run check --content-only`, as the docs write it, skips the type check', async () => {
    // Before `--`, npm keeps `--content-only` for itself and passes it to the
    // script as npm_config_content_only=true, not as an argument: the script
    // must honour that form too. The type check takes 15 s or more; rather
    // than wait for it, the test stops npm (its own process group) if it is
    // still running a few seconds after the content was found valid.
    const child = spawn('npm', ['run', '--silent', 'check', '--content-only'], {
      cwd: ROOT,
      env: { ...process.env, ROTATIVE_CONTENT_DIR: fixture('basic'), ROTATIVE_NOW: TEST_NOW, ROTATIVE_CACHE_DIR: cacheDir },
      detached: true,
    });
    let output = '';
    const outcome = await new Promise<{ status: number | null; stillRunning: boolean }>((resolve) => {
      const stop = () => {
        process.kill(-child.pid!, 'SIGTERM');
        resolve({ status: null, stillRunning: true });
      };
      let timer = setTimeout(stop, 30_000);
      const collect = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Content is valid')) {
          clearTimeout(timer);
          timer = setTimeout(stop, 5_000);
        }
      };
      child.stdout.on('data', collect);
      child.stderr.on('data', collect);
      child.on('exit', (status) => {
        clearTimeout(timer);
        resolve({ status, stillRunning: false });
      });
    });
    expect(output).toContain('✔ Content is valid');
    expect(outcome.stillRunning, `the type check ran after the content check:\n${output.slice(0, 600)}`).toBe(false);
    expect(output, 'the type check ran').not.toMatch(/Result \(\d+ files?\)|Getting diagnostics/);
    expect(outcome.status, output).toBe(0);
  });
});
