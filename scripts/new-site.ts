/**
 * `npm run new-site`: replaces the sample magazine with a minimal magazine
 * of one's own: content/site.yaml (name, address, the legal notice to fill
 * in), one author, one rubrique, an empty articles folder. Nothing is
 * deleted: the content folder that was there moves beside it, to
 * `<dossier>-exemple/` (then `-exemple-2`…), where its articles, images and
 * files stay to read and copy.
 *
 * Options: --name "Nom du magazine", --url https://…, --author "Prénom Nom",
 * --category "Rubrique". A missing one is asked for when the terminal is
 * interactive; otherwise the command says which are missing and stops,
 * having changed nothing. The content folder is ROTATIVE_CONTENT_DIR
 * (./content by default). The files it writes are valid as they are:
 * `npm run check` and `npm run build` accept them; the build warns about each
 * field of the legal notice still to fill in.
 */
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { slugify } from '../src/lib/slugs.ts';

const USAGE = 'Utilisation : npm run new-site -- --name "Mon magazine" --url https://mon-magazine.example --author "Prénom Nom" --category "Actualité"';

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

let values: Record<string, string | undefined>;
try {
  ({ values } = parseArgs({
    options: { name: { type: 'string' }, url: { type: 'string' }, author: { type: 'string' }, category: { type: 'string' } },
  }));
} catch (err) {
  fail(`${(err as Error).message} ; ${USAGE}`);
}

/** Each option: what it is, in the words a writer reads, and what a valid answer is. */
const FIELDS = {
  name: { label: 'nom du magazine', check: (v: string) => (v.trim() ? undefined : 'un nom non vide, par exemple « La Gazette du Code »') },
  url: {
    label: 'adresse publique du site (https://…)',
    check: (v: string) => (URL.canParse(v) && /^https?:$/.test(new URL(v).protocol) ? undefined : 'une adresse complète, par exemple https://mon-magazine.example'),
  },
  author: { label: 'premier auteur (prénom et nom)', check: (v: string) => (slugify(v) ? undefined : 'un nom, par exemple « Jeanne Dupont »') },
  category: { label: 'première rubrique', check: (v: string) => (slugify(v) ? undefined : 'un titre de rubrique, par exemple « Actualité »') },
} as const;
type Field = keyof typeof FIELDS;

const interactive = process.stdin.isTTY === true && process.stdout.isTTY === true;
const answers: Partial<Record<Field, string>> = {};
const missing: Field[] = [];
const readline = interactive ? createInterface({ input: process.stdin, output: process.stdout }) : undefined;
for (const field of Object.keys(FIELDS) as Field[]) {
  let value = values[field]?.trim();
  while (value === undefined && readline) {
    const answer = (await readline.question(`${FIELDS[field].label} ? `)).trim();
    const problem = FIELDS[field].check(answer);
    if (problem) console.log(`  attendu : ${problem}`);
    else value = answer;
  }
  if (value === undefined) {
    missing.push(field);
    continue;
  }
  const problem = FIELDS[field].check(value);
  if (problem) fail(`--${field} « ${value} » ; attendu : ${problem} ; ${USAGE}`);
  answers[field] = value;
}
readline?.close();
if (missing.length > 0) {
  fail(`il manque ${missing.map((f) => `--${f} (${FIELDS[f].label})`).join(', ')} ; rien n’a été changé. ${USAGE}`);
}
const { name, url, author, category } = answers as Record<Field, string>;

const contentDir = path.resolve(process.env.ROTATIVE_CONTENT_DIR || 'content');
const shown = (p: string) => path.relative(process.cwd(), p) || p;

// The previous content moves aside, whole.
let kept: string | undefined;
if (existsSync(contentDir)) {
  kept = `${contentDir}-exemple`;
  for (let n = 2; existsSync(kept); n++) kept = `${contentDir}-exemple-${n}`;
  renameSync(contentDir, kept);
}

const authorId = slugify(author);
const categoryId = slugify(category);
const write = (relPath: string, text: string) => {
  const file = path.join(contentDir, relPath);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
};
const yaml = (data: unknown) => stringify(data, { lineWidth: 0 });

write(
  'site.yaml',
  `${yaml({ name, url: url.replace(/\/+$/, '') , language: 'fr-FR' })}` +
    `# logo: ./logo.png                 # un fichier de ce dossier ; puis npm run favicon pour public/favicon.ico
# follow:                           # les liens « Suivez-nous »
#   - { label: "Mastodon", url: "https://…" }

# Les mentions légales (page /mentions-legales/) : la loi (LCEN, art. 6-III)
# demande chaque champ ; la construction signale ceux qui manquent.
# legal:
#   publisher: "Raison sociale, forme, capital, RCS — ou le nom de la personne qui publie"
#   address: "Adresse postale de l’éditeur"
#   director: "Nom du directeur ou de la directrice de la publication"
#   host:
#     name: "Nom de l’hébergeur"
#     address: "Adresse postale de l’hébergeur"
#     phone: "+33 1 23 45 67 89"
#   contact: "redaction@…"
`,
);
write(`authors/${authorId}.yaml`, yaml({ name: author }));
write(`categories/${categoryId}.yaml`, yaml({ title: category }));
mkdirSync(path.join(contentDir, 'articles'), { recursive: true });
mkdirSync(path.join(contentDir, 'pages'), { recursive: true });
mkdirSync(path.join(contentDir, 'series'), { recursive: true });

console.log(`✔ Nouveau magazine « ${name} » dans ${shown(contentDir)}/ :`);
console.log(`  - ${shown(path.join(contentDir, 'site.yaml'))} : nom, adresse ${url} ; complétez les mentions légales (legal:), le logo, les liens`);
console.log(`  - ${shown(path.join(contentDir, 'authors', `${authorId}.yaml`))} : ${author}`);
console.log(`  - ${shown(path.join(contentDir, 'categories', `${categoryId}.yaml`))} : ${category}`);
if (kept) console.log(`  L’exemple précédent est gardé dans ${shown(kept)}/ : rien n’a été effacé.`);
console.log(`  Ensuite : npm run new -- "Titre du premier article", puis npm run build. Couleurs, polices : src/styles/global.css ; icône : npm run favicon.`);
