import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { openPlanningHarness, seedKaraganda, type PlanningHarness, type SeededExercise } from './harness.js';

interface Plan {
  objectives: {
    id: string;
    text: string;
    capabilityTargets: {
      id: string;
      coreCapabilityId: string;
      text: string;
      criticalTasks: { id: string; text: string }[];
    }[];
  }[];
  modules: { id: string; position: number; title: string; narrative: string; questions: string[] }[];
}
interface Finding {
  rule: string;
  number: string | null;
}

describe.each(ENGINES)('editing objectives and scenario modules on %s', (engine) => {
  let h: PlanningHarness;
  let seed: SeededExercise;
  let e = '';
  const plan = async (as: 'planner' | 'player' = 'planner') =>
    (await h.call(as, 'GET', `${e}/plan`)).json() as Plan;
  const auditActions = async () =>
    (await h.ctx.db.kysely.selectFrom('audit_log').select('action').execute()).map((r) => r.action);

  beforeAll(async () => {
    h = await openPlanningHarness(engine);
    seed = await seedKaraganda(h);
    e = `/api/v1/exercises/${seed.exerciseId}`;
  });
  afterAll(async () => h?.close());

  it('changes an objective’s text, edits, adds, reorders and removes its targets and tasks, keeping ids', async () => {
    const [objective] = (await plan()).objectives;
    const [target] = objective!.capabilityTargets;
    const [setUp, radio] = target!.criticalTasks;
    await h.ok('planner', 'PATCH', `${e}/objectives/${seed.objectiveId}`, {
      text: 'Within 20 minutes of the first report, establish a unified command post at the prison.',
      capabilityTargets: [
        {
          coreCapabilityId: 'public-information-and-warning',
          text: 'Residents near the prison warned within 40 minutes',
          criticalTasks: [{ text: 'Send a public alert to the district' }],
        },
        {
          id: target!.id,
          coreCapabilityId: 'operational-coordination',
          text: 'Unified command within 20 minutes',
          criticalTasks: [
            { id: radio!.id, text: 'Open a common radio net for all agencies' },
            { text: 'Log every decision' },
          ],
        },
      ],
    });
    const after = (await plan()).objectives[0]!;
    expect(after.text).toMatch(/^Within 20 minutes/);
    expect(after.capabilityTargets.map((t) => [t.coreCapabilityId, t.text])).toEqual([
      ['public-information-and-warning', 'Residents near the prison warned within 40 minutes'],
      ['operational-coordination', 'Unified command within 20 minutes'],
    ]);
    expect(after.capabilityTargets[1]!.id).toBe(target!.id);
    expect(after.capabilityTargets[1]!.criticalTasks).toEqual([
      { id: radio!.id, text: 'Open a common radio net for all agencies' },
      { id: expect.any(String) as string, text: 'Log every decision' },
    ]);
    expect(JSON.stringify(after)).not.toContain(setUp!.id);
    expect(await auditActions()).toContain('objective.updated');

    // Only the text: the targets stay as they are.
    await h.ok('planner', 'PATCH', `${e}/objectives/${seed.objectiveId}`, {
      text: 'Command post in 20 minutes.',
    });
    const textOnly = (await plan()).objectives[0]!;
    expect(textOnly.text).toBe('Command post in 20 minutes.');
    expect(textOnly.capabilityTargets).toEqual(after.capabilityTargets);
  });

  it('refuses bad changes naming the field, and leaves the objective as it was', async () => {
    const before = (await plan()).objectives[0]!;
    const target = before.capabilityTargets[1]!;
    const url = `${e}/objectives/${seed.objectiveId}`;
    const cases: [unknown, number, string | undefined][] = [
      [{ text: '   ' }, 422, 'text'],
      [{ text: 42 }, 400, 'text'],
      [{}, 400, undefined],
      [{ text: 'Fine', extra: true }, 400, undefined],
      [
        { capabilityTargets: [{ coreCapabilityId: 'telepathy', text: 'Read minds' }] },
        422,
        'capabilityTargets[0].coreCapabilityId',
      ],
      [
        {
          capabilityTargets: [
            {
              id: target.id,
              coreCapabilityId: 'operational-coordination',
              text: 'ok',
              criticalTasks: [{ text: '' }],
            },
          ],
        },
        422,
        'capabilityTargets[0].criticalTasks[0].text',
      ],
      [
        { capabilityTargets: [{ id: seed.teamId, coreCapabilityId: 'operational-coordination', text: 'x' }] },
        422,
        'capabilityTargets[0].id',
      ],
      [{ capabilityTargets: 'none' }, 400, undefined],
    ];
    for (const [body, status, field] of cases) {
      const res = await h.call('planner', 'PATCH', url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      if (field) expect((res.json() as { field?: string }).field, JSON.stringify(body)).toBe(field);
    }
    expect(
      (await h.call('planner', 'PATCH', `${e}/objectives/${seed.teamId}`, { text: 'x' })).statusCode,
    ).toBe(404);
    expect((await plan()).objectives[0]).toEqual(before);
  });

  it('checks inject links to critical tasks: a task link counts, a removed task is reported on its row', async () => {
    const objective = (await plan()).objectives[0]!;
    const task = objective.capabilityTargets[0]!.criticalTasks[0]!;
    await h.ok('planner', 'POST', `${e}/msel/events`, {
      number: '2',
      kind: 'inject',
      offsetMinutes: 60,
      toTeamIds: [seed.teamId],
      method: 'phone',
      title: 'Residents call about shooting',
      content: 'Several calls from the houses beside the prison.',
      expectedAction: 'Warn the district',
      criticalTaskIds: [task.id],
    });
    const findings = async () =>
      ((await h.call('controller', 'GET', `${e}/msel`)).json() as { findings: Finding[] }).findings.filter(
        (f) => f.number === '2' && /^msel\.(task|objective)\./.test(f.rule),
      );
    expect(await findings()).toEqual([]);
    await h.ok('planner', 'PATCH', `${e}/objectives/${objective.id}`, {
      capabilityTargets: objective.capabilityTargets.map((t, i) => ({
        id: t.id,
        coreCapabilityId: t.coreCapabilityId,
        text: t.text,
        criticalTasks: (i === 0 ? [] : t.criticalTasks).map((k) => ({ id: k.id, text: k.text })),
      })),
    });
    expect((await findings()).map((f) => f.rule)).toEqual(['msel.task.unknown']);
  });

  it('edits, reorders and deletes scenario modules; players can do none of it and never see them', async () => {
    await h.ok('planner', 'POST', `${e}/modules`, {
      title: 'Module 2: hostages at the airport',
      narrative: 'A bus with hostages reaches the airport perimeter.',
    });
    const [first, second] = (await plan()).modules;
    await h.ok('planner', 'PUT', `${e}/modules/${second!.id}`, {
      title: 'Module 2: the airport',
      narrative: 'The bus stops at the cargo gate.',
      questions: ['Who negotiates?'],
    });
    await h.ok('planner', 'POST', `${e}/modules/reorder`, { ids: [second!.id, first!.id] });
    expect((await plan()).modules.map((m) => [m.title, m.questions])).toEqual([
      ['Module 2: the airport', ['Who negotiates?']],
      [first!.title, first!.questions],
    ]);
    expect(await auditActions()).toEqual(expect.arrayContaining(['module.updated', 'modules.reordered']));

    // A narrative written in paragraphs, as the SitMan sets it; a control character is still refused.
    await h.ok('planner', 'PUT', `${e}/modules/${first!.id}`, {
      title: first!.title,
      narrative: 'The bus reaches the perimeter.\r\n\r\nA second vehicle follows.\n\tIts driver calls.',
    });
    expect((await plan()).modules.find((m) => m.id === first!.id)!.narrative).toBe(
      'The bus reaches the perimeter.\n\nA second vehicle follows.\n\tIts driver calls.',
    );
    const bell = await h.call('planner', 'PUT', `${e}/modules/${first!.id}`, {
      title: 'x',
      narrative: 'a\u0007b',
    });
    expect([bell.statusCode, (bell.json() as { field: string }).field]).toEqual([422, 'narrative']);
    const bad = await h.call('planner', 'PUT', `${e}/modules/${first!.id}`, { title: 'x', narrative: ' ' });
    expect([bad.statusCode, (bad.json() as { field: string }).field]).toEqual([422, 'narrative']);
    const blank = await h.call('planner', 'POST', `${e}/modules`, { title: 'Module 3', narrative: '  ' });
    expect([blank.statusCode, (blank.json() as { field: string }).field]).toEqual([422, 'narrative']);
    const unknown = await h.call('planner', 'POST', `${e}/modules/reorder`, { ids: [seed.teamId] });
    expect([unknown.statusCode, (unknown.json() as { field: string }).field]).toEqual([422, 'ids']);
    expect(
      (await h.call('planner', 'PUT', `${e}/modules/${seed.teamId}`, { title: 'x', narrative: 'y' }))
        .statusCode,
    ).toBe(404);

    for (const who of ['player', 'observer'] as const) {
      for (const [method, url, body] of [
        ['PUT', `modules/${first!.id}`, { title: 'Hijacked', narrative: 'x' }],
        ['POST', 'modules/reorder', { ids: [first!.id] }],
        ['DELETE', `modules/${first!.id}`, undefined],
        ['PATCH', `objectives/${seed.objectiveId}`, { text: 'Hijacked' }],
      ] as const) {
        expect((await h.call(who, method, `${e}/${url}`, body)).statusCode, `${who} ${method} ${url}`).toBe(
          403,
        );
      }
      expect((await plan(who === 'player' ? 'player' : 'planner')).modules.length).toBe(
        who === 'player' ? 0 : 2,
      );
    }
    expect((await plan('player')).modules).toEqual([]);
    expect(JSON.stringify(await plan('player'))).not.toContain('cargo gate');

    await h.ok('planner', 'DELETE', `${e}/modules/${second!.id}`);
    expect((await plan()).modules.map((m) => m.id)).toEqual([first!.id]);
  });
});
