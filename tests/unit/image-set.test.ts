/** The set of files made for an image (src/lib/images.ts): what browsers, feeds and social networks are given. */
import { describe, expect, it } from 'vitest';
import { imageOutputs, pictureData, socialSize, type ImageDescriptor } from '../../src/lib/images.ts';

const cover: ImageDescriptor = { stem: 'nuage', hash: 'abc', width: 1600, height: 900, fallback: 'jpeg' };
const files = (image: ImageDescriptor, social: boolean) => imageOutputs(image, social).map((o) => o.file);

describe('the image set', () => {
  it('gives a cover AVIF at 400, 800 and 1,200 px, a JPEG at 400 and 800, and four social crops: 9 files', () => {
    expect(files(cover, true)).toEqual([
      'nuage-abc-400.avif', 'nuage-abc-800.avif', 'nuage-abc-1200.avif',
      'nuage-abc-400.jpg', 'nuage-abc-800.jpg',
      'nuage-abc-og.jpg', 'nuage-abc-1x1.jpg', 'nuage-abc-4x3.jpg', 'nuage-abc-16x9.jpg',
    ]);
  });

  it('never upscales: a 600 px image stops at 600 px in both formats; PNG stays PNG for transparency', () => {
    expect(files({ ...cover, width: 600, height: 338, fallback: 'png' }, false)).toEqual(['nuage-abc-400.avif', 'nuage-abc-600.avif', 'nuage-abc-400.png', 'nuage-abc-600.png']);
    expect(files({ ...cover, width: 300, height: 300 }, false)).toEqual(['nuage-abc-300.avif', 'nuage-abc-300.jpg']);
  });

  it('crops social images at their size, or the largest crop of their shape the source holds', () => {
    expect(socialSize(cover, 'og')).toEqual({ width: 1200, height: 630 });
    expect(socialSize(cover, '1x1')).toEqual({ width: 900, height: 900 });
    expect(socialSize(cover, '4x3')).toEqual({ width: 1200, height: 900 });
    expect(socialSize({ width: 800, height: 600 }, '16x9')).toEqual({ width: 800, height: 450 });
    const sized = imageOutputs(cover, true).find((o) => o.crop === '1x1')!;
    expect([sized.width, sized.height]).toEqual([900, 900]);
  });

  it('describes a <picture>: AVIF source at every width, the 800 px fallback as src, the box of the largest variant', () => {
    const picture = pictureData(cover, (f) => `/_images/${f}`);
    expect(picture.sources).toEqual([{ type: 'image/avif', srcset: '/_images/nuage-abc-400.avif 400w, /_images/nuage-abc-800.avif 800w, /_images/nuage-abc-1200.avif 1200w' }]);
    expect(picture.src).toBe('/_images/nuage-abc-800.jpg');
    expect(picture.srcset).toBe('/_images/nuage-abc-400.jpg 400w, /_images/nuage-abc-800.jpg 800w');
    expect([picture.width, picture.height]).toEqual([1200, 675]);
  });
});
