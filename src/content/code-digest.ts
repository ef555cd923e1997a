/**
 * The digest of the code a result was computed by: every module reachable
 * from the entry modules through their relative imports (found by
 * es-module-lexer, not listed by hand), and the lock file, which pins the
 * exact version of every library they import. A cache keyed by this digest
 * cannot outlive an edit to any module its code loads, even an unused
 * export; a module the code does not load leaves it unchanged.
 */
import { createHash, type Hash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { initSync, parse } from 'es-module-lexer';

// Synchronously, not with a top-level await: astro.config.ts loads the
// modules that import this one with require() (Node refuses a graph that awaits).
initSync();

/** The project's modules reachable from `entries` (absolute paths), sorted. */
export function moduleGraph(entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const pending = [...entries];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const [imports] = parse(readFileSync(file, 'utf8'), file);
    for (const { n: specifier } of imports) {
      // Packages are pinned by the lock file; only our own modules are read.
      if (specifier?.startsWith('./') || specifier?.startsWith('../')) pending.push(path.resolve(path.dirname(file), specifier));
    }
  }
  return [...seen].sort();
}

/** Feeds `hash` with the modules reachable from `entries`: each one's path relative to `root`, and its text. */
export function hashModules(hash: Hash, root: string, entries: readonly string[]): Hash {
  for (const file of moduleGraph(entries.map((e) => path.resolve(root, e)))) {
    hash.update(path.relative(root, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash;
}

/** A hash of the modules reachable from `entries` (paths relative to `root` and contents) and of root's lock file. */
export function codeDigest(root: string, entries: readonly string[]): string {
  return hashModules(createHash('sha256'), root, entries).update(readFileSync(path.join(root, 'package-lock.json'))).digest('hex');
}
