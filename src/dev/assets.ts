/**
 * In `astro dev`, serves the image variants and media files that the content
 * pass put in the cache, under the same URLs as in the built site. Reads the
 * latest pass of this process, so an image added while the server runs is
 * served as soon as the pass has made it.
 *
 * While the latest pass has content problems, every page is answered with
 * those problems (src/dev/problems.ts) instead of Astro's error page.
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { imageCacheDir } from '../content/images.ts';
import type { Environment } from '../config/environment.ts';
import { urlsFor } from '../lib/urls.ts';
import { latestContentFailure, latestContentPass } from '../content/loaders.ts';
import { failurePage, problemsPage } from './problems.ts';
import { fileRequestAllowed, servedRoots } from './fs-guard.ts';
import { fr } from '../i18n/fr.ts';

const TYPES: Record<string, string> = { '.avif': 'image/avif', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.png': 'image/png', '.mp4': 'video/mp4' };

/** The content file and MIME type of a published media name (`clip-<hash>.mp4`), in the latest pass. */
function mediaFile(name: string, contentDir: string): { file: string; type: string } | undefined {
  const record = (latestContentPass()?.files ?? []).find((f) => f.file === name);
  return record && { file: path.join(contentDir, record.key), type: record.type };
}

/**
 * Whether a request asks for a page of the site, not for one of Vite's
 * modules (`/@vite/client`, `/src/…`, `/node_modules/…`) or a file: a page's
 * path has no extension, or the browser says it wants HTML.
 */
function isPageRequest(url: string, accept: string | undefined): boolean {
  if (/^\/(@|__|node_modules\/|src\/)/.test(url)) return false;
  return path.extname(url) === '' || url.endsWith('.html') || (accept ?? '').includes('text/html');
}

/** `base`: the site's base path (`/`, or `/magazine/`), which the image and media URLs start with. */
export function rotativeDevAssets(env: Environment, base = '/'): AstroIntegration {
  // Whether this middleware sees a request's URL before or after Vite takes
  // the base off it, the URL is one of these two.
  const under = (kind: 'imagePath' | 'mediaPath', url: string) =>
    [urlsFor(base)[kind](''), urlsFor('/')[kind]('')].some((prefix) => url.startsWith(prefix));
  return {
    name: 'rotative-dev-assets',
    hooks: {
      'astro:server:setup': ({ server }) => {
        // First of all: no file outside the project and the content folder, links followed (src/dev/fs-guard.ts).
        const projectRoot = server.config.root;
        const roots = servedRoots(projectRoot, env.contentDir);
        server.middlewares.use((req, res, next) => {
          if (fileRequestAllowed(req.url ?? '', projectRoot, roots)) return next();
          res.statusCode = 403;
          res.setHeader('Content-Type', 'text/plain; charset=utf-8');
          res.end(fr.preview.forbiddenFile);
        });
        server.middlewares.use((req, res, next) => {
          const url = (req.url ?? '').split('?')[0]!;
          if (req.method !== 'GET' && req.method !== 'HEAD') return next();
          if (under('imagePath', url) || under('mediaPath', url) || !isPageRequest(url, req.headers.accept)) return next();
          const failure = latestContentFailure();
          const problems = latestContentPass()?.problems ?? [];
          if (!failure && problems.length === 0) return next();
          res.statusCode = 503;
          res.setHeader('Content-Type', 'text/html; charset=utf-8');
          res.setHeader('Cache-Control', 'no-store');
          res.end(failure ? failurePage(failure) : problemsPage(problems));
        });
        server.middlewares.use((req, res, next) => {
          const url = decodeURIComponent((req.url ?? '').split('?')[0]!);
          let file: string | undefined;
          let type: string | undefined;
          if (under('imagePath', url)) file = path.join(imageCacheDir(env.cacheDir), path.basename(url));
          if (under('mediaPath', url)) {
            const media = mediaFile(path.basename(url), env.contentDir);
            file = media?.file;
            type = media?.type;
          }
          if (!file || !existsSync(file)) return next();
          res.setHeader('Content-Type', type ?? TYPES[path.extname(file)] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
        });
      },
    },
  };
}
