import { describe, expect, it } from 'vitest';
import {
  checkAnswers,
  checkQuestions,
  DEFAULT_QUESTIONS,
  questionsFor,
  summarise,
  surveyRoleOf,
  textIn,
} from './survey.js';

describe('the hot-wash survey rules', () => {
  it('offers a valid default set, worded in kk, ru and en, asking every role', () => {
    expect(checkQuestions(DEFAULT_QUESTIONS)).toBeNull();
    for (const q of DEFAULT_QUESTIONS) expect(Object.keys(q.text).sort()).toEqual(['en', 'kk', 'ru']);
    for (const role of ['player', 'controller', 'evaluator', 'observer', 'director'] as const)
      expect(questionsFor(DEFAULT_QUESTIONS, role).length).toBeGreaterThan(3);
  });

  it('maps every exercise role to a survey role', () => {
    expect(surveyRoleOf('lead-evaluator')).toBe('evaluator');
    expect(surveyRoleOf('simulator')).toBe('controller');
    expect(surveyRoleOf('actor')).toBe('player');
    expect(surveyRoleOf('trusted-agent')).toBe('controller');
    expect(surveyRoleOf('observer')).toBe('observer');
  });

  it('falls back to English, then to any wording', () => {
    expect(textIn({ en: 'Hi', ru: 'Привет' }, 'kk')).toBe('Hi');
    expect(textIn({ ru: 'Привет' }, 'kk')).toBe('Привет');
  });

  it('names the field of a bad answer and cleans text', () => {
    const bad = checkAnswers(DEFAULT_QUESTIONS, 'observer', { objectives: 0 });
    expect(bad).toEqual({
      problem: { field: 'answers/objectives', problem: 'whole_number_between', params: { min: 1, max: 5 } },
    });
    const notAsked = checkAnswers(DEFAULT_QUESTIONS, 'observer', { observable: true });
    expect(notAsked).toMatchObject({ problem: { field: 'answers/observable' } });
    const ok = checkAnswers(DEFAULT_QUESTIONS, 'observer', {
      objectives: 3,
      realism: 4,
      preparation: 5,
      strengths: '  Clear briefings\r\n',
      comments: '   ',
    });
    expect(ok).toEqual({
      answers: { objectives: 3, realism: 4, preparation: 5, strengths: 'Clear briefings' },
    });
  });

  it('summarises per role: averages, distributions, yes/no and text', () => {
    const roles = summarise(
      DEFAULT_QUESTIONS,
      [
        { role: 'player', answers: { objectives: 5, coordination: true, strengths: 'Fast' } },
        { role: 'player', answers: { objectives: 2, coordination: false } },
      ],
      { player: 3, evaluator: 1 },
    );
    expect(roles.map((r) => r.role)).toEqual(['player', 'evaluator']);
    const player = roles[0]!;
    expect(player).toMatchObject({ invited: 3, responses: 2 });
    expect(player.questions.find((q) => q.questionId === 'objectives')).toMatchObject({
      average: 3.5,
      distribution: [0, 1, 0, 0, 1],
    });
    expect(player.questions.find((q) => q.questionId === 'coordination')).toMatchObject({ yes: 1, no: 1 });
    expect(player.questions.find((q) => q.questionId === 'strengths')).toMatchObject({ answers: ['Fast'] });
    expect(roles[1]!.questions.find((q) => q.questionId === 'objectives')).toMatchObject({ average: null });
  });
});
