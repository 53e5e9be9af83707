import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { base32Decode, hotp, totpStep } from '../../src/core/auth/totp.js';
import { ALMATY_AREA_NAMES, ALMATY_POLYGON } from '../../src/core/alert/testing.js';
import { xsdFailures } from '../support/cap-xsd.js';
import { installSigningKey } from './harness.js';
import { openNoticesHarness, type NoticesHarness } from '../notices/harness.js';

/*
 * The alert API over HTTP: enrolling a second factor in the console's way, composing, the approval
 * queue, approving with a code, the refusals as problem documents naming their field, and the
 * routes in the OpenAPI document.
 */

describe('the alert API', () => {
  let h: NoticesHarness;
  let signing: ReturnType<typeof installSigningKey>;
  const secrets = new Map<string, Buffer>();
  const code = (who: string, drift = 0) => hotp(secrets.get(who)!, totpStep(h.ctx.clock.now()) + drift);

  beforeAll(async () => {
    h = await openNoticesHarness('sqlite', '2026-11-03T05:00:10.000Z');
    signing = installSigningKey(h.ctx);
  });
  afterAll(async () => {
    signing.remove();
    await h.close();
  });

  it('enrols a TOTP authenticator: the secret shown once as an otpauth URI, confirmed by a code, then never again', async () => {
    expect(await h.ok('authoriser', 'GET', '/api/v1/auth/second-factor')).toMatchObject({ enrolled: false });
    const enrolment = await h.ok('authoriser', 'POST', '/api/v1/auth/second-factor/totp', {});
    expect(enrolment.uri).toMatch(/^otpauth:\/\/totp\/Dabyl:authoriser\?secret=/);
    secrets.set('authoriser', base32Decode(enrolment.secret as string)!);
    const wrong = await h.call('authoriser', 'POST', '/api/v1/auth/second-factor/totp/confirm', {
      code: '12345',
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'second_factor_malformed', field: 'totp' });
    expect(
      await h.ok('authoriser', 'POST', '/api/v1/auth/second-factor/totp/confirm', {
        code: code('authoriser', -1),
      }),
    ).toMatchObject({
      enrolled: true,
    });
    // Replacing it needs a current code: a stolen session cannot swap in another phone.
    const replace = await h.call('authoriser', 'POST', '/api/v1/auth/second-factor/totp', {});
    expect(replace.json()).toMatchObject({ code: 'second_factor_required' });
    const state = await h.call('authoriser', 'GET', '/api/v1/auth/second-factor');
    expect(state.body).not.toContain(enrolment.secret as string);
  });

  it('composes, queues and approves an Actual alert, refusing the drafter and naming the field at fault', async () => {
    const templates = await h.ok('pioA', 'GET', '/api/v1/alert-templates');
    expect((templates.items as { hazard: string }[]).map((t) => t.hazard)).toContain('air-raid');
    const bad = await h.call('pioA', 'POST', '/api/v1/alerts', {
      status: 'Actual',
      hazard: 'earthquake',
      area: { ...ALMATY_POLYGON, region: 'KZ-99' },
      expiresAt: '2026-11-03T11:00:00.000Z',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json()).toMatchObject({ field: 'area.region' });
    const a = await h.ok('pioA', 'POST', '/api/v1/alerts', {
      status: 'Actual',
      hazard: 'earthquake',
      area: ALMATY_POLYGON,
      areaNames: ALMATY_AREA_NAMES,
      expiresAt: '2026-11-03T11:00:00.000Z',
    });
    const submitted = await h.ok('pioA', 'POST', `/api/v1/alerts/${a.id}/submit`, { version: a.version });
    const queue = await h.ok('authoriser', 'GET', '/api/v1/alerts?state=awaiting_approval');
    expect((queue.items as { id: string }[]).map((x) => x.id)).toEqual([a.id]);
    // A PIO may not approve at all; the route says so before anything else.
    expect(
      (await h.call('pioA', 'POST', `/api/v1/alerts/${a.id}/approve`, { version: submitted.version }))
        .statusCode,
    ).toBe(403);
    const missing = await h.call('authoriser', 'POST', `/api/v1/alerts/${a.id}/approve`, {
      version: submitted.version,
    });
    expect(missing.json()).toMatchObject({ code: 'second_factor_required', field: 'totp' });
    const approved = await h.ok('authoriser', 'POST', `/api/v1/alerts/${a.id}/approve`, {
      version: submitted.version,
      totp: code('authoriser'),
    });
    expect(approved).toMatchObject({ state: 'sent', status: 'Actual' });
    const cap = await h.call('pioA', 'GET', `/api/v1/alerts/${a.id}/cap`);
    expect(cap.headers['content-type']).toMatch(/application\/cap\+xml/);
    expect(cap.body).toMatch(/<Signature xmlns="http:\/\/www.w3.org\/2000\/09\/xmldsig#"/);
    expect(xsdFailures([cap.body])).toEqual([]);
  });

  it('refuses the authoriser approving their own Actual draft', async () => {
    const own = await h.ok('authoriser', 'POST', '/api/v1/alerts', {
      status: 'Actual',
      hazard: 'fire',
      area: { kind: 'circle', lon: 76.95, lat: 43.25, radiusM: 2000, region: 'KZ-75' },
      areaNames: ALMATY_AREA_NAMES,
      expiresAt: '2026-11-03T11:00:00.000Z',
    });
    const s = await h.ok('authoriser', 'POST', `/api/v1/alerts/${own.id}/submit`, { version: own.version });
    expect((s.actions as { approve: { code: string } }).approve.code).toBe('alert_own_draft');
    const res = await h.call('authoriser', 'POST', `/api/v1/alerts/${own.id}/approve`, {
      version: s.version,
      totp: code('authoriser', 1),
    });
    expect(res.statusCode).toBe(403);
    expect(res.json()).toMatchObject({ code: 'alert_own_draft' });
  });

  it('documents every alert route in OpenAPI', async () => {
    const doc = (await h.app.inject('/api/openapi.json')).json() as { paths: Record<string, unknown> };
    for (const p of [
      '/api/v1/alerts',
      '/api/v1/alerts/{id}/approve',
      '/api/v1/alerts/{id}/cancel',
      '/api/v1/auth/second-factor/totp',
    ])
      expect(Object.keys(doc.paths)).toContain(p);
  });
});
