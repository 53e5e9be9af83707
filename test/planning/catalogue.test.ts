import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGINES } from '../support/engines.js';
import { openPlanningHarness, seedKaraganda, type PlanningHarness, type SeededExercise } from './harness.js';

interface Entry {
  id: string;
  hazard: string;
  coreCapabilityId: string | null;
  criticalTaskTexts: string[];
}

describe.each(ENGINES)('the inject catalogue on %s', (engine) => {
  let h: PlanningHarness;
  let a: SeededExercise;
  let b: SeededExercise;
  let saved: Entry;
  let manual: Entry;

  beforeAll(async () => {
    h = await openPlanningHarness(engine);
    a = await seedKaraganda(h, 'Karaganda 2026');
    b = await seedKaraganda(h, 'Pavlodar power plant 2026');
  });
  afterAll(async () => h?.close());

  it('saves an MSEL event with its capability and critical-task texts, and a new entry by hand', async () => {
    const msel = await h.ok('planner', 'GET', `/api/v1/exercises/${a.exerciseId}/msel`);
    const event = (msel.events as { id: string }[])[0]!;
    const objective = (
      (await h.ok('planner', 'GET', `/api/v1/exercises/${a.exerciseId}/plan`)).objectives as {
        capabilityTargets: { criticalTasks: { id: string }[] }[];
      }[]
    )[0]!;
    await h.ok('planner', 'PUT', `/api/v1/exercises/${a.exerciseId}/msel/events/${event.id}`, {
      version: 1,
      number: '1',
      kind: 'inject',
      offsetMinutes: 30,
      toTeamIds: [a.teamId],
      method: 'radio',
      title: 'Shots at the prison gate',
      content: 'Duty officer reports automatic fire at the main gate.',
      expectedAction: 'Cordon the area and report to the HQ',
      objectiveIds: [a.objectiveId],
      criticalTaskIds: [objective.capabilityTargets[0]!.criticalTasks[0]!.id],
    });
    saved = (await h.ok('planner', 'POST', '/api/v1/inject-catalogue', {
      fromExercise: a.exerciseId,
      fromEvent: event.id,
    })) as unknown as Entry;
    expect(saved).toMatchObject({
      hazard: 'armed attack and hostage taking',
      coreCapabilityId: 'operational-coordination',
      criticalTaskTexts: ['Set up the command post'],
    });
    manual = (await h.ok('director', 'POST', '/api/v1/inject-catalogue', {
      hazard: 'Flood',
      coreCapabilityId: 'public-information-and-warning',
      method: 'public-alert',
      title: 'River Irtysh rises 2 m',
      content: 'The hydrological service warns of flooding in the next 6 hours.',
      criticalTaskTexts: ['Warn residents of the affected districts'],
    })) as unknown as Entry;
  });

  it('finds entries by hazard and capability; players cannot read it, controllers cannot change it', async () => {
    const q = async (query: string) =>
      ((await h.ok('controller', 'GET', `/api/v1/inject-catalogue${query}`)).items as Entry[]).map(
        (e) => e.id,
      );
    expect(await q('?hazard=FLOOD')).toEqual([manual.id]);
    expect(await q('?capability=operational-coordination')).toEqual([saved.id]);
    expect(await q('?hazard=flood&capability=operational-coordination')).toEqual([]);
    expect((await q('')).sort()).toEqual([saved.id, manual.id].sort());
    expect((await h.call('player', 'GET', '/api/v1/inject-catalogue')).statusCode).toBe(403);
    expect(
      (
        await h.call('controller', 'POST', '/api/v1/inject-catalogue', {
          fromExercise: a.exerciseId,
          fromEvent: a.teamId,
        })
      ).statusCode,
    ).toBe(403);
  });

  it('copies entries into another MSEL with links mapped onto its own objectives and tasks', async () => {
    const res = await h.call('planner', 'POST', `/api/v1/exercises/${b.exerciseId}/msel/from-catalogue`, {
      entryIds: [saved.id, manual.id],
      offsetMinutes: 90,
    });
    expect(res.statusCode, res.body).toBe(201);
    const copied = (
      res.json() as {
        items: { id: string; number: string; objectiveIds: string[]; criticalTaskIds: string[] }[];
      }
    ).items;
    const plan = await h.ok('planner', 'GET', `/api/v1/exercises/${b.exerciseId}/plan`);
    const task = (
      plan.objectives as { capabilityTargets: { criticalTasks: { id: string; text: string }[] }[] }[]
    )[0]!.capabilityTargets[0]!.criticalTasks.find((t) => t.text === 'Set up the command post')!;
    expect(copied[0]).toMatchObject({
      number: '2',
      objectiveIds: [b.objectiveId],
      criticalTaskIds: [task.id],
    });
    expect(copied[1]).toMatchObject({ number: '3', objectiveIds: [], criticalTaskIds: [] });
    const msel = await h.ok('controller', 'GET', `/api/v1/exercises/${b.exerciseId}/msel`);
    expect(msel.events).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ title: 'Shots at the prison gate', offset: 'H+01:30', approval: 'draft' }),
        expect.objectContaining({ title: 'River Irtysh rises 2 m', method: 'public-alert' }),
      ]),
    );
    expect(
      (
        await h.call('controller', 'POST', `/api/v1/exercises/${b.exerciseId}/msel/from-catalogue`, {
          entryIds: [saved.id],
        })
      ).statusCode,
    ).toBe(403);
  });
});
