/**
 * `npm run bench -- --articles N [--images] [--runs K] [--out results.md]`
 *
 * Generates a deterministic corpus of N articles (valid under Rotative's
 * schema) in a temporary folder, then builds it K times cold and warm with
 * Rotative (`scripts/build.ts`) and with the plain-Astro MDX site of
 * tests/bench/baseline/, alternating the two run for run, and prints a
 * Markdown table of median wall time, median CPU time, peak RSS and articles
 * per second, with the ratio Rotative / baseline of each figure.
 *
 * Other options:
 *   --only rotative|baseline   build with one of the two only (no ratios)
 *   --corpus DIR               generate the corpus in DIR and keep it
 *   --keep                     keep the temporary folder (corpus, outputs, logs)
 *   --in-place                 build from the working tree itself (see below)
 *
 * By default both sites are built from a snapshot of the working tree copied
 * into the temporary folder (node_modules linked, not copied): the code
 * measured cannot change while the benchmark runs, and the builds' own
 * `.astro/` folder is not shared with other builds run meanwhile from the
 * same checkout (Astro writes its generated modules there, per project root).
 */
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { BENCH_NOW, editArticle, generateCorpus, type CorpusPlan } from './bench/corpus.ts';
import { coverCacheDir, placeCovers } from './bench/covers.ts';
import { measure, tail, type Measure } from './bench/measure.ts';
import { BUILDS, describeMachine, figuresOf, renderReport, type BuildName, type Report } from './bench/report.ts';
import { COMPILE_CACHE_DIR } from '../src/config/environment.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const ASTRO_BIN = path.join(ROOT, 'node_modules/astro/bin/astro.mjs');
/** Marks a folder as a generated corpus, which `--corpus` may then overwrite. */
const CORPUS_MARKER = '.rotative-bench-corpus';

const USAGE = 'usage: npm run bench -- --articles N [--images] [--runs K] [--out results.md] [--only rotative|baseline] [--corpus DIR] [--keep] [--in-place]';

function fail(message: string): never {
  console.error(`✖ ${message}`);
  process.exit(1);
}

function parseOptions() {
  try {
    return parseArgs({
      options: {
        articles: { type: 'string' },
        images: { type: 'boolean', default: false },
        runs: { type: 'string', default: '1' },
        out: { type: 'string' },
        only: { type: 'string' },
        corpus: { type: 'string' },
        keep: { type: 'boolean', default: false },
        'in-place': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\n${USAGE}`);
  }
}
const parsed = parseOptions();
if (parsed.help) {
  console.log(USAGE);
  process.exit(0);
}
const articles = Number(parsed.articles);
const runs = Number(parsed.runs);
if (!Number.isInteger(articles) || articles < 1) fail(`--articles: found "${parsed.articles ?? ''}", expected a whole number of articles, e.g. --articles 1000\n${USAGE}`);
if (!Number.isInteger(runs) || runs < 1) fail(`--runs: found "${parsed.runs}", expected a whole number of runs, e.g. --runs 3`);
if (parsed.only !== undefined && parsed.only !== 'rotative' && parsed.only !== 'baseline') fail(`--only: found "${parsed.only}", expected rotative or baseline`);
const tools = (parsed.only ? [parsed.only] : ['rotative', 'baseline']) as ('rotative' | 'baseline')[];
// npm runs scripts from the package root: a relative --out/--corpus is relative to where npm was called.
const callerCwd = process.env.INIT_CWD ?? process.cwd();
const outFile = parsed.out ? path.resolve(callerCwd, parsed.out) : undefined;

const progress = (line: string) => console.error(`[bench] ${line}`);

const keptCorpus = parsed.corpus ? path.resolve(callerCwd, parsed.corpus) : undefined;
if (keptCorpus && existsSync(keptCorpus) && readdirSync(keptCorpus).length > 0) {
  if (!existsSync(path.join(keptCorpus, CORPUS_MARKER))) fail(`--corpus: ${keptCorpus} is not empty and is not a generated corpus: choose another folder`);
  rmSync(keptCorpus, { recursive: true, force: true });
}

const work = mkdtempSync(path.join(tmpdir(), 'rotative-bench-'));
const contentDir = keptCorpus ?? path.join(work, 'content');
const cleanUp = () => {
  if (!parsed.keep) rmSync(work, { recursive: true, force: true });
};
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    cleanUp();
    process.exit(130);
  });
}


/** Folders and files of the working tree that a build reads; the rest (tests, .git, caches, outputs) is not copied. */
const SNAPSHOT_SKIP = new Set(['node_modules', '.git', '.astro', '.rotative', 'dist', 'tests']);

/**
 * Copies the working tree into `work/project` and returns its root. Its
 * node_modules is a folder of links to the repository's packages, so that the
 * caches tools keep in node_modules (Vite's dependency optimiser, in
 * node_modules/.vite) are the snapshot's own: a cold build starts without them.
 */
function snapshot(): string {
  const project = path.join(work, 'project');
  mkdirSync(project, { recursive: true });
  for (const entry of readdirSync(ROOT)) {
    if (SNAPSHOT_SKIP.has(entry)) continue;
    cpSync(path.join(ROOT, entry), path.join(project, entry), { recursive: true });
  }
  cpSync(path.join(ROOT, 'tests/bench/baseline'), path.join(project, 'tests/bench/baseline'), {
    recursive: true,
    filter: (src) => !['.astro', 'dist', 'node_modules'].includes(path.basename(src)),
  });
  const modules = path.join(project, 'node_modules');
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(ROOT, 'node_modules'))) {
    if (entry === '.vite' || entry === '.cache' || entry === '.astro') continue;
    symlinkSync(path.join(ROOT, 'node_modules', entry), path.join(modules, entry));
  }
  return project;
}

const PROJECT = parsed['in-place'] ? ROOT : snapshot();
const BASELINE = path.join(PROJECT, 'tests/bench/baseline');

/** A content tree with the folders its builds write to, one pair per tool. */
interface Site {
  contentDir: string;
  dirs: Record<'rotative' | 'baseline', { cache: string; out: string }>;
}
function siteIn(contentDir: string, name: string): Site {
  const folders = (tool: string) => ({ cache: path.join(work, `${name}${tool}-cache`), out: path.join(work, `${name}${tool}-out`, 'dist') });
  return { contentDir, dirs: { rotative: folders('rotative'), baseline: folders('baseline') } };
}
/** The corpus measured; others are added for the targets that compare with another corpus. */
const measured = siteIn(contentDir, '');
const logs = path.join(work, 'logs');
mkdirSync(logs, { recursive: true });

/**
 * cold: fresh caches, no output; warm: after one article was edited;
 * unchanged: nothing changed since the last build; cache-only: after one
 * article was edited, the cache kept and the output folder deleted.
 */
type Kind = 'cold' | 'warm' | 'unchanged' | 'cache-only';

async function build(tool: 'rotative' | 'baseline', kind: Kind, run: number, site: Site = measured, label = `${tool}-${kind}`): Promise<Measure> {
  const { cache, out } = site.dirs[tool];
  if (kind === 'cold') {
    rmSync(cache, { recursive: true, force: true });
    rmSync(path.dirname(out), { recursive: true, force: true });
    // Rotative's Vite keeps its dependency cache in <project>/node_modules/.vite (the baseline's is in its cache folder).
    if (tool === 'rotative' && PROJECT !== ROOT) rmSync(path.join(PROJECT, 'node_modules/.vite'), { recursive: true, force: true });
  }
  // A fresh checkout with `npm ci` and the cache folder restored: no output
  // folder, no Vite dependency cache and no compiled code of Node's in
  // node_modules (COMPILE_CACHE_DIR: worth about 1.3 s of this case).
  if (kind === 'cache-only') {
    rmSync(path.dirname(out), { recursive: true, force: true });
    // The cache folder as a runner restores it: every file written anew
    // from the archive (other inodes, modification times kept), not the
    // previous build's own files, which are the output's by link.
    const restored = `${cache}.restored`;
    cpSync(cache, restored, { recursive: true, preserveTimestamps: true });
    rmSync(cache, { recursive: true, force: true });
    renameSync(restored, cache);
    if (tool === 'rotative' && PROJECT !== ROOT) {
      rmSync(path.join(PROJECT, 'node_modules/.vite'), { recursive: true, force: true });
      rmSync(path.join(PROJECT, COMPILE_CACHE_DIR), { recursive: true, force: true });
    }
  }
  mkdirSync(path.dirname(out), { recursive: true });
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' };
  for (const key of Object.keys(env)) if (key.startsWith('ROTATIVE_') || key.startsWith('BENCH_')) delete env[key];
  const logFile = path.join(logs, `${label}-${run + 1}.log`);
  progress(`${label}, run ${run + 1}/${runs}…`);
  const m =
    tool === 'rotative'
      ? await measure(process.execPath, [path.join(PROJECT, 'scripts/build.ts')], {
          cwd: PROJECT,
          env: { ...env, ROTATIVE_CONTENT_DIR: site.contentDir, ROTATIVE_OUT_DIR: out, ROTATIVE_CACHE_DIR: cache, ROTATIVE_NOW: BENCH_NOW },
          logFile,
        })
      : await measure(process.execPath, [ASTRO_BIN, 'build', '--root', BASELINE], {
          cwd: BASELINE,
          env: { ...env, BENCH_ARTICLES_DIR: path.join(site.contentDir, 'articles'), BENCH_OUT_DIR: out, BENCH_CACHE_DIR: cache },
          logFile,
        });
  if (m.exitCode !== 0) {
    console.error(tail(logFile));
    cleanUp();
    fail(`${label} build failed (exit code ${m.exitCode}); log above${parsed.keep ? ` and in ${logFile}` : ''}`);
  }
  progress(`  ${m.wallSeconds.toFixed(1)} s wall, ${m.cpuSeconds.toFixed(1)} s CPU, ${Math.round(m.peakRssMB)} MB peak RSS`);
  return m;
}

/** sha256 of every file under `dir`, by relative path: two builds' outputs compared byte for byte. */
function treeHashes(dir: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(relPath);
      else hashes.set(relPath, createHash('sha256').update(readFileSync(path.join(dir, relPath))).digest('hex'));
    }
  };
  walk('');
  return hashes;
}

/** Files added, removed or changed between two snapshots. */
function differences(a: Map<string, string>, b: Map<string, string>): number {
  let n = 0;
  for (const [k, v] of a) if (b.get(k) !== v) n++;
  for (const k of b.keys()) if (!a.has(k)) n++;
  return n;
}

/** Sanity checks: every article has a page, and a warm build shows the edit. */
function checkOutput(tool: 'rotative' | 'baseline', plan: CorpusPlan, editedRun: number | undefined, site: Site = measured): void {
  const out = site.dirs[tool].out;
  let pages = 0;
  let editedPage: string | undefined;
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(abs);
      // articles/index.html is Rotative's list of the newest articles, not an article.
      else if (entry.name === 'index.html' && dir !== path.join(out, 'articles')) {
        pages++;
        if (path.basename(path.dirname(abs)) === plan.edited.slug) editedPage = abs;
      }
    }
  };
  const articlesOut = path.join(out, 'articles');
  if (existsSync(articlesOut)) walk(articlesOut);
  if (pages !== plan.articles.length) fail(`${tool}: ${pages} article pages in ${articlesOut}, expected ${plan.articles.length}`);
  if (editedRun !== undefined) {
    const html = editedPage ? readFileSync(editedPage, 'utf8') : '';
    if (!new RegExp(`Mise à jour n°(\\s|&nbsp;|&#160;|&#xa0;|\u00a0|\u202f)*${editedRun + 1}\\b`).test(html)) {
      fail(`${tool}: the warm build's page of ${plan.edited.slug} does not show the edit of run ${editedRun + 1}`);
    }
  }
}

async function main(): Promise<void> {
  progress(`generating ${articles} articles${parsed.images ? ' with covers' : ''} in ${contentDir}`);
  const plan = generateCorpus(contentDir, articles, { covers: parsed.images });
  writeFileSync(path.join(contentDir, CORPUS_MARKER), `Generated by scripts/bench.ts (${articles} articles). Safe to delete.\n`);
  if (parsed.images) {
    const made = await placeCovers(contentDir, plan.articles, coverCacheDir(ROOT, articles), progress);
    progress(made ? `${made} covers generated and cached` : 'covers taken from the cache');
  }

  const measures = Object.fromEntries(BUILDS.map((b) => [b, [] as Measure[]])) as Record<BuildName, Measure[]>;
  const report: Report = { articles, images: parsed.images, runs, figures: {}, machine: describeMachine(ROOT), phases: {}, all: [] };
  const phaseLine = (stdout: string) => /^\s*temps :\s*(.+)$/m.exec(stdout)?.[1]?.trim();
  const record = (name: BuildName, run: number, m: Measure) => {
    measures[name].push(m);
    report.all.push({ build: name, run, measure: m });
    report.maxLoad = Math.max(report.maxLoad ?? 0, loadavg()[0] ?? 0);
  };
  for (let run = 0; run < runs; run++) {
    // Alternate which tool goes first, run for run, so neither always gets the warmer machine.
    const order = run % 2 === 0 ? tools : [...tools].reverse();
    for (const kind of ['cold', 'warm'] as const) {
      if (kind === 'warm') editArticle(contentDir, plan.edited, run);
      for (const tool of order) {
        const m = await build(tool, kind, run);
        checkOutput(tool, plan, kind === 'warm' ? run : undefined);
        record(`${tool}-${kind}`, run, m);
        if (tool === 'rotative') report.phases[kind] = phaseLine(m.stdout);
      }
    }
    if (tools.includes('rotative')) {
      // Nothing changed since the warm build: faster still, and the same site byte for byte.
      const before = treeHashes(measured.dirs.rotative.out);
      const m = await build('rotative', 'unchanged', run);
      const changed = differences(before, treeHashes(measured.dirs.rotative.out));
      report.unchangedDifferences = Math.max(report.unchangedDifferences ?? 0, changed);
      record('rotative-unchanged', run, m);
      report.phases.unchanged = phaseLine(m.stdout);
      // The publish workflow's build: the cache folder restored, no output
      // folder, one article edited since (the edit of the next run's number).
      editArticle(contentDir, plan.edited, runs + run);
      const cacheOnly = await build('rotative', 'cache-only', run);
      checkOutput('rotative', plan, runs + run);
      record('rotative-cache-only', run, cacheOnly);
      report.phases.cacheOnly = phaseLine(cacheOnly.stdout);
    }
  }
  if (tools.includes('rotative') && parsed.images) {
    // Covers, warm, against the same articles without covers, warm.
    const textDir = path.join(work, 'content-text');
    progress(`generating the same ${articles} articles without covers in ${textDir}`);
    const textPlan = generateCorpus(textDir, articles, { covers: false });
    const text = siteIn(textDir, 'text-');
    for (let run = 0; run < runs; run++) {
      await build('rotative', 'cold', run, text, 'rotative-text-cold');
      editArticle(textDir, textPlan.edited, run);
      record('rotative-text-warm', run, await build('rotative', 'warm', run, text, 'rotative-text-warm'));
      checkOutput('rotative', textPlan, run, text);
    }
  }
  if (tools.includes('rotative') && articles >= 10_000) {
    // time(N) / time(1,000): how the build scales.
    const smallDir = path.join(work, 'content-1000');
    progress(`generating 1000 articles in ${smallDir}`);
    const smallPlan = generateCorpus(smallDir, 1000, { covers: false });
    const small = siteIn(smallDir, 'small-');
    for (let run = 0; run < runs; run++) {
      record('rotative-cold-1000', run, await build('rotative', 'cold', run, small, 'rotative-cold-1000'));
      checkOutput('rotative', smallPlan, undefined, small);
    }
  }
  for (const name of BUILDS) {
    const f = figuresOf(measures[name], articles);
    if (f) report.figures[name] = f;
  }
  report.all.sort((a, b) => BUILDS.indexOf(a.build) - BUILDS.indexOf(b.build) || a.run - b.run);
  const markdown = renderReport(report);
  console.log(markdown);
  if (outFile) {
    mkdirSync(path.dirname(outFile), { recursive: true });
    writeFileSync(outFile, markdown);
    progress(`written to ${outFile}`);
  }
  if (parsed.keep) progress(`kept ${work}`);
  cleanUp();
}

main().catch((err) => {
  console.error(err instanceof Error ? err.stack ?? err.message : String(err));
  cleanUp();
  process.exit(1);
});
