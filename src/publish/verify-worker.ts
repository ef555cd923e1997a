/**
 * The check of a cache folder's files against their signatures
 * (checkSigned), in a worker thread: see verifyTreeAside in restore.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkSigned, type CheckRequest } from './restore.ts';

const { tree, files, signed, policy } = workerData as CheckRequest;
parentPort!.postMessage(checkSigned(tree, files, signed, policy));
