import { describe, it, expect } from 'vitest';
import { countWords, readingMinutesOfWords } from '../../src/lib/reading-time.ts';

const readingMinutes = (text: string, wordsPerMinute?: number) => readingMinutesOfWords(countWords(text), wordsPerMinute);

describe('countWords', () => {
  it('counts words separated by spaces and punctuation', () => {
    expect(countWords('Le cloud, souverain ; vraiment ?')).toBe(4);
  });

  it('counts elided and hyphenated words as one', () => {
    expect(countWords("aujourd'hui")).toBe(1);
    expect(countWords('aujourd’hui')).toBe(1);
    expect(countWords("l'État c'est-à-dire")).toBe(2);
  });

  it('counts numbers, decimals as one', () => {
    expect(countWords('en 2016, 3,5 % de 12.5 millions')).toBe(6);
  });

  it('ignores punctuation, symbols and dashes standing alone', () => {
    expect(countWords('« — » … ! ? % € - *')).toBe(0);
    expect(countWords('oui — non')).toBe(2);
  });

  it('handles accents, decomposed or not, and other scripts', () => {
    expect(countWords('Été e\u0301te\u0301 日本')).toBe(3);
  });

  it('returns 0 for empty or blank text', () => {
    expect(countWords('')).toBe(0);
    expect(countWords(' \n\t ')).toBe(0);
  });
});

describe('readingMinutes', () => {
  const words = (n: number) => Array.from({ length: n }, () => 'mot').join(' ');

  it('is at least 1, even for an empty text', () => {
    expect(readingMinutes('')).toBe(1);
    expect(readingMinutes('Bref.')).toBe(1);
  });

  it('rounds up at 230 words per minute by default', () => {
    expect(readingMinutes(words(230))).toBe(1);
    expect(readingMinutes(words(231))).toBe(2);
    expect(readingMinutes(words(920))).toBe(4);
  });

  it('accepts another speed', () => {
    expect(readingMinutes(words(200), 100)).toBe(2);
    expect(readingMinutes(words(201), 100)).toBe(3);
  });

  it('rejects a non-positive speed', () => {
    expect(() => readingMinutes('x', 0)).toThrow(RangeError);
    expect(() => readingMinutes('x', -5)).toThrow(RangeError);
    expect(() => readingMinutes('x', Number.NaN)).toThrow(RangeError);
  });
});
