/**
 * `npm run dev`: Astro's dev server on 127.0.0.1, in preview (drafts and
 * scheduled articles shown, so writers can read them before they are
 * published). The content loaders validate the content, make the images and
 * render the articles, and run again on every change in the content folder.
 */
import { readEnvironmentOrExit } from '../src/config/environment.ts';

process.env.ROTATIVE_PREVIEW = '1';
readEnvironmentOrExit();
const { dev } = await import('astro');
await dev({ root: process.cwd(), server: { host: '127.0.0.1' } });
