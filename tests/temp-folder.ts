/**
 * Every temporary folder of a test run (the sites, caches and corpora the
 * tests build, Chromium's profile) is made under one folder of the run,
 * deleted when the run ends: `os.tmpdir()` reads TMPDIR, which the test
 * workers and every build they start inherit from this process. Without it,
 * each `npm test` left about a thousand folders in the system's temporary
 * folder.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export default function setup() {
  // Once per run, whichever project asks first (the unit project, the integration one).
  if (process.env.ROTATIVE_TEST_RUN_TMP) return;
  const before = process.env.TMPDIR;
  const run = mkdtempSync(path.join(tmpdir(), 'rotative-tests-'));
  process.env.TMPDIR = run;
  process.env.ROTATIVE_TEST_RUN_TMP = run;
  return () => {
    delete process.env.ROTATIVE_TEST_RUN_TMP;
    if (before === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = before;
    rmSync(run, { recursive: true, force: true });
  };
}
