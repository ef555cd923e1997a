import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { linkSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { readEnvironment } from '../../src/config/environment.ts';
import { inputsDigest, readRecord, recordNotice, recordOutput, recordReader, signedContent, trustedContent, whyRebuild, writeRecord, type BuildRecord } from '../../src/publish/unchanged.ts';

/** A throw-away project (code) and content tree. */
function tree() {
  const root = mkdtempSync(path.join(tmpdir(), 'rotative-unchanged-unit-'));
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), text);
  };
  write('project/src/pages/index.astro', '<h1>Une</h1>');
  write('project/package-lock.json', '{}');
  write('content/articles/a.mdx', '---\ntitle: A\n---\nTexte.');
  write('dist/index.html', '<p>site</p>');
  const env = readEnvironment({ ROTATIVE_CONTENT_DIR: 'content', ROTATIVE_OUT_DIR: 'dist' }, root);
  const digest = (vars: NodeJS.ProcessEnv = {}) => inputsDigest(env, path.join(root, 'project'), vars);
  return { root, write, env, digest };
}

describe('inputsDigest', () => {
  it('hands over the sha256 of each content file it read, by absolute path, for the content pass', () => {
    const t = tree();
    t.write('content/articles/b/photo.jpg', 'octets');
    const files = new Map<string, string>();
    inputsDigest(t.env, path.join(t.root, 'project'), {}, { found: files, stamps: {} });
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    expect(files).toEqual(
      new Map([
        [path.join(t.root, 'content/articles/a.mdx'), sha256('---\ntitle: A\n---\nTexte.')],
        [path.join(t.root, 'content/articles/b/photo.jpg'), sha256('octets')],
      ]),
    );
  });

  it('changes with the content, the code and the settings a build reads, not with the clock', () => {
    const t = tree();
    const first = t.digest();
    expect(t.digest()).toBe(first);
    expect(t.digest({ ROTATIVE_NOW: '2030-01-01T00:00:00Z', ROTATIVE_VERBOSE: '1', HOME: '/ailleurs' })).toBe(first);
    expect(t.digest({ SITE_URL: 'https://autre.example' })).not.toBe(first);
    t.write('content/articles/a.mdx', '---\ntitle: A\n---\nTexte corrigé.');
    const afterContent = t.digest();
    expect(afterContent).not.toBe(first);
    t.write('content/articles/b/photo.jpg', 'octets');
    const afterImage = t.digest();
    expect(afterImage).not.toBe(afterContent);
    t.write('project/src/pages/index.astro', '<h1>La une</h1>');
    expect(t.digest()).not.toBe(afterImage);
  });

  it('takes the sha256 the record gives a file that still has its stamp, and reads a file written since', () => {
    const t = tree();
    const article = path.join(t.root, 'content/articles/a.mdx');
    const digests = () => ({ found: new Map<string, string>(), stamps: {} as Record<string, [string, string]> });
    // Just written: a second save within the filesystem's clock tick could keep the stamp, so none is recorded.
    const fresh = digests();
    inputsDigest(t.env, path.join(t.root, 'project'), {}, fresh);
    expect(fresh.stamps).toEqual({});
    vi.useFakeTimers({ now: Date.now() + 5_000, toFake: ['Date'] });
    try {
      const first = digests();
      inputsDigest(t.env, path.join(t.root, 'project'), {}, first);
      expect(Object.keys(first.stamps)).toEqual([article]);
      // A sha256 the file's bytes do not have, under the file's stamp: taken as it is, the file is not read.
      const told = 'f'.repeat(64);
      const again = { ...digests(), previous: { [article]: [first.stamps[article]![0], told] as [string, string] } };
      inputsDigest(t.env, path.join(t.root, 'project'), {}, again);
      expect(again.found.get(article)).toBe(told);
      t.write('content/articles/a.mdx', '---\ntitle: A\n---\nTexte corrigé.');
      const edited = { ...digests(), previous: again.previous };
      inputsDigest(t.env, path.join(t.root, 'project'), {}, edited);
      expect(edited.found.get(article)).toBe(createHash('sha256').update('---\ntitle: A\n---\nTexte corrigé.').digest('hex'));
    } finally {
      vi.useRealTimers();
    }
  });

  it('trusts the record’s content stamps only under the cache’s secret', () => {
    const secret = Buffer.from('secret de test');
    const stamps: Record<string, [string, string]> = { '/contenu/a.mdx': ['1:2:3:4:5', 'a'.repeat(64)] };
    const signed = signedContent(stamps, secret);
    expect(trustedContent({ content: signed }, secret)).toEqual(stamps);
    expect(trustedContent({ content: signed }, Buffer.from('autre secret'))).toBeUndefined();
    expect(trustedContent({ content: { ...signed, stamps: { '/contenu/a.mdx': ['1:2:3:4:5', 'b'.repeat(64)] } } }, secret)).toBeUndefined();
    expect(trustedContent({}, secret)).toBeUndefined();
  });
});

describe('whyRebuild', () => {
  const record = (t: ReturnType<typeof tree>, next: string | null = null): BuildRecord => ({
    version: 4,
    inputs: t.digest(),
    next,
    builtAt: '2026-01-01T00:00:00.000Z',
    ...recordOutput(t.env.outDir, path.join(t.root, 'cache')),
    summary: [],
  });

  it('lets the previous site stand only with the same inputs, before its next change, and the output as it was', () => {
    const t = tree();
    const r = record(t, '2026-06-01T00:00:00.000Z');
    expect(whyRebuild(r, t.digest(), new Date('2026-05-31T23:59:59Z'), t.env.outDir)).toBeUndefined();
    expect(whyRebuild(undefined, t.digest(), new Date('2026-05-01'), t.env.outDir)).toBe('no previous build recorded');
    expect(whyRebuild(r, 'autre', new Date('2026-05-01'), t.env.outDir)).toBe('inputs changed');
    expect(whyRebuild(r, t.digest(), new Date('2026-06-01T00:00:00Z'), t.env.outDir)).toBe('scheduled change reached');
    t.write('dist/extra.html', '<p>ajouté</p>');
    expect(whyRebuild(r, t.digest(), new Date('2026-05-01'), t.env.outDir)).toBe('output folder changed');
  });

  it('rebuilds when the clock is before the previous build: its site may show what is not public yet', () => {
    const t = tree();
    // Built with ROTATIVE_NOW=2027-03-05, whose site shows an article scheduled for 2027-03-04.
    const r = { ...record(t, '2027-04-01T00:00:00.000Z'), builtAt: '2027-03-05T07:00:00.000Z' };
    expect(whyRebuild(r, t.digest(), new Date('2026-12-06T09:00:00Z'), t.env.outDir)).toBe('clock before the previous build');
    expect(whyRebuild(r, t.digest(), new Date('2027-03-05T07:00:00Z'), t.env.outDir)).toBeUndefined();
    expect(whyRebuild({ ...r, builtAt: 'pas une date' }, t.digest(), new Date('2027-03-06T00:00:00Z'), t.env.outDir)).toBe('clock before the previous build');
  });

  it('notices an output file rewritten with the same size and its old modification time put back (touch -r)', () => {
    const t = tree();
    const r = record(t);
    const file = path.join(t.env.outDir, 'index.html');
    const times = path.join(t.root, 'times');
    writeFileSync(times, '');
    execFileSync('touch', ['-r', file, times]);
    t.write('dist/index.html', '<p>SITE</p>');
    execFileSync('touch', ['-r', times, file]);
    expect(statSync(file).mtimeMs).toBe(statSync(times).mtimeMs);
    expect(whyRebuild(r, t.digest(), new Date(), t.env.outDir)).toBe('output folder changed');
  });

  it('lets the site stand when a file was only touched or given another name: its bytes are read and are the same', () => {
    const t = tree();
    const r = record(t);
    const file = path.join(t.env.outDir, 'index.html');
    utimesSync(file, new Date('2030-01-01'), new Date('2030-01-01'));
    linkSync(file, path.join(t.root, 'autre-nom.html'));
    unlinkSync(path.join(t.root, 'autre-nom.html'));
    expect(whyRebuild(r, t.digest(), new Date(), t.env.outDir)).toBeUndefined();
    writeFileSync(file, readFileSync(file, 'utf8').replace('site', 'SITE'));
    expect(whyRebuild(r, t.digest(), new Date(), t.env.outDir)).toBe('output folder changed');
  });

  it('notices a file replaced by another one of the same bytes but for one, and a file renamed', () => {
    const t = tree();
    t.write('dist/b.html', '<p>b</p>');
    const r = record(t);
    t.write('dist/b.html', '<p>c</p>');
    expect(whyRebuild(r, t.digest(), new Date(), t.env.outDir)).toBe('output folder changed');
    t.write('dist/b.html', '<p>b</p>');
    expect(whyRebuild(r, t.digest(), new Date(), t.env.outDir)).toBeUndefined();
    linkSync(path.join(t.env.outDir, 'b.html'), path.join(t.env.outDir, 'c.html'));
    unlinkSync(path.join(t.env.outDir, 'b.html'));
    expect(whyRebuild(r, t.digest(), new Date(), t.env.outDir)).toBe('output folder changed');
  });
});

describe('inputsDigest lists the content folder as the content phase does', () => {
  it('follows no symbolic link: a link to the content folder itself or to / is a name, not an endless walk', async () => {
    const { symlinkSync } = await import('node:fs');
    const t = tree();
    const first = t.digest();
    symlinkSync('.', path.join(t.root, 'content/boucle'));
    symlinkSync('/', path.join(t.root, 'content/racine'));
    const withLinks = t.digest();
    expect(withLinks).not.toBe(first);
    expect(t.digest()).toBe(withLinks);
  });
});

describe('recordNotice', () => {
  it('says in one line that a corrupt record is ignored, and nothing when there is none', () => {
    const t = tree();
    const file = path.join(t.root, 'cache', 'builds', 'x.json');
    expect(recordNotice(file, readRecord(file))).toBeUndefined();
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '{"version":3,"inputs":');
    expect(recordNotice(file, readRecord(file))).toMatch(/^remarque : cache des constructions : enregistrement ignoré \(x\.json\)/);
  });
});

describe('recordReader', () => {
  it('reads the record once while the file stays the one read, and again once another build wrote it', () => {
    const t = tree();
    const file = path.join(t.root, 'cache', 'builds', 'y.json');
    const read = recordReader(file);
    expect(read()).toBeUndefined();
    const written = (inputs: string) => writeRecord(file, { inputs, next: null, builtAt: '2026-11-28T11:00:00.000Z', files: {}, stamps: {}, summary: [] });
    written('a');
    const first = read();
    expect(first?.inputs).toBe('a');
    // The same file: the same record, not parsed again.
    expect(read()).toBe(first);
    written('b');
    expect(read()?.inputs).toBe('b');
    rmSync(file);
    expect(read()).toBeUndefined();
  });
});
