import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { createExercise, getExercise } from '../../src/services/planning/exercises.service.js';
import { exportSpreadsheet } from '../../src/services/planning/export.service.js';
import { importSpreadsheet } from '../../src/services/planning/import.service.js';
import { approveEvents, getMsel, submitEvents } from '../../src/services/planning/msel.service.js';
import { addTeam } from '../../src/services/planning/plan.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';

const PLANNER: Actor = {
  userId: 'planner',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
};
const APPROVER: Actor = {
  userId: 'approver',
  grants: [{ role: 'admin', organisationId: null, exerciseId: null }],
};
const PLANNER_INFO = { userId: null, name: 'planner' };
const APPROVER_INFO = { userId: 'approver', name: 'approver' };

const HEADER = 'Number;Offset (H+);Title;To (teams);Method;Content';
const csv = (...rows: string[]) => Buffer.from([HEADER, ...rows].join('\r\n'));

describe.each(ENGINES)('MSEL re-import by number on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
  });
  afterAll(async () => drop?.());

  /** An exercise whose four-event MSEL has been imported, submitted and approved whole. */
  async function approvedMsel(name: string): Promise<string> {
    const ex = await createExercise(ctx, SYSTEM_ACTOR, {
      name,
      type: 'full-scale',
      timeZone: 'Asia/Almaty',
      startex: '2026-10-25T09:00:00+05:00',
      endex: '2026-10-25T17:00:00+05:00',
    });
    await addTeam(ctx, SYSTEM_ACTOR, PLANNER, ex.id, { name: 'СОБР' });
    const first = await importSpreadsheet(
      ctx,
      PLANNER_INFO,
      PLANNER,
      ex.id,
      'msel',
      csv(
        '1;H+00:10;Call at the gate;СОБР;phone;Shots at the prison gate',
        '2;H+00:40;School seized;СОБР;radio;A group seized school 12',
        '3;H+01:30;Bus to the airport;СОБР;radio;Hostages on a bus',
        '4;H+02:00;At the airport;СОБР;in-person;The bus arrived',
      ),
    );
    expect(first.ok).toBe(true);
    await submitEvents(ctx, PLANNER_INFO, PLANNER, ex.id);
    expect(await approveEvents(ctx, APPROVER_INFO, APPROVER, ex.id)).toEqual({
      approved: 4,
      mselApproved: true,
    });
    return ex.id;
  }

  it('shows on the dry run what a re-import keeps, changes, adds and would remove, and writes nothing', async () => {
    const id = await approvedMsel('Dry run');
    const before = await getMsel(ctx, PLANNER, id);
    const edited = csv(
      '1;H+00:10;Call at the gate;СОБР;phone;Shots at the prison gate',
      '2;H+00:45;School seized;СОБР;radio;A group seized school 12 and took hostages',
      '4;H+02:00;At the airport;СОБР;in-person;The bus arrived',
      '5;H+03:00;Negotiations;СОБР;phone;The negotiator calls',
    );
    const dry = await importSpreadsheet(ctx, PLANNER_INFO, PLANNER, id, 'msel', edited, { dryRun: true });
    expect(dry.ok).toBe(true);
    expect(dry.imported).toBe(0);
    expect(dry.changes).toMatchObject({
      unchanged: [
        { number: '1', approval: 'approved' },
        { number: '4', approval: 'approved' },
      ],
      changed: [{ row: 3, number: '2', fields: ['offsetMinutes', 'content'], approvalBefore: 'approved' }],
      added: [{ row: 5, number: '5' }],
      missing: [{ number: '3', title: 'Bus to the airport', approval: 'approved' }],
      removed: false,
      approvalsKept: 3,
      approvalsReset: 1,
      listApproval: 'draft',
    });
    expect(dry.preview.map((p) => [p.number, p.outcome])).toEqual([
      ['1', 'unchanged'],
      ['2', 'changed'],
      ['4', 'unchanged'],
      ['5', 'added'],
    ]);
    expect(dry.issues.map((i) => i.message).join('\n')).toMatch(
      /1 event\(s\) already in the MSEL are not in the sheet \(3\); they are kept unless you confirm/,
    );
    const after = await getMsel(ctx, PLANNER, id);
    expect(after.events).toEqual(before.events);
    expect(after.approval).toBe('approved');
  });

  it('keeps ids and approvals of unchanged events, sends changed ones to draft, adds new ones, keeps missing ones', async () => {
    const id = await approvedMsel('Plain re-import');
    const before = new Map((await getMsel(ctx, PLANNER, id)).events.map((e) => [e.number, e]));
    const report = await importSpreadsheet(
      ctx,
      PLANNER_INFO,
      PLANNER,
      id,
      'msel',
      csv(
        '1;H+00:10;Call at the gate;СОБР;phone;Shots at the prison gate',
        '2;H+00:45;School seized;СОБР;radio;A group seized school 12 and took hostages',
        '4;H+02:00;At the airport;СОБР;in-person;The bus arrived',
        '5;H+03:00;Negotiations;СОБР;phone;The negotiator calls',
      ),
    );
    expect(report.ok).toBe(true);
    expect(report.imported).toBe(2);
    const msel = await getMsel(ctx, PLANNER, id);
    const by = new Map(msel.events.map((e) => [e.number, e]));
    expect([...by.keys()].sort()).toEqual(['1', '2', '3', '4', '5']);
    for (const n of ['1', '3', '4']) {
      expect(by.get(n)!.id).toBe(before.get(n)!.id);
      expect(by.get(n)!.approval).toBe('approved');
      expect(by.get(n)!.version).toBe(before.get(n)!.version);
    }
    expect(by.get('2')!.id).toBe(before.get('2')!.id);
    expect(by.get('2')!.approval).toBe('draft');
    expect(by.get('2')!.changedSinceApproval).toEqual(['offsetMinutes', 'content']);
    expect(by.get('5')!.approval).toBe('draft');
    expect(msel.approval).toBe('draft');
    expect((await getExercise(ctx, PLANNER, id)).mselApproval).toBe('draft');
  });

  it('removes the events the sheet no longer names only when the planner confirms', async () => {
    const id = await approvedMsel('Confirmed removal');
    const sheet = csv(
      '1;H+00:10;Call at the gate;СОБР;phone;Shots at the prison gate',
      '2;H+00:40;School seized;СОБР;radio;A group seized school 12',
      '4;H+02:00;At the airport;СОБР;in-person;The bus arrived',
    );
    const report = await importSpreadsheet(ctx, PLANNER_INFO, PLANNER, id, 'msel', sheet, {
      removeMissing: true,
    });
    expect(report.changes).toMatchObject({ missing: [{ number: '3' }], removed: true, approvalsKept: 3 });
    const msel = await getMsel(ctx, PLANNER, id);
    expect(msel.events.map((e) => [e.number, e.approval])).toEqual([
      ['1', 'approved'],
      ['2', 'approved'],
      ['4', 'approved'],
    ]);
    // What is left was approved whole, so the list stays ready.
    expect(msel.approval).toBe('approved');
  });

  it('round-trips its own export without touching a single approval', async () => {
    const id = await approvedMsel('Own export');
    const before = (await getMsel(ctx, PLANNER, id)).events;
    for (const format of ['xlsx', 'csv'] as const) {
      const file = await exportSpreadsheet(ctx, PLANNER, id, 'msel', format);
      const report = await importSpreadsheet(ctx, PLANNER_INFO, PLANNER, id, 'msel', file.body, {
        replace: true,
      });
      expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(report.changes).toMatchObject({ changed: [], added: [], missing: [], approvalsReset: 0 });
      expect(report.changes!.unchanged).toHaveLength(4);
      expect(report.imported).toBe(0);
    }
    const after = await getMsel(ctx, PLANNER, id);
    expect(after.events).toEqual(before);
    expect(after.approval).toBe('approved');
  });

  it('keeps what a sheet without a column says nothing about', async () => {
    const id = await approvedMsel('Fewer columns');
    const report = await importSpreadsheet(
      ctx,
      PLANNER_INFO,
      PLANNER,
      id,
      'msel',
      Buffer.from('Number;Offset (H+)\r\n1;H+00:10\r\n2;H+00:50\r\n3;H+01:30\r\n4;H+02:00'),
      { dryRun: true },
    );
    expect(report.ok).toBe(true);
    expect(report.changes).toMatchObject({
      changed: [{ number: '2', fields: ['offsetMinutes'] }],
      missing: [],
    });
  });
});
