/**
 * The benchmark's figures and their Markdown table.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Measure } from './measure.ts';

export const BUILDS = ['rotative-cold', 'rotative-warm', 'baseline-cold', 'baseline-warm'] as const;
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
  /** Rotative's own summary "time:" line of its last cold and warm builds. */
  phases: { cold?: string; warm?: string };
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
 * edited) against the baseline's COLD build, and the peak memory of a large
 * archive. Covers runs are judged against their own limit.
 */
export function targetsOf(r: Report): Target[] {
  const targets: Target[] = [];
  const cold = r.figures['rotative-cold'];
  const warm = r.figures['rotative-warm'];
  const base = r.figures['baseline-cold'];
  if (cold && base) targets.push({ name: `cold / plain Astro cold${r.images ? ' (covers)' : ''}`, measured: cold.wall / base.wall, limit: r.images ? 1.2 : 0.6 });
  if (warm && base && !r.images) targets.push({ name: 'warm, one article edited / plain Astro cold', measured: warm.wall / base.wall, limit: 0.25 });
  if (cold && r.articles >= 10_000) targets.push({ name: 'peak RSS of the whole process tree (GB)', measured: cold.rssMB / 1024, limit: 2.5 });
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
    lines.push(f ? `| ${name} | ${seconds(f.wall)} | ${seconds(f.cpu)} | ${Math.round(f.rssMB)} | ${f.articlesPerSecond.toFixed(1)} |` : `| ${name} | — | — | — | — |`);
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
    for (const t of targets) lines.push(`| ${t.name} | ${t.measured.toFixed(2)} | ≤ ${t.limit} | ${t.measured <= t.limit ? 'met' : '**missed**'} |`);
  }
  const orphans = r.all.every((x) => x.measure.orphansCounted)
    ? ', processes a build left running included'
    : ' (processes a build left running without waiting for them may be missing: no Perl or no subreaper here)';
  lines.push(
    '',
    "Cold: fresh caches and no previous output. Warm: the same caches and output, after one article's text was edited. " +
      `CPU is user + sys of the whole process tree${orphans}; peak RSS is the largest sum of VmRSS over the process tree, sampled every 100 ms. ` +
      'Baseline: tests/bench/baseline/, plain Astro with MDX defaults' +
      (r.images ? ', covers through astro:assets `<Image>` defaults.' : '.'),
  );
  if (r.phases.cold) lines.push(`Rotative phases, last cold build: ${r.phases.cold}.`);
  if (r.phases.warm) lines.push(`Rotative phases, last warm build: ${r.phases.warm}.`);
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
