/**
 * In `astro dev`, serves the image variants and media files that the image
 * phase put in the cache, under the same URLs as in the built site.
 */
import { createReadStream, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { AstroIntegration } from 'astro';
import { imageCacheDir, type ImageManifest } from './images.ts';
import { MANIFEST_ENV, type Environment } from '../config/environment.ts';

const TYPES: Record<string, string> = { '.avif': 'image/avif', '.webp': 'image/webp', '.jpg': 'image/jpeg', '.png': 'image/png', '.mp4': 'video/mp4' };

let media: Map<string, { key: string; type: string }> | undefined;

/** Published media file name → content key and MIME type, read once from the manifest `npm run dev` wrote. */
function mediaKeys(): Map<string, { key: string; type: string }> {
  if (!media) {
    const manifestFile = process.env[MANIFEST_ENV];
    const manifest = manifestFile && existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as ImageManifest) : undefined;
    media = new Map(Object.entries(manifest?.files ?? {}).map(([key, f]) => [f.file, { key, type: f.type }]));
  }
  return media;
}

export function rotativeDevAssets(env: Environment): AstroIntegration {
  return {
    name: 'rotative-dev-assets',
    hooks: {
      'astro:server:setup': ({ server }) => {
        server.middlewares.use((req, res, next) => {
          const url = decodeURIComponent((req.url ?? '').split('?')[0]!);
          let file: string | undefined;
          let type: string | undefined;
          if (url.startsWith('/_images/')) file = path.join(imageCacheDir(env.cacheDir), path.basename(url));
          if (url.startsWith('/_media/')) {
            const found = mediaKeys().get(path.basename(url));
            if (found) {
              file = path.join(env.contentDir, found.key);
              type = found.type;
            }
          }
          if (!file || !existsSync(file)) return next();
          res.setHeader('Content-Type', type ?? TYPES[path.extname(file)] ?? 'application/octet-stream');
          createReadStream(file).pipe(res);
        });
      },
    },
  };
}
