/** Helpers the national profiles share: finding value pairs by name. */
import type { CapValuePair } from '../../model.js';

/** The values of every pair named `name` (names compare exactly, as CAP specifies). */
export const valuesOf = (pairs: readonly CapValuePair[], name: string): string[] =>
  pairs.filter((p) => p.valueName === name).map((p) => p.value);
