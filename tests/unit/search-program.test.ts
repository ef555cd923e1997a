/**
 * Pagefind's program (a binary from an optional dependency) missing or
 * failing stops the build with a message in French that says what to do,
 * not with Pagefind's English one.
 */
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { SearchRecord } from '../../src/lib/search-groups.ts';
import { indexSite, planSearch, SearchFailure, searchProgramProblem } from '../../src/publish/search.ts';

const temp = () => mkdtempSync(path.join(tmpdir(), 'rotative-search-program-'));

describe('searchProgramProblem', () => {
  it('finds the program the project installed', () => {
    expect(searchProgramProblem({})).toBeUndefined();
  });

  it('names the package of a system it was not installed for, and the install that brings it', () => {
    const problem = searchProgramProblem({ npm_config_arch: 'sparc' });
    expect(problem).toContain(`@pagefind/${process.platform}-sparc`);
    expect(problem).toMatch(/n’est pas installé/);
    expect(problem).toContain('« npm ci », sans « --omit=optional »');
  });

  it('names a variable that points at no program, and what to write instead', () => {
    const dir = temp();
    const notProgram = path.join(dir, 'pagefind');
    writeFileSync(notProgram, 'not a program');
    chmodSync(notProgram, 0o644);
    for (const file of [path.join(dir, 'missing'), notProgram, dir]) {
      const problem = searchProgramProblem({ PAGEFIND_BINARY_PATH: file });
      expect(problem).toBe(
        `la recherche ne peut pas être indexée : PAGEFIND_BINARY_PATH vaut "${file}", qui n’est pas un programme exécutable. Donnez le chemin du programme de Pagefind, ou retirez PAGEFIND_BINARY_PATH pour prendre celui du projet.`,
      );
    }
    // The extended program's variable comes first, as Pagefind reads them.
    expect(searchProgramProblem({ PAGEFIND_EXTENDED_BINARY_PATH: path.join(dir, 'missing'), PAGEFIND_BINARY_PATH: process.execPath })).toContain('PAGEFIND_EXTENDED_BINARY_PATH');
  });
});

describe('a program that cannot start', () => {
  it('stops the index with a SearchFailure in French, Pagefind’s words in parentheses', async () => {
    const dir = temp();
    const before = process.env.PAGEFIND_BINARY_PATH;
    process.env.PAGEFIND_BINARY_PATH = path.join(dir, 'missing');
    try {
      const record: SearchRecord = { url: '/articles/a/', meta: { title: 'A', lede: '', date: '12\u00a0mai\u00a02016', rubrique: 'Cloud' }, header: ['A'], html: '<p>Un texte.</p>' };
      const indexing = indexSite(path.join(dir, 'site'), planSearch(path.join(dir, 'cache'), [{ name: '2016', records: [record] }]), path.join(dir, 'cache'), () => {});
      await expect(indexing).rejects.toThrow(SearchFailure);
      await expect(indexing).rejects.toThrow(/^l’index de recherche n’a pas pu être fait : Pagefind n’a pas démarré \(.+\)\. Construisez à nouveau ; si l’échec revient, installez à nouveau les dépendances avec « npm ci »/);
    } finally {
      if (before === undefined) delete process.env.PAGEFIND_BINARY_PATH;
      else process.env.PAGEFIND_BINARY_PATH = before;
    }
  });
});
