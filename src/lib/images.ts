/**
 * What the image pipeline produces for one source image, as pure functions of
 * its description: the widths, the file names and the `<picture>` markup data.
 * The build (src/content/images.ts) writes exactly these files; pages only read
 * these functions, so a page can never point at a file that was not made.
 */

/** Responsive widths offered to browsers (never above the source's own width). */
export const STANDARD_WIDTHS = [400, 800, 1200, 1600] as const;

/** Social images made from each cover: Open Graph, and the crops for structured data. */
export const SOCIAL_FORMATS = {
  og: { width: 1200, height: 630 },
  '1x1': { width: 1200, height: 1200 },
  '4x3': { width: 1200, height: 900 },
  '16x9': { width: 1200, height: 675 },
} as const;
export type SocialFormat = keyof typeof SOCIAL_FORMATS;

export type ModernFormat = 'avif' | 'webp';
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

const EXTENSIONS: Record<ModernFormat | FallbackFormat, string> = { avif: 'avif', webp: 'webp', jpeg: 'jpg', png: 'png' };

/**
 * Widths to produce for a source `width` px wide: the standard steps that fit,
 * plus the source width itself when it falls between two steps, so that the
 * largest variant is never upscaled and never needlessly small.
 */
export function variantWidths(width: number): number[] {
  const steps: number[] = STANDARD_WIDTHS.filter((w) => w <= width);
  const max = STANDARD_WIDTHS[STANDARD_WIDTHS.length - 1]!;
  if (width < max && !steps.includes(width)) steps.push(width);
  return steps;
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
export function imageOutputs(image: ImageDescriptor, withSocial: boolean): { file: string; width: number; height: number; format: ModernFormat | FallbackFormat; crop?: SocialFormat }[] {
  const outputs: { file: string; width: number; height: number; format: ModernFormat | FallbackFormat; crop?: SocialFormat }[] = [];
  for (const width of variantWidths(image.width)) {
    for (const format of ['avif', 'webp', image.fallback] as const) {
      outputs.push({ file: variantFileName(image, width, format), width, height: variantHeight(image, width), format });
    }
  }
  if (withSocial) {
    for (const [crop, size] of Object.entries(SOCIAL_FORMATS) as [SocialFormat, { width: number; height: number }][]) {
      outputs.push({ file: socialFileName(image, crop), width: size.width, height: size.height, format: 'jpeg', crop });
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
 * (see urls.ts), and `maxWidth` caps the `<img>` width attributes so the
 * layout reserves the right box (the largest variant, never upscaled).
 */
export function pictureData(image: ImageDescriptor, urlOf: (file: string) => string): PictureData {
  const widths = variantWidths(image.width);
  const srcset = (format: ModernFormat | FallbackFormat) =>
    widths.map((w) => `${urlOf(variantFileName(image, w, format))} ${w}w`).join(', ');
  const largest = widths[widths.length - 1]!;
  const defaultWidth = widths.includes(800) ? 800 : largest;
  return {
    sources: [
      { type: 'image/avif', srcset: srcset('avif') },
      { type: 'image/webp', srcset: srcset('webp') },
    ],
    src: urlOf(variantFileName(image, defaultWidth, image.fallback)),
    srcset: srcset(image.fallback),
    width: largest,
    height: variantHeight(image, largest),
  };
}

/** URL of the smallest fallback file of a picture (a favicon, a feed's channel image). */
export function smallestFallback(picture: PictureData): string {
  return picture.srcset.split(', ')[0]?.split(' ')[0] || picture.src;
}

/**
 * URL of the smallest WebP file of a picture: the thumbnail of a search
 * result (every browser that runs the search page's WebAssembly reads WebP).
 */
export function smallestWebp(picture: PictureData): string | undefined {
  return picture.sources.find((s) => s.type === 'image/webp')?.srcset.split(', ')[0]?.split(' ')[0];
}

/** URL of the largest fallback file of a picture (the publisher logo of structured data). */
export function largestFallback(picture: PictureData): string {
  return picture.srcset.split(', ').pop()?.split(' ')[0] || picture.src;
}
