/**
 * The CI workflow that publishes the magazine (.github/workflows/publish.yml)
 * is only run by GitHub: a mistake in it shows up as a site that silently
 * stops being republished. It is checked here offline, by action-validator
 * (GitHub's workflow schema) and by reading what it does with a YAML parser.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const FILE = path.resolve(import.meta.dirname, '../../.github/workflows/publish.yml');
const source = readFileSync(FILE, 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
  'timeout-minutes'?: number;
}
interface Job {
  'timeout-minutes'?: number;
  env?: Record<string, string>;
  permissions?: Record<string, string>;
  steps: Step[];
}
const workflow = parse(source) as {
  on: { push?: { branches?: string[] }; schedule?: { cron: string }[] };
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
};
const [job] = Object.values(workflow.jobs);
const steps = job!.steps;
const indexOf = (test: (s: Step) => boolean) => steps.findIndex(test);

describe('the publish workflow', () => {
  it('is a valid GitHub Actions workflow', () => {
    expect(validateWorkflow(source).errors).toEqual([]);
  });

  it('the validator does catch a broken workflow', () => {
    expect(validateWorkflow(source.replace('runs-on:', 'runs_on:')).errors).not.toEqual([]);
    expect(validateWorkflow(source.replace(/cron: '[^']*'/, "cron: 0")).errors).not.toEqual([]);
  });

  it('runs on a push to main and on a schedule', () => {
    expect(workflow.on.push?.branches).toContain('main');
    expect(workflow.on.schedule?.[0]?.cron).toMatch(/^\S+ \S+ \S+ \S+ \S+$/);
  });

  it('restores the cache folder before building and saves it after', () => {
    const cacheDir = job!.env?.ROTATIVE_CACHE_DIR;
    expect(cacheDir).toBeDefined();
    const relative = cacheDir!.replace('${{ github.workspace }}/', '');
    const restore = indexOf((s) => s.uses?.startsWith('actions/cache/restore@') ?? false);
    const save = indexOf((s) => s.uses?.startsWith('actions/cache/save@') ?? false);
    const build = indexOf((s) => /(^|\n)\s*npm run build\b/.test(s.run ?? ''));
    const install = indexOf((s) => /(^|\n)\s*npm ci\b/.test(s.run ?? ''));
    expect(restore).toBeGreaterThanOrEqual(0);
    expect(install).toBeGreaterThan(restore);
    expect(build).toBeGreaterThan(install);
    expect(save).toBeGreaterThan(build);
    for (const i of [restore, save]) {
      const paths = steps[i]!.with!.path!.split('\n').map((p) => p.trim()).filter(Boolean);
      // The cache folder itself, or a folder that holds it.
      expect(paths.some((p) => relative === p || relative.startsWith(`${p}/`))).toBe(true);
      expect(paths).toContain('dist.rebuild.json');
      // A cache made with other libraries (package-lock.json) is never restored.
      expect(steps[i]!.with!.key).toContain("hashFiles('package-lock.json')");
    }
    expect(steps[restore]!.with!['restore-keys']).toContain("hashFiles('package-lock.json')");
  });

  it('saves the cache even after a build that failed or ran out of time, which stops before the job does', () => {
    const build = steps.find((s) => /npm run build/.test(s.run ?? ''))!;
    const save = steps.find((s) => s.uses?.startsWith('actions/cache/save@'))!;
    // A first cold build of a large magazine goes on at the next run from what this one made.
    expect(save.if).toMatch(/^always\(\) && /);
    expect(save.if).toContain("steps.due.outputs.due == 'true'");
    expect(build['timeout-minutes']).toBeDefined();
    // Time left after the build for the set-up, the deploy and saving gigabytes of cache.
    expect(job!['timeout-minutes']! - build['timeout-minutes']!).toBeGreaterThanOrEqual(10);
    // Deploys never run after a failed build: no always() there.
    for (const step of steps.filter((s) => /wrangler pages deploy|rsync /.test(s.run ?? ''))) expect(step.if).not.toContain('always()');
  });

  it('reads the rebuild schedule to skip a scheduled run, and deploys only after a build', () => {
    const due = indexOf((s) => s.run?.includes('dist.rebuild.json') ?? false);
    expect(due).toBeGreaterThanOrEqual(0);
    const build = indexOf((s) => /npm run build/.test(s.run ?? ''));
    const deploys = steps.filter((s) => /wrangler pages deploy|rsync /.test(s.run ?? ''));
    expect(deploys).toHaveLength(2);
    for (const step of [steps[build]!, ...deploys]) expect(step.if).toContain("steps.due.outputs.due == 'true'");
    expect(steps.indexOf(deploys[0]!)).toBeGreaterThan(build);
    expect(deploys[0]!.env?.CLOUDFLARE_API_TOKEN).toBe('${{ secrets.CLOUDFLARE_API_TOKEN }}');
  });
});

describe('the publish workflow is hardened', () => {
  const jobs = Object.values(workflow.jobs);
  const allSteps = jobs.flatMap((j) => j.steps);

  it('pins every action to a full commit, its version in a comment', () => {
    const uses = [...source.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
    expect(uses.length).toBe(allSteps.filter((s) => s.uses).length);
    for (const [line, ref, comment] of uses) {
      if (ref!.startsWith('./')) continue;
      expect(ref, line).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      expect(comment, line).toMatch(/^\s+# v\d+\.\d+\.\d+$/);
    }
  });

  it('grants nothing by default, and each job only reads', () => {
    expect(workflow.permissions).toEqual({});
    for (const job of jobs) {
      expect(job.permissions).toBeDefined();
      expect(Object.values(job.permissions!).every((p) => p === 'read' || p === 'none')).toBe(true);
    }
  });

  it('checks out without keeping the credentials', () => {
    const checkouts = allSteps.filter((s) => s.uses?.startsWith('actions/checkout@'));
    expect(checkouts.length).toBeGreaterThan(0);
    for (const step of checkouts) expect(step.with?.['persist-credentials']).toBe(false);
  });

  it('pastes no expression into a script: values come through env', () => {
    for (const step of allSteps) expect(step.run ?? '', step.name).not.toContain('${{');
  });

  it('runs the deploy tools at a pinned version, not from node_modules, with the secrets in their own step only', () => {
    const deploys = allSteps.filter((s) => /wrangler|netlify|rsync /.test(s.run ?? ''));
    expect(deploys.length).toBeGreaterThan(0);
    for (const step of deploys) {
      const run = step.run!;
      expect(run).not.toMatch(/\bnpx (?!--yes --package=)|node_modules|npm run /);
      for (const tool of run.match(/--package=\S+/g) ?? []) expect(tool).toMatch(/^--package=(@[\w-]+\/)?[\w-]+@\d+\.\d+\.\d+$/);
    }
    expect(deploys.find((s) => /wrangler/.test(s.run!))!.run).toMatch(/--package=wrangler@\d+\.\d+\.\d+/);
    // Secrets are read in the env of the steps that deploy, nowhere else;
    // the build step reads one, the render cache's signing key, and no other.
    for (const job of jobs) expect(JSON.stringify(job.env ?? {})).not.toContain('secrets.');
    for (const step of allSteps) {
      const secrets = JSON.stringify(step).match(/secrets\.\w+/g) ?? [];
      if (step.name === 'Build') expect(secrets).toEqual(['secrets.ROTATIVE_CACHE_KEY']);
      else if (secrets.length > 0) expect(deploys).toContain(step);
      expect(JSON.stringify(step.with ?? {})).not.toContain('secrets.');
    }
  });

  it('announces the feeds to the WebSub hub after every deploy, before the cache (its record) is saved, with no secret', () => {
    const ping = indexOf((s) => /(^|\n)\s*node scripts\/websub-ping\.ts\s*$/.test(s.run ?? ''));
    expect(ping).toBeGreaterThanOrEqual(0);
    const deploys = steps.map((s, i) => (/wrangler pages deploy|rsync /.test(s.run ?? '') ? i : -1)).filter((i) => i >= 0);
    expect(deploys.length).toBe(2);
    for (const i of deploys) expect(ping).toBeGreaterThan(i);
    expect(ping).toBeLessThan(indexOf((s) => s.uses?.startsWith('actions/cache/save@') ?? false));
    // Only when a build ran and one of the deploys did.
    expect(steps[ping]!.if).toContain("steps.due.outputs.due == 'true'");
    for (const target of ['cloudflare', 'rsync']) expect(steps[ping]!.if).toContain(`vars.DEPLOY_TARGET == '${target}'`);
    expect(JSON.stringify(steps[ping])).not.toContain('secrets.');
  });
});
