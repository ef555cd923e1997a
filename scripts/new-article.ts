/**
 * `npm run new -- "Titre de l'article"`: writes a draft MDX file with valid
 * front matter under content/articles/<year>/<slug>.mdx, and prints its path.
 * Options: --category <id>, --author <id> (default: the first of each).
 */
import { existsSync, globSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { readEnvironmentOrExit } from '../src/config/environment.ts';
import { toIsoString } from '../src/lib/dates.ts';
import { slugify } from '../src/lib/slugs.ts';
import { didYouMean, suggestClosest } from '../src/lib/errors.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { category: { type: 'string' }, author: { type: 'string' } },
});
const title = positionals.join(' ').trim();
if (!title) {
  console.error('✖ Utilisation : npm run new -- "Titre de l’article" [--category cloud] [--author marie-durand]');
  process.exit(1);
}

const env = readEnvironmentOrExit();
const idsIn = (folder: string) =>
  globSync('*.{yaml,yml}', { cwd: path.join(env.contentDir, folder) })
    .map((f) => f.replace(/\.ya?ml$/, ''))
    .sort();
const pick = (folder: string, wanted: string | undefined, flag: string): string => {
  const ids = idsIn(folder);
  if (wanted && !ids.includes(wanted)) {
    const close = suggestClosest(wanted, ids);
    console.error(`✖ --${flag} vaut "${wanted}" ; attendu : l’un de ${ids.join(', ')}${close ? ` ; ${didYouMean(close)}` : ''}`);
    process.exit(1);
  }
  const id = wanted ?? ids[0];
  if (!id) {
    console.error(`✖ Le dossier ${path.join(env.contentDir, folder)} n’a aucun fichier : créez-en un d’abord.`);
    process.exit(1);
  }
  return id;
};

const slug = slugify(title);
const existing = globSync('**/*.mdx', { cwd: path.join(env.contentDir, 'articles') }).find(
  (f) => slugify(path.basename(f, '.mdx') === 'index' ? path.basename(path.dirname(f)) : path.basename(f, '.mdx')) === slug,
);
if (!slug || existing) {
  console.error(existing ? `✖ Un article a déjà le slug "${slug}" : articles/${existing}` : '✖ Le titre doit contenir au moins une lettre ou un chiffre.');
  process.exit(1);
}

// Whole minutes, in the magazine's own time zone, with the offset written out.
const now = new Date(Math.floor(env.now.getTime() / 60_000) * 60_000);
const publishedAt = toIsoString(now);
const frontMatter = {
  title,
  description: 'Le chapô : une ou deux phrases qui résument l’article.',
  publishedAt,
  authors: [pick('authors', values.author, 'author')],
  category: pick('categories', values.category, 'category'),
  tags: [],
  draft: true,
};
const year = publishedAt.slice(0, 4);
const file = path.join(env.contentDir, 'articles', year, `${slug}.mdx`);
if (existsSync(file)) {
  console.error(`✖ ${file} existe déjà.`);
  process.exit(1);
}
mkdirSync(path.dirname(file), { recursive: true });
// publishedAt is written unquoted, as writers write it.
const yaml = stringify(frontMatter, { lineWidth: 0 }).replace(/^publishedAt: "?([^"\n]+)"?$/m, 'publishedAt: $1');
writeFileSync(file, `---\n${yaml}---\n\nPremier paragraphe de l’article.\n\n## Un intertitre\n\nLa suite.\n`);
console.log(`✔ Brouillon écrit : ${path.relative(process.cwd(), file)}\n  Retirez « draft: true » quand il est prêt à être publié.`);
