import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTrustAnchors, verifyEachSignature } from '../../src/cap/dsig/index.js';
import { parseCap } from '../../src/cap/parse.js';
import { ALMATY_AREA_NAMES, ALMATY_POLYGON } from '../../src/core/alert/testing.js';
import { contextFor } from '../../src/runtime.js';
import {
  alertCap,
  approveAlert,
  createAlert,
  getAlert,
  submitAlert,
} from '../../src/services/alerts/alerts.service.js';
import { signingKeyFiles } from '../../src/services/alerts/signing.js';
import { SYSTEM_ACTOR, type AppContext } from '../../src/services/context.js';
import { createOrganisation } from '../../src/services/organisations.service.js';
import { ENGINES, openTestRuntime } from '../support/engines.js';
import { installSigningKey, makePerson, type Person } from './harness.js';

/*
 * Each organisation signs its alerts with its own key: a receiver who trusts the emergency
 * department's certificate must not take a police alert as the department's, nor the reverse, and
 * an organisation without a key of its own never borrows another's or the installation's.
 */

/** The signer's certificate, as the signed message publishes it in KeyInfo. */
function keyInfoCertificate(xml: string): X509Certificate {
  const base64 = /<X509Certificate>([^<]+)<\/X509Certificate>/.exec(xml)![1]!.replace(/\s+/g, '');
  return new X509Certificate(Buffer.from(base64, 'base64'));
}

describe.each(ENGINES)('signing keys per organisation on %s', (engine) => {
  let ctx: AppContext;
  let drop: () => Promise<void>;
  let now = new Date();
  const keys: Array<ReturnType<typeof installSigningKey>> = [];
  const orgs: Record<'emergency' | 'police' | 'keyless', string> = { emergency: '', police: '', keyless: '' };
  const people: Record<string, { pio: Person; authoriser: Person }> = {};
  const signed: Record<string, string> = {};
  let emergencyKey: ReturnType<typeof installSigningKey>;
  let policeKey: ReturnType<typeof installSigningKey>;
  let installationKey: ReturnType<typeof installSigningKey>;

  /** Drafts an Actual alert as the organisation's PIO and sends it for approval. */
  async function drafted(org: keyof typeof orgs) {
    const { pio } = people[org]!;
    const a = await createAlert(ctx, pio.info, pio.actor, {
      status: 'Actual',
      hazard: 'earthquake',
      area: ALMATY_POLYGON,
      areaNames: ALMATY_AREA_NAMES,
      expiresAt: new Date(now.getTime() + 6 * 3_600_000).toISOString(),
    });
    return submitAlert(ctx, pio.info, pio.actor, a.id, a.version);
  }

  beforeAll(async () => {
    const rt = await openTestRuntime(engine);
    drop = rt.drop;
    ctx = contextFor(
      rt.ctx.db,
      { ...rt.ctx.config, publicUrl: 'https://dabyl.example.kz' },
      { now: () => now },
    );
    orgs.emergency = (
      await createOrganisation(ctx, SYSTEM_ACTOR, {
        name: 'Almaty emergency department',
        kind: 'emergency-situations',
      })
    ).id;
    orgs.police = (await createOrganisation(ctx, SYSTEM_ACTOR, { name: 'Almaty police', kind: 'police' })).id;
    orgs.keyless = (
      await createOrganisation(ctx, SYSTEM_ACTOR, { name: 'Almaty akimat', kind: 'local-government' })
    ).id;
    for (const org of Object.keys(orgs) as Array<keyof typeof orgs>)
      people[org] = {
        pio: await makePerson(ctx, `${org}-pio`, 'pio', false, orgs[org]),
        authoriser: await makePerson(ctx, `${org}-authoriser`, 'authoriser', true, orgs[org]),
      };
    // The installation has a key too: an organisation's alert must still not be signed with it.
    keys.push((installationKey = installSigningKey(ctx)));
    keys.push((emergencyKey = installSigningKey(ctx, orgs.emergency)));
    keys.push((policeKey = installSigningKey(ctx, orgs.police)));
    // A signature is judged at the message's `sent`: the alerts go out after their certificates were made.
    now = new Date();
    for (const org of ['emergency', 'police'] as const) {
      const a = await drafted(org);
      expect(a.organisationId).toBe(orgs[org]);
      const { authoriser } = people[org]!;
      await approveAlert(ctx, authoriser.info, authoriser.actor, a.id, a.version, authoriser.code());
      signed[org] = await alertCap(ctx, a.id);
    }
  });
  afterAll(async () => {
    for (const k of keys) k.remove();
    await drop();
  });

  it('signs each organisation’s alert with its own certificate, not the other’s nor the installation’s', () => {
    const emergency = keyInfoCertificate(signed.emergency!);
    const police = keyInfoCertificate(signed.police!);
    expect(emergency.fingerprint256).toBe(new X509Certificate(emergencyKey.pki.rsa.certPem).fingerprint256);
    expect(police.fingerprint256).toBe(new X509Certificate(policeKey.pki.rsa.certPem).fingerprint256);
    expect(emergency.fingerprint256).not.toBe(police.fingerprint256);
    const installation = new X509Certificate(installationKey.pki.rsa.certPem).fingerprint256;
    expect([emergency.fingerprint256, police.fingerprint256]).not.toContain(installation);
    expect(parseCap(signed.emergency!).alert.info[0]!.senderName).toBe('Almaty emergency department');
    expect(parseCap(signed.police!).alert.info[0]!.senderName).toBe('Almaty police');
  });

  it('validates each alert against its own organisation’s certificate and against no other', () => {
    const trusting = (key: ReturnType<typeof installSigningKey>) => ({
      trustAnchors: loadTrustAnchors([key.pki.rsa.certPem]),
    });
    for (const [org, own, other] of [
      ['emergency', emergencyKey, policeKey],
      ['police', policeKey, emergencyKey],
    ] as const) {
      const [mine] = verifyEachSignature(signed[org]!, trusting(own));
      expect(mine, org).toMatchObject({ signed: true, valid: true, trusted: true, problems: [] });
      const [theirs] = verifyEachSignature(signed[org]!, trusting(other));
      expect(theirs, org).toMatchObject({ valid: false, trusted: false });
      expect(theirs!.problems.map((p) => p.what)).toEqual(['certificate']);
    }
  });

  it('sends nothing for an organisation without a key of its own, naming where its key belongs', async () => {
    const a = await drafted('keyless');
    const { authoriser } = people.keyless!;
    const expected = signingKeyFiles(ctx.config, orgs.keyless).key;
    await expect(
      approveAlert(ctx, authoriser.info, authoriser.actor, a.id, a.version, authoriser.code()),
    ).rejects.toMatchObject({
      code: 'alert_unsigned',
      detail: expect.stringContaining(`no signing key is installed for this organisation`),
    });
    const after = await getAlert(ctx, authoriser.actor, authoriser.info, a.id);
    expect(after).toMatchObject({ state: 'awaiting_approval', capIdentifier: null });
    expect(after.signError).toContain(expected);
    const fanouts = await ctx.db.kysely
      .selectFrom('fanouts')
      .select('id')
      .where('source_id', '=', a.id)
      .execute();
    expect(fanouts).toEqual([]);
  });
});
