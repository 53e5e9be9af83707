/** Runs the core rules and the chosen profiles over an alert and collects the findings. */
import { capFinding, type CapFinding } from '../finding.js';
import type { CapAlert, CapVersion } from '../model.js';
import { createGeometry } from './geometry.js';
import { CAP_PROFILES, coreProfile } from './profiles/index.js';
import type { CapProfile, CapRule, GeoBox, RuleContext } from './rule.js';
import { checkReferencesExist } from './store.js';
import type { CapMessageStore } from './store.js';

/** Options of {@link validateCap}. */
export interface ValidateCapOptions {
  /** Profiles on top of the core, by id (`ipaws`, `cap-cp`, `dabyl`) or as objects. */
  profiles?: readonly (string | CapProfile)[];
  /** The clock "sent in the future" is judged by (default: now). */
  now?: Date;
  /** The version the message was written in, for version-aware messages (default 1.2). */
  version?: CapVersion;
}

/** Thrown for a profile id that does not exist; lists the ones that do. */
export class UnknownProfileError extends Error {
  constructor(readonly profile: string) {
    super(`There is no CAP profile "${profile}"; choose from ${[...CAP_PROFILES.keys()].join(', ')}.`);
    this.name = 'UnknownProfileError';
  }
}

/** Resolves profile ids to profiles, core first; throws {@link UnknownProfileError}. */
export function resolveProfiles(profiles: readonly (string | CapProfile)[] = []): CapProfile[] {
  const out = [coreProfile];
  for (const p of profiles) {
    const profile = typeof p === 'string' ? CAP_PROFILES.get(p) : p;
    if (!profile) throw new UnknownProfileError(p as string);
    if (!out.includes(profile)) out.push(profile);
  }
  return out;
}

function runRule(rule: CapRule, ctx: RuleContext, findings: CapFinding[]): void {
  try {
    rule.check(ctx, (path, key, params) =>
      findings.push(capFinding(path, rule.severity, rule.id, params ? { key, params } : { key })),
    );
  } catch (err) {
    // A rule that trips over an odd message must not hide the other rules' findings.
    findings.push(
      capFinding('/alert', 'error', rule.id, {
        key: 'rule_could_not_run',
        params: { rule: rule.id, detail: (err as Error).message },
      }),
    );
  }
}

/**
 * Validates `alert` against CAP 1.2 and the chosen profiles. Pure and synchronous: everything it
 * needs is in its arguments, and it keeps nothing between calls.
 */
export function validateCap(alert: CapAlert, options: ValidateCapOptions = {}): CapFinding[] {
  const profiles = resolveProfiles(options.profiles);
  const plausibleArea: GeoBox[] = profiles.flatMap((p) => p.plausibleArea ?? []);
  const ctx: RuleContext = {
    alert,
    version: options.version ?? '1.2',
    now: options.now ?? new Date(),
    plausibleArea,
    geometry: createGeometry(),
  };
  const findings: CapFinding[] = [];
  const seen = new Set<string>();
  for (const profile of profiles) {
    for (const rule of profile.rules) {
      if (seen.has(rule.id)) continue;
      seen.add(rule.id);
      runRule(rule, ctx, findings);
    }
  }
  return findings;
}

/** {@link validateCap} plus the check that an Update or Cancel refers to messages `store` knows. */
export async function validateCapWithStore(
  alert: CapAlert,
  store: CapMessageStore,
  options: ValidateCapOptions = {},
): Promise<CapFinding[]> {
  return [...validateCap(alert, options), ...(await checkReferencesExist(alert, store))];
}
