/**
 * `npm run check`: validates the whole content tree (every problem at once,
 * images included, nothing encoded, nothing written) and then type-checks the
 * code with `astro check`. `--content-only` skips the type check.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { readEnvironmentOrExit } from '../src/config/environment.ts';
import { prepare } from '../src/build/prepare.ts';
import { formatProblems } from '../src/lib/errors.ts';

const started = performance.now();
const env = readEnvironmentOrExit();

const { problems, content, images } = await prepare(env, { encode: false });
if (problems.length > 0) {
  console.error(formatProblems(problems));
  process.exit(1);
}
/** `1 article`, `4 articles`: French plurals, one noun at a time. */
const count = (n: number, one: string, many = `${one}s`) => `${n} ${n > 1 ? many : one}`;
console.log(
  `✔ Le contenu est valide : ${count(content.articles.length, 'article')}, ${count(content.authors.size, 'auteur')}, ${count(content.categories.size, 'rubrique')}, ${count(content.series.size, 'série')}, ${count(images.length, 'image publiée', 'images publiées')} (${((performance.now() - started) / 1000).toFixed(1).replace('.', ',')} s)`,
);

// `npm run check --content-only` (without `--`) gives the flag to npm, which
// passes it on as npm_config_content_only.
const contentOnly = process.argv.includes('--content-only') || process.env.npm_config_content_only === 'true';
if (!contentOnly) {
  const astro = path.join(import.meta.dirname, '../node_modules/astro/bin/astro.mjs');
  const result = spawnSync(process.execPath, [astro, 'check', '--minimumSeverity', 'warning'], { stdio: 'inherit' });
  process.exit(result.status ?? 1);
}
