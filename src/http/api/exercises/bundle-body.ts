import { errorCodes } from 'fastify';
import { badField } from '../../../errors.js';
import { slots, startThread, workerModule } from '../../../services/off-thread.js';
import { readBundleText, type BodyRefusal } from './bundle-body.read.js';

/*
 * A bundle of 24 MB took 90–370 ms to parse and as long again to validate, all on the main thread:
 * every other request of the installation, public alerts among them, waited for it. A large body is
 * read in a worker thread and comes back in slices of about 256 KB of JSON, each copied in its own
 * turn of the event loop. A small one is read in place: a worker's start costs more than its parse.
 */

/** Bodies up to this size are read in place (a few milliseconds). */
export const IN_PLACE_BYTES = 256 * 1024;

/** What the worker posts: first the refusal or the head (arrays empty), then a slice per request. */
export type BodyMessage =
  | { refused: BodyRefusal }
  | { failure: string }
  | { head: Record<string, unknown> }
  | { key: string; items: unknown[] }
  | { end: true };

const READER = workerModule('bundle-body.worker', import.meta.url);

/** Large bodies read at once, as workbooks are parsed (spreadsheet/parse-off-thread.ts); the rest wait. */
export const MAX_PARALLEL_READS = 2;
const readers = slots(MAX_PARALLEL_READS);

/** Bodies being read in worker threads now: lets a test see the server answer while one is. */
export const bodiesInFlight = (): number => readers.inUse();

/** The same error Fastify would have raised for this body, so the problem answer is the same. */
function refusalError(r: BodyRefusal): Error {
  switch (r.kind) {
    case 'empty':
      return new errorCodes.FST_ERR_CTP_EMPTY_JSON_BODY();
    case 'not_json':
      return new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY();
    case 'unicode':
      return badField(r.field, 'invalid_unicode', undefined, 400);
    case 'schema':
      return Object.assign(new Error('body does not match its schema'), {
        statusCode: 400,
        validation: r.errors,
        validationContext: 'body',
      });
  }
}

/**
 * The bundle in a request body (the raw bytes), parsed and validated against `BundleSchema` as
 * Fastify would have, without holding the event loop for more than a slice's copy.
 */
export async function readBundleBody(bytes: Buffer): Promise<unknown> {
  if (bytes.byteLength <= IN_PLACE_BYTES) {
    const outcome = readBundleText(bytes);
    if ('refused' in outcome) throw refusalError(outcome.refused);
    return outcome.value;
  }
  // The body's own memory moves to the thread; a view into a shared pool is copied first.
  const data =
    bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
      ? new Uint8Array(bytes.buffer)
      : new Uint8Array(bytes);
  return readers.run(() => readInThread(data));
}

async function readInThread(data: Uint8Array): Promise<unknown> {
  const worker = startThread(READER, data, 1536, [data.buffer as ArrayBuffer]);
  try {
    return await new Promise<unknown>((resolve, reject) => {
      let bundle: Record<string, unknown> | undefined;
      worker.on('message', (m: BodyMessage) => {
        if ('refused' in m) return reject(refusalError(m.refused));
        if ('failure' in m) return reject(new Error(`the bundle reader failed: ${m.failure}`));
        if ('end' in m) return resolve(bundle);
        if ('head' in m) bundle = m.head;
        else (bundle![m.key] as unknown[]).push(...m.items);
        worker.postMessage('next');
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the bundle reader stopped (exit code ${code})`)));
    });
  } finally {
    void worker.terminate();
  }
}
