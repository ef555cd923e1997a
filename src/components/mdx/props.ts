/**
 * What writers may put on each MDX component: one contract, shared by the
 * page components (this folder) and their feed variants (../feed/).
 * `src` and `poster` arrive rewritten to keys of the content folder
 * (src/markdown/plugins.ts).
 */

/** `<Quote by="Nom" role="Fonction">…</Quote>` */
export interface QuoteProps {
  by?: string;
  role?: string;
}

/** `<Figure src="./photo.jpg" alt="…" caption="…" credit="…" />` */
export interface FigureProps {
  src: string;
  alt: string;
  caption?: string;
  credit?: string;
}

/** `![alt](./photo.jpg)`, turned into `<ArticleImage>` at compile time. */
export interface ArticleImageProps {
  src: string;
  alt: string;
}

/** `<Video youtube="id" title="…" />` or `<Video src="./clip.mp4" poster="./poster.jpg" title="…" />` */
export interface VideoProps {
  youtube?: string;
  src?: string;
  poster?: string;
  title: string;
}

/** `<ReadAlso slug="autre-article" />` */
export interface ReadAlsoProps {
  slug: string;
}
