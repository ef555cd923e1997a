/**
 * The writers' tools on a content tree: `npm run new` writes a draft in its
 * own folder that `npm run check` accepts, says what it chose, refuses a slug
 * that exists and an unknown id; its provisional text is never published; and
 * no build or check ever writes to the content it reads.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { buildSite, fixture, ROOT, runScript } from '../helpers/build.ts';
import { snapshotTree } from '../helpers/tree.ts';

const work = mkdtempSync(path.join(tmpdir(), 'rotative-writer-tools-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** The front matter of an MDX file, parsed as the content phase parses it (timestamps stay strings). */
function frontMatter(file: string): Record<string, unknown> {
  const m = /^---\n([\s\S]*?)\n---\n/.exec(readFileSync(file, 'utf8'));
  expect(m, `no front matter in ${file}`).not.toBeNull();
  return parse(m![1]!) as Record<string, unknown>;
}

const ISO_WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?[+-]\d{2}:\d{2}$/;
const noStackTrace = (text: string) => expect(text, 'a stack trace was printed').not.toMatch(/^\s+at |\b[A-Z][A-Za-z]*Error\b/m);

describe('npm run new', () => {
  let content: string;
  beforeEach(() => {
    // A copy per test: the fixture itself is never written to.
    content = path.join(mkdtempSync(path.join(work, 'new-')), 'content');
    cpSync(fixture('basic'), content, { recursive: true });
  });
  // Run with a pipe as stdin, as in CI: nothing is asked, defaults are said.
  const newArticle = (title: string, now: string, args: string[] = []) =>
    runScript('scripts/new-article.ts', { contentDir: content, now, args: [title, ...args], outDir: path.join(work, 'unused-out') });
  const check = () => runScript('scripts/check.ts', { contentDir: content, args: ['--content-only'], outDir: path.join(work, 'unused-out') });
  /** The scaffolded file with `draft: true` removed, as a writer publishing it too soon. */
  const undraft = (file: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(/^draft: true.*\n/m, ''));

  it('writes a draft in the folder form articles/<year>/<slug>/index.mdx, saying which author and rubrique it chose and how to change them', () => {
    const result = newArticle("L'été du cloud : bilan", '2026-07-14T09:30:45+02:00');
    expect(result.status, result.stderr).toBe(0);

    const file = path.join(content, 'articles/2026/l-ete-du-cloud-bilan/index.mdx');
    expect(existsSync(file), `not written; stdout:\n${result.stdout}`).toBe(true);
    expect(readdirSync(path.join(content, 'articles/2026'))).toEqual(['l-ete-du-cloud-bilan']);
    expect(result.stdout).toContain(path.join('articles', '2026', 'l-ete-du-cloud-bilan', 'index.mdx'));

    const data = frontMatter(file);
    expect(data.title).toBe("L'été du cloud : bilan");
    expect(data.draft).toBe(true);
    expect(data.publishedAt).toMatch(ISO_WITH_OFFSET);
    // Whole minutes, in Paris time, with the summer offset written out.
    expect(data.publishedAt).toBe('2026-07-14T09:30:00+02:00');
    expect(data.authors).toEqual(['alice-martin']);
    expect(data.category).toBe('cloud');
    expect(data.series).toBeUndefined();
    // The provisional lede is marked as such.
    expect(data.description).toMatch(/^\[À ÉCRIRE\] /);

    // Each default is said, with why and the option that changes it.
    const said = (word: string) => result.stdout.split('\n').find((l) => l.startsWith(`${word} :`)) ?? '';
    expect(said('auteur')).toContain('alice-martin');
    expect(said('auteur')).toContain('ordre alphabétique');
    expect(said('auteur')).toContain('--author');
    expect(said('auteur')).toContain('bruno-petit');
    expect(said('rubrique')).toContain('cloud');
    expect(said('rubrique')).toContain('--category');
    expect(said('rubrique')).toContain('mobile');
    expect(said('série')).toContain('aucune');
    expect(said('série')).toContain('--series');
    expect(said('date')).toContain('2026-07-14T09:30:00+02:00');
    expect(said('date')).toContain('--date');
    expect(result.stdout).toContain('draft: true');
    noStackTrace(result.stderr);

    // The draft is valid; its provisional text is only a reminder.
    const checked = check();
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).toContain('✔ Le contenu est valide : 5 articles');
    const reminder = checked.stdout.split('\n').filter((l) => l.includes('l-ete-du-cloud-bilan'));
    expect(checked.stdout).toMatch(/Rappel.*1 brouillon/);
    expect(reminder.some((l) => l.includes('index.mdx:3') && l.includes('chapô'))).toBe(true);
    // Nothing on stderr but the notice's warnings (the fixture has no accessibility statement).
    expect(checked.stderr.split('\n').filter((l) => l && !l.startsWith('⚠ déclaration d’accessibilité'))).toEqual([]);
  });

  it('in a terminal, asks for each missing choice, listing them, and takes numbers or ids', () => {
    // A pseudo-terminal, so that stdin and stdout are TTYs as for a writer;
    // each answer is typed once the script shows its question.
    const python = `
import os, pty, re, select, sys, time
node, script, title, *answers = sys.argv[1:]
pid, fd = pty.fork()
if pid == 0:
    os.execv(node, [node, script, title])
out, mark, deadline = b'', 0, time.time() + 60
while time.time() < deadline:
    r, _, _ = select.select([fd], [], [], 0.2)
    if not r:
        continue
    try:
        chunk = os.read(fd, 4096)
    except OSError:
        break
    if not chunk:
        break
    out += chunk
    # A new question: on a new line since the last answer (readline redraws
    # the question on the same line as it echoes what was typed).
    if answers and re.search(rb'\\n[^\\n]*\\] : (\\x1b\\[[0-9]*G)?$', out[mark:]):
        os.write(fd, answers.pop(0).encode() + b'\\r')
        mark = len(out)
sys.stdout.write(out.decode('utf-8', 'replace'))
sys.exit(os.waitpid(pid, 0)[1] >> 8)
`;
    const result = spawnSync('python3', ['-c', python, process.execPath, path.join(ROOT, 'scripts/new-article.ts'), 'Essai au terminal', 'claire', '2,1', '', '1', '2026-09-01T07:15'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ROTATIVE_CONTENT_DIR: content, ROTATIVE_NOW: '2026-07-14T09:30:00+02:00' },
      timeout: 90_000,
    });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    // The choices are listed with their names; a wrong answer is asked again.
    expect(result.stdout).toContain('1. alice-martin — Alice Martin');
    expect(result.stdout).toContain('2. mobile — Mobile');
    expect(result.stdout).toContain('1. un-an-apres — Un an après');
    expect(result.stdout).toContain('« claire » n’est pas dans la liste');
    const data = frontMatter(path.join(content, 'articles/2026/essai-au-terminal/index.mdx'));
    expect(data.authors).toEqual(['bruno-petit', 'alice-martin']);
    expect(data.category).toBe('cloud');
    expect(data.series).toBe('un-an-apres');
    expect(data.publishedAt).toBe('2026-09-01T07:15:00+02:00');
  });

  it('files the article under the year of its date in Paris, not in UTC', () => {
    const result = newArticle('Bonne année', '2016-12-31T23:30:00Z');
    expect(result.status, result.stderr).toBe(0);
    const file = path.join(content, 'articles/2017/bonne-annee/index.mdx');
    expect(existsSync(file), result.stdout).toBe(true);
    expect(frontMatter(file).publishedAt).toBe('2017-01-01T00:30:00+01:00');
  });

  it('honours --author (several), --category, --series (next episode) and --date, and says so', () => {
    const result = newArticle('La suite du feuilleton', '2026-07-14T09:30:00+02:00', [
      '--author', 'bruno-petit', '--author', 'alice-martin', '--category', 'mobile', '--series', 'un-an-apres', '--date', '2026-12-01',
    ]);
    expect(result.status, result.stderr).toBe(0);
    const file = path.join(content, 'articles/2026/la-suite-du-feuilleton/index.mdx');
    const data = frontMatter(file);
    expect(data.authors).toEqual(['bruno-petit', 'alice-martin']);
    expect(data.category).toBe('mobile');
    expect(data.series).toBe('un-an-apres');
    // The fixture's series has episodes 1 and 2.
    expect(data.episode).toBe(3);
    // A day alone is 8 h in Paris (winter time).
    expect(data.publishedAt).toBe('2026-12-01T08:00:00+01:00');
    expect(result.stdout).toMatch(/^auteurs : bruno-petit, alice-martin$/m);
    expect(result.stdout).toMatch(/^rubrique : mobile$/m);
    expect(result.stdout).toMatch(/^série : un-an-apres$/m);
    expect(result.stdout).not.toContain('ordre alphabétique');

    const checked = check();
    expect(checked.status, checked.stderr).toBe(0);
  });

  it('refuses the same title twice, naming the existing file, and leaves it as it was', () => {
    const now = '2026-07-14T09:30:00+02:00';
    expect(newArticle("L'été du cloud : bilan", now).status).toBe(0);
    const file = path.join(content, 'articles/2026/l-ete-du-cloud-bilan/index.mdx');
    const first = readFileSync(file, 'utf8');

    for (const title of ["L'été du cloud : bilan", 'L’Été du Cloud — bilan !']) {
      const again = newArticle(title, '2026-07-15T10:00:00+02:00');
      expect(again.status, `"${title}" was accepted`).toBe(1);
      expect(again.stderr).toContain('l-ete-du-cloud-bilan');
      expect(again.stderr).toContain('articles/2026/l-ete-du-cloud-bilan/index.mdx');
      expect(again.stderr).toMatch(/déjà/);
      noStackTrace(again.stderr);
    }
    expect(readFileSync(file, 'utf8')).toBe(first);
    expect(readdirSync(path.join(content, 'articles/2026'))).toEqual(['l-ete-du-cloud-bilan']);
  });

  it('refuses a slug used in another year folder', () => {
    const before = snapshotTree(content);
    const result = newArticle('Lancement', '2026-07-14T09:30:00+02:00');
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('articles/2016/lancement.mdx');
    noStackTrace(result.stderr);
    expect(snapshotTree(content)).toEqual(before);
  });

  it('refuses an unknown id, listing the valid ones and suggesting the closest', () => {
    const before = snapshotTree(content);
    const cases: [string[], string, string | undefined][] = [
      [['--author', 'alice-martn'], 'alice-martin, bruno-petit', 'alice-martin'],
      [['--author', 'claire-martin'], 'alice-martin, bruno-petit', undefined],
      [['--category', 'clou'], 'cloud, mobile', 'cloud'],
      [['--series', 'un-an-aprs'], 'un-an-apres', 'un-an-apres'],
    ];
    for (const [args, valid, suggestion] of cases) {
      const result = newArticle('Un titre', '2026-07-14T09:30:00+02:00', args);
      expect(result.status, args.join(' ')).toBe(1);
      expect(result.stderr).toContain(args[0]);
      expect(result.stderr).toContain(`« ${args[1]} »`);
      expect(result.stderr).toContain(valid);
      if (suggestion) expect(result.stderr).toContain(`Vouliez-vous dire « ${suggestion} »`);
      else expect(result.stderr).not.toContain('Vouliez-vous dire');
      noStackTrace(result.stderr);
    }
    expect(snapshotTree(content)).toEqual(before);
  });

  it('refuses an unreadable --date, with examples', () => {
    const result = newArticle('Un titre', '2026-07-14T09:30:00+02:00', ['--date', '14/07/2026']);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('14/07/2026');
    expect(result.stderr).toContain('--date 2026-07-14');
    noStackTrace(result.stderr);
  });

  it('a scaffold whose draft: true is removed is refused by check and build, naming each provisional text, and nothing is published', () => {
    expect(newArticle('Trop tôt', '2016-05-20T09:00:00+02:00').status).toBe(0);
    const file = path.join(content, 'articles/2016/trop-tot/index.mdx');
    undraft(file);
    expect(frontMatter(file).draft).toBeUndefined();
    const lines = readFileSync(file, 'utf8').split('\n');
    const lineOf = (start: string) => lines.findIndex((l) => l.startsWith(start)) + 1;
    const where = [`trop-tot/index.mdx:${lineOf('description:')} — le chapô provisoire`, `trop-tot/index.mdx:${lineOf('[À ÉCRIRE] Le premier')}`, `trop-tot/index.mdx:${lineOf('## [À ÉCRIRE]')}`];

    const checked = check();
    expect(checked.status).toBe(1);
    for (const w of where) expect(checked.stderr, w).toContain(w);
    expect(checked.stderr).toContain('[À ÉCRIRE]');
    expect(checked.stderr).toContain('draft: true');
    noStackTrace(checked.stderr);

    const outDir = path.join(work, 'refused-out', 'site');
    const built = buildSite({ contentDir: content, outDir, env: { ROTATIVE_CACHE_DIR: path.join(work, 'cache') } });
    expect(built.status, built.stdout).toBe(1);
    for (const w of where) expect(built.stderr, w).toContain(w);
    noStackTrace(built.stderr);
    expect(existsSync(outDir), 'the refused build wrote its output folder').toBe(false);
  });

  it('an article whose writer replaced the provisional text passes check, with no reminder', () => {
    expect(newArticle('Prêt à paraître', '2016-05-20T09:00:00+02:00').status).toBe(0);
    const file = path.join(content, 'articles/2016/pret-a-paraitre/index.mdx');
    undraft(file);
    writeFileSync(
      file,
      readFileSync(file, 'utf8')
        .replace(/^description: .*$/m, 'description: "Un vrai chapô."')
        .replace(/\n---\n[\s\S]*$/, '\n---\n\nUn vrai texte.\n\n## Un intertitre\n\nLa suite de l’article.\n'),
    );
    const checked = check();
    expect(checked.status, checked.stderr).toBe(0);
    expect(checked.stdout).not.toContain('Rappel');
  });
});

describe('npm run check and the legal notice', () => {
  const copy = (edit: (legal: Record<string, unknown>) => void) => {
    const content = path.join(mkdtempSync(path.join(work, 'legal-')), 'content');
    cpSync(fixture('basic'), content, { recursive: true });
    const file = path.join(content, 'site.yaml');
    const site = parse(readFileSync(file, 'utf8')) as { legal: Record<string, unknown> };
    edit(site.legal);
    writeFileSync(file, stringify(site));
    return content;
  };
  const check = (content: string) => runScript('scripts/check.ts', { contentDir: content, args: ['--content-only'], outDir: path.join(work, 'unused-out') });
  const warnings = (output: string) => output.split('\n').filter((l) => l.includes('mentions légales'));

  it('warns, in French and citing the law, about the host address missing, and still accepts the content', () => {
    const result = check(copy((legal) => delete (legal.host as Record<string, unknown>).address));
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('✔ Le contenu est valide');
    const lines = warnings(result.stderr);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain('legal.host.address');
    expect(lines[0]).toMatch(/hébergeur/);
    expect(lines[0]).toMatch(/LCEN, art\. 6-III/);
    noStackTrace(result.stderr);
  });

  it('warns once per missing field: here the director and the contact', () => {
    const result = check(copy((legal) => {
      delete legal.director;
      delete legal.contact;
    }));
    expect(result.status, result.stderr).toBe(0);
    const lines = warnings(result.stderr);
    expect(lines).toHaveLength(2);
    expect(lines.some((l) => l.includes('legal.director') && /directrice de la publication/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('legal.contact'))).toBe(true);
  });

  it('says nothing when the notice is complete, and refuses a contact that is not an e-mail address', () => {
    const complete = check(copy(() => {}));
    expect(complete.status, complete.stderr).toBe(0);
    expect(warnings(complete.stderr + complete.stdout)).toEqual([]);

    const wrong = check(copy((legal) => (legal.contact = 'écrivez-nous')));
    expect(wrong.status).toBe(1);
    expect(wrong.stderr).toContain('site.yaml');
    expect(wrong.stderr).toContain('legal.contact');
  });
});

describe('npm run check and the pages of content/pages/', () => {
  const withPage = (name: string, text: string) => {
    const content = path.join(mkdtempSync(path.join(work, 'pages-')), 'content');
    cpSync(fixture('basic'), content, { recursive: true });
    mkdirSync(path.join(content, 'pages'), { recursive: true });
    writeFileSync(path.join(content, 'pages', name), text);
    return content;
  };
  const check = (content: string) => runScript('scripts/check.ts', { contentDir: content, args: ['--content-only'], outDir: path.join(work, 'unused-out') });

  it('accepts a page with a title and a description', () => {
    const result = check(withPage('a-propos.mdx', '---\ntitle: "À propos"\ndescription: "Qui nous sommes."\n---\n\nBonjour.\n'));
    expect(result.status, result.stderr).toBe(0);
  });

  it('refuses a page named like a route of the site, and one without a description', () => {
    const taken = check(withPage('archives.mdx', '---\ntitle: "Archives"\ndescription: "Nos archives."\n---\n\nTexte.\n'));
    expect(taken.status).toBe(1);
    expect(taken.stderr).toContain('pages/archives.mdx');
    expect(taken.stderr).toMatch(/« archives »/);
    noStackTrace(taken.stderr);

    const bare = check(withPage('contact.mdx', '---\ntitle: "Contact"\n---\n\nTexte.\n'));
    expect(bare.status).toBe(1);
    expect(bare.stderr).toContain('pages/contact.mdx');
    expect(bare.stderr).toContain('description');
  });
});

describe('the content is never written to', () => {
  it('a build and a check of the basic fixture leave it byte-for-byte the same', () => {
    const basic = fixture('basic');
    const before = snapshotTree(basic);
    const outDir = path.join(work, 'out', 'site');
    // A cache of our own: other test files building the same tree never share Astro's data store with us.
    const env = { ROTATIVE_CACHE_DIR: path.join(work, 'cache') };

    const build = buildSite({ contentDir: basic, outDir, env });
    expect(build.status, `${build.stdout}\n${build.stderr}`).toBe(0);
    expect(snapshotTree(basic), 'the build wrote to tests/fixtures/basic/content').toEqual(before);

    const check = runScript('scripts/check.ts', { contentDir: basic, outDir, env, args: ['--content-only'] });
    expect(check.status, check.stderr).toBe(0);
    expect(snapshotTree(basic), 'the check wrote to tests/fixtures/basic/content').toEqual(before);
  });
});
