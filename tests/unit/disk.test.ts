import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { errorCode, moveInto, WriteRefusal, writeRefusal, writingInto } from '../../src/publish/disk.ts';

const errno = (code: string, message: string, extra: object = {}) => Object.assign(new Error(message), { code, ...extra });

describe('a write the disk refuses is named in plain words', () => {
  it('says a full disk, the folder and what to do, for a write that names no file', () => {
    const refusal = writeRefusal(errno('ENOSPC', 'ENOSPC: no space left on device, write'), '/srv/cache/render', 'le cache de rendu', '/home/me');
    expect(refusal?.message).toBe(
      'impossible d’écrire le cache de rendu : le disque est plein (ENOSPC) : /srv/cache/render ne peut plus recevoir de fichier. Libérez de la place sur ce disque (le cache de Rotative, ROTATIVE_CACHE_DIR, peut être supprimé sans risque : la construction suivante le refait), puis relancez la construction.',
    );
  });

  it('names the folder of the very file refused when the error gives it, relative to where the build runs', () => {
    const refusal = writeRefusal(errno('ENAMETOOLONG', 'ENAMETOOLONG: name too long, open', { path: '/home/me/dist/tags/x' }), '/home/me/dist', 'le nouveau site', '/home/me');
    expect(refusal?.message).toContain('un nom de fichier est trop long pour le système de fichiers (ENAMETOOLONG) dans dist/tags');
  });

  it('finds the code in what Astro wraps (a cause, or only a message)', () => {
    expect(errorCode(new Error('Astro failed', { cause: errno('EDQUOT', 'x') }))).toBe('EDQUOT');
    expect(errorCode(new Error('[content] ENOSPC: no space left on device, write'))).toBe('ENOSPC');
  });

  it('keeps a refusal already named, even one made by a second copy of the module', () => {
    const foreign = Object.assign(new Error('impossible d’écrire le cache de rendu : …'), { name: 'WriteRefusal', code: 'ENOSPC', folder: '/c/render' });
    const kept = writeRefusal(new Error('wrapped', { cause: foreign }), '/elsewhere', 'les pages');
    expect(kept).toBeInstanceOf(WriteRefusal);
    expect([kept?.message, kept?.folder]).toEqual(['impossible d’écrire le cache de rendu : …', '/c/render']);
  });

  it('leaves any other error as it is (a bug stays a bug)', () => {
    const bug = new TypeError('x is undefined');
    expect(writeRefusal(bug, '/x', 'y')).toBeUndefined();
    expect(() => writingInto('/x', 'y', () => { throw bug; })).toThrow(bug);
    expect(() => writingInto(path.sep, 'y', () => { throw errno('ENOSPC', 'ENOSPC: no space left on device, write'); })).toThrow(WriteRefusal);
  });
});

describe('what was published beside the pages moves into the site', () => {
  const tree = (files: Record<string, string>) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rotative-move-'));
    for (const [rel, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
      writeFileSync(path.join(dir, rel), text);
    }
    return dir;
  };
  const list = (dir: string) => readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();

  it('merges folders the site already has, file by file, and empties the source', () => {
    const site = tree({ 'index.html': 'accueil', '_images/logo.png': 'logo' });
    const assets = tree({ '_images/carte.jpg': 'carte', 'pagefind/2026/pagefind-entry.json': '{}' });
    moveInto(assets, site);
    expect(list(site)).toEqual(['_images/carte.jpg', '_images/logo.png', 'index.html', 'pagefind/2026/pagefind-entry.json']);
    expect(readFileSync(path.join(site, '_images/carte.jpg'), 'utf8')).toBe('carte');
    expect(list(assets)).toEqual([]);
  });

  it('never overwrites a file of the site', () => {
    const site = tree({ '_images/carte.jpg': 'page' });
    const assets = tree({ '_images/carte.jpg': 'image' });
    expect(() => moveInto(assets, site)).toThrow(/already exists/);
    expect(readFileSync(path.join(site, '_images/carte.jpg'), 'utf8')).toBe('page');
  });
});
