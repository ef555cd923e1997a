/**
 * The check of the pages' copies in Astro's cache (checkSigned), in a worker
 * thread of the pages process: see verifyAstroCacheAside in restore.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkSigned, type CheckRequest } from './restore.ts';

const { tree, files, signed } = workerData as CheckRequest;
parentPort!.postMessage(checkSigned(tree, files, signed));
