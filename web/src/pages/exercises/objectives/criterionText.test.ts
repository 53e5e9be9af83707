import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { RESOURCES } from '../../../i18n/resources';
import type { Criterion, Objective } from '../../../api/planningTypes';
import { criterionText } from './criterionText';
import { changeOf, criterionFieldOf, draftOf } from './objectiveDraft';

async function tIn(lng: 'kk' | 'ru' | 'en') {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng,
    resources: {
      en: { translation: RESOURCES.en },
      kk: { translation: RESOURCES.kk },
      ru: { translation: RESOURCES.ru },
    },
  });
  return i18n.t;
}

const ack: Criterion = {
  kind: 'inject_step',
  injectNumber: '12',
  step: 'acknowledged',
  teamId: 'team-1',
  withinMinutes: 15,
};
const names = { injectTitle: 'Hostages at the airport', teamName: 'Patrol 7' };

describe('a criterion in the reader’s words', () => {
  it('names the team, the inject by number and title, the step and the time limit in each language', async () => {
    expect(criterionText(ack, names, await tIn('en'))).toBe(
      'Met when team “Patrol 7” acknowledges inject 12 “Hostages at the airport” within 15 min of firing.',
    );
    expect(criterionText(ack, names, await tIn('ru'))).toBe(
      'Выполнена, когда команда «Patrol 7» подтвердит вводную 12 «Hostages at the airport» не позднее 15 мин после выдачи.',
    );
    expect(criterionText(ack, names, await tIn('kk'))).toBe(
      '«Patrol 7» тобы 12 «Hostages at the airport» кіріспесін берілгеннен кейін 15 мин ішінде растағанда орындалады.',
    );
  });

  it('says "any team" and leaves the time out when the criterion has neither', async () => {
    const open: Criterion = { ...ack, step: 'first_action', teamId: null, withinMinutes: null };
    expect(criterionText(open, {}, await tIn('en'))).toBe(
      'Met when any team reports a first action on inject 12.',
    );
    expect(criterionText({ ...open, step: 'delivered' }, {}, await tIn('ru'))).toBe(
      'Выполнена, когда вводная 12 доставлена любой команде.',
    );
  });

  it('has a sentence for every step, team and time limit in every language, with no key left showing', async () => {
    for (const lng of ['kk', 'ru', 'en'] as const) {
      const t = await tIn(lng);
      for (const step of ['delivered', 'acknowledged', 'first_action'] as const)
        for (const teamId of ['team-1', null])
          for (const withinMinutes of [5, null]) {
            const text = criterionText({ ...ack, step, teamId, withinMinutes }, names, t);
            expect(text).not.toMatch(/criteria\.|{{/);
            expect(text).toContain('12');
            if (withinMinutes) expect(text).toContain('5');
            if (teamId) expect(text).toContain('Patrol 7');
          }
    }
  });

  it('does not escape names into HTML entities (React escapes them itself)', async () => {
    const text = criterionText(ack, { teamName: 'A & B <1>' }, await tIn('en'));
    expect(text).toContain('“A & B <1>”');
  });
});

const objective: Objective = {
  id: 'o1',
  position: 1,
  text: 'Respond',
  capabilityTargets: [
    {
      id: 't1',
      coreCapabilityId: 'cap',
      text: 'Target',
      criticalTasks: [
        { id: 'k1', text: 'Acknowledge', criterion: ack },
        { id: 'k2', text: 'Act' },
      ],
    },
  ],
};

describe('the criterion sent with an objective change', () => {
  it('is left out when untouched, so the server keeps it', () => {
    const tasks = changeOf(draftOf(objective)).capabilityTargets![0]!.criticalTasks;
    expect(tasks).toEqual([
      { id: 'k1', text: 'Acknowledge' },
      { id: 'k2', text: 'Act' },
    ]);
  });

  it('is sent when set or changed, and sent as null when cleared', () => {
    const draft = draftOf(objective);
    const [first, second] = draft.targets[0]!.tasks;
    first!.criterion = null;
    second!.criterion = { injectNumber: '3', step: 'delivered', teamId: '', within: '' };
    const tasks = changeOf(draft).capabilityTargets![0]!.criticalTasks;
    expect(tasks[0]).toEqual({ id: 'k1', text: 'Acknowledge', criterion: null });
    expect(tasks[1]).toEqual({
      id: 'k2',
      text: 'Act',
      criterion: {
        kind: 'inject_step',
        injectNumber: '3',
        step: 'delivered',
        teamId: null,
        withinMinutes: null,
      },
    });
    second!.criterion = { injectNumber: '3', step: 'delivered', teamId: 'team-1', within: 7.5 };
    expect(changeOf(draft).capabilityTargets![0]!.criticalTasks[1]!.criterion).toMatchObject({
      teamId: 'team-1',
      withinMinutes: 7.5,
    });
  });
});

describe('a refused field of the change', () => {
  it('is found at its task and input in both spellings the API uses', () => {
    expect(criterionFieldOf('capabilityTargets[1].criticalTasks[2].criterion.injectNumber')).toEqual({
      target: 1,
      task: 2,
      field: 'injectNumber',
    });
    expect(criterionFieldOf('capabilityTargets.0.criticalTasks.3.criterion.withinMinutes')).toEqual({
      target: 0,
      task: 3,
      field: 'within',
    });
    expect(criterionFieldOf('capabilityTargets[0].criticalTasks[0].criterion')?.field).toBe('criterion');
    expect(criterionFieldOf('capabilityTargets[0].criticalTasks[0].text')).toBeNull();
    expect(criterionFieldOf(undefined)).toBeNull();
  });
});
