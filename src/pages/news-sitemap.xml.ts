import type { APIRoute } from 'astro';
import { SitemapStream, streamToPromise } from 'sitemap';
import { getMagazine } from '../data/articles.ts';
import { getNow, getSite } from '../data/context.ts';
import { toIsoString } from '../lib/dates.ts';
import { articlesForNewsSitemap, newsLanguage } from '../lib/news.ts';
import { absoluteUrl } from '../lib/urls.ts';

/** `/news-sitemap.xml`: the Google News sitemap of the last 48 hours before "now". */
export const GET: APIRoute = async () => {
  const site = getSite();
  const { articles } = await getMagazine();
  const stream = new SitemapStream({ hostname: site.siteUrl, xmlns: { news: true, xhtml: false, image: false, video: false } });
  const recent = articlesForNewsSitemap(articles, getNow());
  if (recent.length === 0) {
    // The `sitemap` library refuses an empty stream, but a quiet news day is
    // normal: an empty <urlset> is what the format expects then.
    return xmlResponse('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"></urlset>\n');
  }
  for (const article of recent) {
    stream.write({
      url: absoluteUrl(article.url, site.siteUrl),
      news: {
        publication: { name: site.name, language: newsLanguage(site.language) },
        publication_date: toIsoString(article.publishedAt),
        title: article.title,
      },
    });
  }
  stream.end();
  return xmlResponse((await streamToPromise(stream)).toString('utf8'));
};

const xmlResponse = (xml: string) => new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
