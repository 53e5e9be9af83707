import { RATING_DEFINITIONS, RATINGS } from '../../core/evaluation/rating.js';
import { escapeHtml } from '../planning/documents/html.js';
import type { EvaluationGuide } from './eeg.service.js';
import { capabilityName } from '../../core/exercise/capability-names.js';

export const PRINT_LANGS = ['kk', 'ru', 'en'] as const;
export type PrintLang = (typeof PRINT_LANGS)[number];

const EN = {
  kind: 'Exercise Evaluation Guide',
  marking: 'For evaluators only: not to be shown to players',
  objective: 'Objective',
  capability: 'Core capability',
  target: 'Capability target',
  tasks: 'Critical tasks',
  observed: 'Observations (time, who, what)',
  rating: 'Rating of the capability target',
  reasoning: 'Reasoning',
  evaluator: 'Evaluator',
  signature: 'Signature',
  ratings: 'Ratings',
  assigned: 'Assigned',
  none: 'This exercise has no capability targets yet.',
};

const WORDS: Record<PrintLang, Record<keyof typeof EN, string>> = {
  en: EN,
  ru: {
    kind: 'Руководство по оценке учения',
    marking: 'Только для оценщиков: не показывать обучаемым',
    objective: 'Задача',
    capability: 'Базовая способность',
    target: 'Целевой показатель',
    tasks: 'Критические задачи',
    observed: 'Наблюдения (время, кто, что)',
    rating: 'Оценка целевого показателя',
    reasoning: 'Обоснование',
    evaluator: 'Оценщик',
    signature: 'Подпись',
    ratings: 'Оценки',
    assigned: 'Назначены',
    none: 'У этого учения пока нет целевых показателей.',
  },
  kk: {
    kind: 'Оқу-жаттығуды бағалау нұсқаулығы',
    marking: 'Тек бағалаушыларға: жаттығушыларға көрсетілмейді',
    objective: 'Мақсат',
    capability: 'Негізгі қабілет',
    target: 'Қабілеттің мақсатты көрсеткіші',
    tasks: 'Шешуші міндеттер',
    observed: 'Байқаулар (уақыт, кім, не)',
    rating: 'Мақсатты көрсеткіштің бағасы',
    reasoning: 'Негіздеме',
    evaluator: 'Бағалаушы',
    signature: 'Қолы',
    ratings: 'Бағалар',
    assigned: 'Тағайындалған',
    none: 'Бұл оқу-жаттығуда әзірге мақсатты көрсеткіштер жоқ.',
  },
};

// One section per page on paper; empty boxes and ruled lines are what the evaluator fills in by hand.
const STYLE = `
body{font:11pt/1.4 system-ui,"Segoe UI",Roboto,"Noto Sans",sans-serif;margin:0 auto;max-width:50rem;padding:0 1.5rem 2rem;color:#000}
.marking{text-align:center;font-weight:700;text-transform:uppercase;color:#8b0000;border-bottom:2px solid #8b0000;padding:.3rem}
h1{font-size:1.6rem;margin:.6rem 0}h2{font-size:1.2rem;margin:0 0 .4rem}section{border-top:2px solid #000;padding-top:.8rem;margin-top:1.5rem}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem .8rem;margin:.3rem 0}dt{font-weight:600}dd{margin:0}
ol{padding-left:1.4rem}li{margin:.3rem 0}.lines{border-bottom:1px solid #666;height:1.6rem}
.boxes{display:flex;gap:1rem;flex-wrap:wrap;margin:.5rem 0}.box{display:flex;gap:.4rem;align-items:flex-start;width:47%}
.box span.sq{flex:none;display:inline-block;width:1.1rem;height:1.1rem;border:1.5px solid #000;margin-top:.1rem}
.box small{display:block;color:#333}.legend{font-size:.85rem}
@media print{body{padding:0;max-width:none}section{break-before:page;border-top:none;margin-top:0}li,.box{break-inside:avoid}.marking{position:fixed;top:0;left:0;right:0;background:#fff}}
`;

const lines = (n: number) => Array.from({ length: n }, () => '<div class="lines"></div>').join('');

/**
 * The guide for paper: one section per capability target with its critical tasks, blank P/S/M/U
 * boxes with their HSEEP definitions, and lines for notes and reasoning. Self-contained, no scripts,
 * every value escaped; printed from the browser.
 */
export function renderGuideForPrint(guide: EvaluationGuide, lang: PrintLang): string {
  const w = WORDS[lang];
  const boxes = RATINGS.map(
    (r) =>
      `<div class="box"><span class="sq" aria-hidden="true"></span><div><b>${r}</b> — ${escapeHtml(
        RATING_DEFINITIONS[r].title[lang],
      )}</div></div>`,
  ).join('');
  const legend = RATINGS.map(
    (r) =>
      `<dt>${r}</dt><dd><b>${escapeHtml(RATING_DEFINITIONS[r].title[lang])}.</b> ${escapeHtml(
        RATING_DEFINITIONS[r].text[lang],
      )}</dd>`,
  ).join('');
  const sections = guide.sections
    .map(
      (s) =>
        `<section><h2>${escapeHtml(s.target.text)}</h2><dl>` +
        `<dt>${w.objective}</dt><dd>${escapeHtml(s.objective.text)}</dd>` +
        `<dt>${w.capability}</dt><dd>${escapeHtml(capabilityName(s.coreCapability.id, s.coreCapability.name, lang))}</dd>` +
        (s.evaluators.length ? `<dt>${w.assigned}</dt><dd>${escapeHtml(s.evaluators.join(', '))}</dd>` : '') +
        `</dl><h3>${w.tasks}</h3><ol>` +
        s.criticalTasks.map((k) => `<li>${escapeHtml(k.text)}${lines(2)}</li>`).join('') +
        `</ol><h3>${w.observed}</h3>${lines(6)}` +
        `<h3>${w.rating}</h3><div class="boxes">${boxes}</div>` +
        `<h3>${w.reasoning}</h3>${lines(4)}` +
        `<dl><dt>${w.evaluator}</dt><dd>${lines(1)}</dd><dt>${w.signature}</dt><dd>${lines(1)}</dd></dl></section>`,
    )
    .join('\n');
  return (
    `<!doctype html>\n<html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(`${w.kind}: ${guide.name}`)}</title><style>${STYLE}</style></head><body>` +
    `<div class="marking" role="note">${escapeHtml(w.marking)}</div>` +
    `<header><p>${escapeHtml(w.kind)}</p><h1>${escapeHtml(guide.name)}</h1></header><main>` +
    `<h2>${w.ratings}</h2><dl class="legend">${legend}</dl>` +
    (sections || `<p>${escapeHtml(w.none)}</p>`) +
    `</main></body></html>`
  );
}
