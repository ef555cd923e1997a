/** File-tree snapshots, to compare two builds or prove a folder was not touched. */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import path from 'node:path';

/** Every file and folder under `dir` (relative POSIX paths), with the sha256 of each file's bytes. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (rel: string): void => {
    for (const name of readdirSync(path.join(dir, rel)).sort()) {
      const relPath = rel ? `${rel}/${name}` : name;
      const abs = path.join(dir, relPath);
      const stat = lstatSync(abs);
      if (stat.isSymbolicLink()) out[relPath] = `link → ${readlinkSync(abs)}`;
      else if (stat.isDirectory()) {
        out[`${relPath}/`] = 'folder';
        walk(relPath);
      } else out[relPath] = createHash('sha256').update(readFileSync(abs)).digest('hex');
    }
  };
  walk('');
  return out;
}

/** Paths that differ between two snapshots (added, removed or changed), sorted. */
export function diffTrees(a: Record<string, string>, b: Record<string, string>): string[] {
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  return [...keys].filter((k) => a[k] !== b[k]).sort();
}
