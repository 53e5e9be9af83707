import { pacer } from '../../../store/turns.js';

/** About this much text goes out per piece; the event loop may turn between pieces. */
const PIECE = 64 * 1024;

/**
 * A bundle's JSON text, exactly as `JSON.stringify` would write it, in pieces: a 13 MB bundle
 * written in one call held the event loop for about 200 ms, and Fastify's serializer as long.
 * Each array item is written on its own, so the loop turns every 10 ms of writing.
 */
export async function* jsonInPieces(value: Record<string, unknown>): AsyncGenerator<string> {
  const pace = pacer(10);
  let piece = '{';
  let first = true;
  for (const [key, v] of Object.entries(value)) {
    // As JSON.stringify: a property whose value it cannot write is left out.
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
    piece += `${first ? '' : ','}${JSON.stringify(key)}:`;
    first = false;
    if (!Array.isArray(v)) {
      piece += JSON.stringify(v);
      continue;
    }
    piece += '[';
    for (let i = 0; i < v.length; i++) {
      piece += (i ? ',' : '') + (JSON.stringify(v[i]) ?? 'null');
      if (piece.length >= PIECE) {
        yield piece;
        piece = '';
        await pace();
      }
    }
    piece += ']';
  }
  yield piece + '}';
}
