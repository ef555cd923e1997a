/**
 * The benchmark's figures and their Markdown table.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Measure } from './measure.ts';

/**
 * The builds of a run: the four compared with the baseline, then Rotative's
 * own: nothing changed since the warm build; one more article edited with
 * the cache folder restored but no output folder (what the publish workflow
 * does: it restores the cache, never dist/); with --images, the same
 * articles without covers, warm; from 10,000 articles, 1,000 of them, cold.
 */
export const BUILDS = ['rotative-cold', 'rotative-warm', 'baseline-cold', 'baseline-warm', 'rotative-unchanged', 'rotative-cache-only', 'rotative-text-warm', 'rotative-cold-1000'] as const;
/** Printed even when not measured (a dash): the comparison with the baseline. */
const MAIN_BUILDS: readonly BuildName[] = ['rotative-cold', 'rotative-warm', 'baseline-cold', 'baseline-warm'];
export type BuildName = (typeof BUILDS)[number];

export interface Figures {
  runs: number;
  wall: number;
  cpu: number;
  rssMB: number;
  articlesPerSecond: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median wall and CPU time, the largest peak RSS, and articles per second at the median wall time. */
export function figuresOf(measures: Measure[], articles: number): Figures | undefined {
  if (measures.length === 0) return undefined;
  const wall = median(measures.map((m) => m.wallSeconds));
  return {
    runs: measures.length,
    wall,
    cpu: median(measures.map((m) => m.cpuSeconds)),
    rssMB: Math.max(...measures.map((m) => m.peakRssMB)),
    articlesPerSecond: articles / wall,
  };
}

const seconds = (s: number) => (s < 10 ? s.toFixed(2) : s.toFixed(1));
const ratio = (a: number, b: number) => (a / b).toFixed(2);
/** Articles per second: two significant digits below 1 (2 articles in 45 s is 0.044, not 0.0). */
const perSecondText = (n: number) => (n < 1 ? n.toPrecision(2) : n.toFixed(1));

export interface Machine {
  cpu: string;
  cores: number;
  ramGB: number;
  node: string;
  astro: string;
  os: string;
  date: string;
  commit: string;
  /** 1-minute load average when the benchmark started: other work on the machine skews wall times. */
  load: number;
}

export function describeMachine(root: string): Machine {
  const cpus = os.cpus();
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    if (dirty) commit += ' (with uncommitted changes)';
  } catch {
    // not a git checkout
  }
  let astro = 'unknown';
  try {
    astro = (JSON.parse(readFileSync(path.join(root, 'node_modules/astro/package.json'), 'utf8')) as { version: string }).version;
  } catch {
    // no astro installed: the builds will say so
  }
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: os.availableParallelism(),
    ramGB: os.totalmem() / 1024 ** 3,
    node: process.version,
    astro,
    os: `${os.type()} ${os.release()}`,
    date: new Date().toISOString().slice(0, 10),
    commit,
    load: os.loadavg()[0] ?? 0,
  };
}

export interface Report {
  articles: number;
  images: boolean;
  runs: number;
  figures: Partial<Record<BuildName, Figures>>;
  machine: Machine;
  /** Rotative's own summary "time:" line of its last cold, warm, unchanged and cache-only builds. */
  phases: { cold?: string; warm?: string; unchanged?: string; cacheOnly?: string };
  /** Files of the site that a build with nothing changed made differ (the most over the runs). */
  unchangedDifferences?: number;
  /** Highest 1-minute load average seen after a build: the builds themselves count for up to about 2. */
  maxLoad?: number;
  /** Every single run, for the record. */
  all: { build: BuildName; run: number; measure: Measure }[];
}

export interface Target {
  name: string;
  measured: number;
  limit: number;
}

/**
 * The render-once targets a run can judge, with their measured ratio (wall
 * times, medians): cold against the baseline's cold build, warm (one article
 * edited) against the baseline's COLD build, nothing changed against warm
 * (and not one file different); covers, cold against the baseline's covers
 * and warm against the same articles' text-only warm build; one article
 * edited with the cache folder but no output folder (the publish workflow's
 * build) against the baseline's COLD build; a large archive's peak memory and
 * its time against 1,000 articles'.
 */
export function targetsOf(r: Report): Target[] {
  const targets: Target[] = [];
  const f = r.figures;
  const cold = f['rotative-cold'];
  const warm = f['rotative-warm'];
  const base = f['baseline-cold'];
  const unchanged = f['rotative-unchanged'];
  const textWarm = f['rotative-text-warm'];
  const cacheOnly = f['rotative-cache-only'];
  const cold1000 = f['rotative-cold-1000'];
  if (cold && base) targets.push({ name: `cold / plain Astro cold${r.images ? ' (covers)' : ''}`, measured: cold.wall / base.wall, limit: r.images ? 1.5 : 0.6 });
  if (warm && base && !r.images) targets.push({ name: 'warm, one article edited / plain Astro cold', measured: warm.wall / base.wall, limit: 0.25 });
  if (unchanged && warm) targets.push({ name: 'warm, nothing changed / warm, one article edited', measured: unchanged.wall / warm.wall, limit: 1 });
  if (r.unchangedDifferences !== undefined) targets.push({ name: 'warm, nothing changed: files that differ from the previous site', measured: r.unchangedDifferences, limit: 0 });
  if (cacheOnly && base) targets.push({ name: `cache folder restored, no output folder, one article edited / plain Astro cold${r.images ? ' (covers)' : ''}`, measured: cacheOnly.wall / base.wall, limit: 0.3 });
  if (warm && textWarm && r.images) targets.push({ name: 'warm with covers / warm, text only', measured: warm.wall / textWarm.wall, limit: 1.1 });
  if (cold && r.articles >= 10_000) targets.push({ name: 'peak RSS of the whole process tree (GB)', measured: cold.rssMB / 1024, limit: 2.5 });
  if (cold && cold1000 && r.articles >= 10_000) targets.push({ name: `time(${r.articles}) / time(1000), cold`, measured: cold.wall / cold1000.wall, limit: 10.5 });
  return targets;
}

/** The Markdown report: the main table, the ratios, the targets, the machine, and every run. */
export function renderReport(r: Report): string {
  const title = `### Benchmark: ${r.articles} articles, ${r.images ? `one 1600×900 JPEG cover each` : 'text only'}, ${r.runs} run${r.runs > 1 ? 's' : ''} of each build`;
  const lines = [
    title,
    '',
    '| build | median wall (s) | median CPU (s) | peak RSS (MB) | articles/s |',
    '| --- | ---: | ---: | ---: | ---: |',
  ];
  for (const name of BUILDS) {
    const f = r.figures[name];
    // Articles per second of the 1,000-article build are per its 1,000 articles.
    const perSecond = f && name === 'rotative-cold-1000' ? 1000 / f.wall : f?.articlesPerSecond;
    if (f) lines.push(`| ${name} | ${seconds(f.wall)} | ${seconds(f.cpu)} | ${Math.round(f.rssMB)} | ${perSecondText(perSecond!)} |`);
    else if (MAIN_BUILDS.includes(name)) lines.push(`| ${name} | — | — | — | — |`);
  }
  for (const kind of ['cold', 'warm'] as const) {
    const a = r.figures[`rotative-${kind}`];
    const b = r.figures[`baseline-${kind}`];
    lines.push(
      a && b
        ? `| ratio Rotative / baseline, ${kind} | ${ratio(a.wall, b.wall)} | ${ratio(a.cpu, b.cpu)} | ${ratio(a.rssMB, b.rssMB)} | ${ratio(a.articlesPerSecond, b.articlesPerSecond)} |`
        : `| ratio Rotative / baseline, ${kind} | — | — | — | — |`,
    );
  }
  const cold = r.figures['rotative-cold'];
  const warm = r.figures['rotative-warm'];
  if (cold && warm) lines.push('', `Rotative warm / cold wall time: ${ratio(warm.wall, cold.wall)}.`);
  const targets = targetsOf(r);
  if (targets.length > 0) {
    lines.push('', '| target | measured | target | result |', '| --- | ---: | ---: | --- |');
    for (const t of targets) {
      const value = Number.isInteger(t.measured) && t.limit === 0 ? String(t.measured) : t.measured.toFixed(2);
      lines.push(`| ${t.name} | ${value} | ≤ ${t.limit} | ${t.measured <= t.limit ? 'met' : '**missed**'} |`);
    }
  }
  const orphans = r.all.every((x) => x.measure.orphansCounted)
    ? ', processes a build left running included'
    : ' (processes a build left running without waiting for them may be missing: no Perl or no subreaper here)';
  lines.push(
    '',
    "Cold: fresh caches and no previous output. Warm: the same caches and output, after one article's text was edited. Unchanged: built again with nothing changed. " +
      'Cache only: one more article edited, the output folder deleted and the cache folder copied anew, as a runner restores it (the publish workflow restores the cache, not dist/), with no Vite dependency cache nor Node compile cache (a fresh checkout has neither). ' +
      `CPU is user + sys of the whole process tree${orphans}; peak RSS is the largest sum of VmRSS over the process tree, sampled every 100 ms. ` +
      'Baseline: tests/bench/baseline/, plain Astro with MDX defaults' +
      (r.images ? ', covers through astro:assets `<Image>` defaults.' : '.'),
  );
  if (r.phases.cold) lines.push(`Rotative phases, last cold build: ${r.phases.cold}.`);
  if (r.phases.warm) lines.push(`Rotative phases, last warm build: ${r.phases.warm}.`);
  if (r.phases.unchanged) lines.push(`Rotative, last build with nothing changed: ${r.phases.unchanged}.`);
  if (r.phases.cacheOnly) lines.push(`Rotative, last build with the cache folder only: ${r.phases.cacheOnly}.`);
  const m = r.machine;
  lines.push(
    '',
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.ramGB.toFixed(1)} GB RAM, ${m.os}; Node ${m.node}, Astro ${m.astro}; Rotative ${m.commit}; ${m.date}; load average ${m.load.toFixed(1)} at the start${r.maxLoad !== undefined ? `, up to ${r.maxLoad.toFixed(1)} during the builds` : ''}.`,
  );
  if (r.runs > 1 || r.all.length > 0) {
    lines.push('', '<details><summary>Every run</summary>', '', '| build | run | wall (s) | CPU (s) | peak RSS (MB) |', '| --- | ---: | ---: | ---: | ---: |');
    for (const { build, run, measure } of r.all) {
      lines.push(`| ${build} | ${run + 1} | ${seconds(measure.wallSeconds)} | ${seconds(measure.cpuSeconds)} | ${Math.round(measure.peakRssMB)} |`);
    }
    lines.push('', '</details>');
  }
  return `${lines.join('\n')}\n`;
}
