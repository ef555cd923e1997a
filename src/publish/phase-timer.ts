/**
 * Time spent on one kind of work, for the build summary: the feeds inside
 * Astro's page phase (in the pages process, where Vite loads the project's
 * modules apart from the script's own: the counter is kept on the process,
 * not in this module), the images published and the search indexed by the
 * build wrapper beside the pages (scripts/build.ts).
 */
const KEY = Symbol.for('rotative.phase-times');

function times(): Map<string, number> {
  const g = globalThis as { [KEY]?: Map<string, number> };
  g[KEY] ??= new Map();
  return g[KEY];
}

/** Runs `work` and adds its duration to the phase `name`. */
export async function timed<T>(name: string, work: () => Promise<T>): Promise<T> {
  const start = performance.now();
  try {
    return await work();
  } finally {
    times().set(name, (times().get(name) ?? 0) + performance.now() - start);
  }
}

/** Milliseconds recorded for the phase `name` so far. */
export function phaseTime(name: string): number {
  return times().get(name) ?? 0;
}
