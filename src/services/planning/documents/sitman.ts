import { exerciseRules, objectives, overview, participants, scope } from './common.js';
import type { DocumentData } from './data.js';
import { markingOf, type Block, type DocumentModel } from './model.js';

/**
 * The Situation Manual (HSEEP SitMan) of a discussion-based exercise: the modules with their
 * narrative and discussion questions. The modules are the controllers' side until play reveals them,
 * so the facilitator holds this document and hands out each module as play reaches it.
 */
export function buildSitMan(d: DocumentData): DocumentModel {
  const x = d.plan.exercise;
  const s = d.s.modules;
  const modules: Block[] = [{ kind: 'heading', level: 1, text: s.heading }];
  if (d.plan.modules.length === 0) modules.push({ kind: 'paragraph', text: s.none });
  for (const m of d.plan.modules) {
    modules.push(
      { kind: 'heading', level: 2, text: s.module(m.position, m.title) },
      ...m.narrative
        .split(/\n{2,}/)
        .filter((p) => p.trim())
        .map((text) => ({ kind: 'paragraph' as const, text })),
    );
    if (m.questions.length)
      modules.push(
        { kind: 'heading', level: 3, text: s.questions },
        { kind: 'list', items: m.questions.map((q, i) => `${i + 1}. ${q}`) },
      );
  }
  return {
    kind: d.s.sitman.kind,
    title: x.name,
    subtitle: `${d.s.sitman.subtitle} — ${x.startexLocal}`,
    marking: markingOf(x.handling, d.s.defaultMarking),
    audience: d.s.sitman.audience,
    lang: d.lang,
    author: d.s.product,
    pageOf: [d.s.page, d.s.of],
    blocks: [
      ...overview(d),
      ...scope(d),
      ...objectives(d, false),
      ...participants(d),
      ...modules,
      ...exerciseRules(d),
    ],
  };
}
