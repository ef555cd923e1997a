/**
 * The pages phase of `npm run build`, run by scripts/build.ts in a process of
 * its own: Astro renders the site into ROTATIVE_PAGES_DIR, then this process
 * exits and gives its memory back before Pagefind indexes the pages (in one
 * process, Astro's heap and Pagefind's added up: the peak grew past what a
 * 10,000-article archive can afford on a small machine).
 *
 * Writes the time spent on feeds to ROTATIVE_PHASES_FILE for the summary.
 */
import { writeFileSync } from 'node:fs';
import { build } from 'astro';
import { phaseTime } from '../src/build/phase-timer.ts';

const outDir = process.env.ROTATIVE_PAGES_DIR;
const phasesFile = process.env.ROTATIVE_PHASES_FILE;
if (!outDir || !phasesFile) {
  console.error('✖ scripts/render-pages.ts is run by scripts/build.ts (npm run build), not on its own.');
  process.exit(1);
}
try {
  await build({ root: process.cwd(), outDir, logLevel: process.env.ROTATIVE_VERBOSE ? 'info' : 'warn' });
} catch (err) {
  console.error(`✖ Astro could not build the pages:\n${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
}
writeFileSync(phasesFile, JSON.stringify({ feeds: phaseTime('feeds') }));
