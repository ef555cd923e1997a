/**
 * The reader promises (README, « Reader promises and audit »), read in the built files of the sample magazine (every page,
 * not only one per template): the Content-Security-Policy and the `_headers`
 * file, the scripts each page is allowed, no resource from another host, the
 * page structure assistive technologies rely on, and no motion for readers
 * who asked for none. The browser tests prove the same promises in Chromium.
 */
import { createHash } from 'node:crypto';
import { existsSync, globSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { headersFor, parseHeadersFile } from '../helpers/serve.ts';
import { executableScripts, htmlFiles, readDocument, urlPathOf } from '../e2e/site-pages.ts';

const site = inject('sampleSite');
const files = htmlFiles(site);
const pages = files.map((file) => ({ file, url: urlPathOf(file), document: readDocument(site, file) }));

/** A policy as directive → sources. */
type Policy = Map<string, string[]>;

function parsePolicy(text: string): Policy {
  const policy: Policy = new Map();
  for (const directive of text.split(';')) {
    const [name, ...sources] = directive.trim().split(/\s+/);
    if (name) policy.set(name.toLowerCase(), sources);
  }
  return policy;
}

function metaPolicy(document: Document): Policy | undefined {
  const meta = document.querySelector('meta[http-equiv="content-security-policy" i]');
  return meta ? parsePolicy(meta.getAttribute('content') ?? '') : undefined;
}

const sha256 = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const isOffsite = (url: string) => /^(https?:)?\/\//i.test(url.trim());
const srcsetUrls = (srcset: string) => srcset.split(',').map((c) => c.trim().split(/\s+/)[0] ?? '').filter(Boolean);
const isFacade = (code: string) => code.includes('data-video-embed');
// The scripts an article's body may need (src/components/BodyScripts.astro), each on pages that show what it serves.
const BODY_SCRIPTS = [
  { name: 'gallery', is: (code: string) => code.includes('gallery__view'), needed: '.gallery' },
  { name: 'copy button', is: (code: string) => code.includes('rotative-copy-code'), needed: '.code-block' },
] as const;
// The search page names Pagefind's bundle in its form (data-bundle, under the
// site's base) and its script imports what the form names.
const loadsPagefind = (code: string) => code.includes('/pagefind/') || code.includes('dataset.bundle');

/** The code of a script: inline, or the built file it points to. */
function scriptCode(script: HTMLScriptElement): string {
  const src = script.getAttribute('src');
  if (!src) return script.textContent ?? '';
  if (isOffsite(src)) return '';
  return readFileSync(path.join(site, src.split('?')[0]!), 'utf8');
}

describe('Content-Security-Policy', () => {
  it('every page carries Astro’s strict policy, before anything it governs', () => {
    const problems: string[] = [];
    for (const { url, document } of pages) {
      const policy = metaPolicy(document);
      if (!policy) {
        problems.push(`${url}: no <meta http-equiv="content-security-policy">`);
        continue;
      }
      const expectSources = (name: string, expected: string[]) => {
        if (JSON.stringify(policy.get(name)) !== JSON.stringify(expected)) problems.push(`${url}: ${name} is "${policy.get(name)?.join(' ')}", expected "${expected.join(' ')}"`);
      };
      expectSources('default-src', ["'self'"]);
      expectSources('object-src', ["'none'"]);
      expectSources('base-uri', ["'self'"]);
      expectSources('frame-src', ['https://www.youtube-nocookie.com']);
      for (const name of ['script-src', 'style-src']) {
        const sources = policy.get(name) ?? [];
        if (!sources.includes("'self'")) problems.push(`${url}: ${name} lacks 'self'`);
        const loose = sources.filter((s) => !/^'(self|sha(256|384|512)-[A-Za-z0-9+/=]+)'$/.test(s) && !(name === 'script-src' && s === "'wasm-unsafe-eval'"));
        if (loose.length) problems.push(`${url}: ${name} allows ${loose.join(' ')}`);
      }
      // A <meta> policy governs only what comes after it.
      const head = [...document.head.children];
      const metaAt = head.findIndex((el) => el.matches('meta[http-equiv="content-security-policy" i]'));
      const governedBefore = head.slice(0, metaAt).filter((el) => el.matches('style, link[rel~="stylesheet"], link[rel~="preload"], link[rel~="modulepreload"]') || (el.matches('script') && executableScripts(document).includes(el as HTMLScriptElement)));
      if (governedBefore.length) problems.push(`${url}: ${governedBefore.map((el) => el.outerHTML.slice(0, 60)).join(', ')} comes before the CSP <meta>`);
    }
    expect(problems).toEqual([]);
  });

  it('every inline script and style is allowed by its hash, and nothing needs unsafe-inline', () => {
    const problems: string[] = [];
    for (const { url, document } of pages) {
      const policy = metaPolicy(document);
      if (!policy) continue; // reported above
      for (const script of executableScripts(document)) {
        if (script.hasAttribute('src')) continue;
        const hash = sha256(script.textContent ?? '');
        if (!policy.get('script-src')?.includes(hash)) problems.push(`${url}: inline script ${hash} is not in script-src`);
      }
      for (const style of document.querySelectorAll('style')) {
        const hash = sha256(style.textContent ?? '');
        if (!policy.get('style-src')?.includes(hash)) problems.push(`${url}: inline <style> ${hash} is not in style-src`);
      }
      // Blocked by the policy: a style attribute (Shiki's highlighting, say) or an inline event handler.
      for (const el of document.querySelectorAll('*')) {
        for (const { name } of el.attributes) {
          if (name === 'style' || /^on[a-z]+$/.test(name)) problems.push(`${url}: <${el.localName} ${name}="…"> is blocked by the CSP`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it('public/_headers gives static hosts the same policy and the security and cache headers', () => {
    const headersFile = path.join(site, '_headers');
    expect(existsSync(headersFile), '_headers is published').toBe(true);
    const rules = parseHeadersFile(readFileSync(headersFile, 'utf8'));
    const forPage = headersFor(rules, '/articles/un-article/');
    const one = (name: string) => {
      const values = forPage.get(name) ?? [];
      expect(values, `${name}: exactly one value for a page`).toHaveLength(1);
      return values[0]!;
    };
    const header = parsePolicy(one('Content-Security-Policy'));
    expect(header.get('frame-ancestors')).toEqual(["'none'"]);
    // Each page's own rule (one policy per part of the site) must allow all
    // that its <meta> allows, or it would block it; and say it only once.
    const problems: string[] = [];
    for (const { url, document } of pages) {
      const own = headersFor(rules, url).get('Content-Security-Policy') ?? [];
      if (own.length !== 1) {
        problems.push(`${url}: ${own.length} Content-Security-Policy values in _headers, expected one`);
        continue;
      }
      const policy = parsePolicy(own[0]!);
      for (const [name, sources] of metaPolicy(document) ?? []) {
        const missing = sources.filter((s) => !policy.get(name)?.includes(s));
        if (missing.length) problems.push(`${url}: ${name} ${missing.join(' ')} is missing from the _headers policy`);
      }
    }
    expect(problems).toEqual([]);
    for (const [name, sources] of header) {
      if (name === 'frame-ancestors') continue;
      expect(pages.some(({ document }) => metaPolicy(document)?.has(name)), `_headers ${name} is also in the pages' <meta>`).toBe(true);
      expect(sources.filter((s) => /^'unsafe-(inline|eval|hashes)'$|\*|^https?:$|^data:$/.test(s)), `_headers ${name}`).toEqual([]);
    }

    expect(one('X-Content-Type-Options')).toBe('nosniff');
    expect(one('Referrer-Policy')).toMatch(/^(no-referrer|same-origin|strict-origin|strict-origin-when-cross-origin)$/);
    const permissions = one('Permissions-Policy');
    for (const feature of ['camera', 'microphone', 'geolocation', 'browsing-topics', 'payment', 'usb']) expect(permissions).toContain(`${feature}=()`);

    for (const folder of ['_astro', '_images']) {
      const cache = headersFor(rules, `/${folder}/file.abc123.js`).get('Cache-Control') ?? [];
      expect(cache, `/${folder}/*`).toHaveLength(1);
      expect(cache[0]).toMatch(/max-age=31536000/);
      expect(cache[0]).toMatch(/immutable/);
    }
    expect(forPage.get('Cache-Control'), 'pages are never cached as immutable').toBeUndefined();
    // Immutable only makes sense for names that change with the content.
    for (const asset of globSync('_astro/*', { cwd: site })) expect(path.basename(asset)).toMatch(/[.-][\w-]{8,}\.\w+$/);
  });
});

describe('JavaScript', () => {
  it('no page runs a script but the video facade, on pages with a video, the gallery’s and the copy button’s, on pages with a gallery or code, and the search page', () => {
    const problems: string[] = [];
    for (const { url, document } of pages) {
      const scripts = executableScripts(document);
      for (const script of scripts) {
        const src = script.getAttribute('src');
        if (src && isOffsite(src)) problems.push(`${url}: script from another host ${src}`);
      }
      const codes = scripts.map(scriptCode);
      if (url === '/recherche/') {
        const bundle = document.querySelector('[data-bundle]')?.getAttribute('data-bundle') ?? '';
        if (!codes.some(loadsPagefind) || !/\/pagefind\/[^/]+\/pagefind\.js$/.test(bundle)) problems.push(`${url}: the search page does not load Pagefind`);
        continue;
      }
      const hasVideo = document.querySelector('[data-video-embed]') !== null;
      codes.forEach((code, i) => {
        const bodyScript = BODY_SCRIPTS.find((s) => s.is(code));
        if (bodyScript) {
          if (!document.querySelector(bodyScript.needed)) problems.push(`${url}: runs the ${bodyScript.name}’s script without ${bodyScript.needed}`);
          else if (codes.slice(0, i).some(bodyScript.is)) problems.push(`${url}: the ${bodyScript.name}’s script is there twice`);
          return;
        }
        if (loadsPagefind(code)) problems.push(`${url}: loads Pagefind, which only the search page may`);
        else if (!isFacade(code)) problems.push(`${url}: runs a script that is not the video facade: ${code.slice(0, 80)}`);
        else if (!hasVideo) problems.push(`${url}: runs the video facade's script without a video`);
        else if (i > 0 && codes.slice(0, i).some(isFacade)) problems.push(`${url}: the facade's script is there twice`);
      });
      for (const link of document.querySelectorAll('link[href*="/pagefind/"]')) problems.push(`${url}: links ${link.getAttribute('href')}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('privacy', () => {
  it('no page or stylesheet asks another host for anything (fonts, images, scripts, frames)', () => {
    const problems: string[] = [];
    for (const { url, document } of pages) {
      const urls: string[] = [];
      for (const el of document.querySelectorAll('img[src], script[src], iframe[src], embed[src], source[src], audio[src], video[src], track[src], input[src]')) urls.push(el.getAttribute('src')!);
      for (const el of document.querySelectorAll('img[srcset], source[srcset]')) urls.push(...srcsetUrls(el.getAttribute('srcset')!));
      for (const el of document.querySelectorAll('video[poster]')) urls.push(el.getAttribute('poster')!);
      for (const el of document.querySelectorAll('object[data]')) urls.push(el.getAttribute('data')!);
      for (const el of document.querySelectorAll('link[href]')) {
        const rel = (el.getAttribute('rel') ?? '').toLowerCase().split(/\s+/);
        // canonical, alternate (feeds), author…: addresses, not downloads.
        if (rel.some((r) => ['stylesheet', 'icon', 'apple-touch-icon', 'manifest', 'preload', 'prefetch', 'modulepreload', 'preconnect', 'dns-prefetch', 'mask-icon'].includes(r))) urls.push(el.getAttribute('href')!);
      }
      for (const u of urls.filter(isOffsite)) problems.push(`${url}: ${u}`);
      if (document.querySelector('iframe')) problems.push(`${url}: an <iframe> in the page before any click`);
    }
    for (const css of globSync('**/*.css', { cwd: site })) {
      if (css.startsWith('pagefind/')) continue; // Pagefind's own UI styles, not used by the site
      const text = readFileSync(path.join(site, css), 'utf8');
      for (const m of text.matchAll(/(?:url\(\s*['"]?|@import\s+['"])((?:https?:)?\/\/[^'")\s]+)/gi)) problems.push(`${css}: ${m[1]}`);
    }
    expect(problems).toEqual([]);
  });
});

describe('structure', () => {
  it('every page has lang="fr", a skip link to its main content, landmarks, one h1, ordered headings and alt on every image', () => {
    const problems: string[] = [];
    for (const { url, document } of pages) {
      if (!/^fr\b/i.test(document.documentElement.getAttribute('lang') ?? '')) problems.push(`${url}: lang="${document.documentElement.getAttribute('lang')}"`);
      const mains = document.querySelectorAll('main');
      if (mains.length !== 1) problems.push(`${url}: ${mains.length} <main>`);
      const first = document.body.querySelector('a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])');
      const target = first?.getAttribute('href')?.startsWith('#') ? document.getElementById(first.getAttribute('href')!.slice(1)) : null;
      if (!target || target !== mains[0]) problems.push(`${url}: the first focusable element is not a skip link to <main>`);
      if (!document.querySelector('body > header, body > * > header, header[role="banner"]')) problems.push(`${url}: no site header`);
      if (!document.querySelector('body > footer, body > * > footer, footer[role="contentinfo"]')) problems.push(`${url}: no site footer`);
      const headings = [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => Number(h.localName[1]));
      if (headings.filter((l) => l === 1).length !== 1) problems.push(`${url}: ${headings.filter((l) => l === 1).length} h1`);
      headings.forEach((level, i) => {
        const previous = i === 0 ? 0 : headings[i - 1]!;
        if (level > previous + 1) problems.push(`${url}: h${level} follows h${previous || 'nothing'}`);
      });
      for (const img of document.querySelectorAll('img:not([alt])')) problems.push(`${url}: <img src="${img.getAttribute('src')}"> without alt`);
    }
    expect(problems).toEqual([]);
  });
});

describe('motion', () => {
  it('animations, transitions and smooth scrolling only for readers who did not ask for reduced motion', () => {
    const problems: string[] = [];
    for (const css of globSync('_astro/*.css', { cwd: site })) {
      const text = readFileSync(path.join(site, css), 'utf8');
      let rest = '';
      // Drop the blocks that only apply to prefers-reduced-motion: no-preference.
      for (let i = 0; i < text.length; ) {
        const at = text.slice(i).search(/@media[^{]*prefers-reduced-motion\s*:\s*no-preference[^{]*\{/i);
        if (at < 0) {
          rest += text.slice(i);
          break;
        }
        rest += text.slice(i, i + at);
        let depth = 0;
        let j = text.indexOf('{', i + at);
        for (; j < text.length; j++) {
          if (text[j] === '{') depth++;
          else if (text[j] === '}' && --depth === 0) break;
        }
        i = j + 1;
      }
      for (const m of rest.matchAll(/(animation(?:-name)?\s*:\s*(?!none\b)[^;}]+|transition(?:-property)?\s*:\s*(?!none\b)[^;}]+|scroll-behavior\s*:\s*smooth)/gi)) problems.push(`${css}: ${m[1]}`);
    }
    expect(problems).toEqual([]);
  });
});
