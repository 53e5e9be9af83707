import {
  exerciseRules,
  objectives,
  overview,
  participants,
  safety,
  schedule,
  scope,
  venues,
} from './common.js';
import type { DocumentData } from './data.js';
import { markingOf, type DocumentModel } from './model.js';

/**
 * The Exercise Plan (HSEEP ExPlan) for players and observers: what, where, when, how to behave and
 * stay safe. It is built only from what players may read — never the scenario, the modules or the
 * MSEL — whoever asks for it, so a controller cannot hand out something that gives the play away.
 */
export function buildExPlan(d: DocumentData): DocumentModel {
  const x = d.plan.exercise;
  return {
    kind: 'Exercise Plan (ExPlan)',
    title: x.name,
    subtitle: `Exercise Plan — ${x.startexLocal}`,
    marking: markingOf(x.handling),
    audience: 'For players, observers and everyone taking part.',
    blocks: [
      ...overview(d),
      ...scope(d),
      ...objectives(d, false),
      ...schedule(d),
      ...venues(d),
      ...participants(d),
      ...exerciseRules(),
      ...safety(d),
    ],
  };
}
