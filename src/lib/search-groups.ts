/**
 * The search index is split in one Pagefind index per year of publication
 * (Paris time), which the search page merges in the browser: an edit to an
 * article re-indexes its year only, and the years nobody touched are taken
 * from the cache (src/publish/search.ts). The group of an article, the public
 * path of a group's index and what the index holds for an article are decided
 * here, for the build and for the search page alike.
 */
import { fr } from '../i18n/fr.ts';
import { formatDate, formatDateTime, toIsoString } from './dates.ts';
import { joinFrench } from './french-list.ts';
import { smallestFallback, type PictureData } from './images.ts';
import { urlsFor } from './urls.ts';

/** The search group of an article: the year it was published, in Paris. */
export function searchGroupOf(publishedAt: Date): string {
  return toIsoString(publishedAt).slice(0, 4);
}

/** Groups in the order the search page loads them: newest first (the first is the primary index). */
export function orderSearchGroups(groups: Iterable<string>): string[] {
  return [...new Set(groups)].sort().reverse();
}

/**
 * What the search page shows of a result (src/pages/recherche/index.astro
 * reads these keys): the typeset title and lede, the date as pages print it,
 * the rubrique, and the cover's text alternative. Pagefind searches the
 * words of every meta field: only text a reader may look for goes here.
 */
export interface SearchMeta {
  title: string;
  lede: string;
  date: string;
  rubrique: string;
  image_alt?: string;
}



/**
 * One published article as the search index holds it, made by the content
 * pass from what it already has: no page is read again to index it.
 */
export interface SearchRecord {
  /** The article's path from the site's root, without the base: the search page puts results under the base. */
  url: string;
  meta: SearchMeta;
  /** The cover's smallest fallback file, under the base (search-thumbnail.ts); none without a cover. */
  thumbnail?: string;
  /** The searched text above the body, in reading order: kicker, title, lede, authors, corrections, cover caption and credit. */
  header: string[];
  /** The body as its page shows it (HTML): made plain text only when its year is indexed again. */
  html: string;
}

export interface SearchGroupData {
  /** The group's name, also its folder under pagefind/: a year. */
  name: string;
  /** Its records, by URL: the same records give the same index, from one build to the next. */
  records: SearchRecord[];
}

/** An article's URLs in the index: from the site's root, without the base (the search page adds it). */
const indexUrls = urlsFor('/');

/**
 * The record of one published article, from the content pass's typeset
 * strings: the meta the results show, and the text its page shows (kicker,
 * title, lede, authors and date, corrections, cover caption and credit, body), without
 * the links around it (related articles, tags). A result's thumbnail is its
 * cover's; an article without a cover has none.
 */
export function searchRecordOf(article: {
  slug: string;
  title: string;
  lede: string;
  publishedAt: Date;
  rubrique: string;
  series?: string;
  authors: string[];
  corrections: string[];
  cover?: { picture: PictureData; alt: string; caption?: string; credit?: string };
  html: string;
}): SearchRecord {
  const image = article.cover && smallestFallback(article.cover.picture);
  return {
    url: indexUrls.articlePath(article.slug),
    meta: {
      title: article.title,
      lede: article.lede,
      date: formatDate(article.publishedAt),
      rubrique: article.rubrique,
      ...(image ? { image_alt: article.cover!.alt } : {}),
    },
    ...(image ? { thumbnail: image } : {}),
    header: [
      [article.rubrique, article.series ?? ''].filter(Boolean).join(' · '),
      article.title,
      article.lede,
      `${fr.by} ${joinFrench(article.authors)}`,
      `${fr.publishedOn} ${formatDateTime(article.publishedAt)}`,
      ...article.corrections,
      article.cover?.caption ?? '',
      article.cover?.credit ?? '',
    ],
    html: article.html,
  };
}

/** The records of the published articles, grouped by year of publication, newest year first. */
export function searchGroupsOf(articles: { publishedAt: Date; record: SearchRecord }[]): SearchGroupData[] {
  const groups = new Map<string, SearchRecord[]>();
  for (const { publishedAt, record } of articles) {
    const name = searchGroupOf(publishedAt);
    groups.set(name, [...(groups.get(name) ?? []), record]);
  }
  return orderSearchGroups(groups.keys()).map((name) => ({ name, records: groups.get(name)!.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0)) }));
}

/**
 * Blocks of text (lines of a body's text, parts of the header) as one
 * searchable text: each block ends as a sentence, so that a result's excerpt
 * never runs a heading into the paragraph after it.
 */
export function searchText(blocks: Iterable<string>): string {
  const sentences: string[] = [];
  for (const block of blocks) {
    // Runs of ASCII white space only: the no-break spaces of French typography stay.
    const text = block.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
    if (text) sentences.push(/[.!?…:;»)]$/.test(text) ? text : `${text}.`);
  }
  return sentences.join(' ');
}
