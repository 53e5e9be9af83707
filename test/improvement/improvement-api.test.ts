import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImprovementItem } from '../../src/services/improvement/model.js';
import { itemsForExercise } from '../../src/store/improvement.repository.js';
import { ENGINES } from '../support/engines.js';
import { openImprovementWorld, type ImprovementWorld } from './fixture.js';

describe.each(ENGINES)('the improvement plan across two exercises on %s', (engine) => {
  let w: ImprovementWorld;
  let fromObservation: ImprovementItem;
  let medics: ImprovementItem;

  const body = (extra: Record<string, unknown> = {}) => ({
    exerciseId: w.autumn,
    capabilityId: w.capability,
    element: 'planning',
    issue: 'Ambulances waited 25 minutes at the cordon for an escort',
    correctiveAction: 'Agree an escort procedure between police and emergency medicine',
    organisationId: w.orgA,
    owner: { userId: w.users.get('planner-a') },
    startOn: '2026-11-01',
    dueOn: '2026-11-30',
    ...extra,
  });

  beforeAll(async () => {
    w = await openImprovementWorld(engine);
  }, 120_000);
  afterAll(async () => w?.close());

  it('lets an evaluator raise an item from an observation, and only from one', async () => {
    const refused = await w.call('evaluator-a', 'POST', '/improvement', body());
    expect(refused.statusCode).toBe(403);
    const res = await w.call('evaluator-a', 'POST', '/improvement', body({ observationId: w.observation }));
    expect(res.statusCode, res.body).toBe(201);
    fromObservation = res.json();
    expect(fromObservation).toMatchObject({
      status: 'open',
      observationId: w.observation,
      capabilityName: 'On-scene security',
      organisationName: 'Karaganda city HQ',
      owner: { userId: w.users.get('planner-a'), name: 'planner-a one' },
      exerciseName: 'Karaganda full-scale',
      mayManage: false,
      moves: [],
    });
  });

  it('lets a planner raise an item owned by another agency, with a named owner and its contact', async () => {
    const res = await w.call(
      'planner-a',
      'POST',
      '/improvement',
      body({
        element: 'equipment',
        organisationId: w.orgB,
        owner: { name: 'Dr Aliya Nurlanovna' },
        contactEmail: 'duty@medics.example.kz',
        correctiveAction: 'Equip every ambulance crew with a police-band radio',
        dueOn: '2027-01-15',
      }),
    );
    expect(res.statusCode, res.body).toBe(201);
    medics = res.json();
    expect(medics).toMatchObject({ owner: { userId: null, name: 'Dr Aliya Nurlanovna' }, mayManage: true });
    expect(medics.moves).toEqual(['in_progress', 'completed', 'cancelled']);
  });

  it('refuses bad input, naming the field', async () => {
    const cases: [Record<string, unknown>, number, string][] = [
      [{ element: 'luck' }, 422, 'element'],
      [{ dueOn: '2026-02-30' }, 422, 'dueOn'],
      [{ startOn: '2026-12-01', dueOn: '2026-11-30' }, 422, 'dueOn'],
      [{ issue: '   ' }, 422, 'issue'],
      [{ capabilityId: w.users.get('director') }, 422, 'capabilityId'],
      [{ organisationId: w.users.get('director') }, 422, 'organisationId'],
      [{ owner: {} }, 422, 'owner.name'],
      [{ owner: { userId: w.orgA } }, 422, 'owner.userId'],
      [{ contactEmail: 'not an address' }, 422, 'contactEmail'],
      [{ observationId: w.orgA }, 422, 'observationId'],
      [{ testInExerciseId: w.autumn }, 422, 'testInExerciseId'],
      [{ exerciseId: w.orgA }, 422, 'exerciseId'],
      [{ surprise: 1 }, 400, 'surprise'],
    ];
    for (const [extra, status, field] of cases) {
      const res = await w.call('planner-a', 'POST', '/improvement', body(extra));
      expect(res.statusCode, `${field}: ${res.body}`).toBe(status);
      expect(JSON.stringify(res.json()), field).toContain(field);
    }
    const bad = await w.call('planner-a', 'POST', `/improvement/${medics.id}/status`, { status: 'done' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ field: 'status' });
  });

  it('moves an item through its statuses, refuses impossible moves and audits each', async () => {
    const url = `/improvement/${fromObservation.id}/status`;
    expect((await w.call('evaluator-a', 'POST', url, { status: 'in_progress' })).statusCode).toBe(403);
    const stale = await w.call('planner-a', 'POST', url, { status: 'in_progress', version: 99 });
    expect(stale.statusCode).toBe(409);
    const moved = await w.call('planner-a', 'POST', url, { status: 'in_progress', version: 1 });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ status: 'in_progress', version: 2 });
    const cancelled = await w.call('planner-a', 'POST', `/improvement/${medics.id}/status`, {
      status: 'cancelled',
    });
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', moves: [] });
    const back = await w.call('planner-a', 'POST', `/improvement/${medics.id}/status`, { status: 'open' });
    expect(back.statusCode).toBe(409);
    expect(back.json()).toMatchObject({ code: 'improvement_transition', field: 'status' });
    const audit = await w.ctx.db.kysely
      .selectFrom('audit_log')
      .select(['action', 'subject_id', 'detail'])
      .where('action', 'like', 'improvement.%')
      .orderBy('seq')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'improvement.created',
      'improvement.created',
      'improvement.status',
      'improvement.status',
    ]);
    expect(JSON.parse(audit[2]!.detail as unknown as string)).toMatchObject({
      from: 'open',
      to: 'in_progress',
    });
  });

  it('shows each role and scope only the items it may read', async () => {
    const seen = async (as: string) => {
      const res = await w.call(as, 'GET', '/improvement');
      if (res.statusCode !== 200) return res.statusCode;
      return (res.json() as { items: ImprovementItem[] }).items.map((i) => i.id).sort();
    };
    const both = [fromObservation.id, medics.id].sort();
    expect(await seen('director')).toEqual(both);
    expect(await seen('director-a')).toEqual(both);
    expect(await seen('planner-a')).toEqual(both);
    expect(await seen('evaluator-a')).toEqual(both);
    // Agency B took no part in the exercise, but is responsible for one item: it sees that one.
    expect(await seen('director-b')).toEqual([medics.id]);
    expect(await seen('controller-a')).toBe(403);
    expect(await seen('player-a')).toBe(403);
    expect(await seen('pio-a')).toBe(403);
    expect((await w.call('director-b', 'GET', `/improvement/${fromObservation.id}`)).statusCode).toBe(404);
    expect((await w.call('director-b', 'GET', `/improvement/${medics.id}`)).statusCode).toBe(200);
    // B's planner may reopen nothing of A's, and may not move B's own cancelled item back.
    expect(
      (
        await w.call('planner-b', 'POST', `/improvement/${fromObservation.id}/status`, {
          status: 'completed',
        })
      ).statusCode,
    ).toBe(404);
  });

  it('filters the list by status, organisation, capability and overdue', async () => {
    const ids = async (query: string) =>
      (
        (await w.call('director', 'GET', `/improvement?${query}`)).json() as { items: ImprovementItem[] }
      ).items.map((i) => i.id);
    expect(await ids('status=cancelled')).toEqual([medics.id]);
    expect(await ids(`organisationId=${w.orgA}`)).toEqual([fromObservation.id]);
    expect(await ids(`capabilityId=${w.capability}`)).toHaveLength(2);
    // On 3 December: the first was due on 30 November; the cancelled one is late for nothing.
    expect(await ids('overdue=true')).toEqual([fromObservation.id]);
    expect(await ids('overdue=false')).toEqual([medics.id]);
    expect((await w.call('director', 'GET', '/improvement?overdue=maybe')).statusCode).toBe(400);
  });

  it('proposes an item to the later exercise, where the planner makes an objective of it', async () => {
    const early = await w.call('planner-a', 'POST', `/improvement/${fromObservation.id}/test-in`, {
      exerciseId: w.autumn,
    });
    expect(early.statusCode).toBe(422);
    expect(early.json()).toMatchObject({ field: 'testInExerciseId' });
    const marked = await w.call('planner-a', 'POST', `/improvement/${fromObservation.id}/test-in`, {
      exerciseId: w.spring,
    });
    expect(marked.statusCode, marked.body).toBe(200);
    expect(marked.json()).toMatchObject({
      testIn: { exerciseId: w.spring, exerciseName: 'Karaganda spring follow-up', state: 'proposed' },
    });

    const page = await w.call('planner-a', 'GET', `/exercises/${w.spring}/improvement`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ raised: [], mayPlan: true });
    expect((page.json() as { proposed: ImprovementItem[] }).proposed.map((i) => i.id)).toEqual([
      fromObservation.id,
    ]);
    const autumnPage = (await w.call('director', 'GET', `/exercises/${w.autumn}/improvement`)).json() as {
      raised: ImprovementItem[];
    };
    expect(autumnPage.raised.map((i) => i.id).sort()).toEqual([fromObservation.id, medics.id].sort());

    const proposal = `/exercises/${w.spring}/improvement/proposals/${fromObservation.id}`;
    expect((await w.call('evaluator-a', 'POST', proposal, { decision: 'accept' })).statusCode).toBe(403);
    const accepted = await w.call('planner-a', 'POST', proposal, { decision: 'accept' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const { objectiveId } = accepted.json() as { objectiveId: string };
    const objective = await w.ctx.db.kysely
      .selectFrom('objectives')
      .selectAll()
      .where('id', '=', objectiveId)
      .executeTakeFirstOrThrow();
    expect(objective).toMatchObject({ exercise_id: w.spring, text: fromObservation.correctiveAction });
    const target = await w.ctx.db.kysely
      .selectFrom('capability_targets')
      .selectAll()
      .where('objective_id', '=', objectiveId)
      .executeTakeFirstOrThrow();
    expect(target.core_capability_id).toBe(w.capability);
    const again = await w.call('planner-a', 'POST', proposal, { decision: 'dismiss' });
    expect(again.statusCode).toBe(409);
    const item = (
      await w.call('director', 'GET', `/improvement/${fromObservation.id}`)
    ).json() as ImprovementItem;
    expect(item.testIn).toMatchObject({ state: 'accepted', objectiveId });
  });

  it('hands the after-action report the exercise’s plan with names', async () => {
    const lines = await itemsForExercise(w.ctx.db.kysely, w.autumn);
    expect(lines).toHaveLength(2);
    expect(lines.find((l) => l.id === medics.id)).toMatchObject({
      capabilityName: 'On-scene security',
      organisationName: 'Emergency medicine',
      owner: 'Dr Aliya Nurlanovna',
      element: 'equipment',
      startOn: '2026-11-01',
      dueOn: '2027-01-15',
      status: 'cancelled',
    });
    expect(await itemsForExercise(w.ctx.db.kysely, w.spring)).toEqual([]);
  });
});
