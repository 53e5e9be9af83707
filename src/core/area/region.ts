import type { Box } from './area.js';

/** A box verdict: every point in it is outside, every point inside, or it needs a closer look. */
export const enum Verdict {
  Out = 0,
  In = 1,
  Mixed = 2,
}

/** What {@link Region.classify} answers: the verdict plus state to hand to the box's sub-boxes. */
export interface Classified {
  readonly verdict: Verdict;
  readonly state: unknown;
}

/**
 * An area prepared for matching. `contains` is the exact answer; `classify` is a conservative
 * shortcut for a whole box of points — it may say Mixed when it could have said In or Out, but never
 * In or Out unless `contains` gives that answer for every point in the box.
 */
export interface Region {
  /** A box that holds every point the region contains. */
  readonly bbox: Box;
  contains(lon: number, lat: number): boolean;
  /** State for the whole world; each classify narrows it for the sub-boxes. */
  rootState(): unknown;
  classify(minLon: number, minLat: number, maxLon: number, maxLat: number, state: unknown): Classified;
}

/**
 * Boxes are widened by this many degrees (about 0.1 mm) before they are classified, so a point whose
 * grid cell was computed with rounding, or which lies within rounding distance of an edge, never
 * lands in a box that was judged wholly in or out.
 */
export const BOX_MARGIN = 1e-9;
