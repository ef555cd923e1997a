/**
 * The files and folders under a folder, by path relative to it with POSIX
 * separators. Written here rather than with Node's `readdirSync(dir, {
 * recursive: true })`: its entries carry their parent's absolute path, and
 * making each one relative again (path.relative resolves both paths) cost
 * ten times the listing itself: 16,000 files of the image cache in 140-220
 * ms against 17 ms here.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';

export interface Tree {
  files: string[];
  dirs: string[];
  /** What is neither (a symbolic link, not followed; a socket…). */
  others: string[];
}

/** Everything under `dir`. */
export function listTree(dir: string): Tree {
  const tree: Tree = { files: [], dirs: [], others: [] };
  const walk = (abs: string, rel: string) => {
    for (const entry of readdirSync(abs, { withFileTypes: true })) {
      const name = rel === '' ? entry.name : `${rel}/${entry.name}`;
      if (entry.isDirectory()) {
        tree.dirs.push(name);
        walk(path.join(abs, entry.name), name);
      } else {
        (entry.isFile() ? tree.files : tree.others).push(name);
      }
    }
  };
  walk(dir, '');
  return tree;
}
