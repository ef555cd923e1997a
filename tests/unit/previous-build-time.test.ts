/**
 * The pages process is handed the previous build's time by scripts/build.ts,
 * which has just read the record: the record (megabytes on a large
 * magazine) is not read again for one date.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { knowPreviousBuildTime, previousBuildTime, recordFile, writeRecord } from '../../src/publish/unchanged.ts';

describe('previousBuildTime', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'rotative-previous-build-'));
  const cacheDir = path.join(root, 'cache');
  const outDir = path.join(root, 'dist');
  writeRecord(recordFile(cacheDir, outDir), { inputs: 'x', next: null, builtAt: '2026-11-28T11:00:00.000Z', files: {}, stamps: {}, summary: [] });

  it('reads the record when nothing was handed (npm run check)', () => {
    expect(previousBuildTime(cacheDir, outDir)).toEqual(new Date('2026-11-28T11:00:00.000Z'));
  });

  it('takes the time the build handed, the record left unread', () => {
    knowPreviousBuildTime(new Date('2026-12-01T08:00:00.000Z'));
    expect(previousBuildTime(cacheDir, outDir)).toEqual(new Date('2026-12-01T08:00:00.000Z'));
    // The build found no record: none, though a file is there now.
    knowPreviousBuildTime(undefined);
    expect(previousBuildTime(cacheDir, outDir)).toBeUndefined();
  });
});
