/**
 * encodeVariants (src/content/encode.ts): what each published file of an
 * image is made of. The AVIF's colour sampling is read from the file's AV1
 * configuration box (`av1C`, AV1-ISOBMFF § 2.3): sharp's metadata does not
 * give it for AVIF.
 */
import { describe, expect, it } from 'vitest';
import sharp, { type Sharp } from 'sharp';
import { encodeVariants } from '../../src/content/encode.ts';
import { imageOutputs, type ImageDescriptor, type ImageOutput } from '../../src/lib/images.ts';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The AVIF's chroma subsampling, from its av1C box: [x, y] flags, 1 where the colour is halved. */
function avifSubsampling(avif: Buffer): [number, number] {
  const at = avif.indexOf('av1C');
  if (at < 0) throw new Error('no av1C box');
  // After the box type: marker and version, profile and level, then tier,
  // high_bitdepth, twelve_bit, monochrome, chroma_subsampling_x, _y (bits 7 to 2).
  const flags = avif[at + 4 + 2]!;
  return [(flags >> 3) & 1, (flags >> 2) & 1];
}

/**
 * Whether a JPEG codes with the example Huffman tables of the JPEG standard
 * (ITU T.81 Annex K.3) rather than tables made for its own pixels: the
 * luminance DC table as a DHT segment writes it (class and id, the 16 code
 * counts, the 12 values).
 */
function standardTables(jpeg: Buffer): boolean {
  return jpeg.includes(Buffer.from([0x00, 0, 1, 5, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]));
}

/** Every output of `file` (`width`×`height`), as bytes, by name. */
async function encodeAll(file: string, image: ImageDescriptor, social = true): Promise<Map<ImageOutput, Buffer>> {
  const made = new Map<ImageOutput, Buffer>();
  await encodeVariants(file, image.width, imageOutputs(image, social), async (output, encoded: Sharp) => {
    made.set(output, await encoded.toBuffer());
  });
  return made;
}

/** A 1600×900 (or `width`×`height`) grey picture with a red disc at (`x`, `y`), written as `name`. */
async function picture(dir: string, name: string, { width = 1600, height = 900, x, y, jpeg }: { width?: number; height?: number; x: number; y: number; jpeg?: { chromaSubsampling: string } }): Promise<string> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#8a8f96"/><circle cx="${x}" cy="${y}" r="90" fill="#e0301e"/></svg>`;
  const image = sharp(Buffer.from(svg)).removeAlpha();
  const file = path.join(dir, name);
  writeFileSync(file, await (jpeg ? image.jpeg({ quality: 90, ...jpeg }) : image.png()).toBuffer());
  return file;
}

/** Where the red disc's pixels are in `jpeg`, as shares of its width and height (its centre). */
async function redCentre(jpeg: Buffer): Promise<{ x: number; y: number }> {
  const { data, info } = await sharp(jpeg).raw().toBuffer({ resolveWithObject: true });
  let sx = 0, sy = 0, n = 0;
  for (let i = 0; i < info.width * info.height; i++) {
    const [r, g, b] = [data[i * info.channels]!, data[i * info.channels + 1]!, data[i * info.channels + 2]!];
    if (r > 180 && g < 110 && b < 100) {
      sx += i % info.width;
      sy += Math.floor(i / info.width);
      n++;
    }
  }
  if (n === 0) return { x: NaN, y: NaN };
  return { x: sx / n / info.width, y: sy / n / info.height };
}

const descriptor = (width: number, height: number, fallback: 'jpeg' | 'png' = 'jpeg'): ImageDescriptor => ({ stem: 'x', hash: 'h', width, height, fallback });

describe('encodeVariants', () => {
  it('halves the AVIF’s colour like the JPEG it comes from (4:2:0), and keeps a PNG’s or a 4:4:4 JPEG’s full colour', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rotative-encode-'));
    const subsampled = await picture(dir, 'a.jpg', { x: 800, y: 450, jpeg: { chromaSubsampling: '4:2:0' } });
    const full = await picture(dir, 'b.jpg', { x: 800, y: 450, jpeg: { chromaSubsampling: '4:4:4' } });
    const png = await picture(dir, 'c.png', { x: 800, y: 450 });
    const avifs = async (file: string, fallback: 'jpeg' | 'png' = 'jpeg') =>
      [...(await encodeAll(file, descriptor(1600, 900, fallback), false))].filter(([o]) => o.format === 'avif').map(([, bytes]) => avifSubsampling(bytes));
    expect(await avifs(subsampled)).toEqual([[1, 1], [1, 1], [1, 1]]);
    expect(await avifs(full)).toEqual([[0, 0], [0, 0], [0, 0]]);
    expect(await avifs(png, 'png')).toEqual([[0, 0], [0, 0], [0, 0]]);
  });

  it('encodes the social crops as baseline JPEGs, with Huffman tables of their own only for the Open Graph crop a reader downloads; the readers’ fallback JPEGs progressive', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rotative-encode-'));
    const file = await picture(dir, 'a.jpg', { x: 800, y: 450, jpeg: { chromaSubsampling: '4:2:0' } });
    const kinds = await Promise.all(
      [...(await encodeAll(file, descriptor(1600, 900)))]
        .filter(([o]) => o.format === 'jpeg')
        .map(async ([o, bytes]) => [o.crop ?? o.width, (await sharp(bytes).metadata()).isProgressive, standardTables(bytes)]),
    );
    expect(kinds).toEqual([
      [400, true, false],
      [800, true, false],
      ['og', false, false],
      ['1x1', false, true],
      ['4x3', false, true],
      ['16x9', false, true],
    ]);
  });

  it('centres every social crop on the picture’s subject, as near as its edges allow', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rotative-encode-'));
    // Wide: the subject on the right. Square: near the top, which only the
    // wide crops cut. Each crop comes out at its size, the disc whole in it.
    const wide = await encodeAll(await picture(dir, 'wide.jpg', { x: 1150, y: 450, jpeg: { chromaSubsampling: '4:2:0' } }), descriptor(1600, 900));
    const square = await encodeAll(await picture(dir, 'square.jpg', { width: 1200, height: 1200, x: 600, y: 260, jpeg: { chromaSubsampling: '4:2:0' } }), descriptor(1200, 1200));
    const crops = async (made: Map<ImageOutput, Buffer>) =>
      Object.fromEntries(
        await Promise.all(
          [...made].filter(([o]) => o.crop).map(async ([o, bytes]) => {
            const meta = await sharp(bytes).metadata();
            return [o.crop, { size: `${meta.width}×${meta.height}`, ...(await redCentre(bytes)) }];
          }),
        ),
      );
    // Where the disc should be in each crop, as shares of its width and
    // height, within the precision of the subject's search (1/32 of the
    // picture: 50 px of 1,600, that is 0.06 of a 900 px crop).
    const expectNear = (made: Record<string, { size: string; x: number; y: number }>, expected: Record<string, [string, number, number]>) => {
      expect(Object.keys(made)).toEqual(Object.keys(expected));
      for (const [crop, [size, x, y]] of Object.entries(expected)) {
        const { size: madeSize, x: madeX, y: madeY } = made[crop]!;
        expect([crop, madeSize, Math.abs(madeX - x) <= 0.07, Math.abs(madeY - y) <= 0.07], `${crop}: ${madeX.toFixed(3)}, ${madeY.toFixed(3)}`).toEqual([crop, size, true, true]);
      }
    };
    // The 1:1 (900 px of 1,600) centred on the disc; the 4:3 (1,200 of
    // 1,600) as near as the right edge allows (the disc 750 px from its
    // left); the others hold the whole width.
    expectNear(await crops(wide), { og: ['1200×630', 1150 / 1600, 0.5], '1x1': ['900×900', 0.5, 0.5], '4x3': ['1200×900', 750 / 1200, 0.5], '16x9': ['1200×675', 1150 / 1600, 0.5] });
    // The wide crops start at the top edge: the disc (y = 260 of 1,200) cannot be their centre.
    expectNear(await crops(square), { og: ['1200×630', 0.5, 260 / 630], '1x1': ['1200×1200', 0.5, 260 / 1200], '4x3': ['1200×900', 0.5, 260 / 900], '16x9': ['1200×675', 0.5, 260 / 675] });
  });
});
