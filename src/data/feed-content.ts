/**
 * An article as `content:encoded` carries it: its labels (sponsored,
 * genre), its correction notices (a
 * reader who saw the first version must see what changed, at the top), the
 * cover (an image with its alt, caption and credit), then the body that the
 * content pass rendered for feed readers (absolute URLs, no script, videos as
 * links). Nothing is rendered again here: the body comes from the content pass.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import { toHtml } from 'hast-util-to-html';
import { fr } from '../i18n/fr.ts';
import { formatDateTime, toIsoString } from '../lib/dates.ts';
import { feedFigure } from '../render/components.ts';
import { getArticleBody, type ArticleView } from './articles.ts';
import { getSite } from './context.ts';

/**
 * The correction notices as feed readers show them: plain elements, no
 * class (readers drop styles), the date in words. The texts are typeset by
 * the content pass; the heading's date is the page's.
 */
export function feedCorrections(corrections: ArticleView['corrections']): Element | undefined {
  if (corrections.length === 0) return undefined;
  return h(
    'aside',
    { ariaLabel: fr.corrections.label },
    corrections.map((c) =>
      h('p', [h('strong', [fr.corrections.heading(''), h('time', { dateTime: toIsoString(c.at) }, formatDateTime(c.at))]), '\u00A0: ', c.text]),
    ),
  );
}

/**
 * The article's labels (sponsored, partner, affiliate; its genre) as the
 * first line of its feed content: feed readers show no page header, and a
 * reader must know before reading. Plain elements, as feedCorrections.
 */
export function feedLabels(labels: readonly string[]): Element | undefined {
  return labels.length === 0 ? undefined : h('p', [h('strong', labels.join(' · '))]);
}

/** The article's labels, corrections, cover and body as HTML for feed readers. */
export function getFeedContent(article: ArticleView): string {
  const { cover } = article;
  const labels = feedLabels(article.labels);
  const notices = feedCorrections(article.corrections);
  const figure = cover ? toHtml(feedFigure(cover.picture, cover.alt, cover.caption, cover.credit, getSite().siteUrl)) : '';
  return (labels ? toHtml(labels) : '') + (notices ? toHtml(notices) : '') + figure + getArticleBody(article.slug).feedHtml;
}
