import path from 'node:path';

/**
 * The key of a file of the content tree: its path relative to the content
 * folder, with `/` on every system ("articles/2016/x/photo.jpg"). Images and
 * media are looked up by this key everywhere: the image manifest, the
 * components' rewritten `src`, the data layer.
 */
export function contentKeyOf(contentDir: string, absPath: string): string {
  return path.relative(contentDir, absPath).split(path.sep).join('/');
}
