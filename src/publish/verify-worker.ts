/**
 * The check of a cache folder against its signatures, in a worker thread:
 * see verifyImageCache and verifyTreeAside in restore.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkSigned, verifyTree, type CheckRequest } from './restore.ts';

const request = workerData as CheckRequest;
parentPort!.postMessage('secret' in request ? verifyTree(request.tree, request.secret, request.policy) : checkSigned(request.tree, request.files, request.signed, request.policy));
