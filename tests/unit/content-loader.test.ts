/**
 * loadContent (src/content/load.ts) on tiny content trees written to
 * temporary folders: what it accepts, and the problems it reports — all of
 * them, once each, with file, line, field, found and expected.
 */
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';
import { formatProblem, sortProblems } from '../../src/lib/errors.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rotative-loader-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const A_JPEG = path.resolve(import.meta.dirname, '../fixtures/basic/content/articles/2016/premier-episode/couverture.jpg');

/** The build's "now" for every load: fixed, so that the tests never depend on the clock. */
const NOW = new Date('2026-11-28T12:00:00+01:00');

/** What a test writes at a path: text, a copy of a real file, or a symbolic link to `link` (as written). */
type TreeFile = string | Buffer | { copy: string } | { link: string };

/** Writes `files` (path relative to the content folder → what to write) into a fresh content folder. */
function writeTree(files: Record<string, TreeFile>): string {
  const content = path.join(mkdtempSync(path.join(work, 'tree-')), 'content');
  for (const [rel, body] of Object.entries(files)) {
    const abs = path.join(content, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    if (typeof body === 'string' || Buffer.isBuffer(body)) writeFileSync(abs, body);
    else if ('link' in body) symlinkSync(body.link, abs);
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
function problemsOf(files: Record<string, TreeFile>): string[] {
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
      'content/articles/2020/premier.mdx:4 — le champ publishedAt vaut "1er janvier 2020" ; attendu : une date et une heure au format ISO 8601 avec le décalage horaire, par exemple 2016-05-12T08:00:00+02:00',
      'content/articles/2020/second.mdx:6 — aucune rubrique "securite" dans content/categories/ ; attendu : l’identifiant d’une rubrique (cloud)',
      'content/series/un-an-apres.yaml:1 — le champ description manque ; attendu : une phrase ou deux qui décrivent la série ; ajoutez une ligne « description: … »',
      'content/series/un-an-apres.yaml:2 — le champ cadance n’existe pas ; attendu : l’un des champs connus : title, description, cadence, blurb ; vouliez-vous dire "cadence" ?',
      'content/site.yaml:1 — le champ url manque ; attendu : une adresse complète commençant par https:// ou http:// ; ajoutez une ligne « url: … »',
    ]);
  });

  it('reports a missing site.yaml', () => {
    const { 'site.yaml': _site, ...rest } = BASE;
    expect(problemsOf(rest)).toEqual(['content/site.yaml — le fichier site.yaml manque ; attendu : un fichier site.yaml avec au moins name et url']);
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
      'content/articles/2020/liste.mdx:2 — l’en-tête contient une liste au lieu de champs ; attendu : des lignes « champ: valeur »',
      'content/articles/2020/sans.mdx:1 — l’en-tête manque ; attendu : un en-tête entre deux lignes « --- » en haut du fichier',
      // The parser notices the missing quote where the text ends: the last line.
      'content/articles/2020/yaml.mdx:3 — l’en-tête n’est pas du YAML valide à cette ligne : un guillemet, un crochet ou une accolade ouvert n’est jamais fermé ; attendu : des lignes « champ: valeur », des listes entre [ ] ou en lignes commençant par « - » ; vérifiez les deux-points, les guillemets et le retrait de la ligne',
    ]);
  });

  it('lists the known fields of the block holding an unknown field', () => {
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(`${FRONT}\ncover:\n  src: ./a.jpg\n  alt: A\n  credits: "©"`) })).toContainEqual(
      'content/articles/2020/premier.mdx:10 — le champ cover.credits n’existe pas ; attendu : l’un des champs connus de cover : src, alt, credit, caption ; vouliez-vous dire "credit" ?',
    );
  });

  it('refuses a file name that is not an id', () => {
    expect(problemsOf({ ...BASE, 'categories/Mobile.yaml': 'title: Mobile\n' })).toEqual([
      'content/categories/Mobile.yaml — le nom de fichier "Mobile.yaml" n’est pas un identifiant ; attendu : un nom de fichier en minuscules sans accents, chiffres et tirets ; renommez-le "mobile.yaml"',
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
      'content/articles/2020/premier.mdx:5 — aucune fiche auteur "claire" dans content/authors/ ; attendu : l’identifiant d’une fiche auteur (alice, bruno)',
      'content/articles/2020/premier.mdx:7 — aucune série "un-an-apres" dans content/series/ ; attendu : l’identifiant d’une série, mais content/series/ est vide',
    ]);
  });

  it('refuses an HTML <img> of a local file, which would skip the image pipeline', () => {
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(FRONT, 'Texte.\n\n<img src="./photo.jpg" alt="Une photo" />') })).toEqual([
      'content/articles/2020/premier.mdx:11 — l’élément HTML <img> n’est pas accepté ; attendu : ![texte](./image.jpg) ou <Figure src="./image.jpg" alt="…" />, qui passent par la chaîne des images',
    ]);
  });

  it('suggests the id a typo was probably meant to be', () => {
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/deuxieme.mdx': mdx(FRONT.replace('[alice]', '[alic]').replace('cloud', 'clouds'), 'Texte.\n\n<ReadAlso slug="premeir" />'),
      }),
    ).toEqual([
      'content/articles/2020/deuxieme.mdx:5 — aucune fiche auteur "alic" dans content/authors/ ; attendu : l’identifiant d’une fiche auteur (alice) ; vouliez-vous dire "alice" ?',
      'content/articles/2020/deuxieme.mdx:6 — aucune rubrique "clouds" dans content/categories/ ; attendu : l’identifiant d’une rubrique (cloud) ; vouliez-vous dire "cloud" ?',
      'content/articles/2020/deuxieme.mdx:11 — <ReadAlso> cite "premeir", qui n’est le slug d’aucun article ; attendu : le slug d’un article (le nom de son fichier ou de son dossier) ; vouliez-vous dire "premier" ?',
    ]);
  });

  it('refuses an article revisiting itself, and a <ReadAlso> to no article, with its line', () => {
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(`${FRONT}\nrevisits: [premier]`, 'Texte.\n\n<ReadAlso slug="deuxieme" />') })).toEqual([
      'content/articles/2020/premier.mdx:7 — revisits cite l’article lui-même ("premier") ; attendu : le slug d’un autre article (le nom de son fichier ou de son dossier) ; le slug est-il mal orthographié ?',
      'content/articles/2020/premier.mdx:12 — <ReadAlso> cite "deuxieme", qui n’est le slug d’aucun article ; attendu : le slug d’un article (le nom de son fichier ou de son dossier) ; le slug est-il mal orthographié ?',
    ]);
  });

  it('checks the components of the MDX body: <Figure> alt and file, <Video> file', () => {
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/premier.mdx': mdx(FRONT, '<Figure src="./absente.png" />\n\n<Video src="./clip.mp4" title="Clip" />\n\n<Video title="Rien" />'),
      }),
    ).toEqual([
      'content/articles/2020/premier.mdx:9 — <Figure> sans attribut alt ; attendu : alt="…", un texte non vide qui décrit l’image',
      expect.stringMatching(/^content\/articles\/2020\/premier\.mdx:9 — le fichier "\.\/absente\.png" n’existe pas/),
      expect.stringMatching(/^content\/articles\/2020\/premier\.mdx:11 — le fichier "\.\/clip\.mp4" n’existe pas/),
      'content/articles/2020/premier.mdx:13 — <Video> sans attribut youtube ni src ; attendu : youtube="identifiant de la vidéo" ou src="./clip.mp4"',
    ]);
  });

  it('names both files of a duplicate slug, a file and a folder alike', () => {
    const [line, ...rest] = problemsOf({ ...BASE, 'articles/2021/premier/index.mdx': mdx(FRONT) });
    expect(rest).toEqual([]);
    expect(line).toContain('content/articles/2020/premier.mdx');
    expect(line).toContain('content/articles/2021/premier/index.mdx');
    expect(line).toContain('le slug "premier"');
  });

  it('refuses an episode without a series, and a tag without a letter', () => {
    expect(
      problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(`${FRONT}\nepisode: 3`), 'articles/2020/second.mdx': mdx(`${FRONT}\ntags: ["!!!"]`) }),
    ).toEqual([
      'content/articles/2020/premier.mdx:7 — le champ episode vaut 3 ; attendu : pas de numéro d’épisode sans série : ajoutez une ligne « series: … » ou retirez « episode: »',
      'content/articles/2020/second.mdx:7 — l’étiquette "!!!" n’a ni lettre ni chiffre ; attendu : une étiquette avec au moins une lettre ou un chiffre',
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
    expect(problems).toEqual([expect.stringMatching(/^content\/articles\/2020\/premier\.mdx:9 — le fichier "\.\/dispo-100%\.png" n’existe pas/)]);
  });

  it('does not report an invalid article as a missing slug in every article pointing at it', () => {
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/premier.mdx': mdx(FRONT.replace('title: "Un titre"\n', '')),
        'articles/2021/suite.mdx': mdx(`${FRONT}\nrevisits: [premier]`, '<ReadAlso slug="premier" />'),
      }),
    ).toEqual(['content/articles/2020/premier.mdx:2 — le champ title manque ; attendu : un titre non vide ; ajoutez une ligne « title: … »']);
  });

  it('does not report an invalid author or rubrique file as an unknown id in every article naming it', () => {
    expect(
      problemsOf({
        ...BASE,
        'authors/alice.yaml': 'name: Alice Martin\nlinks: [{ label: Mastodon, url: "mastodon.social/@alice" }]\n',
        'categories/cloud.yaml': 'title: ""\n',
      }),
    ).toEqual([
      'content/authors/alice.yaml:2 — le champ links[0].url vaut "mastodon.social/@alice" ; attendu : une adresse complète commençant par https:// ou http://',
      'content/categories/cloud.yaml:1 — le champ title vaut "" ; attendu : le nom de la rubrique, par exemple "Cloud"',
    ]);
  });

  it('still checks the files an article names when its front matter is invalid', () => {
    expect(
      problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(FRONT.replace('title: "Un titre"', 'title: ""'), '<Figure src="./absente.png" alt="x" />') }),
    ).toEqual([
      'content/articles/2020/premier.mdx:2 — le champ title vaut "" ; attendu : un titre non vide',
      expect.stringMatching(/^content\/articles\/2020\/premier\.mdx:9 — le fichier "\.\/absente\.png" n’existe pas/),
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
      const problems = loadContent(writeTree({ ...BASE, 'articles/2020/premier.mdx': mdx(FRONT, body), 'articles/2020/clip.mp4': 'x' }), { now: NOW }).problems;
      expect(problems, body).toHaveLength(1);
      expect(problems[0]!.field, body).toBe(field);
      expect(problems[0]!.line, body).toBe(9);
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
      'content/articles/2020/premier.mdx:11 — le caractère de contrôle invisible U+0000 (NUL) en colonne 6 ; attendu : du texte sans caractère de contrôle (seuls la tabulation et les retours à la ligne sont acceptés) ; supprimez-le, par exemple en retapant les caractères qui l’entourent',
      'content/authors/alice.yaml:2 — le caractère de contrôle invisible U+0085 en colonne 14 ; attendu : du texte sans caractère de contrôle (seuls la tabulation et les retours à la ligne sont acceptés) ; supprimez-le, par exemple en retapant les caractères qui l’entourent',
      'content/categories/cloud.yaml:1 — le caractère de contrôle invisible U+001B en colonne 13 ; attendu : du texte sans caractère de contrôle (seuls la tabulation et les retours à la ligne sont acceptés) ; supprimez-le, par exemple en retapant les caractères qui l’entourent',
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
    const expected = 'des octets qui ne sont pas de l’UTF-8 (le fichier a sans doute été enregistré en Latin-1 ou en Windows-1252) ; attendu : un fichier texte encodé en UTF-8 ; ouvrez-le dans votre éditeur et enregistrez-le de nouveau avec l’encodage UTF-8';
    expect(problems).toEqual([
      `content/articles/2020/premier.mdx:10 — ${expected}`,
      `content/articles/2021/ete.mdx:2 — ${expected}`,
      `content/authors/alice.yaml:2 — ${expected}`,
      `content/site.yaml:1 — ${expected}`,
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
      'content/articles/2020/premier.mdx:7 — l’en-tête n’est pas du YAML valide à cette ligne : un champ y est écrit deux fois ; attendu : des lignes « champ: valeur », des listes entre [ ] ou en lignes commençant par « - » ; vérifiez les deux-points, les guillemets et le retrait de la ligne',
      expect.stringMatching(/^content\/series\/un-an-apres\.yaml:3 — le fichier n’est pas du YAML valide à cette ligne/),
    ]);
    // Front-matter line 5 is the file's line 6.
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(`${FRONT.split('\n').slice(0, 4).join('\n')}\ncategory: cloud: mobile`) })).toEqual([
      expect.stringMatching(/^content\/articles\/2020\/premier\.mdx:6 — l’en-tête n’est pas du YAML valide à cette ligne : un deux-points en trop/),
    ]);
  });

  it('refuses YAML tags (!!js/function, !!binary, any !tag), naming the file and the line', () => {
    const expected = 'attendu : une valeur simple (texte, nombre, date, liste ou bloc) sans étiquette ; retirez l’étiquette, ou mettez la valeur entre guillemets';
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/premier.mdx': mdx(`${FRONT}\ntags: [cloud]\ndescription2: !!js/function "function () { return 1; }"`),
        'authors/alice.yaml': 'name: Alice Martin\navatar: !!binary aGVsbG8=\n',
        'categories/cloud.yaml': 'title: !cloud Cloud\n',
      }),
    ).toEqual([
      `content/articles/2020/premier.mdx:8 — l’étiquette YAML !!js/function ; ${expected}`,
      `content/authors/alice.yaml:2 — l’étiquette YAML !!binary ; ${expected}`,
      `content/categories/cloud.yaml:1 — l’étiquette YAML !cloud ; ${expected}`,
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
      'content/articles/2020/premier.mdx:9 — l’étiquette "???" n’a ni lettre ni chiffre ; attendu : une étiquette avec au moins une lettre ou un chiffre',
      'content/articles/2020/premier.mdx:11 — revisits cite "inconnu", qui n’est le slug d’aucun article ; attendu : le slug d’un autre article (le nom de son fichier ou de son dossier) ; le slug est-il mal orthographié ?',
      expect.stringMatching(/^content\/articles\/2020\/premier\.mdx:14 — le fichier "\.\/photo\.jpg" n’existe pas/),
      expect.stringMatching(/^content\/authors\/alice\.yaml:3 — le fichier "\.\/alice\.jpg" n’existe pas/),
    ]);
  });
});

describe('loadContent refuses values that cannot be true', () => {
  it('refuses a date that is not in the calendar (30 February, 24:00), and accepts 29 February of a leap year', () => {
    const REAL = 'attendu : une date et une heure qui existent : mois de 01 à 12, un jour que compte le mois (pas de 30 février), heures jusqu’à 23, minutes et secondes jusqu’à 59, par exemple 2016-05-12T08:00:00+02:00';
    expect(
      problemsOf({
        ...BASE,
        'articles/2016/fevrier.mdx': mdx(FRONT.replace('2020-01-01T08:00:00+01:00', '2016-02-30T08:00:00+01:00')),
        'articles/2016/minuit.mdx': mdx(`${FRONT}\nupdatedAt: 2020-01-01T24:00:00+01:00`),
        'articles/2016/bissextile.mdx': mdx(FRONT.replace('2020-01-01T08:00:00+01:00', '2016-02-29T08:00:00+01:00')),
      }),
    ).toEqual([
      `content/articles/2016/fevrier.mdx:4 — le champ publishedAt vaut "2016-02-30T08:00:00+01:00" ; ${REAL}`,
      `content/articles/2016/minuit.mdx:7 — le champ updatedAt vaut "2020-01-01T24:00:00+01:00" ; ${REAL}`,
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
      'content/articles/2020/premier.mdx:7 — la date de mise à jour "2031-01-01T08:00:00+01:00" est postérieure à la date de la construction du site (2026-11-28T11:00:00.000Z) ; attendu : une date qui n’est pas postérieure à la construction du site (l’heure de la construction, ou ROTATIVE_NOW s’il est défini) ; corrigez la date de mise à jour',
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
      'content/articles/2020/premier.mdx:7 — revisits cite "suite", publié le 2021-03-01 (content/articles/2021/suite.mdx), pas avant cet article (2020-01-01) ; attendu : le slug d’un article publié avant celui-ci : revisits ne renvoie qu’à des articles plus anciens, si bien que deux articles ne peuvent pas se citer l’un l’autre',
      'content/articles/2021/meme-jour.mdx:7 — revisits cite "suite", publié le 2021-03-01 (content/articles/2021/suite.mdx), pas avant cet article (2021-03-01) ; attendu : le slug d’un article publié avant celui-ci : revisits ne renvoie qu’à des articles plus anciens, si bien que deux articles ne peuvent pas se citer l’un l’autre',
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
      'content/articles/2020/premier.mdx:2 — le champ title vaut "\\u200B\\u00A0\\u200B" (uniquement des espaces ou des caractères invisibles) ; attendu : un titre non vide',
      'content/articles/2020/second.mdx:3 — le champ description vaut "\\u3000\\u2028" (uniquement des espaces ou des caractères invisibles) ; attendu : un chapô non vide d’une ou deux phrases',
      'content/authors/alice.yaml:1 — le champ name vaut "\\u2060" (uniquement des espaces ou des caractères invisibles) ; attendu : le nom complet de l’auteur, par exemple "Claire Martin"',
      'content/categories/cloud.yaml:1 — le champ title vaut "\\uFEFF" (uniquement des espaces ou des caractères invisibles) ; attendu : le nom de la rubrique, par exemple "Cloud"',
      'content/series/un-an-apres.yaml:2 — le champ description vaut "\\u200C\\u200D" (uniquement des espaces ou des caractères invisibles) ; attendu : une phrase ou deux qui décrivent la série',
      'content/site.yaml:1 — le champ name vaut "\\u00A0" (uniquement des espaces ou des caractères invisibles) ; attendu : le nom du magazine, par exemple "Le Quotidien du Numérique"',
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
      'content/articles/2020/premier.mdx:7 — l’étiquette "cloud" est donnée deux fois ; attendu : chaque étiquette une seule fois par article ; supprimez la répétition',
      'content/articles/2020/second.mdx:9 — l’étiquette "cloud-souverain" est la même (/tags/cloud-souverain/) que "Cloud souverain" plus haut ; attendu : chaque étiquette une seule fois par article ; supprimez la répétition',
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
      'content/articles/2021/Majuscules.MDX — ce fichier ressemble à un article mais n’est pas lu ; attendu : un article est un fichier .mdx ; renommez Majuscules.MDX en Majuscules.mdx',
      'content/articles/2021/brouillon.mdx.txt — ce fichier ressemble à un article mais n’est pas lu ; attendu : un article est un fichier .mdx ; renommez brouillon.mdx.txt en brouillon.mdx',
      'content/articles/2021/dossier/index.md — ce fichier ressemble à un article mais n’est pas lu ; attendu : un article est un fichier .mdx ; renommez index.md en index.mdx',
      'content/articles/2021/note.markdown — ce fichier ressemble à un article mais n’est pas lu ; attendu : un article est un fichier .mdx ; renommez note.markdown en note.mdx',
    ]);
  });
});

describe('loadContent tells an MDX syntax error as what the writer typed, with its line', () => {
  /** The problems of an article whose body (from line 9) is `body`. */
  const syntaxOf = (body: string) => problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(FRONT, body) });
  /** Sätteri's own words must never reach writers. */
  const PARSER_WORDS = /oxc|JSX|Identifier|mdx-jsx|Unexpected|expected a|closing brace/;

  it('an unescaped { in the text', () => {
    expect(syntaxOf('Le texte.\n\nLe prix {environ 10 € ne change pas.')).toEqual([
      'content/articles/2020/premier.mdx:11 — une accolade { ouverte dans le texte n’est jamais fermée ; attendu : du texte, où les accolades sont des caractères comme les autres ; écrivez \\{ pour une accolade littérale',
    ]);
  });

  it('braces around words that are not code', () => {
    const [line, ...rest] = syntaxOf('Une note {entre accolades} ici.');
    expect(rest).toEqual([]);
    expect(line).toBe(
      'content/articles/2020/premier.mdx:9 — des accolades { } autour d’un texte ; attendu : du texte, où les accolades sont des caractères comme les autres ; écrivez \\{ et \\} pour des accolades littérales',
    );
  });

  it.each([
    ['an unclosed tag', '<Quote by="Jeanne">\nLa citation.\n\nLa suite.', 9, /^la balise <Quote> n’est jamais fermée ; attendu : une balise fermante <\/Quote>.* ; ajoutez <\/Quote>/],
    ['an unclosed tag inside a paragraph', 'Du texte <Quote by="x">citation.', 9, /^la balise <Quote> n’est jamais fermée ; attendu : une balise fermante <\/Quote> dans le même paragraphe/],
    ['a < that starts nothing', 'Si a <3 b, alors.', 9, /^un signe < qui n’ouvre aucune balise ; .* ; écrivez &lt; pour un signe < littéral$/],
    ['an HTML comment', 'Avant.\n\n<!-- à relire -->\n\nAprès.', 11, /^un commentaire HTML <!-- … --> ; .* ; les commentaires HTML ne sont pas acceptés : supprimez-le$/],
    ['a mismatched closing tag', '<Quote by="x">\nLa citation.\n</Figure>', 11, /^la balise fermante <\/Figure> ne correspond pas à la balise <Quote> ouverte ligne 9 ; attendu : <\/Quote> pour fermer <Quote>/],
    ['a closing tag with nothing open', 'Du texte </Quote> seul.', 9, /^la balise fermante <\/Quote> ne ferme aucune balise ouverte ; /],
    ['an attribute without quotes', '<Figure src=./carte.jpg alt="Une carte" />', 9, /^l’attribut src de <Figure> n’a pas de guillemets ; attendu : des attributs écrits nom="valeur" ; écrivez src="\.\/carte\.jpg"$/],
    ['quotes never closed', '<Quote by="Jeanne>\nLa citation.\n</Quote>', 9, /^des guillemets ouverts dans la balise <Quote> ne sont jamais fermés ; /],
    ['a tag without its >', 'Du texte <Quote by="x"', 9, /^la balise <Quote n’est pas fermée par > ; /],
  ])('%s', (_name, body, line, message) => {
    const problems = syntaxOf(body);
    expect(problems).toHaveLength(1);
    const [where, text] = problems[0]!.split(' — ') as [string, string];
    expect(where).toBe(`content/articles/2020/premier.mdx:${line}`);
    expect(text).toMatch(message);
    expect(text).not.toMatch(PARSER_WORDS);
  });

  it('says what any other syntax error is in plain words, never in the parser’s', async () => {
    const { describeMdxError } = await import('../../src/content/mdx-errors.ts');
    const problem = describeMdxError('12:3: Unexpected lazy line in expression in container, expected line to be prefixed (mdx-jsx:unexpected-lazy)', '');
    expect(problem).toMatchObject({ line: 12, found: 'la syntaxe MDX est invalide à cet endroit' });
    expect(JSON.stringify(problem)).not.toMatch(PARSER_WORDS);
  });
});

describe('loadContent suggests the file a missing image was probably meant to be', () => {
  it('a cover and a <Figure> one keystroke away from a file of the folder', () => {
    const front = `${FRONT}\ncover:\n  src: ./couvertur.jpg\n  alt: Une couverture`;
    // The article is a folder of its own here, with its images.
    const { 'articles/2020/premier.mdx': _file, ...base } = BASE;
    expect(
      problemsOf({
        ...base,
        'articles/2020/premier/index.mdx': mdx(front, '<Figure src="./schma.jpg" alt="Un schéma" />'),
        'articles/2020/premier/couverture.jpg': { copy: A_JPEG },
        'articles/2020/premier/schema.jpg': { copy: A_JPEG },
      }),
    ).toEqual([
      'content/articles/2020/premier/index.mdx:8 — le fichier "./couvertur.jpg" n’existe pas (cherché : content/articles/2020/premier/couvertur.jpg) ; attendu : le chemin d’un fichier qui existe, relatif à ce fichier ; vouliez-vous dire "./couverture.jpg" ?',
      'content/articles/2020/premier/index.mdx:12 — le fichier "./schma.jpg" n’existe pas (cherché : content/articles/2020/premier/schma.jpg) ; attendu : le chemin d’un fichier qui existe, relatif à ce fichier ; vouliez-vous dire "./schema.jpg" ?',
    ]);
  });
});

const PAGE = '---\ntitle: "À propos"\ndescription: "Qui sommes-nous."\n---\n\nLe texte.\n';

describe('loadContent reads nothing outside the content folder', () => {
  it('refuses a symbolic link where a page, an author, a rubrique or site.yaml is read, and publishes nothing through it', () => {
    const content = writeTree({
      ...BASE,
      '../outside/secret.mdx': PAGE.replace('Le texte.', 'ghp_SECRET'),
      '../outside/token.txt': 'ghp_SECRET\n',
      'pages/leak.mdx': { link: '../../outside/secret.mdx' },
      'authors/bruno.yaml': { link: '../../outside/token.txt' },
      // Even towards a file of the content folder: a content file is a real file.
      'categories/copie.yaml': { link: 'cloud.yaml' },
    });
    const loaded = loadContent(content, { now: NOW });
    const shownAs = `${path.relative(process.cwd(), content)}/`;
    const problems = sortProblems(loaded.problems).map((p) => formatProblem(p).split(shownAs).join('content/'));
    expect(problems).toEqual([
      'content/authors/bruno.yaml — un lien symbolique (vers un fichier) ; attendu : un vrai fichier ou dossier : les liens symboliques ne sont pas acceptés dans le dossier de contenu ; copiez le fichier à la place du lien',
      'content/categories/copie.yaml — un lien symbolique (vers un fichier) ; attendu : un vrai fichier ou dossier : les liens symboliques ne sont pas acceptés dans le dossier de contenu ; copiez le fichier à la place du lien',
      'content/pages/leak.mdx — un lien symbolique (vers un fichier) ; attendu : un vrai fichier ou dossier : les liens symboliques ne sont pas acceptés dans le dossier de contenu ; copiez le fichier à la place du lien',
    ]);
    expect(loaded.pages).toEqual([]);
    expect(loaded.authors.has('bruno')).toBe(false);
    expect(problems.join('\n')).not.toContain('ghp_');
  });

  it('refuses site.yaml as a link, and the pages folder as a link to a folder outside', () => {
    expect(
      problemsOf({
        ...BASE,
        'site.yaml': { link: '../outside/site.yaml' },
        '../outside/site.yaml': BASE['site.yaml'],
        '../outside/pages/leak.mdx': PAGE,
        pages: { link: '../outside/pages' },
      }),
    ).toEqual([
      'content/pages — un lien symbolique (vers un dossier) ; attendu : un vrai fichier ou dossier : les liens symboliques ne sont pas acceptés dans le dossier de contenu ; supprimez le lien, ou copiez le dossier à sa place',
      'content/site.yaml — un lien symbolique (vers un fichier) ; attendu : un vrai fichier ou dossier : les liens symboliques ne sont pas acceptés dans le dossier de contenu ; copiez le fichier à la place du lien',
    ]);
  });

  it('follows no link to a folder: a link to itself, to its folder or to / is refused, never walked', () => {
    expect(
      problemsOf({
        ...BASE,
        loop: { link: '.' },
        'articles/boucle': { link: 'boucle' },
        racine: { link: '/' },
      }),
    ).toEqual([
      'content/articles/boucle — un lien symbolique (vers lui-même, en boucle) ; attendu : un vrai fichier ou dossier : les liens symboliques ne sont pas acceptés dans le dossier de contenu ; supprimez le lien, ou copiez le dossier à sa place',
      'content/loop — un lien symbolique (vers un dossier) ; attendu : un vrai fichier ou dossier : les liens symboliques ne sont pas acceptés dans le dossier de contenu ; supprimez le lien, ou copiez le dossier à sa place',
      'content/racine — un lien symbolique (vers un dossier) ; attendu : un vrai fichier ou dossier : les liens symboliques ne sont pas acceptés dans le dossier de contenu ; supprimez le lien, ou copiez le dossier à sa place',
    ]);
  });

  it('reads a content folder reached by a link from where the link points at each load, not where it pointed before', () => {
    const first = writeTree(BASE);
    const second = writeTree({ ...BASE, 'articles/2021/second.mdx': mdx(FRONT.replace('2020-01-01', '2021-01-01')) });
    const link = path.join(mkdtempSync(path.join(work, 'link-')), 'content');
    symlinkSync(first, link);
    expect(loadContent(link, { now: NOW }).problems).toEqual([]);
    // The dev server's next pass, once the link is pointed at another checkout.
    rmSync(link);
    symlinkSync(second, link);
    const again = loadContent(link, { now: NOW });
    expect(again.problems.map(formatProblem)).toEqual([]);
    expect(again.articles.map((a) => a.slug).sort()).toEqual(['premier', 'second']);
  });

  it('refuses a file larger than the limit of its kind, naming the file, its size and the limit', () => {
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/premier.mdx': mdx(FRONT, 'a'.repeat(2 * 1024 * 1024)),
        'authors/alice.yaml': `name: Alice Martin\nbio: "${'b'.repeat(100 * 1024)}"\n`,
      }),
    ).toEqual([
      'content/articles/2020/premier.mdx — un fichier de 2\u00a0Mo, plus que la limite de 1\u00a0Mo pour un article ; attendu : un article d’au plus 1\u00a0Mo ; découpez-le en plusieurs fichiers',
      'content/authors/alice.yaml — un fichier de 100\u00a0Ko, plus que la limite de 64\u00a0Ko pour un fichier YAML ; attendu : un fichier YAML d’au plus 64\u00a0Ko ; découpez-le en plusieurs fichiers',
    ]);
  });
});

describe('loadContent quotes no file whole and survives hostile YAML', () => {
  it('says a file holding one value is not fields, without printing the value', () => {
    const problems = problemsOf({ ...BASE, 'authors/alice.yaml': 'ghp_0123456789abcdefghijklmnopqrstuvwxyz\n' });
    expect(problems).toEqual([
      'content/authors/alice.yaml:1 — le fichier contient un texte seul (40 caractères) au lieu de champs ; attendu : des lignes « champ: valeur »',
    ]);
  });

  it('refuses YAML anchors and aliases (an alias bomb), with their lines, instead of expanding them', () => {
    const lol = (name: string, of: string) => `${name}: &${name} [${Array(9).fill(of).join(', ')}]`;
    const bomb = ['name: Alice', lol('a', '"lol"'), lol('b', '*a'), lol('c', '*b'), lol('d', '*c'), lol('e', '*d'), lol('f', '*e'), lol('g', '*f'), lol('h', '*g')].join('\n');
    const problems = problemsOf({ ...BASE, 'authors/alice.yaml': bomb });
    expect(problems.filter((p) => p.includes('l’ancre YAML'))).toHaveLength(8);
    expect(problems).toContain('content/authors/alice.yaml:3 — l’alias YAML *a ; attendu : chaque valeur écrite là où elle sert, sans ancre (&nom) ni alias (*nom) ; recopiez la valeur à la place de l’alias, et retirez l’ancre');
  });

  it('refuses a bidirectional control character (U+202E) in a title, with its line and column', () => {
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(FRONT.replace('Un titre', 'Un \u202Eertit')) })).toEqual([
      'content/articles/2020/premier.mdx:2 — le caractère invisible U+202E, qui change le sens de lecture du texte, en colonne 12 ; attendu : du texte sans caractère de contrôle du sens de lecture (U+202A à U+202E, U+2066 à U+2069) : ils font lire un titre ou un lien autrement qu’il n’est écrit ; supprimez-le, par exemple en retapant les caractères qui l’entourent',
    ]);
  });

  it('refuses a tag or a former slug whose address would be longer than 100 characters', () => {
    const long = 'x'.repeat(300);
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(`${FRONT}\ntags: [${long}]\naliases: [${long}]`) })).toEqual([
      `content/articles/2020/premier.mdx:7 — l’étiquette donne une adresse de 300 caractères (« ${'x'.repeat(30)}… ») ; attendu : une adresse d’au plus 100 caractères ; raccourcissez-la`,
      `content/articles/2020/premier.mdx:8 — l’ancien slug donne une adresse de 300 caractères (« ${'x'.repeat(30)}… ») ; attendu : une adresse d’au plus 100 caractères ; raccourcissez-la`,
    ]);
  });
});

describe('loadContent refuses nesting deeper than 32 levels before anything renders', () => {
  const DEPTH = 'des éléments imbriqués sur plus de 32 niveaux (citations, listes ou balises les unes dans les autres) ; attendu : au plus 32 niveaux d’éléments les uns dans les autres ; sortez les citations, les listes ou les balises les unes des autres';

  it('refuses 40 nested quotes with their line', () => {
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(FRONT, `Début.\n\n${'> '.repeat(40)}Texte`) })).toEqual([`content/articles/2020/premier.mdx:11 — ${DEPTH}`]);
  });

  it('still refuses what hides under 499 quotes: an <img> of /etc/passwd, a protocol-relative link, an expression', () => {
    const problems = problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(FRONT, `${'> '.repeat(499)}<img src="/etc/passwd" /> [l](//evil.example/) {1 + 1}`) });
    expect(problems).toContain(`content/articles/2020/premier.mdx:9 — ${DEPTH}`);
    expect(problems.join('\n')).toContain('l’élément HTML <img> n’est pas accepté');
    expect(problems.join('\n')).toContain('le lien "//evil.example/" n’a pas de protocole');
    expect(problems.join('\n')).toContain('l’expression {1 + 1}');
  });

  it('reports 10,000 nested quotes or spans, or 700 nested lists, as one problem, without exhausting the stack', () => {
    // A list item is two levels (the list and the item): the 16th list is too deep, on line 9 + 15.
    for (const [body, line] of [
      [`${'> '.repeat(10_000)}x`, 9],
      [Array.from({ length: 700 }, (_, i) => `${'  '.repeat(i)}- a`).join('\n'), 24],
      [`${'<span>'.repeat(10_000)}x${'</span>'.repeat(10_000)}`, 9],
    ] as const) {
      expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(FRONT, body) })).toEqual([`content/articles/2020/premier.mdx:${line} — ${DEPTH}`]);
    }
  });
});

describe('loadContent pages and components: what a name or an id really gives', () => {
  it('refuses two pages whose names give one address, and names a hidden or nested page', () => {
    expect(
      problemsOf({
        ...BASE,
        'pages/a-propos.mdx': PAGE,
        'pages/à-propos.mdx': PAGE.replace('Qui sommes-nous.', 'Un autre texte.'),
        'pages/.brouillon.mdx': PAGE,
        'pages/equipe/redaction.mdx': PAGE,
        'articles/2020/.ancien.mdx': mdx(FRONT),
      }),
    ).toEqual([
      'content/articles/2020/.ancien.mdx — un fichier caché (son nom commence par un point), qui n’est pas lu ; attendu : un nom de fichier qui ne commence pas par un point ; renommez-le ancien.mdx',
      'content/pages/.brouillon.mdx — un fichier caché (son nom commence par un point), qui n’est pas lu ; attendu : un nom de fichier qui ne commence pas par un point ; renommez-le brouillon.mdx',
      'content/pages/equipe/redaction.mdx — une page dans un sous-dossier de pages/, qui n’est pas publiée ; attendu : chaque page directement dans content/pages/, par exemple pages/a-propos.mdx ; déplacez-la dans pages/ (pages/redaction.mdx)',
      'content/pages/à-propos.mdx — la page a l’adresse /a-propos/, déjà celle de content/pages/a-propos.mdx ; attendu : une adresse propre à chaque page : le nom du fichier en minuscules, sans accents ni espaces ; renommez ou supprimez l’un des deux fichiers',
    ]);
  });

  it('refuses a YouTube id that is not one', () => {
    expect(problemsOf({ ...BASE, 'articles/2020/premier.mdx': mdx(FRONT, '<Video youtube="aqz-KE-bpKQ" title="Bon" />\n\n<Video youtube="x&autoplay=1" title="Mauvais" />') })).toEqual([
      'content/articles/2020/premier.mdx:11 — l’identifiant YouTube "x&autoplay=1", qui n’en est pas un ; attendu : les 11 caractères (lettres, chiffres, - et _) qui suivent « v= » dans l’adresse de la vidéo, par exemple youtube="aqz-KE-bpKQ" ; copiez seulement l’identifiant, sans « https://www.youtube.com/watch?v= »',
    ]);
  });
});

describe('tags that differ only by the plural', () => {
  it('are one subject: the second spelling is refused with the one to keep', () => {
    expect(
      problemsOf({
        ...BASE,
        'articles/2020/premier.mdx': mdx(`${FRONT}\ntags: [rançongiciels, cloud]`),
        'articles/2020/second.mdx': mdx(`${FRONT}\ntags: [Rançongiciel]`),
      }),
    ).toEqual([
      'content/articles/2020/second.mdx:7 — l’étiquette "Rançongiciel" ne diffère de "rançongiciels" (dans content/articles/2020/premier.mdx) que par le singulier ou le pluriel : deux pages d’étiquette pour un même sujet ; attendu : une seule orthographe par étiquette ; écrivez "rançongiciels", l’orthographe déjà employée',
    ]);
  });

  it('singular forms: a final s or x of words of four letters or more', async () => {
    const { singularOf } = await import('../../src/content/references.ts');
    expect(singularOf('rancongiciels')).toBe('rancongiciel');
    expect(singularOf('jeux-olympiques')).toBe('jeu-olympique');
    expect(singularOf('ios')).toBe('ios');
    expect(singularOf('cloud-souverain')).toBe('cloud-souverain');
  });
});
