import { describe, it, expect } from 'vitest';
import { formatDate, formatDateTime, formatTime, toIsoString } from '../../src/lib/dates.ts';
import { frenchTypography, splitOrdinals } from '../../src/lib/typography.ts';

// Readable expectations: `~` stands for a no-break space (U+00A0).
const t = (s: string) => s.replace(/~/g, '\u00A0');

describe('formatDate', () => {
  it('writes the French date in Paris time', () => {
    expect(formatDate(new Date('2016-05-12T08:00:00+02:00'))).toBe(t('12~mai~2016'));
  });

  it('writes « 1er » for the first day of the month', () => {
    expect(formatDate(new Date('2016-01-01T10:00:00+01:00'))).toBe(t('1er~janvier~2016'));
    expect(formatDate(new Date('2016-05-01T10:00:00+02:00'))).toBe(t('1er~mai~2016'));
  });

  it('does not write « 1er » for other days starting with 1', () => {
    expect(formatDate(new Date('2016-05-11T10:00:00+02:00'))).toBe(t('11~mai~2016'));
    expect(formatDate(new Date('2016-05-21T10:00:00+02:00'))).toBe(t('21~mai~2016'));
  });

  it('uses the Paris day, not the UTC day', () => {
    // 23:30 UTC on 31 December is already 1 January in Paris.
    expect(formatDate(new Date('2015-12-31T23:30:00Z'))).toBe(t('1er~janvier~2016'));
    expect(formatDate(new Date('2016-08-14T22:30:00Z'))).toBe(t('15~août~2016'));
  });

  it('writes every month in lowercase French', () => {
    const months = Array.from({ length: 12 }, (_, m) => formatDate(new Date(Date.UTC(2016, m, 15, 12))).split('\u00A0')[1]);
    expect(months).toEqual([
      'janvier', 'février', 'mars', 'avril', 'mai', 'juin',
      'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre',
    ]);
  });

  it('throws on an invalid date', () => {
    expect(() => formatDate(new Date('nope'))).toThrow(RangeError);
  });
});

describe('formatDate: never split across lines', () => {
  it('has no ordinary space, only no-break spaces', () => {
    for (const iso of ['2016-05-12T08:00:00+02:00', '2031-01-01T10:00:00+01:00', '2016-09-30T10:00:00+02:00']) {
      const date = formatDate(new Date(iso));
      expect(date).not.toMatch(/[ \t\n]/);
      expect(date.split('\u00A0')).toHaveLength(3);
    }
  });

  it('is left as it is by frenchTypography', () => {
    const date = formatDate(new Date('2031-01-01T10:00:00+01:00'));
    expect(frenchTypography(date)).toBe(date);
    expect(frenchTypography(formatDateTime(new Date('2016-05-12T08:00:00+02:00')))).toBe(t('12~mai~2016 à~8~h~00'));
  });

  it('leaves the 1er superscript to splitOrdinals', () => {
    expect(formatDate(new Date('2031-01-01T10:00:00+01:00'))).not.toContain('<');
    expect(splitOrdinals(formatDate(new Date('2031-01-01T10:00:00+01:00')))).toEqual(['1', { sup: 'er' }, t('~janvier~2031')]);
  });
});

describe('formatTime', () => {
  it('writes French hours without leading zero', () => {
    expect(formatTime(new Date('2016-05-12T08:00:00+02:00'))).toBe(t('8~h~00'));
    expect(formatTime(new Date('2016-05-12T17:30:00+02:00'))).toBe(t('17~h~30'));
  });

  it('writes midnight as 0 h', () => {
    expect(formatTime(new Date('2016-05-12T00:05:00+02:00'))).toBe(t('0~h~05'));
  });

  it('follows daylight saving time in Paris', () => {
    expect(formatTime(new Date('2016-01-12T07:00:00Z'))).toBe(t('8~h~00'));
    expect(formatTime(new Date('2016-07-12T07:00:00Z'))).toBe(t('9~h~00'));
  });
});

describe('formatDateTime', () => {
  it('keeps the date and the time each on one line, and « à » with the time', () => {
    const text = formatDateTime(new Date('2016-05-12T17:30:00+02:00'));
    expect(text.split(' ')).toEqual([t('12~mai~2016'), t('à~17~h~30')]);
  });

  it('joins date and time with « à »', () => {
    expect(formatDateTime(new Date('2016-05-12T08:00:00+02:00'))).toBe(t('12~mai~2016 à~8~h~00'));
    expect(formatDateTime(new Date('2016-01-01T00:00:00+01:00'))).toBe(t('1er~janvier~2016 à~0~h~00'));
  });
});

describe('toIsoString', () => {
  it('gives Paris local time with a summer offset', () => {
    expect(toIsoString(new Date('2016-05-12T06:00:00Z'))).toBe('2016-05-12T08:00:00+02:00');
  });

  it('gives a winter offset', () => {
    expect(toIsoString(new Date('2016-01-12T07:00:00Z'))).toBe('2016-01-12T08:00:00+01:00');
  });

  it('drops milliseconds', () => {
    expect(toIsoString(new Date('2016-01-12T07:00:00.999Z'))).toBe('2016-01-12T08:00:00+01:00');
  });

  it('handles the days of the clock change', () => {
    // 27 March 2016: 02:00 → 03:00; 30 October 2016: 03:00 → 02:00.
    expect(toIsoString(new Date('2016-03-27T00:59:59Z'))).toBe('2016-03-27T01:59:59+01:00');
    expect(toIsoString(new Date('2016-03-27T01:00:00Z'))).toBe('2016-03-27T03:00:00+02:00');
    expect(toIsoString(new Date('2016-10-30T00:30:00Z'))).toBe('2016-10-30T02:30:00+02:00');
    expect(toIsoString(new Date('2016-10-30T01:30:00Z'))).toBe('2016-10-30T02:30:00+01:00');
  });

  it('writes midnight as 00, never 24', () => {
    expect(toIsoString(new Date('2016-05-11T22:00:00Z'))).toBe('2016-05-12T00:00:00+02:00');
  });

  it('round-trips to the same instant', () => {
    for (const iso of ['2016-05-12T06:00:00Z', '2016-12-31T23:59:59Z', '2024-02-29T12:34:56Z', '2016-10-30T01:30:00Z']) {
      const date = new Date(iso);
      expect(new Date(toIsoString(date)).getTime()).toBe(date.getTime());
    }
  });

  it('throws on an invalid date', () => {
    expect(() => toIsoString(new Date('nope'))).toThrow(RangeError);
  });
});

describe('parseParisDateTime', () => {
  it('reads a day at 8 h and a day with a time, in Paris time, winter and summer', async () => {
    const { parseParisDateTime } = await import('../../src/lib/dates.ts');
    expect(parseParisDateTime('2026-12-05')?.toISOString()).toBe('2026-12-05T07:00:00.000Z');
    expect(parseParisDateTime('2026-07-14T09:30')?.toISOString()).toBe('2026-07-14T07:30:00.000Z');
    expect(parseParisDateTime('2026-07-14 09:30')?.toISOString()).toBe('2026-07-14T07:30:00.000Z');
  });

  it('refuses what is not such a date, a day that does not exist and an hour skipped by summer time', async () => {
    const { parseParisDateTime } = await import('../../src/lib/dates.ts');
    for (const text of ['5 décembre', '2026-02-30', '2026-03-29T02:30', '2026-12-05T08:00:00+01:00']) expect(parseParisDateTime(text), text).toBeUndefined();
  });
});
