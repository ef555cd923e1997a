/**
 * The markup of an image of the content, as hast: a responsive `<picture>`
 * for pages, one plain `<img>` by absolute URL for feed readers. Used by the
 * article renderer and by `Picture.astro`, so an image is written one way
 * everywhere.
 */
import type { Element } from 'hast';
import { h } from 'hastscript';
import type { PictureData } from '../lib/images.ts';
import { feedImage } from '../lib/feed.ts';

export interface PictureOptions {
  alt: string;
  /** The layout width the image is shown at, for the browser's choice of file. */
  sizes?: string;
  /** The cover is the page's largest paint: loaded first, never lazily. */
  priority?: boolean;
  className?: string;
}

export const DEFAULT_SIZES = '(min-width: 52rem) 48rem, 100vw';

/** `<picture>` with one `<source>` per modern format and the fallback `<img>`. */
export function pictureElement(picture: PictureData, { alt, sizes = DEFAULT_SIZES, priority = false, className }: PictureOptions): Element {
  return h('picture', { className: className ? [className] : undefined }, [
    ...picture.sources.map((s) => h('source', { type: s.type, srcSet: s.srcset, sizes })),
    h('img', {
      src: picture.src,
      srcSet: picture.srcset,
      sizes,
      width: picture.width,
      height: picture.height,
      alt,
      loading: priority ? 'eager' : 'lazy',
      decoding: priority ? 'auto' : 'async',
      fetchPriority: priority ? 'high' : undefined,
    }),
  ]);
}

/**
 * An image in a feed: the `<img>` fallback file by absolute URL. Feed readers
 * load images from anywhere, often ignore `<picture>` and `srcset`, and
 * cannot resolve a site-relative path.
 */
export function feedImageElement(picture: PictureData, alt: string, origin: string): Element {
  const image = feedImage(picture, origin);
  return h('img', { src: image.src, width: image.width, height: image.height, alt });
}
