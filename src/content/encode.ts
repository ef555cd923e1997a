/**
 * How a source image becomes its published variants: the one module that
 * decides their pixels and bytes. Every variant's name holds the digest of
 * this module's text and of what it imports (the image set of
 * src/lib/images.ts: widths, crops, JPEG quality), with sharp's libraries
 * (images.ts encoderDigest): an edited setting or step gives every variant a
 * new name, so none is reused, nor served from a reader's cache, with other
 * settings. Nothing to bump by hand; keep here only what makes pixels.
 *
 * Chosen for build time on a small machine, measured here on 1600×900
 * covers (CPU ms per cover, one libvips thread; see src/lib/images.ts for
 * the set of files and why):
 * - AVIF: sharp's default effort 4 costs ~13× WebP; effort 2 took 2,900 ms
 *   for 108 KB, effort 0 takes 680 ms for 116 KB: a 7 % larger file for a
 *   4× shorter encode. Quality 50 matches WebP 78 visually. Effort 0 at 400,
 *   800, 1,200 and 1,600 px: 17, 46, 94 and 186 ms.
 * - JPEG fallback: libjpeg-turbo, progressive (9 ms at 400 px, 13 at 800);
 *   mozjpeg saves 25 % of bytes for twice the time, on a file only old
 *   browsers and feed readers download.
 * - Social crops: the attention strategy finds the subject (20–35 ms a crop
 *   once no crop is upscaled; a 1:1 crop upscaled to 1,200 px took 185).
 * The share cards have their own JPEG encoder (src/content/share-render.ts),
 * with the same quality (JPEG_QUALITY).
 */
import sharp, { type Sharp } from 'sharp';
import { JPEG_QUALITY, type FallbackFormat, type ImageOutput, type ModernFormat } from '../lib/images.ts';

const ENCODERS = {
  avif: (s: Sharp) => s.avif({ quality: 50, effort: 0 }),
  jpeg: (s: Sharp) => s.jpeg({ quality: JPEG_QUALITY, progressive: true }),
  png: (s: Sharp) => s.png({ compressionLevel: 8, adaptiveFiltering: true }),
} satisfies Record<ModernFormat | FallbackFormat, (s: Sharp) => Sharp>;

/**
 * The `outputs` of the image at `source` (`width` px wide), each handed to
 * `write` as a sharp pipeline ready to be written. One decode (shrunk on
 * load to the largest width needed), then every output from that pixel
 * buffer.
 */
export async function encodeVariants(source: string, width: number, outputs: readonly ImageOutput[], write: (output: ImageOutput, image: Sharp) => Promise<void>): Promise<void> {
  // rotate() applies the EXIF orientation; no withMetadata(): sharp drops
  // EXIF, GPS, XMP and ICC-less profiles from every file it writes.
  const largest = Math.max(...outputs.map((o) => (o.crop ? width : o.width)));
  const { data, info } = await sharp(source)
    .rotate()
    .resize({ width: Math.min(largest, width), withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  for (const output of outputs) {
    let pipeline = sharp(data, raw);
    if (output.crop) {
      pipeline = pipeline.resize({ width: output.width, height: output.height, fit: 'cover', position: sharp.strategy.attention });
    } else if (output.width !== info.width) {
      pipeline = pipeline.resize({ width: output.width });
    }
    if (output.format === 'jpeg' && info.channels === 4) pipeline = pipeline.flatten({ background: '#ffffff' });
    await write(output, ENCODERS[output.format](pipeline));
  }
}
