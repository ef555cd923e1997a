/** The components writers use in MDX without importing them. */
import ArticleImage from './ArticleImage.astro';
import Figure from './Figure.astro';
import Quote from './Quote.astro';
import ReadAlso from './ReadAlso.astro';
import Video from './Video.astro';

export const mdxComponents = { ArticleImage, Figure, Quote, ReadAlso, Video };
