/**
 * `npm run new -- "Titre de l'article"`: writes a draft in the folder form,
 * content/articles/<année>/<slug>/index.mdx (the year of its date in Paris),
 * so that the article's images go beside it, and prints what it did, in French.
 *
 * Options: --author <id> (repeatable, or ids separated by commas),
 * --category <id>, --series <id>, --date <date>. A missing one is asked for
 * when the terminal is interactive; otherwise a default is taken and the
 * script says which, and how to choose another. An unknown id is refused with
 * the valid ones.
 *
 * The draft's provisional texts come from src/content/placeholders.ts: the
 * content phase refuses them in an article that is not a draft any more.
 */
import { existsSync, globSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { parse, stringify } from 'yaml';
import { parseIsoDateTime, readEnvironmentOrExit } from '../src/config/environment.ts';
import { PLACEHOLDER_MARK, PLACEHOLDERS } from '../src/content/placeholders.ts';
import { parseParisDateTime, toIsoString } from '../src/lib/dates.ts';
import { suggestClosest } from '../src/lib/errors.ts';
import { slugFromPath, slugify } from '../src/lib/slugs.ts';

const USAGE =
  'Utilisation : npm run new -- "Titre de l’article" [--author marie-durand] [--category cloud] [--series un-an-apres] [--date 2026-07-14T08:00]';

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

let parsed;
try {
  parsed = parseArgs({
    allowPositionals: true,
    options: {
      author: { type: 'string', multiple: true },
      category: { type: 'string' },
      series: { type: 'string' },
      date: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
} catch (err) {
  // parseArgs explains in English; the writer gets the options in French.
  const option = /'(-[^']*)'/.exec(err instanceof Error ? err.message : '')?.[1];
  fail(`${option ? `option inconnue ou incomplète : ${option}` : 'options illisibles'}.\n  ${USAGE}`);
}
const { values, positionals } = parsed;
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const title = positionals.join(' ').trim();
if (!title) fail(`il manque le titre de l’article.\n  ${USAGE}`);

const env = readEnvironmentOrExit();
const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
const readline = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
const interrupted = (): never => {
  console.log('\n✖ Interrompu : aucun fichier n’a été écrit.');
  process.exit(130);
};
// Ctrl+C (or the end of the input, Ctrl+D) at a question: nothing was
// written yet; one line says so, not a stack trace.
readline?.on('SIGINT', interrupted);
const question = (text: string): Promise<string> => readline!.question(text).catch((err: unknown) => (err instanceof Error && err.name === 'AbortError' ? interrupted() : Promise.reject(err)));

/** A path as the writer can open it: relative to the working directory, unless it lies outside. */
const shown = (abs: string) => {
  const rel = path.relative(process.cwd(), abs);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
};

// The slug comes from the title; refused before anything is asked.
const slug = slugify(title);
if (!slug) fail('le titre doit contenir au moins une lettre ou un chiffre : le nom du fichier (et l’adresse de l’article) en vient.');
const articlesDir = path.join(env.contentDir, 'articles');
const existing = existsSync(articlesDir) ? globSync('**/*.mdx', { cwd: articlesDir }).find((f) => slugFromPath(f) === slug) : undefined;
if (existing) {
  fail(
    `un article porte déjà le nom « ${slug} » : ${shown(path.join(articlesDir, existing))}. Le nom vient du titre et doit être unique : choisissez un autre titre, ou ouvrez cet article.`,
  );
}

interface Choice {
  id: string;
  /** The name or title inside the file, shown beside the id. */
  label: string | undefined;
}

/** The entries of content/<folder>/, sorted by id, with their name (authors) or title. */
function choicesIn(folder: string): Choice[] {
  const dir = path.join(env.contentDir, folder);
  if (!existsSync(dir)) return [];
  return globSync('*.{yaml,yml}', { cwd: dir })
    .map((f) => {
      let label: string | undefined;
      try {
        const data = parse(readFileSync(path.join(dir, f), 'utf8')) as { name?: unknown; title?: unknown } | null;
        const value = data?.name ?? data?.title;
        if (typeof value === 'string') label = value;
      } catch {
        // An unreadable file is npm run check's business: its id is still listed.
      }
      return { id: f.replace(/\.ya?ml$/, ''), label };
    })
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

interface Kind {
  folder: string;
  flag: string;
  /** « auteur », « rubrique », « série ». */
  noun: string;
  plural: string;
  /** Agreement: « le premier » / « la première », « un autre » / « une autre ». */
  feminine: boolean;
}
const AUTHOR: Kind = { folder: 'authors', flag: 'author', noun: 'auteur', plural: 'auteurs', feminine: false };
const CATEGORY: Kind = { folder: 'categories', flag: 'category', noun: 'rubrique', plural: 'rubriques', feminine: true };
const SERIES: Kind = { folder: 'series', flag: 'series', noun: 'série', plural: 'séries', feminine: true };

const idList = (choices: Choice[]) => choices.map((c) => c.id).join(', ');

/** Checks ids typed by the writer; refuses an unknown one with the valid ids and the closest. */
function checkIds(kind: Kind, choices: Choice[], wanted: string[], where: string): string[] {
  const known = choices.map((c) => c.id);
  for (const id of wanted) {
    if (known.includes(id)) continue;
    const close = suggestClosest(id, known);
    fail(
      `${where} : « ${id} » n’est pas ${kind.feminine ? 'une' : 'un'} ${kind.noun} de ${shown(path.join(env.contentDir, kind.folder))}/.` +
        `${close ? ` Vouliez-vous dire « ${close} » ?` : ''} ${kind.plural[0]!.toUpperCase()}${kind.plural.slice(1)} possibles : ${idList(choices)}.`,
    );
  }
  return wanted;
}

const splitIds = (text: string) =>
  text
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/** Asks for one or more entries in the terminal, by number or id; Enter takes the default. */
async function ask(kind: Kind, choices: Choice[], options: { multiple: boolean; optional: boolean }): Promise<string[]> {
  console.log(`\n${kind.noun[0]!.toUpperCase()}${kind.noun.slice(1)}${options.multiple ? '(s)' : ''} ?`);
  choices.forEach((c, i) => console.log(`  ${i + 1}. ${c.id}${c.label ? ` — ${c.label}` : ''}`));
  const fallback = options.optional ? 'aucune' : choices[0]!.id;
  const how = options.multiple ? 'numéros ou identifiants, séparés par des virgules' : 'numéro ou identifiant';
  for (;;) {
    const answer = (await question(`  ${how} [Entrée : ${fallback}] : `)).trim();
    if (!answer) return options.optional ? [] : [choices[0]!.id];
    const ids = splitIds(answer).map((a) => (/^\d+$/.test(a) && choices[Number(a) - 1] ? choices[Number(a) - 1]!.id : a));
    const unknown = ids.find((id) => !choices.some((c) => c.id === id));
    if (!unknown && (options.multiple || ids.length === 1)) return ids;
    const close = unknown ? suggestClosest(unknown, choices.map((c) => c.id)) : undefined;
    console.log(unknown ? `  « ${unknown} » n’est pas dans la liste.${close ? ` Vouliez-vous dire « ${close} » ?` : ''}` : '  Une seule, s’il vous plaît.');
  }
}

/** The entries for one option: given, asked for, or the default (said aloud). */
async function choose(kind: Kind, given: string[] | undefined, options: { multiple: boolean; optional: boolean }): Promise<string[]> {
  const choices = choicesIn(kind.folder);
  if (given !== undefined) {
    const ids = checkIds(kind, choices, given.flatMap(splitIds), `--${kind.flag}`);
    console.log(`${kind.noun}${ids.length > 1 ? 's' : ''} : ${ids.join(', ')}`);
    return ids;
  }
  if (choices.length === 0) {
    if (options.optional) {
      console.log(`${kind.noun} : aucune (il n’y a pas de ${kind.noun} dans ${shown(path.join(env.contentDir, kind.folder))}/)`);
      return [];
    }
    fail(`il n’y a aucun ${kind.noun} dans ${shown(path.join(env.contentDir, kind.folder))}/ : créez-en un d’abord (voir le README).`);
  }
  if (readline) return ask(kind, choices, options);
  const other = kind.feminine ? 'une autre' : 'un autre';
  if (options.optional) {
    console.log(`${kind.noun} : aucune (--${kind.flag} pour en choisir une : ${idList(choices)})`);
    return [];
  }
  console.log(
    `${kind.noun} : ${choices[0]!.id} (${kind.feminine ? 'la première' : 'le premier'} par ordre alphabétique ; --${kind.flag} pour en choisir ${other} : ${idList(choices)})`,
  );
  return [choices[0]!.id];
}

async function chooseDate(): Promise<Date> {
  const minute = (d: Date) => new Date(Math.floor(d.getTime() / 60_000) * 60_000);
  const now = minute(env.now);
  if (values.date !== undefined) {
    const date = parseParisDateTime(values.date);
    if (!date) fail(`--date : « ${values.date} » n’est pas une date lisible. Écrivez par exemple --date 2026-07-14 (à 8 h), --date 2026-07-14T09:30 (heure de Paris) ou --date 2026-07-14T09:30:00+02:00.`);
    return minute(date);
  }
  if (readline) {
    for (;;) {
      const answer = (await question(`\nDate de publication ? (2026-07-14 ou 2026-07-14T09:30, heure de Paris) [Entrée : maintenant, ${toIsoString(now)}] : `)).trim();
      if (!answer) return now;
      const date = parseParisDateTime(answer);
      if (date) return minute(date);
      console.log(`  « ${answer} » n’est pas une date lisible.`);
    }
  }
  console.log(`date : ${toIsoString(now)} (maintenant ; --date pour en choisir une autre, par exemple --date 2026-07-14T09:30)`);
  return now;
}

/** The number after the highest episode of `series` among the articles (read leniently: check does the real validation). */
function nextEpisode(series: string): number {
  let highest = 0;
  if (!existsSync(articlesDir)) return 1;
  for (const f of globSync('**/*.mdx', { cwd: articlesDir })) {
    const fm = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(path.join(articlesDir, f), 'utf8'));
    try {
      const data = fm ? (parse(fm[1]!) as { series?: unknown; episode?: unknown } | null) : null;
      if (data?.series === series && typeof data.episode === 'number') highest = Math.max(highest, data.episode);
    } catch {
      // Invalid front matter is reported by npm run check.
    }
  }
  return highest + 1;
}

const authors = await choose(AUTHOR, values.author, { multiple: true, optional: false });
const [category] = await choose(CATEGORY, values.category === undefined ? undefined : [values.category], { multiple: false, optional: false });
const [series] = await choose(SERIES, values.series === undefined ? undefined : [values.series], { multiple: false, optional: true });
const date = await chooseDate();
readline?.close();
let episode: number | undefined;
if (series !== undefined) {
  episode = nextEpisode(series);
  console.log(`épisode : ${episode} (le suivant dans la série ${series} ; changez « episode: » dans le fichier si besoin)`);
}

const publishedAt = toIsoString(date);
const frontMatter = {
  title,
  description: PLACEHOLDERS.description,
  publishedAt,
  authors,
  category,
  tags: [],
  ...(series === undefined ? {} : { series, episode }),
  draft: true,
};
// Folder form: the article's images go in its folder, beside index.mdx.
const folder = path.join(articlesDir, publishedAt.slice(0, 4), slug);
const file = path.join(folder, 'index.mdx');
if (existsSync(file)) fail(`${shown(file)} existe déjà.`);

// publishedAt is written unquoted, as writers write it; the cover block is
// left commented out, ready to use, with its provisional alt text.
const yaml = stringify(frontMatter, { lineWidth: 0 })
  .replace(/^publishedAt: "?([^"\n]+)"?$/m, 'publishedAt: $1')
  .replace(/^draft: true$/m, 'draft: true   # retirez cette ligne pour publier l’article');
const coverBlock = [
  '# Une image de couverture (facultative) : mettez-la dans le dossier de l’article,',
  '# puis retirez les « # » des trois lignes suivantes et décrivez l’image dans alt.',
  '# cover:',
  '#   src: ./couverture.jpg',
  `#   alt: ${JSON.stringify(PLACEHOLDERS.coverAlt)}`,
].join('\n');
const body = [PLACEHOLDERS.firstParagraph, '', `## ${PLACEHOLDERS.heading}`, '', PLACEHOLDERS.paragraph, ''].join('\n');
mkdirSync(folder, { recursive: true });
writeFileSync(file, `---\n${yaml}${coverBlock}\n---\n\n${body}`);

console.log(`\n✔ Brouillon écrit : ${shown(file)}
  - Mettez ses images dans son dossier, ${shown(folder)}${path.sep}, et nommez-les depuis l’article par ./nom-de-l-image.jpg.
  - Remplacez chaque texte marqué ${PLACEHOLDER_MARK} (le chapô, le texte) par le vôtre.
  - Retirez la ligne « draft: true » pour le publier : tant qu’il reste un ${PLACEHOLDER_MARK}, npm run check et npm run build le refusent.`);
