import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { base32Decode, hotp, totpStep } from '../../src/core/auth/totp.js';
import type { Actor, Role } from '../../src/core/policy/policy.js';
import { createTestPki, removeTestPki, type TestPki } from '../../src/cap/dsig/fixtures/pki.js';
import type { SignedIn } from '../../src/services/alerts/alerts.service.js';
import { signingKeyFiles } from '../../src/services/alerts/signing.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { beginTotpEnrolment, confirmTotpEnrolment } from '../../src/services/second-factor/totp.service.js';
import { createUser } from '../../src/services/users.service.js';
import { insertExercise } from '../support/exercise-row.js';

/** A person in an alerts test: who they are to the audit log and the policy, and their phone. */
export interface Person {
  info: SignedIn;
  actor: Actor;
  /** The code their authenticator shows now, `drift` steps ahead. */
  code(drift?: number): string;
}

/**
 * Makes a person with one role and, if asked, an enrolled TOTP second factor; scoped to an
 * organisation when one is named, else to every organisation.
 */
export async function makePerson(
  ctx: AppContext,
  username: string,
  role: Role,
  enrol = true,
  organisationId: string | null = null,
): Promise<Person> {
  const u = await createUser(ctx, SYSTEM_ACTOR, null, {
    username,
    displayName: username,
    password: `${username} alerts passphrase`,
    grants: [{ role, organisationId }],
  });
  const info = { userId: u.id, name: username };
  let secret: Buffer | null = null;
  const code = (drift = 0) => hotp(secret!, totpStep(ctx.clock.now()) + drift);
  if (enrol) {
    secret = base32Decode((await beginTotpEnrolment(ctx, info, username)).secret)!;
    // Enrol with the previous step's code, so the current one is still fresh for the first approval.
    await confirmTotpEnrolment(ctx, info, code(-1));
  }
  return { info, actor: { userId: u.id, grants: [{ role, organisationId, exerciseId: null }] }, code };
}

/**
 * Installs a throwaway RSA key and certificate as the CAP signing key of an organisation, or of the
 * installation when none is named; each call makes a key of its own.
 */
export function installSigningKey(
  ctx: AppContext,
  organisationId: string | null = null,
): { pki: TestPki; remove(): void } {
  const pki = createTestPki();
  const files = signingKeyFiles(ctx.config, organisationId);
  mkdirSync(path.dirname(files.key), { recursive: true });
  copyFileSync(pki.rsa.keyPath, files.key);
  copyFileSync(pki.rsa.certPath, files.certificate);
  return { pki, remove: () => removeTestPki(pki) };
}

/** A polygon over central Almaty, a circle place inside it and one outside. */
export const INSIDE_ALMATY = { lon: 76.93, lat: 43.25, radiusM: 500 };
export const ASTANA_SQUARE = {
  kind: 'polygon' as const,
  ring: [
    [71.4, 51.08],
    [71.48, 51.08],
    [71.48, 51.14],
    [71.4, 51.14],
    [71.4, 51.08],
  ] as [number, number][],
  region: 'KZ-71',
};

/** An Almaty drill in conduct, as alerts tests aim Exercise alerts at it; whether it includes the public. */
export async function insertDrill(
  ctx: AppContext,
  drill: { id: string; name: string; includesPublic: boolean; at: Date },
): Promise<void> {
  const at = drill.at.toISOString();
  await insertExercise(ctx.db.kysely, {
    id: drill.id,
    name: drill.name,
    status: 'conduct',
    startex: at,
    endex: at,
    city: 'Almaty',
    created_at: at,
    includes_public: drill.includesPublic ? 1 : 0,
  });
}
