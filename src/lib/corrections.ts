/**
 * The corrections page (`/corrections/`): every correction notice of the
 * published articles in one list, newest first, so a reader sees what the
 * newsroom got wrong and fixed without reading every article.
 */

/** A correction notice with the article it corrects. */
export interface CorrectionEntry {
  at: Date;
  text: string;
  title: string;
  url: string;
}

/**
 * Every notice of `articles`, newest first; notices of the same instant keep
 * the order of `articles` (newest article first, as the listings give them),
 * then their own.
 */
export function listCorrections(articles: readonly { title: string; url: string; corrections: readonly { at: Date; text: string }[] }[]): CorrectionEntry[] {
  return articles
    .flatMap((a) => a.corrections.map((c) => ({ at: c.at, text: c.text, title: a.title, url: a.url })))
    .sort((x, y) => y.at.getTime() - x.at.getTime());
}
