import { AppError } from '../../errors.js';

/** One thing wrong with an area, with where it is: `where` names the feature, ring and position. */
export interface AreaProblem {
  readonly where: string;
  readonly problem: string;
}

/**
 * Thrown for any area input the engine refuses. `problems` lists every problem found (the loader keeps
 * going after the first so an administrator fixes a file in one round); `detail` is a readable summary.
 */
export class AreaError extends AppError {
  constructor(readonly problems: readonly AreaProblem[]) {
    super('invalid_area', 422, summarise(problems));
    this.name = 'AreaError';
  }
}

const SHOWN = 5;

function summarise(problems: readonly AreaProblem[]): string {
  const lines = problems.slice(0, SHOWN).map((p) => `${p.where}: ${p.problem}`);
  if (problems.length > SHOWN) lines.push(`… and ${problems.length - SHOWN} more problem(s)`);
  return lines.join('; ');
}

/** Shorthand for a single problem. */
export const areaError = (where: string, problem: string): AreaError => new AreaError([{ where, problem }]);
