/**
 * JSON-LD (schema.org) for search engines and news aggregators: builders of
 * plain objects, and the one safe way to put them in a page.
 */
import { toIsoString } from './dates.ts';

const CONTEXT = 'https://schema.org';

/** A JSON-LD object: `@context`, `@type` and schema.org properties. */
export type JsonLd = { '@context': string; '@type': string } & Record<string, unknown>;

const UNSAFE = /[<>&\u2028\u2029]/g;
const ESCAPES: Record<string, string> = {
  '<': '\\u003c',
  '>': '\\u003e',
  '&': '\\u0026',
  '\u2028': '\\u2028',
  '\u2029': '\\u2029',
};

/**
 * JSON for a `<script type="application/ld+json">` element. `<`, `>` and `&`
 * are written as `\u003c`, `\u003e`, `\u0026`, so a title holding
 * `</script>` or `<!--` cannot end or alter the element; U+2028 and U+2029
 * are escaped for old JavaScript parsers. Escapes only occur inside JSON
 * strings (the JSON syntax itself has none of these characters), so
 * `JSON.parse` gives back the same value.
 */
export function serializeJsonLd(value: unknown): string {
  const json = JSON.stringify(value);
  if (json === undefined) throw new TypeError('this value has no JSON form (undefined, a function or a symbol)');
  return json.replace(UNSAFE, (ch) => ESCAPES[ch]!);
}

/** A date as structured data wants it: ISO 8601 with the Paris offset. */
function isoDate(d: Date | string): string {
  return typeof d === 'string' ? d : toIsoString(d);
}

/** A person or organisation with a page. */
export interface LdLink {
  name: string;
  url: string;
}

/** Input of {@link newsArticleLd}. */
export interface NewsArticleInput {
  headline: string;
  description?: string | undefined;
  /** Absolute URL of the article (its canonical URL). */
  url: string;
  /** Absolute URLs of the article's images, 1:1, 4:3, 16:9 (its cover's crops, or its share card's); may be empty. */
  images: readonly string[];
  datePublished: Date | string;
  /** Defaults to `datePublished`: Google wants it present. */
  dateModified?: Date | string | undefined;
  authors: readonly LdLink[];
  publisher: LdLink & { logo?: string | undefined };
  /** The category (rubrique) title. */
  section?: string | undefined;
  keywords?: readonly string[] | undefined;
  /** The series the article belongs to. */
  isPartOf?: LdLink | undefined;
  /** Language of the article; defaults to `fr-FR`. */
  inLanguage?: string | undefined;
  /** Dated correction notices, as `CorrectionComment`s. */
  corrections?: readonly { text: string; at: Date | string }[] | undefined;
  /** The schema.org type by genre (src/lib/labels.ts `schemaTypeOf`); `NewsArticle` by default. */
  type?: string | undefined;
  /** Whoever paid for or made the article with the newsroom, as its `sponsor`. */
  sponsor?: { name: string; url?: string | undefined } | undefined;
}

/**
 * A schema.org `NewsArticle`, or the subtype of its genre (`type`). Dates given as `Date` are written in Paris
 * time with their offset; strings are taken as they are. Optional
 * properties with no value are left out rather than written empty.
 */
export function newsArticleLd(input: NewsArticleInput): JsonLd {
  const published = isoDate(input.datePublished);
  const ld: JsonLd = {
    '@context': CONTEXT,
    '@type': input.type ?? 'NewsArticle',
    headline: input.headline,
    url: input.url,
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
    datePublished: published,
    dateModified: input.dateModified === undefined ? published : isoDate(input.dateModified),
    inLanguage: input.inLanguage ?? 'fr-FR',
    author: input.authors.map((a) => ({ '@type': 'Person', name: a.name, url: a.url })),
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: input.publisher.name,
      url: input.publisher.url,
      ...(input.publisher.logo ? { logo: { '@type': 'ImageObject', url: input.publisher.logo } } : {}),
    },
  };
  if (input.description) ld.description = input.description;
  // Never the publisher's logo as the article's image: Google Discover asks for a large image of the article.
  const images = input.images.filter((url) => url !== input.publisher.logo);
  if (images.length) ld.image = images;
  if (input.section) ld.articleSection = input.section;
  if (input.keywords?.length) ld.keywords = [...input.keywords];
  if (input.corrections?.length) {
    ld.correction = input.corrections.map((c) => ({ '@type': 'CorrectionComment', text: c.text, datePublished: isoDate(c.at) }));
  }
  if (input.isPartOf) ld.isPartOf = { '@type': 'CreativeWorkSeries', name: input.isPartOf.name, url: input.isPartOf.url };
  if (input.sponsor) ld.sponsor = { '@type': 'Organization', name: input.sponsor.name, ...(input.sponsor.url ? { url: input.sponsor.url } : {}) };
  return ld;
}

/** Input of {@link liveBlogPostingLd}: a news article's, plus its coverage and updates. */
export interface LiveBlogPostingInput extends NewsArticleInput {
  coverageStartTime: Date | string;
  /** Left out while the coverage runs. */
  coverageEndTime?: Date | string | undefined;
  /** Every update, newest first: `url` is the article's URL with the update's anchor. */
  updates: readonly { headline: string; datePublished: Date | string; articleBody: string; url: string }[];
}

/**
 * A schema.org `LiveBlogPosting`, for a live blog instead of a `NewsArticle`
 * (both are Articles: it keeps all of {@link newsArticleLd}'s properties),
 * with its coverage times and every update as a `BlogPosting`.
 */
export function liveBlogPostingLd(input: LiveBlogPostingInput): JsonLd {
  const ld: JsonLd = { ...newsArticleLd(input), '@type': 'LiveBlogPosting', coverageStartTime: isoDate(input.coverageStartTime) };
  if (input.coverageEndTime !== undefined) ld.coverageEndTime = isoDate(input.coverageEndTime);
  ld.liveBlogUpdate = input.updates.map((u) => ({
    '@type': 'BlogPosting',
    headline: u.headline,
    datePublished: isoDate(u.datePublished),
    articleBody: u.articleBody,
    url: u.url,
  }));
  return ld;
}

/** A schema.org `BreadcrumbList`, from the home page down to the current page. */
export function breadcrumbLd(items: readonly LdLink[]): JsonLd {
  return {
    '@context': CONTEXT,
    '@type': 'BreadcrumbList',
    itemListElement: items.map((item, i) => ({ '@type': 'ListItem', position: i + 1, name: item.name, item: item.url })),
  };
}

/** Input of {@link collectionPageLd}. */
export interface CollectionPageInput {
  name: string;
  description?: string | undefined;
  /** Absolute URL of the index page. */
  url: string;
  /** The articles listed on the page, in the page's order. */
  items: readonly LdLink[];
}

/** A schema.org `CollectionPage` (home, rubrique, tag, author, series indexes) with its `ItemList`. */
export function collectionPageLd(input: CollectionPageInput): JsonLd {
  const ld: JsonLd = {
    '@context': CONTEXT,
    '@type': 'CollectionPage',
    name: input.name,
    url: input.url,
    mainEntity: {
      '@type': 'ItemList',
      numberOfItems: input.items.length,
      itemListElement: input.items.map((item, i) => ({ '@type': 'ListItem', position: i + 1, url: item.url, name: item.name })),
    },
  };
  if (input.description) ld.description = input.description;
  return ld;
}

/** Input of {@link profilePageLd}. */
export interface ProfilePageInput {
  name: string;
  /** Absolute URL of the author page. */
  url: string;
  jobTitle?: string | undefined;
  description?: string | undefined;
  /** Absolute URL of the portrait. */
  image?: string | undefined;
  /** Absolute URLs of the person's other profiles (personal site, social accounts). */
  sameAs: readonly string[];
}

/**
 * A schema.org `ProfilePage` whose `mainEntity` is the `Person` the author
 * page is about: name, job title, portrait and other profiles (`sameAs`).
 * Properties with no value are left out.
 */
export function profilePageLd(input: ProfilePageInput): JsonLd {
  const person: Record<string, unknown> = { '@type': 'Person', name: input.name, url: input.url };
  if (input.jobTitle) person.jobTitle = input.jobTitle;
  if (input.description) person.description = input.description;
  if (input.image) person.image = input.image;
  if (input.sameAs.length) person.sameAs = [...new Set(input.sameAs)];
  return { '@context': CONTEXT, '@type': 'ProfilePage', url: input.url, mainEntity: person };
}

/** Input of {@link reviewLd}: a product test's verdict, and the article it closes. */
export interface ReviewInput {
  /** What the article tests: Google shows a review only when it names its item. */
  product: string;
  /** The note, `8/10` as `{ value: 8, best: 10 }`. */
  rating?: { value: number; best: number } | undefined;
  /** The points « Points forts » and « Points faibles », as plain text, in the article's order. */
  pros: readonly string[];
  cons: readonly string[];
  /** The article that holds the verdict (its headline names the review). */
  article: Pick<NewsArticleInput, 'headline' | 'url' | 'datePublished' | 'authors' | 'publisher' | 'inLanguage'>;
}

/** Points as schema.org wants pros and cons: an `ItemList` of `ListItem`s, by position. */
const notesList = (points: readonly string[]) => ({
  '@type': 'ItemList',
  itemListElement: points.map((name, i) => ({ '@type': 'ListItem', position: i + 1, name })),
});

/**
 * A schema.org `Review` of a `Product` (an editorial product test): its
 * rating, and its pros and cons as `positiveNotes` / `negativeNotes`, which
 * Google shows for editorial reviews. Written by the article's authors,
 * published by the magazine; a side without points is left out.
 */
export function reviewLd(input: ReviewInput): JsonLd {
  const { article } = input;
  const ld: JsonLd = {
    '@context': CONTEXT,
    '@type': 'Review',
    name: article.headline,
    url: article.url,
    datePublished: isoDate(article.datePublished),
    inLanguage: article.inLanguage ?? 'fr-FR',
    author: article.authors.map((a) => ({ '@type': 'Person', name: a.name, url: a.url })),
    publisher: { '@type': 'NewsMediaOrganization', name: article.publisher.name, url: article.publisher.url },
    itemReviewed: { '@type': 'Product', name: input.product },
  };
  if (input.rating) ld.reviewRating = { '@type': 'Rating', ratingValue: input.rating.value, bestRating: input.rating.best, worstRating: 0 };
  if (input.pros.length) ld.positiveNotes = notesList(input.pros);
  if (input.cons.length) ld.negativeNotes = notesList(input.cons);
  return ld;
}
