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
 *   4× shorter encode. Quality 50 matches WebP 78 visually.
 * - AVIF's colour at the source's resolution: a JPEG whose colour is
 *   subsampled (4:2:0, as cameras and most editors write them) gives an
 *   AVIF subsampled the same way; any other source (PNG, a 4:4:4 JPEG, WebP,
 *   AVIF) keeps full colour (4:4:4, sharp's default), for the sharp coloured
 *   edges of a diagram or a screenshot. Effort 0, 16 of the benchmark's
 *   covers at 400, 800 and 1,200 px: 4:4:4 13, 59 and 122 ms (5.8, 14.4
 *   and 31.8 KB), 4:2:0 10, 20 and 38 ms (5.2, 13.0 and 29.9 KB). On the
 *   sample's and the benchmark's 33 JPEG images at 1,200 px, the luma's
 *   PSNR against the source moves by at most 0.2 dB and the colour's stays
 *   above 39 dB: the colour an AVIF loses is colour the JPEG never had.
 * - JPEG fallback: libjpeg-turbo, progressive (9 ms at 400 px, 13 at 800);
 *   mozjpeg saves 25 % of bytes for twice the time, on a file only old
 *   browsers and feed readers download.
 * - Social crops: centred on the subject that sharp's attention strategy
 *   finds, once per image (focusOf); never upscaled (a 1:1 crop upscaled to
 *   1,200 px took 185 ms); baseline JPEGs, the three that only crawlers
 *   fetch without optimised Huffman tables (encodeCrop).
 *   The nine files of a 1600×900 cover (16 of the benchmark's, six paired
 *   runs on a shared machine, medians): 275 ms before these three choices
 *   (the AVIF's colour, baseline crops, the subject found once), 183 after.
 * The share cards have their own drawing and JPEG settings
 * (src/content/share-render.ts).
 */
import sharp, { type Sharp } from 'sharp';
import { JPEG_QUALITY, type FallbackFormat, type ImageOutput, type ModernFormat, type SocialFormat } from '../lib/images.ts';

/** How a source's colour is sampled: a JPEG's own subsampling, else full colour. */
type Chroma = '4:2:0' | '4:4:4';

const ENCODERS = {
  avif: (s: Sharp, chroma: Chroma) => s.avif({ quality: 50, effort: 0, chromaSubsampling: chroma }),
  jpeg: (s: Sharp) => s.jpeg({ quality: JPEG_QUALITY, progressive: true }),
  png: (s: Sharp) => s.png({ compressionLevel: 8, adaptiveFiltering: true }),
} satisfies Record<ModernFormat | FallbackFormat, (s: Sharp, chroma: Chroma) => Sharp>;

/**
 * A cover's social crops: baseline JPEG, not progressive. Social networks
 * and search engines fetch them and make their own copies, and a feed
 * reader shows the Open Graph crop (the feed's enclosure) whole, never
 * while it loads: progressive scans are worth nothing to them, and cost
 * 40–80 % more time to encode. Both decode to the same pixels. A 1600×900
 * cover's 1:1 crop (900 px) and 4:3 crop (1,200 px), 16 of the benchmark's
 * covers: progressive 16.7 and 21.0 ms (83 and 124 KB), baseline 9.5 and
 * 11.6 ms (84 and 127 KB), without optimised Huffman tables 5.3 and 5.6 ms
 * (93 and 141 KB).
 * The Open Graph crop keeps optimised tables: it is a reader's download
 * (the feed's enclosure, the picture of a shared link). The three crops of
 * structured data (1:1, 4:3, 16:9) are fetched by search engines' crawlers
 * only, as are the share cards, which are written the same way: their three
 * files, 16 covers, four runs, 30–31 ms and 296 KB a cover with optimised
 * tables, 17–18 ms and 325 KB without (the same pixels).
 */
const encodeCrop = (s: Sharp, crop: SocialFormat) => s.jpeg({ quality: JPEG_QUALITY, progressive: false, optimiseCoding: crop === 'og' });

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
  const image = sharp(source);
  // Only a JPEG has one: 4:2:0 (4:2:0:4 in CMYK) when its colour is subsampled, else 4:4:4.
  const chroma: Chroma = (await image.metadata()).chromaSubsampling?.startsWith('4:2:0') ? '4:2:0' : '4:4:4';
  const { data, info } = await image
    .rotate()
    .resize({ width: Math.min(largest, width), withoutEnlargement: true })
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  const raw = { raw: { width: info.width, height: info.height, channels: info.channels } } as const;
  const focus = outputs.some((o) => o.crop) ? await focusOf(data, raw.raw) : undefined;
  for (const output of outputs) {
    let pipeline = sharp(data, raw);
    if (output.crop) {
      const { resized, left, top } = cropOf(info, output, focus!);
      pipeline = pipeline.resize({ ...resized, fit: 'fill' });
      if (resized.width !== output.width || resized.height !== output.height) pipeline = pipeline.extract({ left, top, width: output.width, height: output.height });
    } else if (output.width !== info.width) {
      pipeline = pipeline.resize({ width: output.width });
    }
    if (output.format === 'jpeg' && info.channels === 4) pipeline = pipeline.flatten({ background: '#ffffff' });
    await write(output, output.crop ? encodeCrop(pipeline, output.crop) : ENCODERS[output.format](pipeline, chroma));
  }
}

/** Where an image's subject lies, as shares of its width and height (0.5, 0.5: its centre). */
interface Focus {
  x: number;
  y: number;
}

/**
 * The subject of the image, found once for all its social crops. sharp's
 * attention strategy (libvips' smartcrop) shrinks the image to 32×32, finds
 * its most salient point there (edges, saturation, skin tones, blurred) and
 * centres the crop on it, as near as the image's edges allow; asked for each
 * crop, it reduced the whole image each time (10–14 ms a crop of a 1600×900
 * cover; once, into a 100 px box: 10 ms). The crop of one shape gives the
 * point: a square box, or a 2:1 one for a square image, which a square does
 * not crop. The blur's radius follows the crop's size: most crops of the
 * sample and the benchmark are the very pixels libvips gave each crop on its
 * own, some sit a few pixels away, and a few elsewhere where two parts of
 * the image were nearly as salient (checked by eye: each frames its subject).
 */
async function focusOf(data: Buffer, raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 }): Promise<Focus> {
  const box = raw.width === raw.height ? { width: 200, height: 100 } : { width: 100, height: 100 };
  const { info } = await sharp(data, { raw })
    .resize({ ...box, fit: 'cover', position: sharp.strategy.attention })
    .raw()
    .toBuffer({ resolveWithObject: true });
  // The point is given in the image as resized to cover the box.
  const scale = Math.max(box.width / raw.width, box.height / raw.height);
  if (info.attentionX === undefined || info.attentionY === undefined) return { x: 0.5, y: 0.5 };
  return { x: info.attentionX / (raw.width * scale), y: info.attentionY / (raw.height * scale) };
}

/**
 * Where the social crop `output` lies: the image resized to cover it
 * (`resized`), and the crop's corner in that image, centred on `focus`
 * as near as the edges allow.
 */
function cropOf(image: { width: number; height: number }, output: ImageOutput, focus: Focus): { resized: { width: number; height: number }; left: number; top: number } {
  const scale = Math.max(output.width / image.width, output.height / image.height);
  const resized = { width: Math.max(output.width, Math.round(image.width * scale)), height: Math.max(output.height, Math.round(image.height * scale)) };
  const place = (centre: number, size: number, room: number) => Math.min(Math.max(0, Math.round(centre - size / 2)), room - size);
  return { resized, left: place(focus.x * resized.width, output.width, resized.width), top: place(focus.y * resized.height, output.height, resized.height) };
}
