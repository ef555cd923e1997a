import { describe, expect, it } from 'vitest';
import { parseIsoDateTime, readEnvironment } from '../../src/config/environment.ts';
import { basePathOf } from '../../src/lib/urls.ts';

const read = (env: Record<string, string>) => readEnvironment(env, '/projet');

describe('ROTATIVE_NOW', () => {
  it.each([
    ['2016-05-12T08:00:00+02:00', '2016-05-12T06:00:00.000Z'],
    ['2016-05-12T08:00+02:00', '2016-05-12T06:00:00.000Z'],
    ['2016-05-12T06:00:00Z', '2016-05-12T06:00:00.000Z'],
    ['2016-05-12T06:00:00.250Z', '2016-05-12T06:00:00.250Z'],
    ['2024-02-29T12:00:00-05:00', '2024-02-29T17:00:00.000Z'],
  ])('accepts %s', (text, iso) => {
    expect(read({ ROTATIVE_NOW: text }).now.toISOString()).toBe(iso);
  });

  it.each([
    '1', // read by `new Date` as the year 2001
    '2016',
    '2016-05-12', // a date alone: which hour, in which zone?
    '2016-05-12T08:00:00', // no offset: the machine's zone would decide
    '2016-05-12 08:00:00+02:00',
    '2016-02-30T08:00:00Z', // rolled over to March by `new Date`
    '2023-02-29T08:00:00Z',
    '2016-13-01T08:00:00Z',
    '2016-05-12T24:00:00Z',
    '2016-05-12T08:60:00Z',
    '2016-05-12T08:00:00+25:00',
    'demain',
  ])('refuses %s with one line naming the variable, the value and an example', (text) => {
    expect(parseIsoDateTime(text)).toBeUndefined();
    let message = '';
    try {
      read({ ROTATIVE_NOW: text });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('ROTATIVE_NOW');
    expect(message).toContain(`"${text}"`);
    expect(message).toContain('2016-05-12T08:00:00+02:00');
    expect(message).not.toContain('\n');
  });

  it('is the real time when unset', () => {
    const before = Date.now();
    const { now } = read({});
    expect(now.getTime()).toBeGreaterThanOrEqual(before);
    expect(now.getTime()).toBeLessThanOrEqual(Date.now());
  });
});

describe('SITE_URL', () => {
  it('keeps an origin without trailing slash', () => {
    const env = read({ SITE_URL: 'https://magazine.example/' });
    expect(env).toMatchObject({ siteUrl: 'https://magazine.example' });
  });

  it('keeps the path of an address with one', () => {
    const env = read({ SITE_URL: 'https://example.org/magazine/' });
    expect(env).toMatchObject({ siteUrl: 'https://example.org/magazine' });
    expect(basePathOf(env.siteUrl)).toBe('/magazine/');
  });

  it('accepts http and a port', () => {
    expect(read({ SITE_URL: 'http://127.0.0.1:4321' }).siteUrl).toBe('http://127.0.0.1:4321');
  });

  it.each([
    'https://exa mple.org',
    'example.org',
    'ftp://example.org',
    'https://',
    'https:example.org',
    'https://moi:secret@example.org',
    'https://example.org/?utm=1',
    'https://example.org/#haut',
    'javascript:alert(1)',
  ])('refuses %s with one line naming the variable, the value and an example', (text) => {
    let message = '';
    try {
      read({ SITE_URL: text });
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toContain('SITE_URL');
    expect(message).toContain(`"${text}"`);
    expect(message).toMatch(/par exemple https:\/\//);
    expect(message).not.toContain('\n');
  });

  it('is undefined when unset or blank (site.yaml decides)', () => {
    expect(read({}).siteUrl).toBeUndefined();
    expect(read({ SITE_URL: '  ' }).siteUrl).toBeUndefined();
  });
});
