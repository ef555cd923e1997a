/**
 * `npm run dev`: validates the content, makes the images (drafts and scheduled
 * articles included, so writers can preview them), then starts Astro's dev
 * server on 127.0.0.1. Restart it after adding an image.
 */
import path from 'node:path';
import { MANIFEST_ENV, readEnvironmentOrExit } from '../src/config/environment.ts';
import { prepare } from '../src/build/prepare.ts';
import { formatProblems } from '../src/lib/errors.ts';

const env = readEnvironmentOrExit();
const manifestPath = path.join(env.cacheDir, 'dev-manifest.json');
const prepared = await prepare(env, { encode: true, manifestPath, includeDrafts: true });
if (prepared.problems.length > 0) {
  console.error(formatProblems(prepared.problems));
  process.exit(1);
}
process.env[MANIFEST_ENV] = manifestPath;
process.env.ROTATIVE_PREVIEW = '1';
const { dev } = await import('astro');
await dev({ root: process.cwd(), server: { host: '127.0.0.1' } });
