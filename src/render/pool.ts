/**
 * Renders many bodies on every core: the content pass hands over the bodies
 * that the render cache does not hold, and worker threads (worker.ts) render
 * them with the same renderer, one body at a time each, in any order; the
 * results come back in the order of the jobs, so the output never depends
 * on which worker was faster. Few bodies (a warm build, a small site) are
 * rendered here, in this thread: starting workers would cost more.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Root } from 'hast';
import { renderBody, type RenderedBody } from './article.ts';
import { contextFor, type RenderData } from './context.ts';

export interface RenderJob {
  /** The parsed body; consumed (a worker gets a copy). */
  tree: Root;
  /** The site path of the page the body is rendered for. */
  url: string;
  /** The source file, for messages. */
  file: string;
  /** Its outbound links are paid for (see RenderOptions). */
  sponsored?: boolean | undefined;
}

/** Below this many bodies, one thread renders them all: starting a worker (loading the renderer) costs about 0.8 s, 160 bodies rendered in this thread. */
export const PARALLEL_FROM = 400;

export interface RenderOptions {
  /** Worker threads to use; by default one per core when there are PARALLEL_FROM bodies or more, else none. */
  threads?: number;
}

/** Renders the jobs' bodies; the results are in the order of `jobs`. */
export async function renderBodies(jobs: readonly RenderJob[], data: RenderData, options: RenderOptions = {}): Promise<RenderedBody[]> {
  const threads = Math.min(options.threads ?? (jobs.length >= PARALLEL_FROM ? availableParallelism() : 0), jobs.length);
  if (threads < 2) {
    const out: RenderedBody[] = [];
    for (const job of jobs) out.push(await renderBody(job.tree, contextFor(data, job.url, job.file), { sponsored: job.sponsored }));
    return out;
  }
  const results: RenderedBody[] = new Array(jobs.length);
  let next = 0;
  const run = () =>
    new Promise<void>((resolve, reject) => {
      const worker = new Worker(new URL('./worker.ts', import.meta.url), { workerData: data });
      let current = -1;
      const send = () => {
        current = next < jobs.length ? next++ : -1;
        if (current === -1) {
          void worker.terminate().then(() => resolve());
          return;
        }
        const job = jobs[current]!;
        worker.postMessage(job);
      };
      worker.on('message', (message: { body?: RenderedBody; error?: string }) => {
        if (message.error !== undefined) {
          void worker.terminate();
          reject(new Error(message.error));
          return;
        }
        results[current] = message.body!;
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (current !== -1) reject(new Error(`A render worker stopped (exit code ${code}) while rendering ${jobs[current]?.file}`));
      });
      send();
    });
  await Promise.all(Array.from({ length: threads }, run));
  return results;
}
