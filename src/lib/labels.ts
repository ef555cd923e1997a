/**
 * What kind of work an article is (its genre) and whether money is involved
 * (its sponsor): the label readers see above the title, on cards and in
 * feeds, the schema.org type search engines read, `rel="sponsored"` on its
 * outbound links and its place in the Google News sitemap. Every one of
 * those reads its answer here.
 */
import { fr } from '../i18n/fr.ts';
import { webUrlOf } from './urls.ts';

/**
 * The genres of the newsroom, each with the schema.org type of its
 * structured data (the Trust Project's "type of work" labels, as schema.org
 * spells them). `actualité`, the default, is plain news: no label, a
 * `NewsArticle`. schema.org has no type for an interview, so an `entretien`
 * stays a `NewsArticle` with its label; an `enquête` is reporting from the
 * reporter's own findings, a `ReportageNewsArticle` like a `reportage`.
 */
export const GENRES = {
  actualité: 'NewsArticle',
  analyse: 'AnalysisNewsArticle',
  décryptage: 'BackgroundNewsArticle',
  enquête: 'ReportageNewsArticle',
  reportage: 'ReportageNewsArticle',
  entretien: 'NewsArticle',
  test: 'ReviewNewsArticle',
  opinion: 'OpinionNewsArticle',
  tribune: 'OpinionNewsArticle',
  éditorial: 'OpinionNewsArticle',
} as const;

export type Genre = keyof typeof GENRES;
export const GENRE_NAMES = Object.keys(GENRES) as [Genre, ...Genre[]];
/** An article without `genre:` is news. */
export const DEFAULT_GENRE: Genre = 'actualité';

/** The kinds of commercial link an article can declare. */
export const SPONSOR_KINDS = ['sponsorisé', 'partenariat', 'affiliation'] as const;
export type SponsorKind = (typeof SPONSOR_KINDS)[number];

export interface Sponsor {
  name: string;
  url?: string | undefined;
  kind: SponsorKind;
}

/** The schema.org type of an article's structured data. */
export function schemaTypeOf(genre: Genre | undefined): (typeof GENRES)[Genre] {
  return GENRES[genre ?? DEFAULT_GENRE];
}

/** The genre's label as readers see it; none for plain news, which needs no flag. */
export function genreLabel(genre: Genre | undefined): string | undefined {
  return genre === undefined || genre === DEFAULT_GENRE ? undefined : fr.labels.genre[genre];
}

/** « Contenu sponsorisé par X », « Partenariat avec X », « Liens affiliés ». */
export function sponsorLabel(sponsor: Sponsor | undefined): string | undefined {
  return sponsor && fr.labels.sponsor[sponsor.kind](sponsor.name);
}

/** The labels of an article, in the order they are shown: what money is involved first, then the genre. */
export function articleLabels(article: { genre?: Genre | undefined; sponsor?: Sponsor | undefined }): string[] {
  return [sponsorLabel(article.sponsor), genreLabel(article.genre)].filter((l): l is string => l !== undefined);
}

/**
 * Every outbound link of an article that declares a sponsor, of any kind,
 * is `rel="sponsored"`: paid, partner and affiliate links alike are links
 * someone was paid for, which is what Google asks that attribute to mark.
 */
export function hasSponsoredLinks(sponsor: Sponsor | undefined): boolean {
  return sponsor !== undefined;
}

/** The `rel` of a paid link: every outbound link of such an article, and its sponsor's name when linked. */
export const SPONSORED_REL = 'sponsored';

/**
 * An outbound link: an http(s) URL (protocol-relative included: webUrlOf)
 * on another origin than the site's.
 * Anchors, site paths, the site's own absolute URLs (a feed's links), mail
 * and telephone links are not.
 */
export function isOutboundUrl(href: string, siteOrigin: string): boolean {
  const url = webUrlOf(href);
  return url !== undefined && url.origin !== new URL(siteOrigin).origin;
}

/**
 * Paid and partner content is advertising, which Google News does not
 * carry: it stays out of the news sitemap. An affiliate article is the
 * newsroom's own work with commission links, labelled as such: it stays.
 */
export function isAdvertising(sponsor: Sponsor | undefined): boolean {
  return sponsor !== undefined && sponsor.kind !== 'affiliation';
}
