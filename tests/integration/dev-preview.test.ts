/**
 * `npm run dev` follows the writer: the real dev server (scripts/dev.ts) on a
 * copy of the basic fixture, changed while it runs. Drafts and scheduled
 * articles are marked; a new image, a replaced image and a new article show
 * up without a restart; a content mistake shows the writer's message in the
 * page, and the site comes back once it is fixed.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseHTML } from 'linkedom';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyProject, fixture, TEST_NOW } from '../helpers/build.ts';

/** How long a change may take to reach the page (a pass re-encodes images and re-renders). */
const CHANGE_TIMEOUT = 60_000;

interface DevServer {
  origin: string;
  contentDir: string;
  /** What it printed so far. */
  output: () => string;
  stop: () => Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/** Calls `attempt` until it returns a value, for at most `timeout` ms; the error names what never came. */
async function until<T>(what: string, attempt: () => Promise<T | undefined>, timeout = CHANGE_TIMEOUT): Promise<T> {
  const end = Date.now() + timeout;
  let last: unknown;
  while (Date.now() < end) {
    try {
      const value = await attempt();
      if (value !== undefined) return value;
    } catch (error) {
      last = error instanceof Error && error.cause ? `${error.message}: ${String(error.cause)}` : error;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`Timed out waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}\n--- dev server output ---\n${current?.output() ?? ''}`);
}

/** The server the running test talks to (for `get`, and the output shown on a timeout). */
let current: DevServer | undefined;

async function get(pagePath: string): Promise<{ status: number; text: string; document: Document }> {
  const response = await fetch(current!.origin + pagePath, { headers: { accept: 'text/html' } });
  const text = await response.text();
  return { status: response.status, text, document: parseHTML(text).document };
}

/** A small JPEG of one colour: each colour is a different image, so a different URL. */
function jpeg(background: string): Promise<Buffer> {
  return sharp({ create: { width: 320, height: 200, channels: 3, background } }).jpeg().toBuffer();
}

/**
 * The environment of a writer's shell: without what vitest sets for itself
 * (NODE_ENV=test, VITEST…), under which Astro's dev server does not serve
 * the site.
 */
function writerEnvironment(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VITEST') && name !== 'NODE_ENV' && name !== 'TEST'));
  return env;
}

/**
 * Starts `npm run dev` (scripts/dev.ts, as npm runs it) on a copy of a
 * fixture, on a free port, with its own cache; `change` edits the copy first.
 * The server runs in a copy of the project (copyProject): Astro's dev server
 * writes the project's .astro/ folder, which the builds of the other test
 * files use too.
 */
async function startDevServer(change: (contentDir: string) => void = () => {}): Promise<DevServer> {
  const work = mkdtempSync(path.join(tmpdir(), 'rotative-dev-'));
  const contentDir = path.join(work, 'content');
  cpSync(fixture('basic'), contentDir, { recursive: true });
  change(contentDir);
  const project = copyProject(path.join(work, 'rotative'));
  const port = await freePort();
  let output = '';
  const child: ChildProcess = spawn(process.execPath, [path.join(project, 'scripts/dev.ts'), '--port', String(port)], {
    cwd: project,
    env: { ...writerEnvironment(), ROTATIVE_CONTENT_DIR: contentDir, ROTATIVE_CACHE_DIR: path.join(work, 'cache'), ROTATIVE_NOW: TEST_NOW },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const server: DevServer = {
    origin: `http://127.0.0.1:${port}`,
    contentDir,
    output: () => output,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(work, { recursive: true, force: true });
    },
  };
  current = server;
  try {
    await until('the dev server to answer', async () => ((await fetch(server.origin + '/')).status > 0 ? true : undefined), 180_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return server;
}

const article = (slug: string) => path.join(current!.contentDir, 'articles/2016', slug);

describe('npm run dev', () => {
  let server: DevServer | undefined;
  beforeAll(async () => {
    server = await startDevServer();
    current = server;
  }, 240_000);
  afterAll(() => server?.stop());

  it('marks drafts and scheduled articles, on their page and on cards', async () => {
    const draft = await get('/articles/brouillon/');
    expect(draft.status).toBe(200);
    expect(draft.document.querySelector('.preview-banner')?.textContent).toMatch(/Brouillon.*publié nulle part/);

    const scheduled = await get('/articles/episode-programme/');
    expect(scheduled.document.querySelector('.preview-banner')?.textContent?.replace(/\s+/g, ' ')).toContain('Programmé pour le 1er janvier 2030 à 8 h 00');

    const published = await get('/articles/lancement/');
    expect(published.document.querySelector('.preview-banner')).toBeNull();

    const home = await get('/');
    const badges = [...home.document.querySelectorAll('.card__badge')].map((b) => b.textContent?.trim());
    expect(badges).toContain('Brouillon');
    expect(badges).toContain('Programmé');
  });

  it('shows an image added to an article, and its replacement, without a restart', async () => {
    const page = '/articles/premier-episode/';
    writeFileSync(path.join(article('premier-episode'), 'ajoutee.jpg'), await jpeg('#3366cc'));
    appendFileSync(path.join(article('premier-episode'), 'index.mdx'), '\n<Figure src="./ajoutee.jpg" alt="Une image ajoutée" />\n');
    const imageUrl = () => get(page).then(({ document }) => document.querySelector('img[alt="Une image ajoutée"]')?.getAttribute('src') ?? undefined);

    const first = await until('the added image in the page', imageUrl);
    const response = await fetch(current!.origin + first);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^image\//);

    writeFileSync(path.join(article('premier-episode'), 'ajoutee.jpg'), await jpeg('#cc3333'));
    const second = await until('the replaced image in the page', async () => {
      const url = await imageUrl();
      return url && url !== first ? url : undefined;
    });
    expect((await fetch(current!.origin + second)).status).toBe(200);
  });

  it('serves an article added while it runs', async () => {
    writeFileSync(
      path.join(article('nouveau.mdx')),
      ['---', 'title: "Un article tout neuf"', 'description: "Écrit pendant que le serveur tourne."', 'publishedAt: 2016-06-01T08:00:00+02:00', 'authors: [alice-martin]', 'category: cloud', '---', '', 'Texte neuf.', ''].join('\n'),
    );
    const title = await until('the new article', async () => {
      const { status, document } = await get('/articles/nouveau/');
      return status === 200 ? document.querySelector('h1')?.textContent : undefined;
    });
    expect(title).toBe('Un article tout neuf');
  });

  it('shows a content mistake in the page, without a stack trace, until it is fixed', async () => {
    const file = article('lancement.mdx');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('authors: [alice-martin]', 'authors: [alice-inconnue]'));
    const problem = await until('the problems page', async () => {
      const page = await get('/articles/lancement/');
      return page.text.includes('alice-inconnue') ? page : undefined;
    });
    expect(problem.document.querySelector('h1')?.textContent).toBe('Le contenu a des problèmes');
    const message = problem.document.querySelector('main')!.textContent!;
    expect(message).toContain('lancement.mdx:5');
    expect(message).toContain('aucune fiche auteur "alice-inconnue"');
    expect(message).toContain('alice-martin');
    // No stack frame (`at fn (file.ts:12:3)`) and no Astro error overlay.
    expect(problem.text).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/);
    expect(problem.text).not.toContain('vite-error-overlay');
    // Every page says so, not only the faulty article's.
    expect((await get('/')).text).toContain('alice-inconnue');

    writeFileSync(file, original);
    const title = await until('the site to come back', async () => {
      const { status, document } = await get('/articles/lancement/');
      return status === 200 ? document.querySelector('h1')?.textContent : undefined;
    });
    expect(title).toBe('Le lancement');
  });
});

describe('npm run dev on content that already has a mistake', () => {
  let server: DevServer | undefined;
  const file = (contentDir: string) => path.join(contentDir, 'articles/2016/lancement.mdx');
  beforeAll(async () => {
    server = await startDevServer((contentDir) => writeFileSync(file(contentDir), readFileSync(file(contentDir), 'utf8').replace('category: cloud', 'category: cloude')));
    current = server;
  }, 240_000);
  afterAll(() => server?.stop());

  it('shows the mistake in every page, then the site once it is fixed, without a restart', async () => {
    current = server;
    for (const page of ['/', '/articles/premier-episode/']) {
      const { document, text } = await get(page);
      expect(document.querySelector('h1')?.textContent).toBe('Le contenu a des problèmes');
      expect(document.querySelector('main')!.textContent).toMatch(/lancement\.mdx:\d+.*aucune rubrique "cloude"/s);
      expect(text).not.toMatch(/\bat .*\.(ts|js|mjs):\d+/);
    }
    writeFileSync(file(server!.contentDir), readFileSync(file(server!.contentDir), 'utf8').replace('category: cloude', 'category: cloud'));
    const title = await until('the site to come back', async () => {
      const { status, document } = await get('/articles/lancement/');
      return status === 200 ? document.querySelector('h1')?.textContent : undefined;
    });
    expect(title).toBe('Le lancement');
  });
});
