/**
 * Loaded into a build with `node --import` (tests only): the disk is "full"
 * for the paths listed in ROTATIVE_TEST_DISK_FULL (separated by the path
 * delimiter; an entry ending in `*` is a prefix, any other a folder and what
 * it holds). Every write, copy, rename or folder creation there fails with
 * ENOSPC as the system says it (`ENOSPC: no space left on device, write`,
 * no path: a full disk is met by write(2), after open succeeded).
 * ROTATIVE_TEST_DISK_FULL_TIMES=n: only the first n such operations fail
 * (space freed since, as when a rename back frees the entry it takes).
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const entries = (process.env.ROTATIVE_TEST_DISK_FULL ?? '').split(path.delimiter).filter(Boolean);

let failures = Number(process.env.ROTATIVE_TEST_DISK_FULL_TIMES ?? Infinity);

function full(target: unknown): boolean {
  if (failures <= 0) return false;
  const p = typeof target === 'string' ? path.resolve(target) : target instanceof URL ? fileURLToPath(target) : undefined;
  if (p === undefined) return false;
  const hit = entries.some((e) => (e.endsWith('*') ? p.startsWith(e.slice(0, -1)) : p === e || p.startsWith(e + path.sep)));
  if (hit) failures--;
  return hit;
}

function enospc(syscall: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`ENOSPC: no space left on device, ${syscall}`), { errno: -28, code: 'ENOSPC', syscall });
}

type AnyFn = (...args: never[]) => unknown;
function guard<T extends AnyFn>(original: T, targetArg: number, syscall: string): T {
  return function (this: unknown, ...args: Parameters<T>) {
    if (full(args[targetArg])) throw enospc(syscall);
    return original.apply(this, args);
  } as T;
}
function guardAsync<T extends AnyFn>(original: T, targetArg: number, syscall: string): T {
  return async function (this: unknown, ...args: Parameters<T>) {
    if (full(args[targetArg])) throw enospc(syscall);
    return original.apply(this, args);
  } as unknown as T;
}

if (entries.length > 0) {
  fs.writeFileSync = guard(fs.writeFileSync, 0, 'write');
  fs.appendFileSync = guard(fs.appendFileSync, 0, 'write');
  fs.copyFileSync = guard(fs.copyFileSync, 1, 'copyfile');
  fs.cpSync = guard(fs.cpSync, 1, 'copyfile');
  fs.renameSync = guard(fs.renameSync, 1, 'rename');
  fs.mkdirSync = guard(fs.mkdirSync, 0, 'mkdir');
  fs.linkSync = guard(fs.linkSync, 1, 'link');
  const p = fs.promises;
  p.writeFile = guardAsync(p.writeFile, 0, 'write');
  p.copyFile = guardAsync(p.copyFile, 1, 'copyfile');
  p.cp = guardAsync(p.cp, 1, 'copyfile');
  p.rename = guardAsync(p.rename, 1, 'rename');
  p.mkdir = guardAsync(p.mkdir, 0, 'mkdir');
  p.link = guardAsync(p.link, 1, 'link');
  syncBuiltinESMExports();
}
