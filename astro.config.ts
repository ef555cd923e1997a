import { globSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'astro/config';
import type { AstroIntegration } from 'astro';
import sitemap from '@astrojs/sitemap';

// Astro loads this file through Vite, which would transform and run again
// every module it imports from src/ (the content pass's whole graph, 80
// modules: 1.4 s of every build), though the build's pages process
// (scripts/render-pages.ts) has loaded them already. Node loads them
// instead, as it loads the build's scripts: one instance of each, already in
// memory in a build.
const native = createRequire(import.meta.url);
const { readEnvironmentOrExit } = native('./src/config/environment.ts') as typeof import('./src/config/environment.ts');
const { rotativeDevAssets } = native('./src/dev/assets.ts') as typeof import('./src/dev/assets.ts');
const { servedRoots } = native('./src/dev/fs-guard.ts') as typeof import('./src/dev/fs-guard.ts');
const { cspRules, emailPolicy, headersUnderBase, pagePolicy, withCspRules } = native('./src/publish/headers-file.ts') as typeof import('./src/publish/headers-file.ts');
const { astroCacheFolder } = native('./src/publish/restore.ts') as typeof import('./src/publish/restore.ts');
const { basePathOf, urlsFor } = native('./src/lib/urls.ts') as typeof import('./src/lib/urls.ts');
const { latestContentPass } = native('./src/content/loaders.ts') as typeof import('./src/content/loaders.ts');
const { ownStrings } = native('./src/lib/own-strings.ts') as typeof import('./src/lib/own-strings.ts');
const { publicUrl, readSite } = native('./src/content/load.ts') as typeof import('./src/content/load.ts');

// `astro dev`/`astro preview` load this file directly: a bad variable prints
// one line and exits instead of Astro's stack trace.
const environment = readEnvironmentOrExit();

/** True for the URL of a renamed article's former address (`aliases:`), as src/lib/urls.ts writes it. */
function isFormerArticleUrl(page: string): boolean {
  const { pathname } = new URL(page);
  return (latestContentPass()?.stats.redirects ?? []).some((r) => urls.articlePath(r.from) === decodeURIComponent(pathname));
}

/**
 * The site's public URL, decided by the content pass's own reading of
 * site.yaml (src/content/load.ts). A url that is not one is left out here:
 * the content loaders report it to the writer with the other problems,
 * which Astro's own config check would hide.
 */
function siteUrl(): string | undefined {
  const site = readSite(environment.contentDir, []);
  return environment.siteUrl ?? (site ? publicUrl(environment, site.data) : undefined);
}


const site = siteUrl();
/**
 * `/`, or `/magazine/` for a magazine hosted under a path. Given to Astro as
 * `base`, for its own bundles (`/_astro/`), and to every module it bundles as
 * `__ROTATIVE_BASE__` (see `vite.define`), which src/lib/urls.ts builds every
 * other URL from.
 */
const base = basePathOf(site);
const urls = urlsFor(base);

// ── Content-Security-Policy ────────────────────────────────────────────────
/**
 * The reader promise of no third-party request: everything from our own origin, except
 * the privacy-enhanced YouTube player a reader asks for by clicking a video.
 * Astro adds `script-src` and `style-src` with the hashes of the inline
 * scripts and styles of the build.
 */
const CSP_DIRECTIVES = [
  "default-src 'self'",
  "img-src 'self'",
  "media-src 'self'",
  "font-src 'self'",
  "connect-src 'self'",
  'frame-src https://www.youtube-nocookie.com',
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
] as const;

/**
 * Static hosts send the headers of `_headers` (public/_headers). The build
 * appends one Content-Security-Policy rule per part of the site (cspRules in
 * src/publish/headers-file.ts), made of the policies Astro wrote into the
 * pages' <meta>: the hashes are only known once the pages are built, and a
 * policy written in two places by hand would drift. A page's header allows
 * what the pages of its folder need, and each page's <meta> still narrows
 * it to its own; the search page's 'wasm-unsafe-eval' stays under its folder.
 */
function cspHeaders(): AstroIntegration {
  return {
    name: 'rotative:csp-headers',
    hooks: {
      'astro:build:done': ({ dir, pages }) => {
        const out = fileURLToPath(dir);
        const policies: { pathname: string; policy: string }[] = [];
        for (const { pathname } of pages) {
          const file = path.join(out, pathname === '' || pathname.endsWith('/') ? `${pathname}index.html` : `${pathname}.html`);
          const policy = pagePolicy(file);
          if (policy === undefined) continue; // feeds, sitemaps, robots.txt
          if (policy === null) throw new Error(`CSP: ${path.relative(out, file)} has no content-security-policy <meta>`);
          // The policy alone: a slice of the text read would keep all of it in memory until every page is read.
          policies.push({ pathname, policy: ownStrings(policy) });
        }
        if (policies.length === 0) throw new Error('CSP: no page carries a content-security-policy <meta>');
        // What is at the top of the site, but the host's own files (_headers, _redirects) and the site marker.
        const entries = readdirSync(out, { withFileTypes: true }).filter((e) => !e.name.startsWith('.') && !(e.isFile() && e.name.startsWith('_')));
        const top = { files: entries.filter((e) => e.isFile()).map((e) => e.name), folders: entries.filter((e) => e.isDirectory()).map((e) => e.name) };
        // The editions' e-mails carry their own policy (inline styles); the other files beside them, what every page allows.
        const [emailPrefix, emailSuffix] = urlsFor('/').editionEmailPath('AAAA-Snn').slice(1).split('AAAA-Snn') as [string, string];
        const emails = globSync(`${emailPrefix}*${emailSuffix}`, { cwd: out }).map((f) => ({ pathname: f.split(path.sep).join('/'), policy: emailPolicy(site) }));
        const otherFiles = emails.length === 0 ? [] : readdirSync(path.join(out, emailPrefix), { withFileTypes: true }).filter((e) => e.isFile()).map((e) => `${emailPrefix}${e.name}`);
        const headersFile = path.join(out, '_headers');
        // Its path patterns are written from the root of the host.
        const text = withCspRules(readFileSync(headersFile, 'utf8'), cspRules(policies, top, emails, otherFiles));
        writeFileSync(headersFile, headersUnderBase(text, base));
      },
    },
  };
}

// https://docs.astro.build/en/reference/configuration-reference/
export default defineConfig({
  site,
  base,
  cacheDir: astroCacheFolder(environment.cacheDir, environment.contentDir),
  trailingSlash: 'always',
  // Every dynamic route gives each path a cacheKey (pageKey in
  // src/data/articles.ts): a page whose key and code are unchanged is copied
  // from Astro's cache instead of rendered again (restored by hard link:
  // src/publish/restore.ts). The routes without getStaticPaths (home, hubs,
  // sitemaps) are rendered on every build.
  experimental: { incrementalBuild: true },
  build: { format: 'directory' },
  security: {
    // Astro writes a <meta http-equiv="content-security-policy"> into every
    // page: CSP_DIRECTIVES, then `script-src` and `style-src` with the hashes
    // of the build's inline scripts (video facade, search) and styles. The
    // cspHeaders() integration copies that policy into _headers.
    csp: {
      algorithm: 'SHA-256',
      directives: [...CSP_DIRECTIVES],
      // Pagefind compiles WebAssembly in the browser: the search page alone
      // adds 'wasm-unsafe-eval' to its own policy (src/pages/recherche/).
      scriptDirective: { resources: ["'self'"] },
    },
  },
  // Articles are rendered by the Rotative content loaders (src/content/),
  // not by Astro's Markdown pipeline: nothing for it to highlight.
  markdown: { syntaxHighlight: false },
  integrations: [
    // Every built page is public (unpublished articles get no page at all);
    // the search page has no content of its own to index, and the page left
    // at a renamed article's former address is not a page of its own: the
    // sitemap names only the new URL. The content pass of this process knows
    // the former slugs.
    sitemap({ filter: (page) => !new URL(page).pathname.startsWith(urls.searchPath()) && !isFormerArticleUrl(page) }),
    rotativeDevAssets(environment, base),
    cspHeaders(),
  ],
  vite: {
    // The base path for src/lib/urls.ts, replaced at build time.
    define: { __ROTATIVE_BASE__: JSON.stringify(base) },
    // The dev server serves files of the project and of the content folder
    // only, by their real paths (links followed: see src/dev/fs-guard.ts,
    // which also refuses a link inside them that leads elsewhere).
    server: { fs: { strict: true, allow: servedRoots(path.dirname(fileURLToPath(import.meta.url)), environment.contentDir) } },
  },
});
