/**
 * The weekly editions as pages, e-mails and the edition feed read them: the
 * published articles grouped by ISO week and rubrique (src/lib/editions.ts),
 * with each week's editors' word as the content pass rendered it
 * (content/editions/AAAA-Snn.mdx). Computed once per build.
 */
import { entriesOf } from './collections.ts';
import type { StoredEditionWord } from '../content/edition.ts';
import { fr } from '../i18n/fr.ts';
import { formatDate } from '../lib/dates.ts';
import { groupEditions } from '../lib/editions.ts';
import { editionEmailHtml, emailBody, type EmailEdition } from '../lib/edition-email.ts';
import { changedAt, feedImage, feedLogoUrl, toAtom, toJsonFeed, toRss, type FeedChannel, type FeedItem } from '../lib/feed.ts';
import { joinFrench } from '../lib/french-list.ts';
import { absoluteUrl, editionEmailPath, editionFeedPaths, editionPath, editionsIndexPath, feedCssPath, homePath, subscribePath, type FeedFormat } from '../lib/urls.ts';
import { getMagazine, type ArticleView, type CategoryView } from './articles.ts';
import { getChrome } from './chrome.ts';
import { getNow } from './context.ts';

export interface EditionView {
  /** The week: `2026-S48`. */
  id: string;
  url: string;
  emailUrl: string;
  /** The editors' `titre`, or « Semaine 48 de 2026 ». */
  title: string;
  /** The editors' `chapo`, if any. */
  chapo?: string;
  /** « Du 23 novembre 2026 au 29 novembre 2026 » (Paris time). */
  period: string;
  /** For the page's description and the e-mail's preview text. */
  description: string;
  start: Date;
  end: Date;
  /** The week is not over at the build's now (« En cours »; not in the feed yet). */
  current: boolean;
  count: number;
  sections: { category: CategoryView; articles: ArticleView[] }[];
  /** The editors' word, rendered for the page and for e-mail and feed readers. */
  word?: Pick<StoredEditionWord, 'html' | 'feedHtml' | 'hasYoutube' | 'scripts'>;
}

let editions: Promise<EditionView[]> | undefined;

/** Every edition of the published magazine, newest first. */
export function getEditions(): Promise<EditionView[]> {
  editions ??= Promise.all([getMagazine(), getChrome(), entriesOf('editions')]).then(([magazine, chrome, words]) => {
    const wordOf = new Map(words.map((w) => [w.data.id, w.data]));
    const categories = new Map(chrome.categories.map((c) => [c.id, c]));
    return groupEditions(magazine.articles, chrome.categories.map((c) => c.id), getNow()).map((e): EditionView => {
      const word = wordOf.get(e.id);
      // Sunday, well inside it whatever the change of time: the period names days, not instants.
      const lastDay = new Date(e.end.getTime() - 12 * 3_600_000);
      const period = fr.edition.period(formatDate(e.start), formatDate(lastDay));
      return {
        id: e.id,
        url: editionPath(e.id),
        emailUrl: editionEmailPath(e.id),
        title: word?.titre ?? fr.edition.weekTitle(e.week.week, e.week.year),
        chapo: word?.chapo,
        period,
        description: word?.chapo ?? fr.edition.description(fr.articleCount(e.count), period),
        start: e.start,
        end: e.end,
        current: e.current,
        count: e.count,
        sections: e.sections.map((s) => ({ category: categories.get(s.category)!, articles: s.articles })),
        word: word && { html: word.html, feedHtml: word.feedHtml, hasYoutube: word.hasYoutube, scripts: word.scripts },
      };
    });
  });
  return editions;
}

/** An edition as its e-mail shows it: absolute URLs, the covers' fallback images, the labels in French. */
export async function getEmailEdition(e: EditionView): Promise<EmailEdition> {
  const { site } = await getChrome();
  const abs = (path: string) => absoluteUrl(path, site.siteUrl);
  return {
    language: site.language,
    siteName: site.name,
    siteUrl: abs(homePath()),
    webUrl: abs(e.url),
    title: e.title,
    chapo: e.chapo,
    period: e.period,
    preview: e.description,
    wordHtml: e.word?.feedHtml,
    sections: e.sections.map((s) => ({
      title: s.category.title,
      url: abs(s.category.url),
      articles: s.articles.map((a) => ({
        title: a.title,
        url: abs(a.url),
        description: a.description,
        meta: `${joinFrench(a.authors.map((p) => p.name))} · ${formatDate(a.publishedAt)}`,
        image: a.cover && { ...feedImage(a.cover.picture, site.siteUrl), alt: a.cover.alt },
      })),
    })),
    labels: { webVersion: fr.edition.webVersion, word: fr.edition.word, read: fr.edition.read },
  };
}

/** How many editions the edition feed carries: a quarter of weekly letters. */
export const EDITION_FEED_LIMIT = 13;

/**
 * What the edition feed is written from: its channel, and each finished
 * edition's e-mail (the current week joins once it is over: a mailing
 * service sends an item once, so the item must be the whole week).
 * Made once per build: the feed's key (its route's getStaticPaths) and each
 * of its three formats read it.
 */
export function getEditionFeedData(): Promise<EditionFeedData> {
  feedData ??= (async () => {
    const { site } = await getChrome();
    const finished = (await getEditions()).filter((e) => !e.current).slice(0, EDITION_FEED_LIMIT);
    return {
      channel: { title: fr.edition.feedTitle(site.name), description: fr.edition.feedDescription(site.name), pagePath: editionsIndexPath(), feedPaths: editionFeedPaths() },
      editions: await Promise.all(finished.map(async (edition) => ({ edition, email: await getEmailEdition(edition) }))),
    };
  })();
  return feedData;
}

interface EditionFeedData {
  channel: Pick<FeedChannel, 'title' | 'description' | 'pagePath' | 'feedPaths'>;
  editions: { edition: EditionView; email: EmailEdition }[];
}
let feedData: Promise<EditionFeedData> | undefined;

let feedItems: Promise<FeedItem[]> | undefined;

/**
 * The edition feed's items, one per finished edition, newest first: the
 * e-mail's body as content (mailing services wrap it in their own
 * template), dated at the end of the week.
 */
function getEditionFeedItems(): Promise<FeedItem[]> {
  feedItems ??= Promise.all([getEditionFeedData(), getChrome()]).then(([data, { site }]) =>
    Promise.all(
      data.editions.map(async ({ edition, email }): Promise<FeedItem> => {
        const changes = edition.sections.flatMap((s) => s.articles.map((a) => changedAt(a).getTime()));
        return {
          id: email.webUrl,
          url: email.webUrl,
          title: edition.title,
          summary: edition.description,
          contentHtml: emailBody(await editionEmailHtml(email)),
          published: edition.end,
          updated: new Date(Math.max(edition.end.getTime(), ...changes)),
          authors: [{ name: email.siteName, url: absoluteUrl(homePath(), site.siteUrl) }],
          categories: edition.sections.map((s) => s.category.title),
        };
      }),
    ),
  );
  return feedItems;
}

/** The edition feed in one format (`/edition/rss.xml`, `atom.xml`, `feed.json`). */
export async function getEditionFeed(format: FeedFormat): Promise<string> {
  const { site, logo } = await getChrome();
  const data = await getEditionFeedData();
  const channel: FeedChannel = {
    ...data.channel,
    cssPath: feedCssPath(),
    subscribePath: subscribePath(),
    language: site.language,
    publisher: site.name,
    imageUrl: logo?.picture && feedLogoUrl(logo.picture, site.siteUrl),
  };
  const items = await getEditionFeedItems();
  if (format === 'atom') return toAtom(channel, items, site.siteUrl);
  if (format === 'json') return toJsonFeed(channel, items, site.siteUrl);
  return toRss(channel, items, site.siteUrl);
}
