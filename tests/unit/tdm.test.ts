import { describe, expect, it } from 'vitest';
import { z } from 'astro/zod';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { tdmFields, tdmRepRules, withTdmHeaders } from '../../src/lib/tdm.ts';
import { headersUnderBase } from '../../src/publish/headers-file.ts';
import { siteSchema } from '../../src/schemas/site.ts';
import { headersFor, parseHeadersFile } from '../helpers/serve.ts';

/**
 * /.well-known/tdmrep.json as the W3C TDM Reservation Protocol (final report,
 * 2024-05-10, § "TDM File on the Origin Server") defines it: an array of
 * objects, each with a `location` path pattern, `tdm-reservation` 0 or 1 and,
 * optionally, `tdm-policy`, the URL of a policy; no other member.
 */
const tdmRepFile = z.array(
  z.strictObject({
    location: z.string().startsWith('/'),
    'tdm-reservation': z.union([z.literal(0), z.literal(1)]),
    'tdm-policy': z.url({ protocol: /^https?$/ }).optional(),
  }),
);

const POLICY = 'https://echo.example/licence-fouille.json';
const site = { name: 'L’Écho', url: 'https://echo.example' };

describe('tdm in site.yaml', () => {
  it('is read as a reservation and an optional policy URL', () => {
    expect(siteSchema.parse({ ...site, tdm: { reservation: true, policy: POLICY } }).tdm).toEqual({ reservation: true, policy: POLICY });
    expect(siteSchema.parse({ ...site, tdm: { reservation: false } }).tdm).toEqual({ reservation: false });
  });

  it('refuses a policy without a reservation, a reservation that is not true or false, and a policy that is not a URL', () => {
    const issues = (tdm: unknown) => siteSchema.safeParse({ ...site, tdm }).error?.issues.map((i) => [i.path.join('.'), i.message]);
    expect(issues({ reservation: false, policy: POLICY })).toEqual([['tdm.policy', expect.stringMatching(/^une politique \(policy\) seulement avec reservation: true/)]]);
    expect(issues({ reservation: 'oui' })).toEqual([['tdm.reservation', 'true (droits de fouille réservés) ou false (non réservés)']]);
    expect(issues({ reservation: true, policy: 'licence.json' })?.[0]?.[0]).toBe('tdm.policy');
    expect(issues({ reservation: true, licence: POLICY })?.[0]?.[1]).toBeDefined();
  });
});

describe('tdmRepRules', () => {
  it('writes the protocol’s file format: one rule for the whole site, reserved, with its policy', () => {
    const rules = tdmRepFile.parse(JSON.parse(JSON.stringify(tdmRepRules({ reservation: true, policy: POLICY }, '/'))));
    expect(rules).toEqual([{ location: '/*', 'tdm-reservation': 1, 'tdm-policy': POLICY }]);
  });

  it('says 0 for rights not reserved, covers only the base path of a site under a path, and writes nothing without tdm', () => {
    expect(tdmRepFile.parse(tdmRepRules({ reservation: false }, '/magazine/'))).toEqual([{ location: '/magazine/*', 'tdm-reservation': 0 }]);
    expect(tdmRepRules(undefined, '/')).toEqual([]);
  });
});

const publicHeaders = readFileSync(path.resolve(import.meta.dirname, '../../public/_headers'), 'utf8');

describe('tdmFields and withTdmHeaders', () => {
  it('give the <meta> and the headers the same names and values', () => {
    expect(tdmFields({ reservation: true, policy: POLICY })).toEqual([['tdm-reservation', '1'], ['tdm-policy', POLICY]]);
    expect(tdmFields({ reservation: false })).toEqual([['tdm-reservation', '0']]);
    expect(tdmFields(undefined)).toEqual([]);
  });

  for (const base of ['/', '/magazine/']) {
    it(`add the tdm-* headers to the rule of every page of public/_headers, under ${base}, keeping one rule per pattern and every other header`, () => {
      const before = parseHeadersFile(headersUnderBase(publicHeaders, base));
      const rules = parseHeadersFile(withTdmHeaders(headersUnderBase(publicHeaders, base), { reservation: true, policy: POLICY }, base));
      // A host that keeps one rule per pattern (Cloudflare Pages) must still get every header.
      expect(rules.map((r) => r.pattern)).toEqual(before.map((r) => r.pattern));
      for (const file of [`${base}articles/x/`, `${base}_images/a.avif`, `${base}rss.xml`]) {
        const headers = headersFor(rules, file);
        expect(headers.get('tdm-reservation'), file).toEqual(['1']);
        expect(headers.get('tdm-policy'), file).toEqual([POLICY]);
        expect(headers.get('X-Frame-Options'), file).toEqual(['DENY']);
      }
      expect(headersFor(rules, `${base}articles/x/`).get('Content-Security-Policy')).toHaveLength(1);
    });
  }

  it('write a rule of their own when the file has none for every path, and only for the site', () => {
    const rules = parseHeadersFile(withTdmHeaders('/_astro/*\n  Cache-Control: immutable\n', { reservation: false }, '/magazine/'));
    expect(rules.map((r) => r.pattern)).toEqual(['/_astro/*', '/magazine/*']);
    expect(headersFor(rules, '/magazine/articles/x/').get('tdm-reservation')).toEqual(['0']);
    expect(headersFor(rules, '/ailleurs/').get('tdm-reservation')).toBeUndefined();
  });

  it('leave _headers as it is without tdm', () => {
    expect(withTdmHeaders(publicHeaders, undefined, '/')).toBe(publicHeaders);
  });
});
