/**
 * Feed variants of the MDX components, passed to an article's `<Content>`
 * when it is rendered for `content:encoded` (src/data/feed-content.ts).
 * Same names and props as src/components/mdx/, different markup: plain
 * `<img>` with absolute URLs, no script, videos as links. `a` and `img`
 * replace the elements Markdown produces, so that the body's own links are
 * absolute too.
 */
import Anchor from './Anchor.astro';
import ArticleImage from './ArticleImage.astro';
import Figure from './Figure.astro';
import PlainImage from './PlainImage.astro';
import Quote from './Quote.astro';
import ReadAlso from './ReadAlso.astro';
import Video from './Video.astro';

export const feedComponents = { ArticleImage, Figure, Quote, ReadAlso, Video, a: Anchor, img: PlainImage };
