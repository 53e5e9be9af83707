/** The profiles that ship with the library, by id. */
import type { CapProfile } from '../rule.js';
import { capCpProfile } from './cap-cp.js';
import { coreProfile } from './core.js';
import { dabylProfile } from './dabyl.js';
import { ipawsProfile } from './ipaws.js';

export { capCpProfile, coreProfile, dabylProfile, ipawsProfile };

/** Profiles selectable by id (`--profile ipaws,dabyl`); the core is always applied. */
export const CAP_PROFILES: ReadonlyMap<string, CapProfile> = new Map(
  [ipawsProfile, capCpProfile, dabylProfile].map((p) => [p.id, p]),
);
