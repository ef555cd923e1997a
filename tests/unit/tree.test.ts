import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listTree } from '../../src/publish/tree.ts';

describe('listTree', () => {
  it('lists every file and folder by its path from the root, with slashes, and a link without following it', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'rotative-tree-'));
    const outside = mkdtempSync(path.join(tmpdir(), 'rotative-tree-outside-'));
    writeFileSync(path.join(outside, 'secret.txt'), 'x');
    mkdirSync(path.join(root, 'articles/un-an-apres'), { recursive: true });
    mkdirSync(path.join(root, 'vide'));
    writeFileSync(path.join(root, 'index.html'), '');
    writeFileSync(path.join(root, 'articles/un-an-apres/index.html'), '');
    symlinkSync(outside, path.join(root, 'ailleurs'));
    const tree = listTree(root);
    expect(tree.files.sort()).toEqual(['articles/un-an-apres/index.html', 'index.html']);
    expect(tree.dirs.sort()).toEqual(['articles', 'articles/un-an-apres', 'vide']);
    expect(tree.others).toEqual(['ailleurs']);
  });
});
