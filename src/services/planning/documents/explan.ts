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
    kind: d.s.explan.kind,
    title: x.name,
    subtitle: `${d.s.explan.subtitle} — ${x.startexLocal}`,
    marking: markingOf(x.handling, d.s.defaultMarking),
    audience: d.s.explan.audience,
    lang: d.lang,
    author: d.s.product,
    pageOf: [d.s.page, d.s.of],
    blocks: [
      ...overview(d),
      ...scope(d),
      ...objectives(d, false),
      ...schedule(d),
      ...venues(d),
      ...participants(d),
      ...exerciseRules(d),
      ...safety(d),
    ],
  };
}
