/** The README's screenshots are replaced only when the page looks different (tests/e2e/screenshots.ts). */
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { sameLook } from '../e2e/screenshots.ts';

const WIDTH = 390;
const HEIGHT = 200;

/** A grey PNG, with `changed` pixels of its first rows set to `value`. */
async function png(changed: number, value: number, size = { width: WIDTH, height: HEIGHT }): Promise<Buffer> {
  const data = Buffer.alloc(size.width * size.height * 3, 200);
  for (let p = 0; p < changed; p++) data.fill(value, p * 3, p * 3 + 3);
  return sharp(data, { raw: { ...size, channels: 3 } }).png().toBuffer();
}

describe('sameLook', () => {
  it('takes a few anti-aliasing shades, or a faint change, for the same look', async () => {
    const kept = await png(0, 0);
    expect(await sameLook(kept, await png(3, 90))).toBe(true);
    expect(await sameLook(kept, await png(WIDTH * HEIGHT, 210))).toBe(true);
  });

  it('sees a change a reader would see: a line of text, another size', async () => {
    const kept = await png(0, 0);
    expect(await sameLook(kept, await png(WIDTH, 20))).toBe(false);
    expect(await sameLook(kept, await png(0, 0, { width: WIDTH, height: HEIGHT + 10 }))).toBe(false);
  });
});
