/**
 * An article as `content:encoded` carries it: the cover (an image with its
 * alt, caption and credit), then the body that the content pass rendered for
 * feed readers (absolute URLs, no script, videos as links). Nothing is
 * rendered again here: the body comes from the data store.
 */
import { toHtml } from 'hast-util-to-html';
import { feedFigure } from '../render/components.ts';
import type { ArticleView } from './articles.ts';
import { getSite } from './context.ts';

/** The article's cover and body as HTML for feed readers. */
export function getFeedContent(article: ArticleView): string {
  const { cover } = article;
  const figure = cover ? toHtml(feedFigure(cover.picture, cover.alt, cover.caption, cover.credit, getSite().origin)) : '';
  return figure + article.feedHtml;
}
