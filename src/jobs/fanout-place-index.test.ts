import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ENGINES, openTestRuntime } from '../../test/support/engines.js';
import { subscriberRow } from '../../test/support/subscribers.js';
import { circlePolygon } from '../core/alert/area.js';
import type { AppContext } from '../services/context.js';
import { placeIndex } from '../services/subscriptions/place-index.js';
import { subscriberRepository as subscribers } from '../store/subscriber.repository.js';
import { FanOutWorker } from './fanout.worker.js';

/*
 * Between fan-outs the worker keeps its process's place index current, patched with whoever
 * signed up or changed since: the next alert's expansion reads no place at all before its first
 * batch (at a million residents, reading them all took seconds).
 */

const AT = '2026-12-06T05:00:00.000Z';

describe.each(ENGINES)('the fan-out worker between fan-outs, on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let worker: FanOutWorker | undefined;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
  });
  afterEach(async () => {
    await worker?.stop();
    vi.restoreAllMocks();
  });
  afterAll(() => drop());

  async function signUp(): Promise<string> {
    const id = randomUUID();
    await subscribers.insert(ctx.db.kysely, subscriberRow(id, AT));
    await subscribers.setContact(ctx.db.kysely, id, 'email', `${id}@example.org`, AT);
    await subscribers.verifyContact(ctx.db.kysely, id, 'email', AT);
    await subscribers.insertPlaces(ctx.db.kysely, [
      {
        id: `p-${id}`,
        subscriber_id: id,
        kind: 'point',
        label: 'Қарағанды',
        lon: 73.1,
        lat: 49.8,
        radius_m: 200,
      },
    ]);
    return id;
  }

  it('patches the place index with each sign-up, so a fan-out finds it current', async () => {
    await signUp();
    const reads = vi.spyOn(subscribers, 'activePlaces');
    worker = new FanOutWorker(ctx, { pollMs: 50, placeIndexEveryMs: 50 });
    worker.start();
    await vi.waitFor(() => expect(reads).toHaveBeenCalled(), { timeout: 10_000 });
    const id = await signUp();
    // The worker reads the one who signed up, and only them.
    await vi.waitFor(() => expect(reads.mock.calls.some((call) => call[1]?.includes(id))).toBe(true), {
      timeout: 10_000,
    });
    await vi.waitFor(async () => {
      const before = reads.mock.calls.length;
      const index = await placeIndex(ctx.db);
      expect(reads.mock.calls.length).toBe(before);
      const found = [...index.matchEach([circlePolygon(73.1, 49.8, 1000)])]
        .flat()
        .map((i) => index.owner(i).id);
      expect(found).toContain(id);
    });
    expect(reads.mock.calls.filter((call) => call[1] === undefined)).toHaveLength(1);
  });

  it('leaves the index alone when told to', async () => {
    const reads = vi.spyOn(subscribers, 'activePlaces');
    worker = new FanOutWorker(ctx, { pollMs: 20, placeIndexEveryMs: 0 });
    worker.start();
    await signUp();
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(reads).not.toHaveBeenCalled();
  });
});
