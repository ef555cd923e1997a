/**
 * Stamps and identities of files: what tells a build that a file was not
 * written since it was seen, without reading it (the record of the output
 * folder, the caches' signatures, the check's and the search's digests).
 */
import { statSync, type BigIntStats } from 'node:fs';

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

/** The identity (fileIdentity) of a file from its status; identityOf: of a stamp. */
export const identityOfStats = (s: BigIntStats): string => identityOf(stampOf(s));
