import { normaliseLabel } from './labels.js';

/**
 * How planners point at an objective in a sheet: by its number ("2", "O2", "Obj. 2", "Objective 2",
 * "Цель 2", "Ц-2", "Цель №2", "2-мақсат", "Мақсат 2", "2. …"), by its number with its text after
 * it ("Objective 2: Rescue the hostages", «Цель 2: …», «2-мақсат: …»), or by its text alone, in
 * whatever language the plan is written in.
 */

export interface ObjectiveForRef {
  id: string;
  position: number;
  text?: string;
}

const WORD = '(?:objective|obj|o|цель|ц|задача|мақсат|maksat)';
const END = '(?=$|[\\s:.,;)\\-–—])';
const NUMBER_FIRST = new RegExp(`^${WORD}\\.?\\s*[-‑–]?\\s*(?:№|no\\.?|#)?\\s*(\\d+)${END}`, 'iu');
const KAZAKH = new RegExp(`^(\\d+)\\s*[-‑–]?\\s*${WORD}${END}`, 'iu');
const BARE = /^(\d+)(?=$|[\s:.)])/u;

/** The number a reference names, and the text after it if any. */
function numbered(ref: string): { n: number; rest: string } | null {
  for (const re of [NUMBER_FIRST, KAZAKH, BARE]) {
    const m = re.exec(ref);
    if (m) return { n: Number(m[1]), rest: ref.slice(m[0].length).replace(/^[\s:.)\-–—]+/u, '') };
  }
  return null;
}

/** The objective a reference names, or null. */
export function findObjective(ref: string, objectives: readonly ObjectiveForRef[]): ObjectiveForRef | null {
  const t = ref.trim();
  const byText = (text: string) => {
    const want = normaliseLabel(text);
    return want
      ? (objectives.find((o) => o.text !== undefined && normaliseLabel(o.text) === want) ?? null)
      : null;
  };
  const num = numbered(t);
  if (num) {
    const hit = objectives.find((o) => o.position === num.n);
    if (hit) return hit;
    if (num.rest) return byText(num.rest);
    return null;
  }
  return byText(t);
}
