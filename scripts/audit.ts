/**
 * `npm run audit [-- /path/ …]`: builds the site into a temporary folder,
 * serves it on 127.0.0.1 under its own `_headers` (the browser tests' server),
 * and runs Lighthouse (mobile profile, Debian's Chromium) on the home page
 * and an article, printing the four category scores and what cost points.
 *
 * A report, not a test: performance scores move with the machine's load.
 * Environment: ROTATIVE_CONTENT_DIR, ROTATIVE_NOW as for the build;
 * CHROMIUM_PATH (default /usr/bin/chromium).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { CHROMIUM_FLAGS } from '../tests/e2e/browser.ts';
import { serveStatic } from '../tests/helpers/serve.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;

if (!existsSync(CHROMIUM)) {
  console.error(`✖ Chromium not found at ${CHROMIUM}: apt-get install -y chromium (or set CHROMIUM_PATH).`);
  process.exit(1);
}

const work = mkdtempSync(path.join(tmpdir(), 'rotative-audit-'));
const site = path.join(work, 'site');
const cleanUp = () => rmSync(work, { recursive: true, force: true });

console.log('Building the site…');
const built = spawnSync(process.execPath, [path.join(ROOT, 'scripts/build.ts')], {
  cwd: ROOT,
  stdio: 'inherit',
  env: { ...process.env, ROTATIVE_OUT_DIR: site },
});
if (built.status !== 0) {
  cleanUp();
  process.exit(built.status ?? 1);
}

/** The pages to audit: the arguments, else the home page and one article (the Cloudwatt retrospective when there is one). */
function pagesToAudit(): string[] {
  const asked = process.argv.slice(2).filter((a) => a.startsWith('/'));
  if (asked.length) return asked;
  const articles = existsSync(path.join(site, 'articles')) ? readdirSync(path.join(site, 'articles')).sort() : [];
  const article = articles.includes('un-an-apres-cloudwatt') ? 'un-an-apres-cloudwatt' : articles[0];
  return ['/', ...(article ? [`/articles/${article}/`] : [])];
}

const server = await serveStatic(site);
const chrome = await chromeLauncher.launch({
  chromePath: CHROMIUM,
  chromeFlags: ['--headless=new', ...CHROMIUM_FLAGS],
});

const rows: { page: string; scores: Record<string, number | null> }[] = [];
try {
  for (const page of pagesToAudit()) {
    const result = await lighthouse(`${server.origin}${page}`, {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: [...CATEGORIES],
    });
    if (!result) throw new Error(`Lighthouse returned nothing for ${page}`);
    const { lhr } = result;
    if (lhr.runtimeError) throw new Error(`Lighthouse could not audit ${page}: ${lhr.runtimeError.message}`);
    const scores = Object.fromEntries(CATEGORIES.map((c) => [c, lhr.categories[c]?.score ?? null]));
    rows.push({ page, scores });
    // What cost points, so the figures can be acted upon.
    for (const category of CATEGORIES) {
      for (const ref of lhr.categories[category]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (!audit || ref.weight === 0 || audit.score === null || audit.score >= 1) continue;
        if (audit.scoreDisplayMode !== 'binary' && audit.scoreDisplayMode !== 'numeric' && audit.scoreDisplayMode !== 'metricSavings') continue;
        console.log(`  ${page} ${category}: ${audit.id} ${audit.score.toFixed(2)}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
      }
    }
  }
} finally {
  await chrome.kill();
  await server.close();
  cleanUp();
}

const format = (score: number | null) => (score === null ? '  –  ' : score.toFixed(2).padStart(5));
console.log(`\nLighthouse ${CATEGORIES.length} scores, mobile profile (${path.basename(CHROMIUM)}):`);
console.log(`${'page'.padEnd(44)} ${CATEGORIES.map((c) => c.padStart(14)).join(' ')}`);
for (const { page, scores } of rows) {
  console.log(`${page.padEnd(44)} ${CATEGORIES.map((c) => format(scores[c]!).padStart(14)).join(' ')}`);
}
