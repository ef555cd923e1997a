/**
 * Serves a built site with Cloudflare's own static host, `wrangler pages
 * dev` (workerd, the runtime of Cloudflare Pages), on 127.0.0.1: the site's
 * `_headers` and `_redirects`, its 404 pages, its redirects to trailing
 * slashes and its content types are then Cloudflare's, not a mock's.
 *
 * Offline and quiet: no telemetry (WRANGLER_SEND_METRICS), no update check
 * (it runs with the banner: WRANGLER_HIDE_BANNER), no download of the
 * `Request.cf` object (CLOUDFLARE_CF_FETCH_ENABLED, read by miniflare), and
 * wrangler's own files (logs, config, `.wrangler/` state) in a temporary
 * folder instead of the project or the home folder.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './build.ts';

export interface WranglerServer {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  origin: string;
  port: number;
  /** What wrangler printed so far, for failure messages. */
  output(): string;
  /** Stops wrangler and its workerd process, and waits until they exited. */
  stop(): Promise<void>;
}

/** The environment that keeps wrangler on this machine. */
export const OFFLINE_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: 'true',
  NO_COLOR: '1',
};

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Starts `wrangler pages dev <dir>` and resolves once it answers. */
export async function startWrangler(dir: string, { timeoutMs = 90_000 } = {}): Promise<WranglerServer> {
  const port = await freePort();
  const home = mkdtempSync(path.join(tmpdir(), 'rotative-wrangler-'));
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/wrangler/bin/wrangler.js'), 'pages', 'dev', path.resolve(dir), '--ip', '127.0.0.1', '--port', String(port), '--compatibility-date', '2026-01-01', '--log-level', 'info'],
    {
      cwd: home,
      // Its own process group: workerd, wrangler's child, is stopped with it.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, ...OFFLINE_ENV, HOME: home, XDG_CONFIG_HOME: path.join(home, 'config'), WRANGLER_LOG_PATH: path.join(home, 'logs') },
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        // Already gone.
      }
      const timer = setTimeout(() => {
        try {
          process.kill(-child.pid!, 'SIGKILL');
        } catch {
          // Already gone.
        }
      }, 10_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(home, { recursive: true, force: true });
  };

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      await stop();
      throw new Error(`wrangler pages dev exited before answering:\n${output}`);
    }
    if (/Ready on/.test(output)) {
      try {
        await fetch(`${origin}/`, { redirect: 'manual' });
        break;
      } catch {
        // Not listening yet.
      }
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`wrangler pages dev did not answer within ${timeoutMs / 1000} s:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { origin, port, output: () => output, stop };
}
