import path from 'node:path';

/** Whether `child` is `parent` itself or lies under it (both absolute and normalised): path arithmetic, no file read. */
export function isWithin(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}
