/**
 * What the components of a body may ask of the build (ComponentContext),
 * made from plain data: the same in the content pass and in the render
 * workers (pool.ts), which receive that data instead of functions.
 */
import type { ImageManifest } from '../content/images.ts';
import { pictureData } from '../lib/images.ts';
import { frenchTypography } from '../lib/typography.ts';
import { urlsFor } from '../lib/urls.ts';
import type { ComponentContext } from './components.ts';

/** Everything a body's components read, shared by every body of a build. */
export interface RenderData {
  /** The site's origin: feed URLs are absolute. */
  origin: string;
  /** The site's base path (`/` or `/magazine/`). */
  base: string;
  manifest: ImageManifest;
  /** The typeset title of every article a body may link to (published, or every one in the preview). */
  titles: Record<string, string>;
}

/** The context of the body at `url` (a site path), from `file` (for messages). */
const urlsOf = new WeakMap<RenderData, ReturnType<typeof urlsFor>>();

export function contextFor(data: RenderData, url: string, file: string): ComponentContext {
  let urls = urlsOf.get(data);
  if (!urls) urlsOf.set(data, (urls = urlsFor(data.base)));
  return {
    origin: data.origin,
    articleUrl: urls.absoluteUrl(url, data.origin),
    sitePath: urls.sitePath,
    typeset: frenchTypography,
    picture(key) {
      const image = data.manifest.images[key];
      if (!image) throw new Error(`Image "${key}" of ${file} was not prepared by the image phase`);
      return pictureData(image, urls.imagePath);
    },
    media(key) {
      const media = data.manifest.files[key];
      if (!media) throw new Error(`File "${key}" of ${file} was not prepared by the image phase`);
      return { path: urls.mediaPath(media.file), type: media.type };
    },
    article(slug) {
      const title = Object.hasOwn(data.titles, slug) ? data.titles[slug] : undefined;
      return title === undefined ? undefined : { url: urls.articlePath(slug), title };
    },
  };
}
