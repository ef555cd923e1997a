/**
 * `npm run dev`: Astro's dev server on 127.0.0.1, in preview (drafts and
 * scheduled articles shown, and marked, so writers can read them before they
 * are published). The content loaders validate the content, make the images
 * and render the articles, and run again on every change in the content
 * folder; while the content has problems, every page lists them.
 *
 * The port: `--port 4322` (`npm run dev -- --port 4322`), else PORT, else
 * Astro's default (4321).
 */
import { parseArgs } from 'node:util';
import { readEnvironmentOrExit } from '../src/config/environment.ts';

process.env.ROTATIVE_PREVIEW = '1';
readEnvironmentOrExit();
const { values } = parseArgs({ options: { port: { type: 'string' } }, strict: false });
const portText = typeof values.port === 'string' ? values.port : process.env.PORT;
let port: number | undefined;
if (portText !== undefined && portText !== '') {
  port = Number(portText);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`Port invalide : « ${portText} ». Attendu : un nombre entre 1 et 65535, par exemple --port 4322.`);
    process.exit(1);
  }
}
const { dev } = await import('astro');
await dev({ root: process.cwd(), server: { host: '127.0.0.1', ...(port && { port }) } });
