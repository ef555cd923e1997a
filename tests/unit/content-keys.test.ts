import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentKeyOf } from '../../src/lib/content-keys.ts';

describe('contentKeyOf', () => {
  it('gives the path inside the content folder with forward slashes', () => {
    const root = path.resolve('/srv/magazine/content');
    expect(contentKeyOf(root, path.join(root, 'articles', '2016', 'x', 'photo.jpg'))).toBe('articles/2016/x/photo.jpg');
    expect(contentKeyOf(root, path.join(root, 'logo.png'))).toBe('logo.png');
  });

  it('resolves ../ the way writers use it between an article and a shared folder', () => {
    const root = path.resolve('/srv/magazine/content');
    const articleDir = path.join(root, 'articles', '2016', 'x');
    expect(contentKeyOf(root, path.resolve(articleDir, '../shared/carte.jpg'))).toBe('articles/2016/shared/carte.jpg');
  });
});
