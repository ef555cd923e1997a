/**
 * What the image pipeline produces for one source image, as pure functions of
 * its description: the widths, the file names and the `<picture>` markup data.
 * The build (src/content/images.ts) writes exactly these files; pages only read
 * these functions, so a page can never point at a file that was not made.
 */

/**
 * The image set, chosen by what devices download (measured with the cover
 * of the sample and `sizes` of the templates; see the README's benchmark):
 * - AVIF at every width: every current browser reads it, and it is what a
 *   phone (390 CSS px at DPR 3 picks 1,200 px), a desktop at DPR 1 (800 px)
 *   and at DPR 2 (1,200 px) download. No 1,600 px: at 48rem, a DPR 2 screen
 *   would take it for 1,536 device pixels, for twice the bytes and twice
 *   the encode of the 1,200 px file, which it shows at 1.56 device pixels
 *   per CSS pixel.
 * - One fallback format (JPEG, or PNG for transparency) at the two smaller
 *   widths only: browsers without AVIF (few), feed readers (800 px), the
 *   search results' thumbnails and the favicon (400 px). No WebP: no browser
 *   that reads WebP but not AVIF is worth a second encode of every width.
 */
export const MODERN_WIDTHS = [400, 800, 1200] as const;

/** The quality of every JPEG of the site (covers' fallbacks and social crops, share cards): one look. */
export const JPEG_QUALITY = 80;
export const FALLBACK_WIDTHS = [400, 800] as const;

/**
 * Social images made from each cover: Open Graph, and the crops for
 * structured data, at most this size; never upscaled (see `socialSize`).
 */
export const SOCIAL_FORMATS = {
  og: { width: 1200, height: 630 },
  '1x1': { width: 1200, height: 1200 },
  '4x3': { width: 1200, height: 900 },
  '16x9': { width: 1200, height: 675 },
} as const;
export type SocialFormat = keyof typeof SOCIAL_FORMATS;

export type ModernFormat = 'avif';
export type FallbackFormat = 'jpeg' | 'png';

/** One source image as the build described it. */
export interface ImageDescriptor {
  /** Slug-like stem of the source file name, for readable URLs. */
  stem: string;
  /** Hash of the source bytes: a changed image gets new URLs (safe to cache forever). */
  hash: string;
  width: number;
  height: number;
  /** Fallback format for browsers without AVIF/WebP: PNG keeps transparency. */
  fallback: FallbackFormat;
}

const EXTENSIONS: Record<ModernFormat | FallbackFormat, string> = { avif: 'avif', jpeg: 'jpg', png: 'png' };

/**
 * Widths to produce for a source `width` px wide, from the `steps` of a
 * format: the steps that fit, plus the source width itself when it falls
 * below the largest step, so that the largest variant is never upscaled and
 * never needlessly small.
 */
export function variantWidths(width: number, steps: readonly number[] = MODERN_WIDTHS): number[] {
  const widths: number[] = steps.filter((w) => w <= width);
  const max = steps[steps.length - 1]!;
  if (width < max && !widths.includes(width)) widths.push(width);
  return widths;
}

/** Size of a social image made from a source image: the format's size, or the largest crop of its shape that the source holds. */
export function socialSize(image: Pick<ImageDescriptor, 'width' | 'height'>, format: SocialFormat): { width: number; height: number } {
  const target = SOCIAL_FORMATS[format];
  const scale = Math.min(1, image.width / target.width, image.height / target.height);
  return { width: Math.max(1, Math.round(target.width * scale)), height: Math.max(1, Math.round(target.height * scale)) };
}

/** Height of a variant `width` px wide, keeping the source's aspect ratio. */
export function variantHeight(image: Pick<ImageDescriptor, 'width' | 'height'>, width: number): number {
  return Math.max(1, Math.round((image.height * width) / image.width));
}

/** File name of one responsive variant. */
export function variantFileName(image: Pick<ImageDescriptor, 'stem' | 'hash'>, width: number, format: ModernFormat | FallbackFormat): string {
  return `${image.stem}-${image.hash}-${width}.${EXTENSIONS[format]}`;
}

/** File name of one social image (always JPEG: every social network reads it). */
export function socialFileName(image: Pick<ImageDescriptor, 'stem' | 'hash'>, format: SocialFormat): string {
  return `${image.stem}-${image.hash}-${format}.jpg`;
}

/** Every file the pipeline makes for an image, social images included when asked. */
/** One file made from a source image: its name, size and format, and the social crop it is, if one. */
export interface ImageOutput {
  file: string;
  width: number;
  height: number;
  format: ModernFormat | FallbackFormat;
  crop?: SocialFormat;
}

export function imageOutputs(image: ImageDescriptor, withSocial: boolean): ImageOutput[] {
  const outputs: ImageOutput[] = [];
  const variant = (width: number, format: ModernFormat | FallbackFormat) =>
    outputs.push({ file: variantFileName(image, width, format), width, height: variantHeight(image, width), format });
  for (const width of variantWidths(image.width, MODERN_WIDTHS)) variant(width, 'avif');
  for (const width of variantWidths(image.width, FALLBACK_WIDTHS)) variant(width, image.fallback);
  if (withSocial) {
    for (const crop of Object.keys(SOCIAL_FORMATS) as SocialFormat[]) {
      outputs.push({ file: socialFileName(image, crop), ...socialSize(image, crop), format: 'jpeg', crop });
    }
  }
  return outputs;
}

/** Data for a `<picture>`: one `<source>` per modern format, and the fallback `<img>`. */
export interface PictureData {
  sources: { type: string; srcset: string }[];
  src: string;
  srcset: string;
  width: number;
  height: number;
}

/**
 * The `<picture>` of an image. `urlOf` maps a file name to its public URL
 * (see urls.ts). The `<img>` takes the fallback's largest file and the size
 * of the largest AVIF variant, so the layout reserves the right box.
 */
export function pictureData(image: ImageDescriptor, urlOf: (file: string) => string): PictureData {
  const srcset = (widths: number[], format: ModernFormat | FallbackFormat) =>
    widths.map((w) => `${urlOf(variantFileName(image, w, format))} ${w}w`).join(', ');
  const modern = variantWidths(image.width, MODERN_WIDTHS);
  const fallback = variantWidths(image.width, FALLBACK_WIDTHS);
  const largest = modern[modern.length - 1]!;
  return {
    sources: [{ type: 'image/avif', srcset: srcset(modern, 'avif') }],
    src: urlOf(variantFileName(image, fallback[fallback.length - 1]!, image.fallback)),
    srcset: srcset(fallback, image.fallback),
    width: largest,
    height: variantHeight(image, largest),
  };
}

/** URL of the smallest fallback file of a picture (a favicon, a feed's channel image). */
export function smallestFallback(picture: PictureData): string {
  return picture.srcset.split(', ')[0]?.split(' ')[0] || picture.src;
}

/** URL of the largest fallback file of a picture (the publisher logo of structured data). */
export function largestFallback(picture: PictureData): string {
  return picture.srcset.split(', ').pop()?.split(' ')[0] || picture.src;
}
