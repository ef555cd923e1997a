/**
 * The build's environment, read in ONE place. Everything downstream receives
 * these values as arguments: no other module reads process.env or the clock.
 *
 * - ROTATIVE_CONTENT_DIR: the content tree (default ./content)
 * - SITE_URL: the public URL, which may end with a path when the magazine is
 *   hosted under one (https://example.org/magazine/) (default: `url` of site.yaml)
 * - ROTATIVE_NOW: "now" for scheduled publishing, ISO 8601 (default: real time)
 * - ROTATIVE_CACHE_DIR: where image variants are kept between builds
 *   (default node_modules/.cache/rotative)
 * - ROTATIVE_OUT_DIR: where the site is written (default ./dist)
 * - ROTATIVE_PREVIEW=1: drafts and scheduled articles are shown (set by
 *   `npm run dev` only, so writers can preview them; never by a build)
 */
import path from 'node:path';

export interface Environment {
  contentDir: string;
  siteUrl: string | undefined;
  now: Date;
  cacheDir: string;
  outDir: string;
  preview: boolean;
}

/** Reads and checks the environment variables; throws a plain message on a bad value. */
export function readEnvironment(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Environment {
  const now = env.ROTATIVE_NOW ? new Date(env.ROTATIVE_NOW) : new Date();
  if (Number.isNaN(now.getTime())) {
    throw new Error(`ROTATIVE_NOW: found "${env.ROTATIVE_NOW}", expected an ISO 8601 date such as 2016-05-12T08:00:00+02:00`);
  }
  const siteUrl = env.SITE_URL?.trim() || undefined;
  if (siteUrl && !/^https?:\/\/[^/]+/.test(siteUrl)) {
    throw new Error(`SITE_URL: found "${siteUrl}", expected an origin such as https://magazine.example`);
  }
  return {
    contentDir: path.resolve(cwd, env.ROTATIVE_CONTENT_DIR || 'content'),
    siteUrl: siteUrl?.replace(/\/+$/, ''),
    now,
    cacheDir: path.resolve(cwd, env.ROTATIVE_CACHE_DIR || 'node_modules/.cache/rotative'),
    outDir: path.resolve(cwd, env.ROTATIVE_OUT_DIR || 'dist'),
    preview: env.ROTATIVE_PREVIEW === '1',
  };
}

/** readEnvironment for command-line scripts: a bad value prints its message and exits 1, no stack trace. */
export function readEnvironmentOrExit(): Environment {
  try {
    return readEnvironment();
  } catch (err) {
    console.error(`✖ ${(err as Error).message}`);
    process.exit(1);
  }
}

