/** public/favicon.ico, made from the logo by scripts/favicon.ts. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { faviconOf, ICON_SIZES, icoFromPngs } from '../../scripts/favicon.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** The images of an ICO file, read as a browser reads its directory. */
function readIco(ico: Buffer): { width: number; height: number; png: Buffer }[] {
  expect(ico.readUInt16LE(0)).toBe(0);
  expect(ico.readUInt16LE(2)).toBe(1);
  return Array.from({ length: ico.readUInt16LE(4) }, (_, i) => {
    const at = 6 + 16 * i;
    const size = ico.readUInt32LE(at + 8);
    const offset = ico.readUInt32LE(at + 12);
    return { width: ico.readUInt8(at) || 256, height: ico.readUInt8(at + 1) || 256, png: ico.subarray(offset, offset + size) };
  });
}

describe('favicon', () => {
  it('an ICO file holds each PNG whole, where its entry says', () => {
    const a = Buffer.from('first');
    const b = Buffer.from('second image');
    const images = readIco(icoFromPngs([{ size: 16, png: a }, { size: 256, png: b }]));
    expect(images).toEqual([
      { width: 16, height: 16, png: a },
      { width: 256, height: 256, png: b },
    ]);
  });

  it('the logo becomes square PNG icons at 16, 32 and 48 px that decode', async () => {
    const images = readIco(await faviconOf(path.join(ROOT, 'content/logo.png')));
    expect(images.map((i) => i.width)).toEqual([...ICON_SIZES]);
    for (const image of images) {
      const meta = await sharp(image.png).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['png', image.width, image.width]);
    }
  });

  it('public/favicon.ico is the sample logo’s (npm run favicon after changing the logo)', async () => {
    expect(readFileSync(path.join(ROOT, 'public/favicon.ico')).equals(await faviconOf(path.join(ROOT, 'content/logo.png')))).toBe(true);
  });
});
