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

  it('judges covers against 1.2× and a 10,000-article archive against 2.5 GB of peak memory', () => {
    expect(targetsOf(report({ images: true, figures: { 'rotative-cold': fig(120), 'baseline-cold': fig(100) } }))).toEqual([
      { name: 'cold / plain Astro cold (covers)', measured: 1.2, limit: 1.2 },
    ]);
    const big = targetsOf(report({ articles: 10_000, figures: { 'rotative-cold': fig(300, 3072) } }));
    expect(big).toEqual([{ name: 'peak RSS of the whole process tree (GB)', measured: 3, limit: 2.5 }]);
  });
});
