import type { AudienceMember } from './source.js';

// Members handed to the outbox at a time: large enough to keep inserts efficient, small enough
// for a crash to lose little work and for progress to move visibly. The first batch is small so
// the first deliveries reach their channel while the rest are still being written.
export const FIRST_BATCH = 500;
export const BATCH = 5000;

/**
 * A source's members, found a chunk at a time, as the batches a fan-out writes: each recipient
 * once per channel (the first time they come, so whoever a source puts first goes first), a
 * batch handed on as soon as it is full rather than once the whole audience is known.
 */
export async function* inBatches(
  chunks: AsyncIterable<readonly AudienceMember[]> | Iterable<readonly AudienceMember[]>,
  first = FIRST_BATCH,
  rest = BATCH,
): AsyncGenerator<AudienceMember[]> {
  const seen = new Set<string>();
  let batch: AudienceMember[] = [];
  let size = first;
  for await (const chunk of chunks)
    for (const m of chunk) {
      const key = `${m.recipientKind}\u0000${m.recipientId}\u0000${m.channel}`;
      if (seen.has(key)) continue;
      seen.add(key);
      batch.push(m);
      if (batch.length === size) {
        yield batch;
        batch = [];
        size = rest;
      }
    }
  if (batch.length) yield batch;
}
