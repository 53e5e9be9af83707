import { parentPort, workerData } from 'node:worker_threads';
import { answerWith } from '../off-thread.js';
import { readFeedDocument, trustAnchorsIn, type ReadJob } from './read-feed.js';

/** Reads one large feed document off the main thread (see read-feed.ts); answers once and exits. */
const { body, trustStore, receivedAt } = workerData as ReadJob;
answerWith(
  (m) => parentPort!.postMessage(m),
  () => readFeedDocument(body, trustStore ? trustAnchorsIn(trustStore) : [], new Date(receivedAt)),
);
