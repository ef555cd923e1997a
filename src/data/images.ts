/**
 * Images as pages use them: `<picture>` data, social images and media files,
 * looked up in the manifest by their content key.
 */
import { largestFallback, pictureData, smallestFallback, socialFileName, socialSize, SOCIAL_FORMATS, type PictureData, type SocialFormat } from '../lib/images.ts';
import { absoluteUrl, imagePath } from '../lib/urls.ts';
import { getLogoKey, getManifest, getSite } from './context.ts';

/** The `<picture>` of an image of the content, by key ("articles/2016/x/photo.jpg"). */
export function getPicture(key: string): PictureData {
  const image = getManifest().images[key];
  if (!image) throw new Error(`Image "${key}" was not prepared by the image phase`);
  return pictureData(image, imagePath);
}

export interface SocialImage {
  url: string;
  width: number;
  height: number;
}

/** Absolute URLs of the social images of one source (a cover, a share card), by format. */
function socialImagesOf(image: { stem: string; hash: string }, sizeOf: (format: SocialFormat) => { width: number; height: number }): Record<SocialFormat, SocialImage> {
  const origin = getSite().siteUrl;
  const out = {} as Record<SocialFormat, SocialImage>;
  for (const format of Object.keys(SOCIAL_FORMATS) as SocialFormat[]) {
    out[format] = { url: absoluteUrl(imagePath(socialFileName(image, format)), origin), ...sizeOf(format) };
  }
  return out;
}

/** Absolute URLs of the social images made from a cover. */
export function getSocialImages(key: string): (Record<SocialFormat, SocialImage> & { ogBytes: number }) | undefined {
  const image = getManifest().images[key];
  if (!image?.social) return undefined;
  return { ...socialImagesOf(image, (format) => socialSize(image, format)), ogBytes: image.ogBytes ?? 0 };
}

/**
 * Absolute URLs of the share card of an article without a cover
 * (src/content/share-images.ts): the same formats as a cover's social images.
 */
export function getShareImages(slug: string): Record<SocialFormat, SocialImage> | undefined {
  const card = getManifest().shareCards?.[slug];
  // A card is drawn at each format's full size (src/content/share-images.ts).
  return card && socialImagesOf(card, (format) => SOCIAL_FORMATS[format]);
}

export interface Logo {
  picture: PictureData;
  /** Absolute URL of its largest file (structured data, Open Graph fallback). */
  url: string;
  /** Site path of its smallest file (favicon). */
  iconPath: string;
}

let logo: Logo | null | undefined;

/** The magazine's logo, if site.yaml names one; resolved once per build (every page uses it). */
export function getLogo(): Logo | undefined {
  if (logo === undefined) {
    const site = getSite();
    const key = getLogoKey();
    const picture = key ? getPicture(key) : undefined;
    logo = picture ? { picture, url: absoluteUrl(largestFallback(picture), site.siteUrl), iconPath: smallestFallback(picture) } : null;
  }
  return logo ?? undefined;
}
