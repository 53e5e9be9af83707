import { parentPort, workerData } from 'node:worker_threads';
import type { BodyMessage } from './bundle-body.js';
import { readBundleText } from './bundle-body.read.js';

/**
 * Reads one large bundle body off the main thread (see bundle-body.ts), then hands the value back
 * a slice at a time, each when asked for: a slice's copy is all the main thread pays for at once.
 */
const SLICE_CHARS = 256 * 1024;

function* slices(value: Record<string, unknown>): Generator<BodyMessage> {
  const head: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) head[key] = Array.isArray(v) ? [] : v;
  yield { head };
  for (const [key, v] of Object.entries(value)) {
    if (!Array.isArray(v)) continue;
    let items: unknown[] = [];
    let chars = 0;
    for (const item of v as unknown[]) {
      items.push(item);
      chars += JSON.stringify(item)?.length ?? 4;
      if (chars >= SLICE_CHARS) {
        yield { key, items };
        items = [];
        chars = 0;
      }
    }
    if (items.length) yield { key, items };
  }
}

const port = parentPort!;
try {
  const outcome = readBundleText(workerData as Uint8Array);
  if ('refused' in outcome) port.postMessage({ refused: outcome.refused } satisfies BodyMessage);
  else {
    const next = slices(outcome.value);
    const send = () => port.postMessage(next.next().value ?? ({ end: true } satisfies BodyMessage));
    port.on('message', send);
    send();
  }
} catch (err) {
  port.postMessage({ failure: err instanceof Error ? err.message : String(err) } satisfies BodyMessage);
}
