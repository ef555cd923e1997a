/**
 * The cross-references of the content, checked once every file is read:
 * authors, rubriques and series named by articles, `revisits`, `<ReadAlso>`,
 * episodes, former slugs (`aliases`) and tags.
 */
import path from 'node:path';
import { didYouMean, suggestClosest, type ContentProblem } from '../lib/errors.ts';
import { slugify } from '../lib/slugs.ts';
import { describeFound } from './problems.ts';
import type { LineOf } from './yaml.ts';
import type { LoadedArticle, LoadedContent } from './load.ts';
import { tagPath } from '../lib/urls.ts';

/** « vouliez-vous dire … ? » when a known id is one or two keystrokes away, else `fallback`. */
function typoHint(found: string, known: Iterable<string>, fallback?: string): string | undefined {
  const close = suggestClosest(found, [...known].filter((k) => k !== found));
  return close ? didYouMean(close) : fallback;
}

/**
 * The longest slug a tag or a former slug (alias) may give: each becomes a
 * folder name of the site (/tags/<slug>/), and file systems refuse names of
 * more than 255 bytes (ENAMETOOLONG). A headline slug is some 60 characters.
 */
export const MAX_SLUG_LENGTH = 100;

/** The problem of a tag or alias whose slug would be too long a folder name. */
function longSlugProblem(file: string, field: string, line: number | undefined, what: string, slug: string): ContentProblem {
  return {
    file,
    field,
    line,
    found: `${what} donne une adresse de ${slug.length} caractères (« ${slug.slice(0, 30)}… »)`,
    expected: `une adresse d’au plus ${MAX_SLUG_LENGTH} caractères`,
    hint: 'raccourcissez-la',
  };
}

/** How many ids an "expected" text lists before it stops at « … ». */
const LISTED_IDS = 6;

/** `l’identifiant d’une fiche auteur (claire-martin, julien-benali, …)`: `what`, then the ids of the folder. */
function listIds(what: string, ids: Iterable<string>, folder: string): string {
  const list = [...ids].sort();
  if (!list.length) return `${what}, mais ${folder} est vide`;
  const shown = list.length > LISTED_IDS ? [...list.slice(0, LISTED_IDS), '…'] : list;
  return `${what} (${shown.join(', ')})`;
}

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Checks every cross-reference once all files are read. */
export function checkReferences(content: LoadedContent, problems: ContentProblem[], linesOf: Map<LoadedArticle, LineOf>): void {
  const slugs = new Set([...content.articles.map((a) => a.slug), ...content.invalid.articles]);
  const bySlug = new Map(content.articles.map((a) => [a.slug, a]));
  const { invalid } = content;
  const episodes = new Map<string, LoadedArticle>();
  const tagLabels = new Map<string, { label: string; file: string }>();
  /** Former slugs so far, with the file of the article they lead to. */
  const aliasOwners = new Map<string, string>();
  // A link to a renamed article's former slug: tell the writer its new one.
  const renamedTo = new Map(content.articles.flatMap((a) => a.data.aliases.map((alias): [string, string] => [alias, a.slug])));
  const renamedHint = (slug: string) => {
    const to = renamedTo.get(slug);
    return to ? `« ${slug} » est l’ancien slug de l’article « ${to} » : écrivez « ${to} »` : undefined;
  };
  /** A folder of the content tree as writers see it: `content/authors/`. */
  const folderOf = (name: string) => `${path.join(path.relative(process.cwd(), content.contentDir), name)}/`;
  for (const article of content.articles) {
    const { data, file } = article;
    const lineOf = linesOf.get(article) ?? (() => undefined);
    data.authors.forEach((id, i) => {
      if (!content.authors.has(id) && !invalid.authors.has(id)) {
        problems.push({ file, field: `authors[${i}]`, line: lineOf(['authors', i]), found: `aucune fiche auteur ${describeFound(id)} dans ${folderOf('authors')}`, expected: listIds('l’identifiant d’une fiche auteur', content.authors.keys(), folderOf('authors')), hint: typoHint(id, content.authors.keys()) });
      }
    });
    if (!content.categories.has(data.category) && !invalid.categories.has(data.category)) {
      problems.push({ file, field: 'category', line: lineOf(['category']), found: `aucune rubrique ${describeFound(data.category)} dans ${folderOf('categories')}`, expected: listIds('l’identifiant d’une rubrique', content.categories.keys(), folderOf('categories')), hint: typoHint(data.category, content.categories.keys()) });
    }
    if (data.series !== undefined && !content.series.has(data.series) && !invalid.series.has(data.series)) {
      problems.push({ file, field: 'series', line: lineOf(['series']), found: `aucune série ${describeFound(data.series)} dans ${folderOf('series')}`, expected: listIds('l’identifiant d’une série', content.series.keys(), folderOf('series')), hint: typoHint(data.series!, content.series.keys()) });
    }
    data.revisits.forEach((slug, i) => {
      const field = `revisits[${i}]`;
      const line = lineOf(['revisits', i]);
      if (!slugs.has(slug) || slug === article.slug) {
        problems.push({ file, field, line, found: slug === article.slug ? `revisits cite l’article lui-même (${describeFound(slug)})` : `revisits cite ${describeFound(slug)}, qui n’est le slug d’aucun article`, expected: 'le slug d’un autre article (le nom de son fichier ou de son dossier)', hint: renamedHint(slug) ?? typoHint(slug, [...slugs].filter((s) => s !== article.slug), 'le slug est-il mal orthographié ?') });
        return;
      }
      // Only towards the past: an article follows up on what came before it,
      // which also means two articles can never revisit each other.
      const target = bySlug.get(slug);
      if (target && target.data.publishedAt.getTime() >= data.publishedAt.getTime()) {
        problems.push({
          file,
          field,
          line,
          found: `revisits cite "${slug}", publié le ${day(target.data.publishedAt)} (${target.file}), pas avant cet article (${day(data.publishedAt)})`,
          expected: 'le slug d’un article publié avant celui-ci : revisits ne renvoie qu’à des articles plus anciens, si bien que deux articles ne peuvent pas se citer l’un l’autre',
        });
      }
    });
    data.aliases.forEach((alias, i) => {
      const field = `aliases[${i}]`;
      const line = lineOf(['aliases', i]);
      if (alias.length > MAX_SLUG_LENGTH) {
        problems.push(longSlugProblem(file, field, line, 'l’ancien slug', alias));
        return;
      }
      if (!alias || slugify(alias) !== alias) {
        problems.push({
          file,
          field,
          line,
          found: `« ${alias} », qui n’est pas un slug`,
          expected: 'un ancien slug : lettres minuscules sans accents, chiffres et tirets, comme le nom d’un fichier d’article',
          hint: slugify(alias) ? didYouMean(slugify(alias)) : undefined,
        });
        return;
      }
      const owner = slugs.has(alias) ? bySlug.get(alias)?.file ?? 'un autre article' : aliasOwners.get(alias);
      if (owner !== undefined || alias === article.slug) {
        problems.push({
          file,
          field,
          line,
          found: alias === article.slug ? `« ${alias} », le slug actuel de cet article` : `« ${alias} », déjà l’adresse de ${owner}`,
          expected: 'un ancien slug qui n’est ni le slug ni l’ancien slug d’un autre article',
          hint: alias === article.slug ? 'retirez-le : un article garde toujours son adresse actuelle' : 'une adresse ne peut mener qu’à un seul article : retirez cet alias de l’un des deux',
        });
        return;
      }
      aliasOwners.set(alias, file);
    });
    for (const ref of article.readAlso) {
      if (!slugs.has(ref.slug)) {
        problems.push({ file, field: '<ReadAlso slug>', line: ref.line, found: `<ReadAlso> cite ${describeFound(ref.slug)}, qui n’est le slug d’aucun article`, expected: 'le slug d’un article (le nom de son fichier ou de son dossier)', hint: renamedHint(ref.slug) ?? typoHint(ref.slug, slugs, 'le slug est-il mal orthographié ?') });
      }
    }
    if (data.series !== undefined && data.episode !== undefined) {
      const key = `${data.series}#${data.episode}`;
      const other = episodes.get(key);
      if (other) {
        problems.push({ file, field: 'episode', line: lineOf(['episode']), found: `l’épisode ${data.episode} de la série ${describeFound(data.series)} est déjà ${other.file}`, expected: 'un numéro d’épisode unique dans la série' });
      } else episodes.set(key, article);
    }
    /** This article's tags so far, by tag slug. */
    const own = new Map<string, string>();
    data.tags.forEach((label, i) => {
      const tagSlug = slugify(label);
      const seen = tagLabels.get(tagSlug);
      const line = lineOf(['tags', i]);
      if (!tagSlug) {
        problems.push({ file, field: 'tags', line, found: `l’étiquette ${describeFound(label)} n’a ni lettre ni chiffre`, expected: 'une étiquette avec au moins une lettre ou un chiffre' });
      } else if (tagSlug.length > MAX_SLUG_LENGTH) {
        problems.push(longSlugProblem(file, 'tags', line, 'l’étiquette', tagSlug));
      } else if (own.has(tagSlug)) {
        const first = own.get(tagSlug)!;
        problems.push({
          file,
          field: 'tags',
          line,
          found: first === label ? `l’étiquette ${describeFound(label)} est donnée deux fois` : `l’étiquette ${describeFound(label)} est la même (${tagPath(label)}) que ${describeFound(first)} plus haut`,
          expected: 'chaque étiquette une seule fois par article',
          hint: 'supprimez la répétition',
        });
      } else if (seen && seen.label !== label) {
        own.set(tagSlug, label);
        problems.push({
          file,
          field: 'tags',
          line,
          found: `l’étiquette ${describeFound(label)} donne la même page ${tagPath(label)} que ${describeFound(seen.label)} dans ${seen.file}`,
          expected: 'une seule orthographe par étiquette',
          hint: `écrivez ${describeFound(seen.label)} dans les deux articles`,
        });
      } else {
        own.set(tagSlug, label);
        if (!seen) tagLabels.set(tagSlug, { label, file });
      }
    });
  }
}
