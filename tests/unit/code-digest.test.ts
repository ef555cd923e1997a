import { mkdtempSync, mkdirSync, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { codeDigest, moduleGraph } from '../../src/content/code-digest.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

function project(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'rotative-graph-'));
  mkdirSync(path.join(root, 'src/render'), { recursive: true });
  mkdirSync(path.join(root, 'src/lib'), { recursive: true });
  writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion":3}');
  writeFileSync(path.join(root, 'src/render/entry.ts'), "import { rule } from '../lib/rule.ts';\nimport type { T } from './types.ts';\nimport { h } from 'hastscript';\nexport const x: T = rule(h);\n");
  writeFileSync(path.join(root, 'src/render/types.ts'), 'export type T = string;\n');
  writeFileSync(path.join(root, 'src/lib/rule.ts'), "import { deep } from './deep.ts';\nexport const rule = (v: unknown) => deep(v);\n");
  writeFileSync(path.join(root, 'src/lib/deep.ts'), 'export const deep = (v: unknown) => String(v);\n');
  writeFileSync(path.join(root, 'src/lib/unrelated.ts'), 'export const other = 1;\n');
  return root;
}

describe('codeDigest', () => {
  it('follows relative imports, type imports included, and leaves packages to the lock file', () => {
    const root = project();
    const files = moduleGraph([path.join(root, 'src/render/entry.ts')]).map((f) => path.relative(root, f));
    expect(files).toEqual(['src/lib/deep.ts', 'src/lib/rule.ts', 'src/render/entry.ts', 'src/render/types.ts']);
  });

  it('changes when any module the entry loads changes, even by an unused export', () => {
    const root = project();
    const before = codeDigest(root, ['src/render/entry.ts']);
    appendFileSync(path.join(root, 'src/lib/deep.ts'), 'export const unused = 2;\n');
    expect(codeDigest(root, ['src/render/entry.ts'])).not.toBe(before);
  });

  it('changes with the lock file, and not with a module the entry does not load', () => {
    const root = project();
    const before = codeDigest(root, ['src/render/entry.ts']);
    appendFileSync(path.join(root, 'src/lib/unrelated.ts'), 'export const more = 3;\n');
    expect(codeDigest(root, ['src/render/entry.ts'])).toBe(before);
    writeFileSync(path.join(root, 'package-lock.json'), '{"lockfileVersion":3,"packages":{}}');
    expect(codeDigest(root, ['src/render/entry.ts'])).not.toBe(before);
  });

  it('covers, for the real renderer, the sanitiser and the safety scan every body goes through', () => {
    const files = moduleGraph(['src/content/load.ts', 'src/render/pool.ts', 'src/render/worker.ts'].map((f) => path.join(ROOT, f))).map((f) => path.relative(ROOT, f));
    expect(files).toContain('src/markdown/sanitize.ts');
    expect(files).toContain('src/markdown/safety.ts');
    expect(files).toContain('src/render/components.ts');
    expect(files).toContain('src/i18n/fr.ts');
  });
});
