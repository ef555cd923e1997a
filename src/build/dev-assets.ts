/**
 * In `astro dev`, serves the image variants and media files that the image
 * phase put in the cache, under the same URLs as in the built site.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import type { Environment } from '../config/environment.ts';
import { imageCacheDir, type ImageManifest } from './images.ts';

const TYPES: Record<string, string> = { '.avif': 'image/avif', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.png': 'image/png', '.mp4': 'video/mp4' };

export function rotativeDevAssets(env: Environment): AstroIntegration {
  return {
    name: 'rotative-dev-assets',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const url = decodeURIComponent((req.url ?? '').split('?')[0]!);
          let file: string | undefined;
          if (url.startsWith('/_images/')) file = path.join(imageCacheDir(env.cacheDir), path.basename(url));
          if (url.startsWith('/_media/')) {
            const manifestFile = process.env.ROTATIVE_IMAGE_MANIFEST;
            const manifest = manifestFile && existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as ImageManifest) : undefined;
            const key = Object.entries(manifest?.files ?? {}).find(([, f]) => f.file === path.basename(url))?.[0];
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
