/**
 * `npm run check`: validates the whole content tree (every problem at once,
 * images included, nothing encoded, nothing written) and then type-checks the
 * code with `astro check`. `--content-only` skips the type check.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { readEnvironmentOrExit } from '../src/config/environment.ts';
import { prepare } from '../src/content/prepare.ts';
import { lostUrlProblems } from '../src/publish/lost-urls.ts';
import { publicUrl } from '../src/content/load.ts';
import { statusAt } from '../src/lib/publishing.ts';
import { formatDraftProblems, formatProblem, formatProblems, sortProblems } from '../src/lib/errors.ts';
import { accessibilityWarnings } from '../src/lib/accessibility.ts';
import { legalWarnings } from '../src/lib/legal.ts';

const started = performance.now();
const env = readEnvironmentOrExit();

const { problems, draftProblems, content, images } = await prepare(env, { encode: false });
// What the build would refuse too: an address the previous build published
// that this content would lose.
const articleData = new Map(content.articles.map((a) => [a.slug, a.data]));
const guard =
  problems.length === 0 && content.site
    ? await lostUrlProblems(env, content, (slug) => statusAt(articleData.get(slug)!, env.now), publicUrl(env, content.site))
    : undefined;
problems.push(...(guard?.problems ?? []));
if (problems.length > 0) {
  console.error(formatProblems(problems));
  process.exit(1);
}
// A draft's problems are warnings: it is set aside, the rest is valid.
if (draftProblems.length > 0) console.warn(formatDraftProblems(draftProblems));
// Missing legal notice fields are warnings: the content is still valid.
for (const warning of legalWarnings(content.site?.legal)) console.warn(`⚠ ${warning}`);
for (const warning of accessibilityWarnings(content.site?.accessibilite)) console.warn(`⚠ ${warning}`);
/** `1 article`, `4 articles`: French plurals, one noun at a time. */
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n > 1 ? many : one}`;
console.log(
  `✔ Le contenu est valide : ${count(content.articles.length, 'article')}, ${count(content.authors.size, 'auteur')}, ${count(content.categories.size, 'rubrique')}, ${count(content.series.size, 'série')}, ${count(images.length, 'image publiée', 'images publiées')} (${((performance.now() - started) / 1000).toFixed(1).replace('.', ',')} s)`,
);
// Drafts may keep the scaffold's provisional text: not an error, but the
// writer is reminded of what is left to write before removing `draft: true`.
if (content.reminders.length > 0) {
  const drafts = new Set(content.reminders.map((p) => p.file)).size;
  console.log(
    `✎ Rappel : ${drafts === 1 ? '1 brouillon contient' : `${drafts} brouillons contiennent`} encore du texte provisoire de « npm run new », à remplacer avant de retirer « draft: true » :`,
  );
  for (const p of sortProblems(content.reminders)) console.log(`  - ${formatProblem(p)}`);
}

// `npm run check --content-only` (without `--`) gives the flag to npm, which
// passes it on as npm_config_content_only.
const contentOnly = process.argv.includes('--content-only') || process.env.npm_config_content_only === 'true';
if (!contentOnly) {
  const astro = path.join(import.meta.dirname, '../node_modules/astro/bin/astro.mjs');
  const result = spawnSync(process.execPath, [astro, 'check', '--minimumSeverity', 'warning'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
