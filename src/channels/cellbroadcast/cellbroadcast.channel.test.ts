import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cbcReceiver, type CbcReceiver } from '../../../test/support/cbc-receiver.js';
import type { CapAlert, CapInfo } from '../../cap/model.js';
import { parseCap } from '../../cap/parse.js';
import { signCapMessage, verifyCapSignature } from '../../cap/dsig/index.js';
import { createTestPki, removeTestPki, type TestPki } from '../../cap/dsig/fixtures/pki.js';
import { parseCbcCentres } from '../../config/cbc.js';
import type { ChannelError } from '../channel.js';
import { type CellBroadcastMessage, type Outgoing } from '../channel.js';
import { markMessage } from '../mark.js';
import { CellBroadcastChannel } from './cellbroadcast.channel.js';

const info = (language: string, headline: string): CapInfo => ({
  language,
  category: ['Geo'],
  event: 'Earthquake',
  responseType: ['Shelter'],
  urgency: 'Immediate',
  severity: 'Extreme',
  certainty: 'Observed',
  eventCode: [],
  headline,
  parameter: [],
  resource: [],
  area: [
    { areaDesc: 'Almaty', polygon: ['43.2,76.8 43.3,76.8 43.3,77.0 43.2,76.8'], circle: [], geocode: [] },
  ],
});

const cap = (msgType: CapAlert['msgType'] = 'Alert'): CapAlert => ({
  identifier: 'urn:dabyl:alert:7',
  sender: 'alerts@dabyl.kz',
  sent: '2026-12-04T08:00:00+05:00',
  status: 'Actual',
  msgType,
  scope: 'Public',
  code: [],
  ...(msgType === 'Alert'
    ? {}
    : { references: 'alerts@dabyl.kz,urn:dabyl:alert:6,2026-12-04T07:50:00+05:00' }),
  info: [info('kk-KZ', 'Жер сілкінісі'), info('ru-KZ', 'Землетрясение'), info('en-US', 'Earthquake')],
});

const KK = 'Жер сілкінісі. Ғимараттан шығыңыз, ашық жерде тұрыңыз. '.repeat(3).trim();
const message = (over: Partial<CellBroadcastMessage> = {}): CellBroadcastMessage => ({
  kind: 'cellbroadcast',
  pages: [
    { language: 'kk', text: KK },
    { language: 'ru', text: 'Землетрясение. Выйдите из зданий.' },
    { language: 'en', text: 'Earthquake. Leave buildings.' },
  ],
  category: 'extreme',
  messageId: 4371,
  additionalLanguageId: 4384,
  msgType: 'Alert',
  replaces: [],
  area: { kind: 'circle', lon: 76.9, lat: 43.25, radiusM: 5000, region: 'KZ-ALA' },
  cap: cap(),
  organisationId: 'org-esd',
  ...over,
});

const outgoing = (to: string, m: CellBroadcastMessage = message(), deliveryId = 'delivery-1'): Outgoing => ({
  deliveryId,
  to,
  language: 'kk',
  message: m,
});

const failure = (p: Promise<unknown>) =>
  p.then(
    () => {
      throw new Error('expected a ChannelError');
    },
    (e: unknown) => e as ChannelError,
  );

describe('the cell broadcast channel, against a centre on loopback checking the published schemas', () => {
  let cbc: CbcReceiver;
  let channel: CellBroadcastChannel;
  let pki: TestPki;
  let signer: (organisationId: string | null, xml: string) => string;
  const signedFor: (string | null)[] = [];
  beforeAll(async () => {
    cbc = await cbcReceiver();
    const centres = parseCbcCentres(
      JSON.stringify([
        { name: 'kcell', protocol: 'ecbe', url: `${cbc.base.replace('//', '//dabyl:s3cret@')}/api/ecbe/v1` },
        {
          name: 'beeline',
          protocol: 'cap',
          url: `${cbc.base}/cap`,
          token: 'tok-1',
          languages: ['kk', 'ru', 'en'],
        },
      ]),
      (p) => new Error(p),
    );
    pki = createTestPki();
    signer = (organisationId, xml) => {
      signedFor.push(organisationId);
      return signCapMessage(xml, { privateKey: pki.rsa.keyPem, certificate: pki.rsa.certPem });
    };
    channel = new CellBroadcastChannel({ centres, timeoutMs: 500, sign: (o, x) => signer(o, x) });
  });
  afterAll(async () => {
    removeTestPki(pki);
    await cbc.close();
  });
  beforeEach(() => {
    cbc.requests.length = 0;
    cbc.broadcasting.clear();
    cbc.answer = 'normal';
  });

  it('posts one ECBE message per configured language, Kazakh on the category identifier, Russian on its additional-language one', async () => {
    const { providerId } = await channel.send(outgoing('kcell'));
    expect(cbc.requests.map((r) => r.problems)).toEqual([[], []]);
    expect(cbc.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'POST /api/ecbe/v1/message',
      'POST /api/ecbe/v1/message',
    ]);
    expect(cbc.requests[0]!.headers.authorization).toBe(
      `Basic ${Buffer.from('dabyl:s3cret').toString('base64')}`,
    );
    const [kk, ru] = cbc.requests.map((r) => JSON.parse(r.body));
    expect(kk).toMatchObject({
      cbe_name: 'dabyl',
      category: 'high_priority',
      scope: { scope_plmn: {} },
      smscb_message: {
        message_id: 4371,
        payload: { payload_decoded: { character_set: 'ucs2', language: 'kk', data_utf8: KK } },
      },
    });
    expect(ru.smscb_message.message_id).toBe(4384);
    expect(providerId).toMatch(/^4371\/\d+,4384\/\d+$/);
  });

  it('the centre checks what it is sent: a message the published schema refuses is answered 400', async () => {
    const res = await fetch(`${cbc.base}/api/ecbe/v1/message`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        cbe_name: 'x',
        repetition_period: 5,
        scope: { scope_plmn: {} },
        smscb_message: { serial_nr: 5, message_id: 70000, payload: {} },
      }),
    });
    expect(res.status).toBe(400);
    expect(cbc.requests[0]!.problems).toEqual(
      expect.arrayContaining(['/smscb_message/message_id must be <= 65535']),
    );
  });

  it('a retry of the same delivery sends the same identifiers and serial numbers, and is not a second broadcast', async () => {
    const first = await channel.send({ ...outgoing('kcell'), attempt: 1 });
    const again = await channel.send({ ...outgoing('kcell'), attempt: 2 });
    expect(again.providerId).toBe(first.providerId);
    const bodies = cbc.requests.map((r) => JSON.parse(r.body).smscb_message);
    expect(bodies[2]).toEqual(bodies[0]);
    expect(bodies[3]).toEqual(bodies[1]);
    expect(cbc.broadcasting.size).toBe(2);
  });

  it('refuses, by name, a first try whose identifier another alert of the same category is broadcasting', async () => {
    await channel.send({ ...outgoing('kcell'), attempt: 1 });
    const other = await failure(channel.send({ ...outgoing('kcell', message(), 'delivery-2'), attempt: 1 }));
    expect(other).toMatchObject({
      temporary: false,
      message: expect.stringContaining('already being broadcast for another alert of the same category'),
    });
    expect(cbc.broadcasting.size).toBe(2);
  });

  it('a centre answering 500, or not at all, fails for now; a 4xx refuses the message for good', async () => {
    cbc.answer = 500;
    expect(await failure(channel.send(outgoing('kcell')))).toMatchObject({ temporary: true });
    cbc.answer = 'hang';
    const timedOut = await failure(channel.send(outgoing('kcell')));
    expect(timedOut).toMatchObject({
      temporary: true,
      message: expect.stringContaining('did not answer in time'),
    });
    cbc.answer = 403;
    expect(await failure(channel.send(outgoing('kcell')))).toMatchObject({ temporary: false });
    cbc.answer = 'normal';
    expect(await failure(channel.send(outgoing('tele2')))).toMatchObject({ temporary: false });
  });

  it('cuts a text longer than 15 pages to 15 pages', async () => {
    const long = 'Ж'.repeat(41 * 20);
    await channel.send(outgoing('kcell', message({ pages: [{ language: 'kk', text: long }] })));
    expect(cbc.requests).toHaveLength(1);
    expect(cbc.requests[0]!.problems).toEqual([]);
    expect(JSON.parse(cbc.requests[0]!.body).smscb_message.payload.payload_decoded.data_utf8).toHaveLength(
      41 * 15,
    );
  });

  it('an Update deletes what the thread broadcast and posts anew; a Cancel only deletes', async () => {
    await channel.send(outgoing('kcell', message(), 'd-alert'));
    await channel.send(
      outgoing(
        'kcell',
        message({ msgType: 'Update', replaces: [4371, 4384], messageId: 4375, additionalLanguageId: 4388 }),
        'd-update',
      ),
    );
    expect([...cbc.broadcasting.keys()].sort()).toEqual([4375, 4388]);
    cbc.requests.length = 0;
    await channel.send(
      outgoing('kcell', message({ msgType: 'Cancel', replaces: [4371, 4384, 4375, 4388] }), 'd-cancel'),
    );
    expect(cbc.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'DELETE /api/ecbe/v1/message/4371',
      'DELETE /api/ecbe/v1/message/4384',
      'DELETE /api/ecbe/v1/message/4375',
      'DELETE /api/ecbe/v1/message/4388',
    ]);
    expect(cbc.broadcasting.size).toBe(0);
  });

  it('posts CAP 1.2 that the official XSD accepts to a CAP centre, the alert identifier on every try', async () => {
    const first = await channel.send(outgoing('beeline'));
    await channel.send(outgoing('beeline'));
    expect(cbc.requests.map((r) => r.problems)).toEqual([[], []]);
    expect(cbc.requests[0]!.headers.authorization).toBe('Bearer tok-1');
    expect(cbc.requests[1]!.body).toBe(cbc.requests[0]!.body);
    expect(first.providerId).toBe('urn:dabyl:alert:7');
    const posted = parseCap(cbc.requests[0]!.body).alert;
    expect(posted.info.map((i) => i.language)).toEqual(['kk-KZ', 'ru-KZ', 'en-US']);
    expect(posted.info[0]!.description).toBe(KK);
    expect(posted.info[0]!.area[0]!.polygon).toHaveLength(1);
    expect(posted.info[1]!.parameter).toEqual([
      { valueName: 'cellBroadcastCategory', value: 'extreme' },
      { valueName: 'cellBroadcastMessageIdentifier', value: '4384' },
    ]);
  });

  it('signs the CAP a centre is posted with the alert organisation’s key, over the pages as sent', async () => {
    signedFor.length = 0;
    const marked = markMessage(message(), 'kk', 'Dala-2026') as CellBroadcastMessage;
    await channel.send(outgoing('beeline', marked));
    expect(signedFor).toEqual(['org-esd']);
    const body = cbc.requests[0]!.body;
    expect(verifyCapSignature(body)).toMatchObject({ valid: true });
    // The description signed is the marked page a handset shows.
    expect(parseCap(body).alert.info[0]!.description).toMatch(/^ЖАТТЫҒУ|^EXERCISE/);
  });

  it('posts nothing to a CAP centre when the message cannot be signed, and fails the delivery for good', async () => {
    const before = signer;
    signer = () => {
      throw new Error('no signing key is installed for this organisation');
    };
    try {
      const err = await failure(channel.send(outgoing('beeline')));
      expect(err.fault).toEqual({ reason: 'cbc_unsigned', params: { centre: 'beeline' } });
      expect(err.temporary).toBe(false);
      expect(cbc.requests).toEqual([]);
    } finally {
      signer = before;
    }
  });

  it('a Cancel goes to a CAP centre as msgType Cancel referencing the earlier message', async () => {
    await channel.send(outgoing('beeline', message({ msgType: 'Cancel', cap: cap('Cancel') })));
    expect(cbc.requests[0]!.problems).toEqual([]);
    const posted = parseCap(cbc.requests[0]!.body).alert;
    expect(posted).toMatchObject({
      msgType: 'Cancel',
      references: expect.stringContaining('urn:dabyl:alert:6'),
    });
  });

  it('marks exercise traffic on every page, and the centre still takes it', async () => {
    const marked = markMessage(
      message({ category: 'exercise', messageId: 4381, additionalLanguageId: 4394 }),
      'kk',
      'Dala-2026',
    ) as CellBroadcastMessage;
    await channel.send(outgoing('kcell', marked));
    expect(cbc.requests.map((r) => r.problems)).toEqual([[], []]);
    const [kk] = cbc.requests.map((r) => JSON.parse(r.body));
    expect(kk.category).toBe('normal');
    expect(kk.smscb_message.payload.payload_decoded.data_utf8).toMatch(/^ЖАТТЫҒУ|^EXERCISE/);
  });
});
