import { describe, expect, it } from 'vitest';
import { renderReport, targetsOf, type Report } from '../../scripts/bench/report.ts';

const machine = { cpu: 'x', cores: 2, ramGB: 24, node: 'v24', astro: '7', os: 'Linux', date: '2026-12-01', commit: 'abc', load: 0 };
const fig = (wall: number, rssMB = 1000) => ({ runs: 1, wall, cpu: wall, rssMB, articlesPerSecond: 1 });

function report(partial: Partial<Report>): Report {
  return { articles: 4000, images: false, runs: 1, figures: {}, machine, phases: {}, all: [], ...partial };
}

describe('benchmark targets', () => {
  it('judges cold against 0.6× and warm against 0.25× of the plain-Astro cold build', () => {
    const r = report({ figures: { 'rotative-cold': fig(30), 'rotative-warm': fig(20), 'baseline-cold': fig(60) } });
    expect(targetsOf(r)).toEqual([
      { name: 'cold / plain Astro cold', measured: 0.5, limit: 0.6 },
      { name: 'warm, one article edited / plain Astro cold', measured: 20 / 60, limit: 0.25 },
    ]);
    const table = renderReport(r);
    expect(table).toMatch(/\| cold \/ plain Astro cold \| 0\.50 \| ≤ 0\.6 \| met \|/);
    expect(table).toMatch(/\| warm, one article edited \/ plain Astro cold \| 0\.33 \| ≤ 0\.25 \| \*\*missed\*\* \|/);
  });

  it('judges covers against 1.5× and a 10,000-article archive against 2.5 GB of peak memory', () => {
    expect(targetsOf(report({ images: true, figures: { 'rotative-cold': fig(150), 'baseline-cold': fig(100) } }))).toEqual([
      { name: 'cold / plain Astro cold (covers)', measured: 1.5, limit: 1.5 },
    ]);
    const big = targetsOf(report({ articles: 10_000, figures: { 'rotative-cold': fig(300, 3072) } }));
    expect(big).toEqual([{ name: 'peak RSS of the whole process tree (GB)', measured: 3, limit: 2.5 }]);
  });

  it('judges a build with nothing changed against the warm build, and against the previous site file for file', () => {
    const r = report({ figures: { 'rotative-warm': fig(20), 'rotative-unchanged': fig(1) }, unchangedDifferences: 0 });
    expect(targetsOf(r)).toEqual([
      { name: 'warm, nothing changed / warm, one article edited', measured: 0.05, limit: 1 },
      { name: 'warm, nothing changed: files that differ from the previous site', measured: 0, limit: 0 },
    ]);
    expect(renderReport(r)).toMatch(/\| warm, nothing changed: files that differ from the previous site \| 0 \| ≤ 0 \| met \|/);
    expect(renderReport({ ...r, unchangedDifferences: 3 })).toMatch(/files that differ from the previous site \| 3 \| ≤ 0 \| \*\*missed\*\* \|/);
  });

  it('judges covers warm against the text-only warm build, and a large archive against 1,000 articles', () => {
    const covers = targetsOf(report({ images: true, figures: { 'rotative-warm': fig(23), 'rotative-text-warm': fig(20) } }));
    expect(covers).toEqual([{ name: 'warm with covers / warm, text only', measured: 23 / 20, limit: 1.1 }]);
    const big = targetsOf(report({ articles: 10_000, figures: { 'rotative-cold': fig(200, 2048), 'rotative-cold-1000': fig(25) } }));
    expect(big).toContainEqual({ name: 'time(10000) / time(1000), cold', measured: 8, limit: 10.5 });
    const table = renderReport(report({ articles: 10_000, figures: { 'rotative-cold': fig(200, 2048), 'rotative-cold-1000': fig(25) } }));
    expect(table).toMatch(/\| rotative-cold-1000 \| 25\.0 \| 25\.0 \| 1000 \| 40\.0 \|/);
    // Builds not run are left out, except the four compared with the baseline.
    expect(table).not.toMatch(/rotative-text-warm/);
    expect(table).toMatch(/\| baseline-cold \| — \|/);
  });

  it('judges the publish workflow’s build (cache folder restored, no output folder, one article edited) against 0.3× of the plain-Astro cold build', () => {
    const r = report({ figures: { 'rotative-cache-only': fig(12), 'baseline-cold': fig(60) }, phases: { cacheOnly: 'content 1.0 s' } });
    expect(targetsOf(r)).toEqual([{ name: 'cache folder restored, no output folder, one article edited / plain Astro cold', measured: 0.2, limit: 0.3 }]);
    const table = renderReport(r);
    expect(table).toMatch(/\| rotative-cache-only \| 12\.0 \| 12\.0 \|/);
    expect(table).toMatch(/\| cache folder restored, no output folder, one article edited \/ plain Astro cold \| 0\.20 \| ≤ 0\.3 \| met \|/);
    expect(table).toContain('Rotative, last build with the cache folder only: content 1.0 s.');
    expect(renderReport(report({ figures: { 'rotative-cache-only': fig(24), 'baseline-cold': fig(60) } }))).toMatch(/one article edited \/ plain Astro cold \| 0\.40 \| ≤ 0\.3 \| \*\*missed\*\* \|/);
  });

  it('never prints a rate of articles per second as zero', () => {
    const table = renderReport(report({ articles: 2, figures: { 'rotative-cold': { runs: 1, wall: 45.7, cpu: 7, rssMB: 850, articlesPerSecond: 2 / 45.7 } } }));
    expect(table).toMatch(/\| rotative-cold \| 45\.7 \| 7\.00 \| 850 \| 0\.044 \|/);
  });
});
