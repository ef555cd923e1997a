/**
 * Stamps and identities of files: what tells a build that a file was not
 * written since it was seen, without reading it (the record of the output
 * folder, the caches' signatures, the check's and the search's digests);
 * and the sha256 of a file's bytes, for when it must be read.
 */
import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, statSync, type BigIntStats } from 'node:fs';

/**
 * What says a file was not written since it was seen: its device and
 * inode, its size, and its modification and change times in nanoseconds.
 * The change time (ctime) moves with every write, rename onto it, link and
 * unlink of another name of the file, and no tool sets it back (`touch -r`
 * sets the modification time only). So a file with the stamp of the record
 * holds the recorded bytes; a file with another stamp may still (a link
 * made or removed, `touch`): it is read and hashed before it counts as
 * changed.
 */
export function fileStamp(file: string): string | undefined {
  const s = statSync(file, { bigint: true, throwIfNoEntry: false });
  return s?.isFile() ? stampOf(s) : undefined;
}

/**
 * The stamp of a folder (symbolic links followed), as of a file: a name
 * added, removed or replaced in it moves its modification and change times.
 */
export function folderStamp(dir: string): string | undefined {
  const s = statSync(dir, { bigint: true, throwIfNoEntry: false });
  return s?.isDirectory() ? stampOf(s) : undefined;
}

/** The stamp of a file from its status (fileStamp). */
export function stampOf(s: BigIntStats): string {
  return `${s.dev}:${s.ino}:${s.size}:${s.mtimeNs}:${s.ctimeNs}`;
}

/**
 * The very file, not written since: a stamp without its change time, which
 * also moves when a link to the file is made or removed (as builds link
 * restored pages and published images to the cache's files). An edit in place with its modification
 * time put back keeps it: what it spares reading is a build's own finding
 * (the check), or a file checked against its stamp too.
 */
export function fileIdentity(file: string): string | undefined {
  const stamp = fileStamp(file);
  return stamp && identityOf(stamp);
}

export const identityOf = (stamp: string) => stamp.slice(0, stamp.lastIndexOf(':'));
/** The change time of a stamp (fileStamp), in nanoseconds. */
export const changeTimeOf = (stamp: string): bigint => BigInt(stamp.slice(stamp.lastIndexOf(':') + 1));

/** The identity (fileIdentity) of a file from its status; identityOf: of a stamp. */
export const identityOfStats = (s: BigIntStats): string => identityOf(stampOf(s));

/**
 * The buffer fileSha256 reads through, one per thread: a new buffer for each
 * file (readFileSync) costs its memory's page faults, and the image cache
 * is a gigabyte at 4,000 articles (its 16,000 files hashed in 1.8 s of CPU
 * that way, 0.9 s through one buffer).
 */
const readBuffer = Buffer.allocUnsafe(1 << 20);

/** The sha256 (hex) of the bytes of `file`, or undefined when there is no such file; any other error is thrown. */
export function fileSha256(file: string): string | undefined {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw err;
  }
  try {
    const hash = createHash('sha256');
    for (let n: number; (n = readSync(fd, readBuffer, 0, readBuffer.length, null)) > 0; ) hash.update(readBuffer.subarray(0, n));
    return hash.digest('hex');
  } finally {
    closeSync(fd);
  }
}

/** The sha256 of `file` (fileSha256), or undefined when it cannot be read at all (gone, refused, a folder): for checks that only say it is unreadable. */
export function readableSha256(file: string): string | undefined {
  try {
    return fileSha256(file);
  } catch {
    return undefined;
  }
}
