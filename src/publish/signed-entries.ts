/**
 * Entries of the cache folder that only this machine's builds can have
 * written: the content pass's (src/content/pass-cache.ts) and the rendered
 * bodies' (src/render/cache.ts). The cache folder is not trusted (a workflow
 * restores it from a shared store, another account may write into it), and
 * what these entries say is trusted when read: that a body passed the safety
 * scan, what HTML an article publishes.
 *
 * One file per key, `<cache folder>/<folder>/<first two characters>/<key>.bin`,
 * written whole (replaceFile): the HMAC-SHA256 of the key and the payload
 * under the secret the cache folder does not hold (src/config/cache-secret.ts),
 * then the payload. Nothing of an entry is decoded before its signature
 * holds; an entry that does not verify, or does not decode, is a miss with a
 * notice (the first few named, then how many more: a new key, such as an
 * unset ROTATIVE_CACHE_KEY on CI, makes every entry unusable at once).
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { cacheSecret } from '../config/cache-secret.ts';
import { replaceFile, writingInto } from './disk.ts';

const MAC_BYTES = 32;
/** How many unusable entries the notices name one by one. */
const NAMED_NOTICES = 5;

/** How an entry's value becomes bytes and back. */
export interface EntryCodec<T> {
  encode(value: T): Uint8Array;
  /** The value of verified bytes, or undefined when they hold no value of this cache (it may also throw). */
  decode(payload: Buffer): T | undefined;
}

/** What the build's messages call a cache, and what is done instead of using an entry. */
export interface CacheWords {
  /** « cache du contenu »: starts each notice. */
  name: string;
  /** What becomes of the entry's source, one named: « le fichier est lu à nouveau ». */
  redoneOne: string;
  /** …one more than the named: « son fichier est lu à nouveau ». */
  redoneOneMore: string;
  /** …several more: « leurs fichiers sont lus à nouveau ». */
  redoneMore: string;
}

export class SignedEntries<T> {
  readonly dir: string;
  /** Notices for the build's log: the unusable entries. */
  readonly notices: string[] = [];
  /** Entries read back and used. */
  hits = 0;
  /** Entries asked for and not used (none kept, or unusable). */
  misses = 0;
  #ignored = 0;
  readonly #secret: KeyObject;
  readonly #words: CacheWords;
  readonly #codec: EntryCodec<T>;

  constructor(cacheRoot: string, folder: string, words: CacheWords, codec: EntryCodec<T>, secret: Buffer = cacheSecret()) {
    this.dir = path.join(cacheRoot, folder);
    this.#words = words;
    this.#codec = codec;
    this.#secret = createSecretKey(secret);
  }

  private fileOf(key: string): string {
    return path.join(this.dir, key.slice(0, 2), `${key}.bin`);
  }

  private mac(key: string, payload: Uint8Array): Buffer {
    return createHmac('sha256', this.#secret).update(key).update('\0').update(payload).digest();
  }

  /** The value kept under `key`, when there is one, signed with this secret; undefined otherwise. */
  get(key: string): T | undefined {
    let bytes: Buffer;
    try {
      bytes = readFileSync(this.fileOf(key));
    } catch {
      this.misses++;
      return undefined;
    }
    try {
      const payload = bytes.subarray(MAC_BYTES);
      // Nothing of an entry is decoded before its signature holds.
      if (bytes.length > MAC_BYTES && timingSafeEqual(bytes.subarray(0, MAC_BYTES), this.mac(key, payload))) {
        const value = this.#codec.decode(payload);
        if (value !== undefined) {
          this.hits++;
          return value;
        }
      }
    } catch {
      // Falls through to the notice: a truncated or foreign file.
    }
    this.misses++;
    this.#ignored++;
    const { name, redoneOne, redoneOneMore, redoneMore } = this.#words;
    if (this.#ignored <= NAMED_NOTICES) {
      this.notices.push(`${name} : entrée ignorée (${path.relative(this.dir, this.fileOf(key))}), illisible ou sans signature valide ; ${redoneOne}`);
    } else {
      const more = this.#ignored - NAMED_NOTICES;
      this.notices[NAMED_NOTICES] = `${name} : ${more} autre${more > 1 ? `s entrées ignorées de même ; ${redoneMore}` : ` entrée ignorée de même ; ${redoneOneMore}`}`;
    }
    return undefined;
  }

  /** Keeps `value` under `key`: written whole (a temporary name, then renamed), signed. */
  set(key: string, value: T): void {
    const payload = this.#codec.encode(value);
    writingInto(this.dir, `le ${this.#words.name}`, () => replaceFile(this.fileOf(key), Buffer.concat([this.mac(key, payload), payload])));
  }
}
