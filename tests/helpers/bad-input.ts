/**
 * The content mistakes of tests/fixtures/bad-input/ (see its README), each
 * with the problem lines it must produce, and what lays a case over the
 * basic fixture and checks the lines. Shared by the in-process test of the
 * content pass (tests/unit/bad-input.test.ts, every case) and the real
 * builds (tests/integration/bad-input.test.ts, a few cases and `npm run check`).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect } from 'vitest';
import { readEnvironment } from '../../src/config/environment.ts';
import { prepareMagazine } from '../../src/content/edition.ts';
import { formatProblems, type ContentProblem } from '../../src/lib/errors.ts';
import { fixture, ROOT, TEST_NOW } from './build.ts';

export const CASES_DIR = path.join(ROOT, 'tests/fixtures/bad-input');

/** This test file's temporary folder: copies of the cases, and where their code would write. */
export const work = mkdtempSync(path.join(tmpdir(), 'rotative-bad-input-'));
export function removeWork(): void {
  rmSync(work, { recursive: true, force: true });
}

const linesOf = (file: string) => (existsSync(file) ? readFileSync(file, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean) : []);

/**
 * basic/content copied to a fresh folder, with the case laid over it: its
 * files replace or add files at the same paths, the files listed in its
 * remove.txt are deleted, and the symbolic links listed in its links.txt
 * ("path -> target") are made (links are made here, never committed: one
 * pointing out of the repository would point anywhere on another machine).
 */
export function contentFor(name: string): string {
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

/** What a run printed, as the writer reads it. */
export interface Report {
  /** Everything printed, with the temporary content folder shown as `content/`. */
  output: string;
  /** The problem lines (`  - …` in the output), without the bullet. */
  problems: string[];
  /** The problems themselves, when the content pass ran in this process (their `field` is not printed). */
  found?: ContentProblem[];
}

/**
 * Problems name files relative to the working directory (the repo root); the
 * copy lives in a temporary folder, so its relative path is replaced with
 * `content/` to keep the assertions readable. An absolute path in a message
 * would not be replaced, and would fail them.
 */
export function reportOf(printed: string, contentDir: string, { cwd = process.cwd(), found }: { cwd?: string; found?: ContentProblem[] } = {}): Report {
  const output = printed.split(`${path.relative(cwd, contentDir)}/`).join('content/');
  const problems = output
    .split('\n')
    .filter((l) => l.startsWith('  - '))
    .map((l) => l.slice(4));
  return { output, problems, ...(found ? { found } : {}) };
}

/**
 * The content pass of `npm run build` in this process: the pass the build's
 * content loaders run (src/content/loaders.ts calls prepareMagazine with the
 * environment), on the same variables the build gives it, printed as
 * scripts/render-pages.ts prints it. The output folder is one with no
 * previous site: the lost-URL check (the only step that reads it) runs only
 * on content without problems.
 */
export async function contentPass(contentDir: string, now = TEST_NOW): Promise<Report> {
  const env = readEnvironment(
    { ROTATIVE_CONTENT_DIR: contentDir, ROTATIVE_NOW: now, ROTATIVE_CACHE_DIR: path.join(work, 'cache'), ROTATIVE_OUT_DIR: path.join(work, 'no-previous-site') },
    ROOT,
  );
  const pass = await prepareMagazine(env);
  return reportOf(pass.problems.length > 0 ? formatProblems(pass.problems) : '', contentDir, { found: pass.problems });
}

/**
 * One expected problem line, « fichier:ligne — ce qui ne va pas ; attendu :
 * … ; quoi écrire ».
 */
export interface Expected {
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
  /** The problem's field (not printed: checked when the content pass ran in this process). */
  field?: string;
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

export interface Case {
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
export const SIDE_EFFECT_FILE = path.join(work, 'written-by-an-article.txt');

const LANCEMENT = 'articles/2016/lancement.mdx';
const SCHEDULED = 'articles/2016/episode-programme.mdx';
const EPISODE_ONE = 'articles/2016/premier-episode/index.mdx';
const DRAFT = 'articles/2016/brouillon.mdx';
const ISO_DATE = 'une date et une heure au format ISO 8601 avec le décalage horaire, par exemple 2016-05-12T08:00:00+02:00';
const NOT_AN_IMAGE = 'une image JPEG, PNG, WebP ou AVIF';
const INSIDE = 'un fichier du dossier de contenu, relatif à ce fichier';
const EXISTING = 'le chemin d’un fichier qui existe, relatif à ce fichier';

/** Every case of tests/fixtures/bad-input/, with the problems it must report. */
export const CASES: Record<string, Case> = {
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

/** Each expected problem is reported once, as one readable line, and nothing else is. */
export function expectProblems(result: Report, expected: Expected[]): void {
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
    if (e.field !== undefined && result.found) {
      const fields = result.found.filter((p) => p.file.endsWith(`content/${e.file}`) && (p.line ?? null) === e.line).map((p) => p.field);
      expect(fields, line).toContain(e.field);
    }
  }
  expect(unmatched, 'problems reported besides the expected ones (one message per mistake)').toEqual([]);
  const count = expected.length;
  expect(result.output).toContain(count === 1 ? '1 problème dans le contenu :' : `${count} problèmes dans le contenu :`);
  // Neither zod's nor the parsers' own English may reach writers.
  expect(result.output).not.toMatch(/Invalid input|expected (object|string|array|number), received/);
  expect(result.problems.join('\n')).not.toMatch(/\b(found|expected|which|oxc|JSX|Identifier)\b|›/);
}

/** Exit 1 with messages only: no stack trace, no error class dump, no site built. */
export function expectCleanFailure(result: Report & { status: number | null; stdout: string }): void {
  expect(result.status, result.output).toBe(1);
  expect(result.output, 'a stack trace was printed').not.toMatch(/^\s+at /m);
  expect(result.output, 'an error class was printed').not.toMatch(/\b[A-Z][A-Za-z]*Error\b/);
  expect(result.stdout).not.toContain('Site construit');
}

