/**
 * The secret that signs what the build keeps in its cache folder (the
 * render cache: src/render/cache.ts; the content pass's cache:
 * src/content/pass-cache.ts; Astro's pages: src/publish/restore.ts), which
 * the cache folder itself never holds: whoever can write the folder (a
 * restored CI cache, another account) cannot sign what they write.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import path from 'node:path';

/**
 * The signing secret: ROTATIVE_CACHE_KEY when set (on CI, a secret of the
 * repository, so that a restored cache keeps its value), else a random key
 * kept in the user's configuration folder (`$XDG_CONFIG_HOME/rotative/`,
 * else `~/.config/rotative/`), made on first use, readable by its owner only.
 */
export function cacheSecret(processEnv: NodeJS.ProcessEnv = process.env): Buffer {
  const fromEnv = processEnv.ROTATIVE_CACHE_KEY;
  if (fromEnv) return Buffer.from(fromEnv, 'utf8');
  const dir = path.join(processEnv.XDG_CONFIG_HOME || path.join(homedir(), '.config'), 'rotative');
  const file = path.join(dir, 'cache-key');
  try {
    return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
  } catch {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    const key = randomBytes(32).toString('base64url');
    try {
      writeFileSync(file, `${key}\n`, { flag: 'wx', mode: 0o600 });
    } catch {
      // Another build made it in between: use theirs.
      return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url');
    }
    return Buffer.from(key, 'base64url');
  }
}
