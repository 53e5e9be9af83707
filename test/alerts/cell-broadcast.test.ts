import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCap } from '../../src/cap/parse.js';
import { ALMATY_AREA_NAMES, ALMATY_POLYGON } from '../../src/core/alert/testing.js';
import { FanOutWorker } from '../../src/jobs/fanout.worker.js';
import { OutboxDispatcher } from '../../src/jobs/outbox.dispatcher.js';
import { contextFor } from '../../src/runtime.js';
import { previewAlert } from '../../src/services/alerts/alert-preview.service.js';
import {
  approveAlert,
  cancelAlert,
  createAlert,
  submitAlert,
  type AlertInput,
} from '../../src/services/alerts/alerts.service.js';
import type { AppContext } from '../../src/services/context.js';
import { cbcReceiver, threeCentres, type CbcReceiver } from '../support/cbc-receiver.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { installSigningKey, makePerson, type Person } from './harness.js';

/*
 * An approved public alert reaches the operators' Cell Broadcast Centres through the outbox: one
 * delivery per centre serving its region, ECBE to one and CAP to another, each request checked
 * by a local centre against the published schema or the CAP 1.2 XSD; a centre that fails is tried
 * again without a second broadcast; a Cancel deletes the broadcast (ECBE) or cancels it (CAP).
 */
describe.each(ENGINES)('alerts by cell broadcast on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let cbc: CbcReceiver;
  let now = new Date('2026-11-03T05:00:10.000Z');
  const tick = (seconds = 30) => (now = new Date(now.getTime() + seconds * 1000));
  let pio: Person;
  let auth: Person;
  let signing: ReturnType<typeof installSigningKey>;
  let dispatcher: OutboxDispatcher;

  const input = (over: Partial<AlertInput> = {}): AlertInput => ({
    status: 'Actual',
    hazard: 'earthquake',
    area: ALMATY_POLYGON,
    areaNames: ALMATY_AREA_NAMES,
    expiresAt: '2026-11-03T11:00:00.000Z',
    ...over,
  });

  async function send(): Promise<void> {
    await new FanOutWorker(ctx).drain();
    await dispatcher.drain();
  }

  const deliveries = () =>
    ctx.db.kysely
      .selectFrom('deliveries')
      .select(['address', 'status', 'sequence', 'provider_id'])
      .where('channel', '=', 'cellbroadcast')
      .orderBy('sequence')
      .orderBy('address')
      .execute();

  beforeAll(async () => {
    cbc = await cbcReceiver();
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    const cbcCentres = threeCentres(cbc);
    ctx = contextFor(rt.ctx.db, { ...rt.ctx.config, cbcCentres, cbcTimeoutMs: 1_000 }, { now: () => now });
    dispatcher = new OutboxDispatcher(ctx, { backoffMs: 60_000, log: () => {} });
    pio = await makePerson(ctx, 'pio', 'pio');
    auth = await makePerson(ctx, 'auth', 'authoriser');
    signing = installSigningKey(ctx);
  }, 60_000);

  afterAll(async () => {
    await ctx?.channels.close();
    signing?.remove();
    await drop?.();
    await cbc?.close();
  });

  let threadId: string;

  it('the preview counts each language’s pages with the same calculation the channel uses', async () => {
    const a = await createAlert(ctx, pio.info, pio.actor, input());
    const items = (await previewAlert(ctx, a.id)).filter((i) => i.channel === 'cellbroadcast');
    expect(items.map((i) => i.language)).toEqual(['kk', 'ru', 'en']);
    for (const i of items) expect(i.cellBroadcast).toMatchObject({ fits: true, pages: expect.any(Number) });
    expect(items[0]!.cellBroadcast!.encoding).toBe('ucs2');
    expect(items[0]!.message).not.toHaveProperty('cap');
  });

  it('an approved alert goes to each centre serving its area, the first try refused for now and the second broadcast once', async () => {
    tick();
    const a = await createAlert(ctx, pio.info, pio.actor, input());
    const s = await submitAlert(ctx, pio.info, pio.actor, a.id, a.version);
    const approved = await approveAlert(ctx, auth.info, auth.actor, s.id, s.version, auth.code());
    threadId = approved.threadId;
    cbc.answer = 503;
    await send();
    expect((await deliveries()).map((d) => [d.address, d.status])).toEqual([
      ['beeline', 'pending'],
      ['kcell', 'pending'],
    ]);
    cbc.answer = 'normal';
    tick(120);
    await dispatcher.drain();
    expect((await deliveries()).map((d) => [d.address, d.status])).toEqual([
      ['beeline', 'sent'],
      ['kcell', 'sent'],
    ]);
    const checked = cbc.requests.filter((r) => r.problems.length === 0 && r.method === 'POST');
    expect(cbc.requests.every((r) => r.problems.length === 0)).toBe(true);
    expect(cbc.requests.some((r) => r.path.startsWith('/astana'))).toBe(false);
    const ecbe = checked.filter((r) => r.path === '/api/ecbe/v1/message').map((r) => JSON.parse(r.body));
    // The refused try stopped at Kazakh; the one taken carries the same identifier and serial number.
    expect(ecbe.map((m) => m.smscb_message.payload.payload_decoded.language)).toEqual(['kk', 'kk', 'ru']);
    expect(ecbe[1]).toEqual(ecbe[0]);
    expect(cbc.broadcasting.size).toBe(2);
    const cap = checked.filter((r) => r.path === '/cap').map((r) => parseCap(r.body).alert);
    expect(cap).toHaveLength(2);
    expect(cap[1]!.identifier).toBe(cap[0]!.identifier);
    expect(cap[0]!.info[0]!.area[0]!.polygon).toHaveLength(1);
    // Another pass sends nothing again.
    const before = cbc.requests.length;
    tick(120);
    await send();
    expect(cbc.requests.length).toBe(before);
  });

  it('a Cancel deletes the ECBE broadcast and goes to a CAP centre as msgType Cancel', async () => {
    cbc.requests.length = 0;
    tick();
    const cancel = await cancelAlert(ctx, auth.info, auth.actor, threadId, 'sent in error', auth.code());
    expect(cancel.msgType).toBe('Cancel');
    await send();
    expect(cbc.requests.every((r) => r.problems.length === 0)).toBe(true);
    expect(cbc.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2);
    expect(cbc.broadcasting.size).toBe(0);
    const cap = cbc.requests.filter((r) => r.path === '/cap').map((r) => parseCap(r.body).alert);
    expect(cap).toHaveLength(1);
    expect(cap[0]).toMatchObject({ msgType: 'Cancel' });
    expect((await deliveries()).filter((d) => d.sequence === 2).map((d) => [d.address, d.status])).toEqual([
      ['beeline', 'sent'],
      ['kcell', 'sent'],
    ]);
  });
});
