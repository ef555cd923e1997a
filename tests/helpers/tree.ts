/** File-tree snapshots: path → sha256, to compare two builds or check a folder was not touched. */
import { createHash } from 'node:crypto';
import { globSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export function snapshotTree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const rel of globSync('**/*', { cwd: dir }).sort()) {
    const abs = path.join(dir, rel);
    if (!statSync(abs).isFile()) continue;
    out.set(rel.split(path.sep).join('/'), createHash('sha256').update(readFileSync(abs)).digest('hex'));
  }
  return out;
}

/** Paths that differ between two snapshots (added, removed or changed). */
export function diffTrees(a: Map<string, string>, b: Map<string, string>): string[] {
  const keys = new Set([...a.keys(), ...b.keys()]);
  return [...keys].filter((k) => a.get(k) !== b.get(k)).sort();
}
