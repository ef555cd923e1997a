/**
 * The reader promise "valid HTML" (README, « Reader promises and audit »): the Nu Html Checker (npm `vnu-jar`, run by the
 * system's Java) over every page of the built sample magazine, in one JVM.
 * No error allowed; warnings are printed.
 */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { htmlFiles } from '../e2e/site-pages.ts';

const site = inject('sampleSite');
const vnuJar = path.join(path.dirname(createRequire(import.meta.url).resolve('vnu-jar/package.json')), 'build/dist/vnu.jar');

interface VnuMessage {
  type: 'error' | 'info' | 'non-document-error';
  subType?: string;
  url?: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/**
 * The checker reads the pages as file: URLs, where no resource is 'self', and
 * it counts JSON-LD as an inline script: its CSP warnings say nothing about
 * the site. The browser tests check the CSP where it applies.
 */
const CSP_NOISE = /violates Content Security Policy \(meta tag\)/;

function checkJava(): void {
  const java = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (java.error || java.status !== 0) {
    throw new Error(
      'Java is not installed: the Nu Html Checker (vnu-jar) needs a Java runtime. ' +
        'Install Debian\'s openjdk-17-jre-headless (.ci/run does). This test is never skipped.',
    );
  }
}

describe('Nu Html Checker', () => {
  it('finds no error on any built page', () => {
    checkJava();
    const files = htmlFiles(site);
    expect(files.length, 'built pages').toBeGreaterThan(0);
    // vnu exits non-zero on an error; the JSON report on stderr is what counts.
    const run = spawnSync('java', ['-Xss4m', '-jar', vnuJar, '--format', 'json', ...files], {
      cwd: site,
      encoding: 'utf8',
      maxBuffer: 256 * 1024 * 1024,
      timeout: 300_000,
    });
    if (run.error) throw run.error;
    let messages: VnuMessage[];
    try {
      messages = (JSON.parse(run.stderr) as { messages: VnuMessage[] }).messages;
    } catch {
      throw new Error(`The Nu Html Checker did not give a JSON report (exit ${run.status}):\n${run.stderr}\n${run.stdout}`);
    }
    const where = (m: VnuMessage) => `/${path.relative(site, decodeURI((m.url ?? '').replace(/^file:/, '')))}:${m.lastLine ?? '?'}`;
    const format = (m: VnuMessage) => `${where(m)} ${m.message}${m.extract ? `\n    ${m.extract.replace(/\s+/g, ' ').trim()}` : ''}`;

    const errors = messages.filter((m) => m.type !== 'info');
    const warnings = messages.filter((m) => m.type === 'info' && !CSP_NOISE.test(m.message));
    const noise = messages.length - errors.length - warnings.length;
    console.log(
      `vnu: ${files.length} pages checked, ${errors.length} errors, ${warnings.length} warnings` +
        (noise ? ` (and ${noise} CSP warnings that do not apply to file: URLs)` : ''),
    );
    if (warnings.length) console.log(warnings.map(format).join('\n'));
    expect(errors.map(format), 'Nu Html Checker errors').toEqual([]);
  });
});
