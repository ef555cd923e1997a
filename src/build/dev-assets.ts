/**
 * In `astro dev`, serves the image variants and media files that the content
 * pass put in the cache, under the same URLs as in the built site. Reads the
 * latest pass of this process, so an image added while the server runs is
 * served as soon as the pass has made it.
 */
import { createReadStream, existsSync } from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { imageCacheDir } from './images.ts';
import type { Environment } from '../config/environment.ts';
import { urlsFor } from '../lib/urls.ts';
import { latestContentPass } from '../loaders/loaders.ts';

const TYPES: Record<string, string> = { '.avif': 'image/avif', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.png': 'image/png', '.mp4': 'video/mp4' };

/** The content file and MIME type of a published media name (`clip-<hash>.mp4`), in the latest pass. */
function mediaFile(name: string, contentDir: string): { file: string; type: string } | undefined {
  const record = (latestContentPass()?.files ?? []).find((f) => f.file === name);
  return record && { file: path.join(contentDir, record.key), type: record.type };
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
