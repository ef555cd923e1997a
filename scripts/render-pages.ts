/**
 * The pages phase of `npm run build`, run by scripts/build.ts in a process of
 * its own: Astro syncs the content (the Rotative loaders read, validate,
 * make the images and render every article: src/loaders/) and renders the
 * site into ROTATIVE_PAGES_DIR; then this process exits and gives its memory
 * back before Pagefind indexes the pages.
 *
 * Writes what the content pass found to ROTATIVE_REPORT_FILE for the wrapper:
 * the problems, or the summary figures and the images to publish.
 */
import { writeFileSync } from 'node:fs';
import { build } from 'astro';
import { phaseTime } from '../src/build/phase-timer.ts';
import { formatProblems } from '../src/lib/errors.ts';
import { latestContentPass } from '../src/loaders/loaders.ts';

const outDir = process.env.ROTATIVE_PAGES_DIR;
const reportFile = process.env.ROTATIVE_REPORT_FILE;
if (!outDir || !reportFile) {
  console.error('✖ scripts/render-pages.ts is run by scripts/build.ts (npm run build), not on its own.');
  process.exit(1);
}

function report(): void {
  const pass = latestContentPass();
  writeFileSync(
    reportFile!,
    JSON.stringify({
      problems: pass?.problems ?? [],
      stats: pass?.stats,
      notices: pass?.notices ?? [],
      images: pass?.images ?? [],
      files: pass?.files ?? [],
      feeds: phaseTime('feeds'),
    }),
  );
}

try {
  await build({ root: process.cwd(), outDir, logLevel: process.env.ROTATIVE_VERBOSE ? 'info' : 'warn' });
} catch (err) {
  report();
  const problems = latestContentPass()?.problems ?? [];
  // A content problem is the writer's to fix: their messages, not Astro's error.
  if (problems.length > 0) console.error(formatProblems(problems));
  else console.error(`✖ Astro could not build the pages:\n${err instanceof Error ? err.message : String(err)}`);
  process.exit(problems.length > 0 ? 2 : 1);
}
report();
