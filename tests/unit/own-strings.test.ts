import { describe, expect, it } from 'vitest';
import { ownStrings } from '../../src/lib/own-strings.ts';

describe('ownStrings', () => {
  it('gives back the same values: the strings cut from a file, the dates, the absent fields', () => {
    const file = `---\ntitle: Cloudwatt et Numergy\ntags: [cloud souverain, Caisse des dépôts]\n---\n${'Texte. '.repeat(1000)}`;
    const data = {
      title: file.slice(11, 31),
      tags: [file.slice(39, 54), file.slice(56, 73)],
      publishedAt: new Date('2012-09-06T08:00:00+02:00'),
      updatedAt: undefined,
      cover: { alt: 'Deux nuages' },
    };
    const copy = ownStrings(data);
    expect(copy).toEqual(data);
    expect(copy.title).toBe('Cloudwatt et Numergy');
    expect(copy.tags).toEqual(['cloud souverain', 'Caisse des dépôts']);
    expect(copy.publishedAt).toBeInstanceOf(Date);
    expect(copy.publishedAt.getTime()).toBe(data.publishedAt.getTime());
    expect('updatedAt' in copy).toBe(true);
    // A copy: changing it leaves the pass's data as it was.
    copy.cover.alt = 'autre';
    expect(data.cover.alt).toBe('Deux nuages');
  });
});
