/**
 * In `astro dev`, serves the image variants and media files that the image
 * phase put in the cache, under the same URLs as in the built site.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { imageCacheDir, type ImageManifest } from './images.ts';
import { MANIFEST_ENV, type Environment } from '../config/environment.ts';
import { urlsFor } from '../lib/urls.ts';

const TYPES: Record<string, string> = { '.avif': 'image/avif', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.png': 'image/png', '.mp4': 'video/mp4' };

let media: Map<string, string> | undefined;

/** Published media file name → content key, read once from the manifest `npm run dev` wrote. */
function mediaKeys(): Map<string, string> {
  if (!media) {
    const manifestFile = process.env[MANIFEST_ENV];
    const manifest = manifestFile && existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as ImageManifest) : undefined;
    media = new Map(Object.entries(manifest?.files ?? {}).map(([key, f]) => [f.file, key]));
  }
  return media;
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
          if (under('imagePath', url)) file = path.join(imageCacheDir(env.cacheDir), path.basename(url));
          if (under('mediaPath', url)) {
            const key = mediaKeys().get(path.basename(url));
            if (key) file = path.join(env.contentDir, key);
          }
          if (!file || !existsSync(file)) return next();
          res.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
        });
      },
    },
  };
}
