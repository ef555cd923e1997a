import { describe, it, expect } from 'vitest';
import { slugFromPath, slugify } from '../../src/lib/slugs.ts';

/** What a slug is: `a-z`, `0-9` and single inner dashes. */
const isValidSlug = (s: string) => /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(s);

describe('slugify', () => {
  it('drops accents and lowercases', () => {
    expect(slugify('Été à Paris')).toBe('ete-a-paris');
    expect(slugify('Cybersécurité')).toBe('cybersecurite');
    expect(slugify('ÇA VA ? Où ça ?')).toBe('ca-va-ou-ca');
  });

  it('treats apostrophes (straight and typographic) as separators', () => {
    expect(slugify("l'IA générative")).toBe('l-ia-generative');
    expect(slugify('l’IA générative')).toBe('l-ia-generative');
  });

  it('spells out letters that do not decompose', () => {
    expect(slugify('Œuvre cœur')).toBe('oeuvre-coeur');
    expect(slugify('Ex æquo')).toBe('ex-aequo');
    expect(slugify('Straße')).toBe('strasse');
    expect(slugify('Øresund Łódź')).toBe('oresund-lodz');
  });

  it('collapses and trims runs of other characters', () => {
    expect(slugify('  --Un an après…  le « désastre » !--  ')).toBe('un-an-apres-le-desastre');
    expect(slugify('Windows 10 / Office 365')).toBe('windows-10-office-365');
    expect(slugify('a\u00A0b\u202Fc')).toBe('a-b-c');
  });

  it('returns an empty string when nothing maps to ASCII', () => {
    expect(slugify('')).toBe('');
    expect(slugify('!!! ???')).toBe('');
    expect(slugify('日本')).toBe('');
  });

  it('is stable on slugs', () => {
    expect(slugify('deja-un-slug-2')).toBe('deja-un-slug-2');
    expect(slugify(slugify('Été à Paris'))).toBe('ete-a-paris');
  });

  it('gives the same slug for composed and decomposed input', () => {
    expect(slugify('e\u0301te\u0301')).toBe(slugify('\u00e9t\u00e9'));
  });
});

describe('slugFromPath', () => {
  it('uses the folder name for index.mdx', () => {
    expect(slugFromPath('2016/un-an-apres/index.mdx')).toBe('un-an-apres');
  });

  it('uses the file name otherwise, slugified', () => {
    expect(slugFromPath('2016/Été.mdx')).toBe('ete');
    expect(slugFromPath('Un article.md')).toBe('un-article');
  });

  it('ignores the folders above the file', () => {
    expect(slugFromPath('2016/05/cloud.mdx')).toBe(slugFromPath('2017/cloud.mdx'));
  });

  it('accepts backslash separators', () => {
    expect(slugFromPath('2016\\un-an-apres\\index.mdx')).toBe('un-an-apres');
    expect(slugFromPath('2016\\Été.mdx')).toBe('ete');
  });

  it('keeps dots inside the name as separators', () => {
    expect(slugFromPath('2016/v2.0-sortie.mdx')).toBe('v2-0-sortie');
  });

  it('returns an empty string for a name with no letter or digit', () => {
    expect(slugFromPath('2016/!!!.mdx')).toBe('');
  });

  it('uses "index" for an index file with no folder', () => {
    expect(slugFromPath('index.mdx')).toBe('index');
  });
});

describe('the slug shape', () => {
  it('accepts slugs', () => {
    for (const s of ['a', 'ete-a-paris', '2016', 'windows-10']) expect(isValidSlug(s)).toBe(true);
  });

  it('rejects everything else', () => {
    for (const s of ['', 'Ete', 'été', '-a', 'a-', 'a--b', 'a b', 'a_b', 'a.b']) expect(isValidSlug(s)).toBe(false);
  });

  it('accepts every non-empty slugify output', () => {
    for (const t of ['Été à Paris', "l'IA", 'Œuvre', '  x  ']) expect(isValidSlug(slugify(t))).toBe(true);
  });
});
