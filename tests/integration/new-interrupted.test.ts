/**
 * `npm run new` asks its questions in a terminal: Ctrl+C at a question ends
 * it with one French line and writes nothing. A real terminal is needed to
 * turn Ctrl+C into an interrupt: util-linux's `script` gives the command one.
 */
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, TEST_NOW } from '../helpers/build.ts';

const listFiles = (dir: string): string[] => readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();

describe('npm run new, interrupted', () => {
  it('says in one French line that nothing was written, with no stack trace, and writes nothing', async () => {
    const content = path.join(mkdtempSync(path.join(tmpdir(), 'rotative-new-')), 'content');
    cpSync(path.join(ROOT, 'content'), content, { recursive: true });
    const before = listFiles(content);
    const command = `${JSON.stringify(process.execPath)} scripts/new-article.ts "Un titre de test"`;
    const child = spawn('script', ['-qfec', command, '/dev/null'], {
      cwd: ROOT,
      env: { ...process.env, ROTATIVE_CONTENT_DIR: content, ROTATIVE_NOW: TEST_NOW, TERM: 'dumb' },
    });
    let output = '';
    let pressed = false;
    child.stdin.on('error', () => {}); // the terminal may be gone by the time it is written to
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      // At the first question, the writer presses Ctrl+C, once.
      if (!pressed && /\[Entrée : /.test(output)) {
        pressed = true;
        child.stdin.write('\x03');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(output).toContain('✖ Interrompu : aucun fichier n’a été écrit.');
    expect(output).not.toMatch(/AbortError|at .*\.ts:\d+/);
    expect(code).not.toBe(0);
    expect(listFiles(content)).toEqual(before);
  }, 60_000);
});
