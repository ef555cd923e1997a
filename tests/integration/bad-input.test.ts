/**
 * Content mistakes, as a writer makes them, through the real build: each case
 * of tests/fixtures/bad-input/ (see its README) must stop the build with one
 * readable line per problem, in French — file, line, what is wrong, what is
 * expected, what to write; no stack trace — and leave the previous site exactly as it was.
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

/**
 * One expected problem line, « fichier:ligne — ce qui ne va pas ; attendu :
 * … ; quoi écrire ».
 */
interface Expected {
  /** Relative to the content folder. */
  file: string;
  /** The line it names; null for a problem with the whole file (a name, a link), which has none. */
  line: number | null;
  /** Text the part before « ; attendu : » (what is wrong, values quoted) must contain. */
  found?: string;
  /** Text the part after « attendu : » (what is expected, then what to write) must contain, or a pattern the whole line must match. */
  expected: string | RegExp;
  /** Other text the line must contain, e.g. the other file of a duplicate, or the hint. */
  mentions?: string[];
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** A problem line cut into its parts: where, what is wrong, and what is expected (with what to write). */
function partsOf(line: string): { where: string; found: string; expected: string } {
  const [where = '', rest = ''] = line.split(' — ');
  const cut = rest.indexOf('attendu : ');
  return {
    where,
    found: cut === -1 ? rest : rest.slice(0, cut),
    expected: cut === -1 ? '' : rest.slice(cut + 'attendu : '.length),
  };
}

/** Each expected problem is reported once, as one readable line, and nothing else is. */
function expectProblems(result: Run, expected: Expected[]): void {
  const unmatched = [...result.problems];
  for (const e of expected) {
    const where = new RegExp(`^content/${escape(e.file)}${e.line === null ? '' : `:${e.line}`}$`);
    const index = unmatched.findIndex((p) => where.test(partsOf(p).where));
    expect(index, `no problem line for ${e.file}${e.line === null ? '' : `:${e.line}`} in:\n${result.output}`).not.toBe(-1);
    const line = unmatched.splice(index, 1)[0]!;
    const parts = partsOf(line);
    if (e.found !== undefined) expect(parts.found, line).toContain(e.found);
    if (typeof e.expected === 'string') expect(parts.expected, line).toContain(e.expected);
    else expect(line).toMatch(e.expected);
    for (const m of e.mentions ?? []) expect(line).toContain(m);
  }
  expect(unmatched, 'problems reported besides the expected ones (one message per mistake)').toEqual([]);
  const count = expected.length;
  expect(result.output).toContain(count === 1 ? '1 problème dans le contenu :' : `${count} problèmes dans le contenu :`);
  // Neither zod's nor the parsers' own English may reach writers.
  expect(result.output).not.toMatch(/Invalid input|expected (object|string|array|number), received/);
  expect(result.problems.join('\n')).not.toMatch(/\b(found|expected|which|oxc|JSX|Identifier)\b|›/);
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
const ISO_DATE = 'une date et une heure au format ISO 8601 avec le décalage horaire, par exemple 2016-05-12T08:00:00+02:00';
const NOT_AN_IMAGE = 'une image JPEG, PNG, WebP ou AVIF';
const INSIDE = 'un fichier du dossier de contenu, relatif à ce fichier';
const EXISTING = 'le chemin d’un fichier qui existe, relatif à ce fichier';

/** Every case of tests/fixtures/bad-input/, with the problems it must report. */
const CASES: Record<string, Case> = {
  'unknown-author': {
    title: 'an unknown author id is named, with the valid ids and the one it was probably meant to be',
    problems: [
      {
        file: LANCEMENT,
        line: 5,
        found: 'aucune fiche auteur "alice-martn" dans content/authors/',
        expected: 'l’identifiant d’une fiche auteur (alice-martin, bruno-petit)',
        mentions: ['vouliez-vous dire "alice-martin" ?'],
      },
    ],
  },
  'unknown-category': {
    title: 'an unknown rubrique is named, with the valid ids',
    problems: [{ file: LANCEMENT, line: 6, found: 'aucune rubrique "securite" dans content/categories/', expected: 'l’identifiant d’une rubrique (cloud, mobile)' }],
  },
  'unknown-series': {
    title: 'an unknown series is named, with the valid ids',
    problems: [{ file: SCHEDULED, line: 7, found: 'aucune série "deux-ans-apres" dans content/series/', expected: 'l’identifiant d’une série (un-an-apres)' }],
  },
  'unknown-revisits': {
    title: 'a revisits slug that is no article is named',
    problems: [{ file: LANCEMENT, line: 8, found: 'revisits cite "cloudwatt-lancement", qui n’est le slug d’aucun article', expected: 'le slug d’un autre article' }],
  },
  'missing-title': {
    title: 'a missing required field is named as missing, with the line to add',
    problems: [{ file: SCHEDULED, line: 2, found: 'le champ title manque', expected: 'un titre non vide', mentions: ['ajoutez une ligne « title: … »'] }],
  },
  'date-in-words': {
    title: 'a date written in words is refused, with an example of the expected form',
    problems: [{ file: SCHEDULED, line: 4, found: 'le champ publishedAt vaut "1er janvier 2030"', expected: ISO_DATE }],
  },
  'date-without-offset': {
    title: 'a date without its offset is refused',
    problems: [{ file: SCHEDULED, line: 4, found: 'le champ publishedAt vaut "2030-01-01T08:00:00"', expected: ISO_DATE }],
  },
  'updated-before-published': {
    title: 'an update before the publication is refused',
    problems: [{ file: SCHEDULED, line: 5, found: 'le champ updatedAt vaut "2029-12-31T18:00:00+01:00"', expected: 'une date de mise à jour qui n’est pas antérieure à publishedAt' }],
  },
  'cover-missing': {
    title: 'a missing cover file is named, with where it was looked for',
    problems: [
      {
        file: EPISODE_ONE,
        line: 12,
        found: 'le fichier "./couverture.jpg" n’existe pas (cherché : content/articles/2016/premier-episode/couverture.jpg)',
        expected: EXISTING,
      },
    ],
  },
  'figure-missing': {
    title: 'a missing <Figure src> file is named, with its line',
    problems: [{ file: EPISODE_ONE, line: 25, found: 'le fichier "./schema.png" n’existe pas', expected: EXISTING }],
  },
  'not-an-image': {
    title: 'a text file named .jpg is reported as not an image',
    problems: [{ file: EPISODE_ONE, line: 12, found: '"./couverture.jpg" n’est pas une image lisible', expected: NOT_AN_IMAGE }],
  },
  'cover-without-alt': {
    title: 'a cover with an empty alt is refused',
    problems: [{ file: SCHEDULED, line: 11, found: 'le champ cover.alt vaut ""', expected: 'une description non vide de l’image (texte alternatif)' }],
  },
  'duplicate-slug': {
    title: 'two articles with the same slug in two folders: both files are named',
    problems: [
      {
        file: 'articles/2017/lancement.mdx',
        line: null,
        found: 'le slug "lancement" est déjà celui de content/articles/2016/lancement.mdx',
        expected: 'un slug (nom de fichier ou de dossier) propre à chaque article',
        mentions: ['renommez l’un des deux fichiers'],
      },
    ],
  },
  'duplicate-episode': {
    title: 'the same episode number twice in a series: both files are named',
    problems: [
      {
        file: EPISODE_ONE,
        line: 10,
        found: 'l’épisode 1 de la série "un-an-apres" est déjà content/articles/2016/episode-programme.mdx',
        expected: 'un numéro d’épisode unique dans la série',
      },
    ],
  },
  'invalid-site': {
    title: 'site.yaml without a name and with a bad url: both are reported',
    problems: [
      { file: 'site.yaml', line: 1, found: 'le champ name manque', expected: 'le nom du magazine' },
      { file: 'site.yaml', line: 2, found: 'le champ url vaut "pas une url"', expected: 'une adresse complète commençant par https:// ou http://' },
    ],
  },
  'mdx-syntax-error': {
    title: 'an unclosed <Quote> gives the file, the line, and what to write',
    problems: [
      {
        file: SCHEDULED,
        line: 13,
        found: 'la balise <Quote> n’est jamais fermée',
        expected: 'une balise fermante </Quote>',
        mentions: ['ajoutez </Quote>'],
      },
    ],
  },
  'unknown-field': {
    title: 'a misspelt field is named as unknown, with the known fields and the one it was meant to be',
    problems: [
      { file: SCHEDULED, line: 6, found: 'le champ categroy n’existe pas', expected: /attendu : l’un des champs connus : .*\bcategory\b.* ; vouliez-vous dire "category" \?$/ },
      { file: SCHEDULED, line: 2, found: 'le champ category manque', expected: 'un identifiant en minuscules, chiffres et tirets', mentions: ['ajoutez une ligne « category: … »'] },
    ],
  },
  'tag-collision': {
    title: 'two spellings of one tag: both labels and both files are named',
    problems: [
      {
        file: EPISODE_ONE,
        line: 8,
        found: 'l’étiquette "OpenStack" donne la même page /tags/openstack/ que "openstack" dans content/articles/2016/lancement.mdx',
        expected: 'une seule orthographe par étiquette',
      },
    ],
  },
  'video-outside': {
    title: 'a <Video src> climbing out of the content folder by "../" is refused, not published',
    problems: [{ file: SCHEDULED, line: 13, found: '"../../../../../../../../etc/passwd" sort du dossier de contenu', expected: INSIDE }],
  },
  'video-link-outside': {
    title: 'a clip.mp4 that is a symbolic link to /etc/passwd is refused, not published',
    problems: [{ file: SCHEDULED, line: 13, found: '"./clip.mp4" est un lien symbolique vers un fichier hors du dossier de contenu', expected: INSIDE }],
  },
  'video-not-a-video': {
    title: 'a clip.mp4 whose bytes are text is refused: media are checked by their bytes',
    problems: [{ file: SCHEDULED, line: 13, found: '"./clip.mp4" n’est pas une vidéo', expected: 'un fichier vidéo MP4, WebM ou Ogg' }],
  },
  'figure-absolute': {
    title: 'an absolute <Figure src> is refused with a message, not a stack trace',
    problems: [{ file: SCHEDULED, line: 13, found: '"/etc/hostname" est un chemin absolu', expected: 'un chemin relatif à ce fichier', mentions: ['part de l’article'] }],
  },
  'cover-outside': {
    title: 'a cover outside the content folder is refused, with the line of the field',
    problems: [{ file: SCHEDULED, line: 8, found: '"../../../dehors.jpg" sort du dossier de contenu', expected: INSIDE }],
  },
  'avatar-outside': {
    title: 'an avatar outside the content folder is refused, with the line of the field',
    problems: [{ file: 'authors/bruno-petit.yaml', line: 3, found: '"../../portrait.jpg" sort du dossier de contenu', expected: INSIDE }],
  },
  symlinks: {
    title: 'a symbolic link to an article and one to a folder of articles are refused, not followed nor skipped',
    problems: [
      { file: 'articles/2016/copie.mdx', line: null, found: 'un lien symbolique (vers un fichier)', expected: 'un vrai fichier ou dossier : les liens symboliques ne sont pas acceptés', mentions: ['copiez le fichier à la place du lien'] },
      { file: 'articles/2017', line: null, found: 'un lien symbolique (vers un dossier)', expected: 'un vrai fichier ou dossier : les liens symboliques ne sont pas acceptés', mentions: ['supprimez le lien, ou copiez le dossier à sa place'] },
    ],
  },
  'symlink-loop': {
    title: 'a symbolic link to the content folder itself is refused, never walked (it crashed every build with ELOOP)',
    problems: [{ file: 'boucle', line: null, found: 'un lien symbolique (vers un dossier)', expected: 'un vrai fichier ou dossier : les liens symboliques ne sont pas acceptés', mentions: ['supprimez le lien'] }],
  },
  'truncated-jpeg': {
    title: 'a JPEG cut in half, whose header is intact, is refused as a content problem, not a crash of the image phase',
    problems: [{ file: EPISODE_ONE, line: 12, found: '"./couverture.jpg" n’est pas une image lisible jusqu’au bout', expected: NOT_AN_IMAGE }],
  },
  'code-in-article': {
    title: 'code in an article is refused before anything renders: it never runs',
    prepare: (content) => {
      const file = path.join(content, LANCEMENT);
      writeFileSync(file, readFileSync(file, 'utf8').replace('__SIDE_EFFECT_FILE__', SIDE_EFFECT_FILE));
    },
    after: () => expect(existsSync(SIDE_EFFECT_FILE), 'the export in the article ran during the build').toBe(false),
    problems: [
      { file: LANCEMENT, line: 10, found: 'le code "export const pwned = (await import(\'node:fs\'))', expected: 'du texte, du Markdown et les composants du site' },
      { file: LANCEMENT, line: 12, found: 'l’expression {pwned}', expected: 'du texte : écrivez \\{ pour une accolade { littérale' },
    ],
  },
  'unsafe-html': {
    title: 'expressions, scripts, event handlers, javascript: links, iframes and remote images are each refused, with their line',
    problems: [
      { file: SCHEDULED, line: 11, found: 'l’expression {new Date().getFullYear()}', expected: 'du texte : écrivez \\{ pour une accolade { littérale' },
      { file: SCHEDULED, line: 13, found: 'l’expression {auteur} comme valeur de by', expected: 'une valeur écrite entre guillemets : by="…"' },
      { file: SCHEDULED, line: 15, found: 'l’élément HTML <script> n’est pas accepté', expected: 'aucun script' },
      { file: SCHEDULED, line: 17, found: 'l’attribut onclick de <span> lance un script', expected: 'aucun script' },
      { file: SCHEDULED, line: 19, found: 'le lien "javascript:alert(1)" n’est pas accepté', expected: 'un lien qui commence par https://' },
      { file: SCHEDULED, line: 21, found: 'l’élément HTML <iframe> n’est pas accepté', expected: '<Video youtube="identifiant"' },
      { file: SCHEDULED, line: 23, found: 'l’élément HTML <img> n’est pas accepté', expected: '![texte](./image.jpg) ou <Figure' },
      { file: SCHEDULED, line: 25, found: 'l’image distante "https://tracker.example/pixel.png" n’est pas acceptée', expected: 'une image posée à côté de l’article' },
    ],
  },
  'several-problems': {
    title: 'five mistakes in five files are all reported in one run',
    problems: [
      { file: 'site.yaml', line: 2, found: 'le champ url vaut "gazette.example"', expected: 'une adresse complète commençant par https:// ou http://' },
      { file: 'articles/2016/brouillon.mdx', line: 2, found: 'le champ description manque', expected: 'un chapô non vide' },
      { file: SCHEDULED, line: 5, found: 'le champ updatedAt vaut "2029-12-31T08:00:00+01:00"', expected: 'une date de mise à jour qui n’est pas antérieure à publishedAt' },
      { file: LANCEMENT, line: 6, found: 'aucune rubrique "securite"', expected: 'l’identifiant d’une rubrique (cloud, mobile)' },
      { file: EPISODE_ONE, line: 27, found: '"./carte.jpg" n’est pas une image lisible', expected: NOT_AN_IMAGE },
    ],
  },
  'nul-byte': {
    title: 'a NUL byte in an article body is refused, with its line',
    problems: [{ file: DRAFT, line: 10, found: 'le caractère de contrôle invisible U+0000 (NUL) en colonne 9', expected: 'du texte sans caractère de contrôle' }],
  },
  'latin1-bytes': {
    title: 'an article saved as Latin-1 is refused as not UTF-8, with the line of the first bad byte',
    problems: [{ file: DRAFT, line: 3, found: 'des octets qui ne sont pas de l’UTF-8', expected: 'un fichier texte encodé en UTF-8' }],
  },
  'yaml-js-function': {
    title: 'a !!js/function YAML tag is refused, naming the file and the line',
    problems: [{ file: DRAFT, line: 3, found: 'l’étiquette YAML !!js/function', expected: 'une valeur simple (texte, nombre, date, liste ou bloc) sans étiquette' }],
  },
  'updated-in-future': {
    title: 'an update dated after the build (ROTATIVE_NOW) is refused',
    now: '2030-12-31T23:00:00+01:00',
    problems: [
      {
        file: DRAFT,
        line: 5,
        found: 'la date de mise à jour "2031-01-01T08:00:00+01:00" est postérieure à la date de la construction du site (2030-12-31T22:00:00.000Z)',
        expected: 'une date qui n’est pas postérieure à la construction du site (l’heure de la construction, ou ROTATIVE_NOW s’il est défini)',
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
    problems: [{ file: DRAFT, line: 4, found: 'le champ publishedAt vaut "2016-02-30T08:00:00+01:00"', expected: 'une date et une heure qui existent' }],
  },
  'revisits-newer': {
    title: 'revisits towards a newer article is refused (and with it the cycle it makes)',
    problems: [
      {
        file: LANCEMENT,
        line: 8,
        found: `revisits cite "premier-episode", publié le 2016-05-12 (content/${EPISODE_ONE}), pas avant cet article (2012-09-06)`,
        expected: 'le slug d’un article publié avant celui-ci',
      },
    ],
  },
  'invisible-title': {
    title: 'a title of invisible characters only is refused, and shown escaped',
    problems: [{ file: DRAFT, line: 2, found: 'le champ title vaut "\\u200B\\u00A0" (uniquement des espaces ou des caractères invisibles)', expected: 'un titre non vide' }],
  },
  'repeated-tag': {
    title: 'a tag given twice in one article is refused, naming the tag',
    problems: [{ file: LANCEMENT, line: 7, found: 'l’étiquette "cloud souverain" est donnée deux fois', expected: 'chaque étiquette une seule fois par article' }],
  },
  'stray-index-md': {
    title: 'a folder holding an index.md is reported, not ignored',
    problems: [
      {
        file: 'articles/2017/nouvel-article/index.md',
        line: null,
        found: 'ce fichier ressemble à un article mais n’est pas lu',
        expected: 'un article est un fichier .mdx',
        mentions: ['renommez index.md en index.mdx'],
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
      expect(result.stderr).toContain('✖ Construction arrêtée : rien n’a été publié, le site précédent est intact.');
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
  for (const name of ['unknown-author', 'invalid-site', 'several-problems', 'symlink-loop', 'truncated-jpeg']) {
    it(`${name}: same messages, exit 1, nothing written`, () => {
      const before = existsSync(outDir) ? snapshotTree(outDir) : undefined;
      const result = run('scripts/check.ts', contentFor(name), ['--content-only']);
      expectCleanFailure(result);
      expectProblems(result, CASES[name]!.problems);
      expect(result.stdout).not.toContain('Le contenu est valide');
      expect(existsSync(outDir) ? snapshotTree(outDir) : undefined).toEqual(before);
    });
  }

  it('accepts the valid basic fixture (exit 0) and says what it checked', () => {
    const result = run('scripts/check.ts', fixture('basic'), ['--content-only']);
    expect(result.status, result.output).toBe(0);
    expect(result.stdout).toContain('✔ Le contenu est valide : 4 articles, 2 auteurs, 2 rubriques, 1 série');
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
        if (output.includes('Le contenu est valide')) {
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
    expect(output).toContain('✔ Le contenu est valide');
    expect(outcome.stillRunning, `the type check ran after the content check:\n${output.slice(0, 600)}`).toBe(false);
    expect(output, 'the type check ran').not.toMatch(/Result \(\d+ files?\)|Getting diagnostics/);
    expect(outcome.status, output).toBe(0);
  });
});
