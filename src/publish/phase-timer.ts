/**
 * Time spent inside Astro's page phase on one kind of work (feeds), for the
 * build summary. Astro renders in the build wrapper's own process, so a
 * process-wide counter is shared by the pages and the wrapper.
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
