/**
 * A render worker (see pool.ts): receives the build's RenderData once, then
 * one job at a time, and answers with the rendered body or the error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { renderBody } from './article.ts';
import { contextFor, type RenderData } from './context.ts';
import type { RenderJob } from './pool.ts';

const data = workerData as RenderData;
parentPort!.on('message', (job: RenderJob) => {
  renderBody(job.tree, contextFor(data, job.url, job.file), { sponsored: job.sponsored }).then(
    (body) => parentPort!.postMessage({ body }),
    (err: unknown) => parentPort!.postMessage({ error: `${job.file}: ${err instanceof Error ? err.message : String(err)}` }),
  );
});
