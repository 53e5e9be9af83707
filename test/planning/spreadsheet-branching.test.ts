import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/core/policy/policy.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { getBranching, setBranching } from '../../src/services/planning/branching.service.js';
import { createExercise } from '../../src/services/planning/exercises.service.js';
import { exportSpreadsheet } from '../../src/services/planning/export.service.js';
import { importSpreadsheet } from '../../src/services/planning/import.service.js';
import {
  approveEvents,
  deleteEvent,
  getMsel,
  submitEvents,
} from '../../src/services/planning/msel.service.js';
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

const EVENTS = [
  '1;H+00:10;Call at the gate;СОБР;phone;Shots at the prison gate',
  '2;H+00:40;School seized;СОБР;radio;A group seized school 12',
  '3;H+01:30;Storming;СОБР;radio;The assault group goes in',
  '4;H+02:00;Negotiation;СОБР;phone;The negotiator calls',
  '5;H+02:30;Casualties;СОБР;in-person;Ambulances at the gate',
];
const sheet = (header: string, rows: readonly string[]) => Buffer.from([header, ...rows].join('\r\n'));
const withBranching = (...branching: string[]) =>
  sheet(
    'Number;Offset (H+);Title;To (teams);Method;Content;Question;Options;Waits for;Delay (min)',
    EVENTS.map((e, i) => `${e};${branching[i] ?? ';;;'}`),
  );

/** The branching by event number, as a planner reads it. */
async function branchingByNumber(ctx: AppContext, exerciseId: string) {
  const [msel, plan] = await Promise.all([
    getMsel(ctx, PLANNER, exerciseId),
    getBranching(ctx, PLANNER, exerciseId),
  ]);
  const number = new Map(msel.events.map((e) => [e.id, e.number]));
  return Object.fromEntries(
    plan.events.map((b) => [
      number.get(b.eventId),
      {
        decision: b.decision,
        releaseOn:
          b.releaseOn?.kind === 'decision'
            ? { ...b.releaseOn, eventId: number.get(b.releaseOn.eventId) }
            : b.releaseOn,
      },
    ]),
  );
}

describe.each(ENGINES)('MSEL spreadsheets carry branching on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    ctx = rt.ctx;
    drop = rt.drop;
  });
  afterAll(async () => drop?.());

  async function exercise(name: string): Promise<string> {
    const ex = await createExercise(ctx, SYSTEM_ACTOR, {
      name,
      type: 'full-scale',
      timeZone: 'Asia/Almaty',
      startex: '2026-10-25T09:00:00+05:00',
      endex: '2026-10-25T17:00:00+05:00',
    });
    await addTeam(ctx, SYSTEM_ACTOR, PLANNER, ex.id, { name: 'СОБР' });
    return ex.id;
  }

  /** The demo's shape: the HQ decides to storm or negotiate, each branch waits for its option. */
  async function branchedExercise(name: string): Promise<string> {
    const id = await exercise(name);
    const first = await importSpreadsheet(ctx, PLANNER_INFO, PLANNER, id, 'msel', withBranching());
    expect(first.ok).toBe(true);
    const ids = new Map((await getMsel(ctx, PLANNER, id)).events.map((e) => [e.number, e.id]));
    const set = (n: string, input: Parameters<typeof setBranching>[5]) =>
      setBranching(ctx, PLANNER_INFO, PLANNER, id, ids.get(n)!, input);
    await set('2', { decision: { question: 'Storm or negotiate?', options: ['Storm', 'Negotiate'] } });
    await set('3', {
      releaseOn: { kind: 'decision', eventId: ids.get('2')!, option: 'Storm', delayMinutes: 5 },
    });
    await set('4', {
      releaseOn: { kind: 'decision', eventId: ids.get('2')!, option: 'Negotiate', delayMinutes: 0 },
    });
    await set('5', { releaseOn: { kind: 'milestone', milestone: 'Perimeter secured', delayMinutes: 15 } });
    return id;
  }

  const WORDS = {
    en: ['Question', 'event 2: Storm', 'milestone: Perimeter secured'],
    ru: ['Вопрос обучаемым', 'вводная 2: Storm', 'рубеж: Perimeter secured'],
    kk: ['Жаттығушыларға сұрақ', 'кіріспе 2: Storm', 'меже: Perimeter secured'],
  } as const;

  it.each(
    (['csv', 'xlsx'] as const).flatMap((format) =>
      (['en', 'ru', 'kk'] as const).map((lang) => [format, lang] as const),
    ),
  )(
    'exports the branching as %s in %s and imports it into a fresh exercise unchanged',
    async (format, lang) => {
      const from = await branchedExercise(`Export ${format} ${lang}`);
      const file = await exportSpreadsheet(ctx, PLANNER, from, 'msel', format, lang);
      if (format === 'csv') {
        const text = file.body.toString('utf8');
        for (const word of WORDS[lang]) expect(text).toContain(word);
      }
      const to = await exercise(`Import ${format} ${lang}`);
      const report = await importSpreadsheet(ctx, PLANNER_INFO, PLANNER, to, 'msel', file.body);
      expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
      expect(report.ok).toBe(true);
      expect(await branchingByNumber(ctx, to)).toEqual(await branchingByNumber(ctx, from));
    },
  );

  it.each(['ru', 'kk'] as const)(
    're-imports its approved %s export with every approval kept',
    async (lang) => {
      const id = await branchedExercise(`Re-import ${lang}`);
      await submitEvents(ctx, PLANNER_INFO, PLANNER, id);
      expect((await approveEvents(ctx, APPROVER_INFO, APPROVER, id)).mselApproved).toBe(true);
      const before = (await getMsel(ctx, PLANNER, id)).events.map((e) => e.id);
      const file = (await exportSpreadsheet(ctx, PLANNER, id, 'msel', 'xlsx', lang)).body;
      const same = await importSpreadsheet(ctx, PLANNER_INFO, PLANNER, id, 'msel', file);
      expect(same.ok).toBe(true);
      expect(same.changes).toMatchObject({
        changed: [],
        added: [],
        approvalsReset: 0,
        listApproval: 'approved',
      });
      expect(same.changes?.unchanged).toHaveLength(before.length);
      const after = (await getMsel(ctx, PLANNER, id)).events;
      expect(after.map((e) => e.id)).toEqual(before);
      expect(after.every((e) => e.approval === 'approved')).toBe(true);
    },
  );

  it('re-imports its own export without touching an approval; a changed branching goes back to review', async () => {
    const id = await branchedExercise('Re-import');
    await submitEvents(ctx, PLANNER_INFO, PLANNER, id);
    expect((await approveEvents(ctx, APPROVER_INFO, APPROVER, id)).mselApproved).toBe(true);
    const file = (await exportSpreadsheet(ctx, PLANNER, id, 'msel', 'csv')).body;
    const same = await importSpreadsheet(ctx, PLANNER_INFO, PLANNER, id, 'msel', file);
    expect(same.ok).toBe(true);
    expect(same.changes).toMatchObject({ changed: [], approvalsReset: 0, listApproval: 'approved' });
    expect((await getMsel(ctx, PLANNER, id)).events.every((e) => e.approval === 'approved')).toBe(true);

    const edited = Buffer.from(file.toString('utf8').replace('event 2: Storm', 'event 2: Negotiate'));
    const dry = await importSpreadsheet(ctx, PLANNER_INFO, PLANNER, id, 'msel', edited, { dryRun: true });
    expect(dry.ok).toBe(true);
    expect(dry.changes?.changed).toEqual([
      expect.objectContaining({ number: '3', fields: ['branching'], approvalBefore: 'approved' }),
    ]);
    const applied = await importSpreadsheet(ctx, PLANNER_INFO, PLANNER, id, 'msel', edited);
    expect(applied.ok).toBe(true);
    const events = (await getMsel(ctx, PLANNER, id)).events;
    expect(events.find((e) => e.number === '3')!.approval).toBe('draft');
    expect(events.filter((e) => e.approval === 'approved')).toHaveLength(4);
    expect((await branchingByNumber(ctx, id))['3']!.releaseOn).toMatchObject({
      eventId: '2',
      option: 'Negotiate',
    });
  });

  it.each([
    [
      'an unknown event number',
      ['', 'Storm or negotiate?;Storm | Negotiate;;', ';;event 9: Storm;5'],
      4,
      'no event of this MSEL has the number 9',
    ],
    [
      'an option not offered',
      ['', 'Storm or negotiate?;Storm | Negotiate;;', ';;event 2: Surrender;5'],
      4,
      '“Surrender” is not one of the options',
    ],
    [
      'a chain that waits on itself',
      ['Go?;Yes | No;event 2: Yes;0', 'Sure?;Yes | No;event 1: Yes;0'],
      2,
      'would wait on itself',
    ],
    [
      'an unreadable "Waits for"',
      ['', 'Go?;Yes | No;;', ';;when 2 says yes;0'],
      4,
      'write “event <number>: <option>”',
    ],
  ])(
    'refuses %s in the dry run, naming row and column, and writes nothing',
    async (_what, branching, row, message) => {
      const id = await exercise(`Bad: ${_what}`);
      for (const dryRun of [true, false]) {
        const report = await importSpreadsheet(
          ctx,
          PLANNER_INFO,
          PLANNER,
          id,
          'msel',
          withBranching(...branching),
          {
            dryRun,
          },
        );
        expect(report.ok).toBe(false);
        expect(report.issues).toContainEqual(
          expect.objectContaining({
            row,
            field: 'waitsFor',
            severity: 'error',
            message: expect.stringContaining(message),
          }),
        );
      }
      expect((await getMsel(ctx, PLANNER, id)).events).toEqual([]);
      expect((await getBranching(ctx, PLANNER, id)).events).toEqual([]);
    },
  );

  it.each([
    [
      'kk',
      'Нөмірі;Ығысу (С+);Тақырып;Кімге (топтар);Жеткізу тәсілі;Мазмұны;Жаттығушыларға сұрақ;Нұсқалар;Күтеді;Кідіріс (мин)',
      'кіріспе 2: Штурм',
      'меже: Периметр',
    ],
    [
      'ru',
      'Номер;Смещение (Ч+);Заголовок;Кому (команды);Способ доведения;Содержание;Вопрос обучаемым;Варианты;Ждёт;Задержка (мин)',
      'вводная №2: штурм',
      'рубеж: Периметр',
    ],
  ])('reads %s headers and words', async (_lang, header, waitsDecision, waitsMilestone) => {
    const id = await exercise(`Headers ${_lang}`);
    const rows = EVENTS.map((e, i) =>
      [
        e,
        ['', 'Штурм или переговоры?;Штурм\nПереговоры;;', `;;${waitsDecision};5`, `;;${waitsMilestone};0`][
          i
        ] ?? ';;;',
      ]
        .join(';')
        .replace('Штурм\nПереговоры', '"Штурм\nПереговоры"'),
    );
    const report = await importSpreadsheet(ctx, PLANNER_INFO, PLANNER, id, 'msel', sheet(header, rows));
    expect(report.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(
      report.columns.filter((c) => c.field && ['question', 'options', 'waitsFor', 'delay'].includes(c.field)),
    ).toHaveLength(4);
    const b = await branchingByNumber(ctx, id);
    expect(b['2']!.decision).toEqual({ question: 'Штурм или переговоры?', options: ['Штурм', 'Переговоры'] });
    expect(b['3']!.releaseOn).toEqual({
      kind: 'decision',
      eventId: '2',
      option: waitsDecision.split(': ')[1],
      delayMinutes: 5,
    });
    expect(b['4']!.releaseOn).toEqual({ kind: 'milestone', milestone: 'Периметр', delayMinutes: 0 });
  });

  it('never removes an event another inject waits for, by a re-import or by deletion', async () => {
    const id = await branchedExercise('Removal');
    const before = (await getMsel(ctx, PLANNER, id)).events;
    const header = 'Number;Offset (H+);Title;To (teams);Method;Content';
    // The sheet drops event 2, the HQ's decision that 3 and 4 wait for, and has no branching columns.
    const without2 = sheet(header, [EVENTS[0]!, EVENTS[2]!, EVENTS[3]!, EVENTS[4]!]);
    const refused = await importSpreadsheet(ctx, PLANNER_INFO, PLANNER, id, 'msel', without2, {
      removeMissing: true,
    });
    expect(refused.ok).toBe(false);
    expect(refused.issues.filter((i) => i.severity === 'error')).toEqual([
      expect.objectContaining({ row: 3, field: 'waitsFor', message: expect.stringContaining('event 2') }),
      expect.objectContaining({ row: 4, field: 'waitsFor', message: expect.stringContaining('event 2') }),
    ]);
    expect((await getMsel(ctx, PLANNER, id)).events).toEqual(before);

    const two = before.find((e) => e.number === '2')!.id;
    const deleted = deleteEvent(ctx, PLANNER_INFO, PLANNER, id, two);
    await expect(deleted).rejects.toMatchObject({
      status: 409,
      field: 'id',
      fault: { problem: 'decision_awaited', params: { numbers: '3, 4' } },
    });
    expect((await getMsel(ctx, PLANNER, id)).events).toEqual(before);

    // Removed together with the injects that wait for it, nothing is left waiting.
    const with15 = sheet(header, [EVENTS[0]!, EVENTS[4]!]);
    const removed = await importSpreadsheet(ctx, PLANNER_INFO, PLANNER, id, 'msel', with15, {
      removeMissing: true,
    });
    expect(removed.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(removed.ok).toBe(true);
    expect((await getMsel(ctx, PLANNER, id)).events.map((e) => e.number)).toEqual(['1', '5']);
    expect(Object.keys(await branchingByNumber(ctx, id))).toEqual(['5']);
  });
});
