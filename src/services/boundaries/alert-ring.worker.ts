import { parentPort, workerData } from 'node:worker_threads';
import { alertRingText } from '../../core/boundary/alert-ring.js';
import type { BoundaryGeometry } from '../../core/boundary/boundary.check.js';
import { answerWith } from '../off-thread.js';

/** Covers one import's outlines off the main thread (see alert-rings.ts); answers once and exits. */
const geometries = workerData as BoundaryGeometry[];
answerWith(
  (m) => parentPort!.postMessage(m),
  () => geometries.map(alertRingText),
);
