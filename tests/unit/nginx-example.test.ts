/**
 * The nginx example of the README (« Deploy », « nginx ») says what
 * public/_headers and the build's `_redirects` say, for a host that reads
 * neither: the same security headers, the same caching of hashed files, and
 * an `awk` line that turns `_redirects` into nginx redirects.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHeadersFile } from '../helpers/serve.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('### nginx'), readme.indexOf('### GitHub Actions'));
const rules = parseHeadersFile(readFileSync(path.join(ROOT, 'public/_headers'), 'utf8'));

/** `add_header Name "value" always;` (or 'value') lines of a text, in order. */
function addHeaders(text: string): [string, string][] {
  return [...text.matchAll(/^\s*add_header ([\w-]+) (?:"([^"]*)"|'([^']*)') always;$/gm)].map((m) => [m[1]!, m[2] ?? m[3]!]);
}

describe('the README’s nginx example', () => {
  const blocks = [...section.matchAll(/```nginx\n([\s\S]*?)```/g)].map((m) => m[1]!);

  it('sets the headers of the "/*" rule of public/_headers, each once, in the included file', () => {
    expect(blocks).toHaveLength(2);
    const all = rules.find((r) => r.pattern === '/*')!;
    expect(addHeaders(blocks[0]!)).toEqual(all.headers);
    // The server and each location that adds a header include them.
    const includes = blocks[1]!.match(/include \/etc\/nginx\/magazine-headers\.conf;/g) ?? [];
    expect(includes.length).toBe((blocks[1]!.match(/location[^{]*\{[^}]*add_header/g) ?? []).length + 1);
  });

  it('caches for a year the very folders _headers does, with its value', () => {
    const cached = rules.filter((r) => r.headers.some(([name]) => name === 'Cache-Control'));
    const folders = cached.map((r) => /^\/(\w+)\/\*$/.exec(r.pattern)![1]).sort();
    const location = /location ~ \^\/\(([\w|]+)\)\/ \{([^}]*)\}/.exec(blocks[1]!)!;
    expect(location[1]!.split('|').sort()).toEqual(folders);
    const values = new Set(cached.flatMap((r) => r.headers.filter(([n]) => n === 'Cache-Control').map(([, v]) => v)));
    expect(values.size).toBe(1);
    expect(addHeaders(location[2]!)).toEqual([['Cache-Control', [...values][0]]]);
  });

  it('turns the build’s _redirects into nginx redirects with its awk line', () => {
    const command = /^awk '([^']+)' dist\/_redirects/m.exec(section)!;
    const dir = mkdtempSync(path.join(tmpdir(), 'rotative-nginx-'));
    try {
      const file = path.join(dir, '_redirects');
      // As scripts/build.ts writes it.
      writeFileSync(file, '/articles/ancien/ /articles/nouveau/ 301\n/magazine/articles/a/ /magazine/articles/b/ 301\n');
      const run = spawnSync('awk', [command[1]!, file], { encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.stdout).toBe('location = /articles/ancien/ { return 301 /articles/nouveau/; }\nlocation = /magazine/articles/a/ { return 301 /magazine/articles/b/; }\n');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
