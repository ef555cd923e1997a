import type { APIRoute } from 'astro';
import { SitemapStream, streamToPromise } from 'sitemap';
import { getMagazine } from '../data/articles.ts';
import { environment, getSite } from '../data/context.ts';
import { toIsoString } from '../lib/dates.ts';
import { articlesForNewsSitemap, newsLanguage } from '../lib/news.ts';
import { absoluteUrl } from '../lib/urls.ts';

/** `/news-sitemap.xml`: the Google News sitemap of the last 48 hours before "now". */
export const GET: APIRoute = async () => {
  const site = getSite();
  const { articles } = await getMagazine();
  const stream = new SitemapStream({ hostname: site.origin, xmlns: { news: true, xhtml: false, image: false, video: false } });
  for (const article of articlesForNewsSitemap(articles, environment.now)) {
    stream.write({
      url: absoluteUrl(article.url, site.origin),
      news: {
        publication: { name: site.name, language: newsLanguage(site.language) },
        publication_date: toIsoString(article.publishedAt),
        title: article.title,
      },
    });
  }
  stream.end();
  const xml = (await streamToPromise(stream)).toString('utf8');
  return new Response(xml, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
