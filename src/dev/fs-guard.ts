/**
 * The dev server serves files by path: `/@fs/<absolute path>` (Vite) and
 * `/<path under the project>`. Vite checks such a path against
 * `server.fs.allow` as written, before symbolic links are followed: a link
 * inside content/ (`content/articles/x/passwd → /etc/passwd`) would let a
 * browser read any file of the machine. A file is served only when its real
 * path (links followed) is inside the real path of the project or of the
 * content folder.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';

/** The folders whose files the dev server may serve, links resolved. */
export function servedRoots(projectRoot: string, contentDir: string): string[] {
  return [projectRoot, contentDir].map((dir) => {
    try {
      return realpathSync(dir);
    } catch {
      return path.resolve(dir);
    }
  });
}

const inside = (file: string, root: string) => {
  const rel = path.relative(root, file);
  return rel === '' || (!rel.startsWith(`..${path.sep}`) && rel !== '..' && !path.isAbsolute(rel));
};

/**
 * False when the request URL names an existing file (through `/@fs/`, or by
 * its path under `projectRoot`) whose real path lies outside every root of
 * `roots`; true otherwise (not a file: left to the server).
 */
export function fileRequestAllowed(url: string, projectRoot: string, roots: readonly string[]): boolean {
  let pathname: string;
  try {
    pathname = decodeURIComponent(url.split(/[?#]/)[0]!);
  } catch {
    return false;
  }
  const candidate = pathname.startsWith('/@fs/') ? pathname.slice('/@fs'.length) : path.join(projectRoot, pathname);
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return true; // nothing there: the server answers 404 or renders a page
  }
  return roots.some((root) => inside(real, root));
}
