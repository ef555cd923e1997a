/**
 * The Content-Security-Policy of the editions' e-mails where the site serves
 * them (cspRules in src/publish/headers-file.ts): an e-mail needs inline
 * styles, which no page may have, and the host must send each path one
 * policy only (two matching rules would send two headers, and a browser
 * applies both).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cspRules, emailPolicy, withCspRules } from '../../src/publish/headers-file.ts';
import { headersFor, parseHeadersFile } from '../helpers/serve.ts';

describe('cspRules with the editions’ e-mails', () => {
  const base = "default-src 'self'; script-src 'self' 'sha256-A='; style-src 'self' 'sha256-S1='";
  const pages = [
    { pathname: '', policy: base },
    { pathname: 'articles/a/', policy: base },
    { pathname: 'edition/', policy: base },
    { pathname: 'edition/2026-S48/', policy: base.replace('sha256-S1=', 'sha256-S2=') },
  ];
  const emails = [{ pathname: 'edition/2026-S48/email.html', policy: emailPolicy('https://echo.example/magazine/') }];
  const headers = readFileSync(path.resolve(import.meta.dirname, '../../public/_headers'), 'utf8');
  const rules = parseHeadersFile(withCspRules(headers, cspRules(pages, { files: ['index.html'], folders: ['articles', 'edition'] }, emails, ['edition/rss.xml'])));
  const csp = (urlPath: string) => headersFor(rules, urlPath).get('Content-Security-Policy') ?? [];

  it('gives every path of /edition/ exactly one policy', () => {
    for (const urlPath of ['/edition/', '/edition/index.html', '/edition/2026-S48/', '/edition/2026-S48/index.html', '/edition/2026-S49/email.html', '/edition/2026-S49/email', '/edition/rss.xml']) {
      expect(csp(urlPath), urlPath).toHaveLength(1);
    }
  });

  it('allows inline styles in an e-mail, and nowhere else; no script in an e-mail', () => {
    const [email] = csp('/edition/2026-S48/email.html');
    expect(csp('/edition/2026-S48/email')).toEqual([email]);
    expect(email).toContain("style-src 'unsafe-inline'");
    expect(email).toContain("img-src 'self' https://echo.example;");
    expect(email).not.toContain('script-src');
    expect(email).toContain("default-src 'none'");
    expect(email).toContain("frame-ancestors 'none'");
    for (const urlPath of ['/edition/', '/edition/2026-S48/', '/edition/rss.xml', '/articles/a/', '/']) expect(csp(urlPath)[0], urlPath).not.toContain('unsafe-inline');
    expect(csp('/edition/2026-S48/')[0]).toContain("'sha256-S2='");
    expect(csp('/edition/rss.xml')[0]).toContain("style-src 'self'");
  });
});
