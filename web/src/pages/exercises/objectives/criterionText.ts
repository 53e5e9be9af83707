import type { TFunction } from 'i18next';
import type { Criterion } from '../../../api/planningTypes';

/** What a criterion names, as the reader knows it: the inject's title and the team's name. */
export interface CriterionNames {
  injectTitle?: string | undefined;
  teamName?: string | undefined;
}

/**
 * A criterion in the reader's words ("Met when team “Patrol 7” acknowledges inject 12 “Hostages”
 * within 15 min of firing"). One whole sentence per step, team and time limit, not pieces glued
 * together, so each language keeps its own word order.
 */
export function criterionText(c: Criterion, names: CriterionNames, t: TFunction): string {
  const inject = names.injectTitle
    ? t('criteria.injectNamed', { number: c.injectNumber, title: names.injectTitle })
    : c.injectNumber;
  const teamId = c.teamId ?? null;
  const within = c.withinMinutes ?? null;
  const who = teamId === null ? 'any' : 'team';
  const key = `criteria.sentence.${c.step}.${who}${within === null ? '' : 'Within'}`;
  return t(key, {
    inject,
    team: names.teamName ?? t('criteria.unknownTeam'),
    minutes: within,
    interpolation: { escapeValue: false },
  });
}
