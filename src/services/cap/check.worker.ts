import { parentPort, workerData } from 'node:worker_threads';
import { checkCap } from '../../cap/index.js';
import { capSignatureCheck } from '../../cap/dsig/index.js';
import { answerWith } from '../off-thread.js';
import type { CheckJob } from './check-off-thread.js';

/** Checks one large CAP message off the main thread (see check-off-thread.ts); answers once and exits. */
const { xml, profiles } = workerData as CheckJob;
answerWith(
  (m) => parentPort!.postMessage(m),
  () => checkCap(xml, { profiles, verifySignature: capSignatureCheck }),
);
