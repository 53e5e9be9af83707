import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signCapMessage } from '../../cap/dsig/index.js';
import { createTestPki, removeTestPki, type TestPki } from '../../cap/dsig/fixtures/pki.js';
import { IN_PLACE_BYTES, readFeedAside, readFeedDocument, trustAnchorsIn } from './read-feed.js';

/*
 * A feed may bring megabytes of CAP. Reading it (parsing, the rules, every signature) is the better
 * part of a second of CPU: a large document is read in a thread of its own, and what it answers is
 * what reading it in place answers.
 */

// The test certificates are made as the tests start: the messages are sent after, inside their validity.
let RECEIVED = new Date();
let SENT = '';

const cap = (id: string, area: string) =>
  `<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2"><identifier>${id}</identifier>` +
  `<sender>met@example.kz</sender><sent>${SENT}</sent><status>Actual</status>` +
  `<msgType>Alert</msgType><scope>Public</scope>` +
  `<info><language>en</language><category>Met</category><event>Flood</event><urgency>Immediate</urgency>` +
  `<severity>Severe</severity><certainty>Observed</certainty><senderName>Met Service</senderName>` +
  `<headline>Flood on the Esentai</headline>${area}</info></alert>`;

const atom = (alerts: string[]) =>
  `<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Met</title><id>urn:met</id>` +
  `<updated>${SENT}</updated>` +
  alerts
    .map(
      (a, i) =>
        `<entry><id>urn:e${i}</id><title>e</title><updated>${SENT}</updated><content type="text/xml">${a}</content></entry>`,
    )
    .join('') +
  '</feed>';

describe('reading a feed document', () => {
  let pki: TestPki;
  let trustStore: string;
  let large: Buffer;
  beforeAll(() => {
    pki = createTestPki();
    RECEIVED = new Date();
    SENT = `${RECEIVED.toISOString().slice(0, 19)}+00:00`;
    trustStore = join(pki.dir, 'trust');
    mkdirSync(trustStore);
    writeFileSync(join(trustStore, 'met.pem'), pki.rsa.certPem);
    const polygon =
      '<area><areaDesc>Almaty</areaDesc><polygon>43.2,76.8 43.3,76.8 43.3,77.0 43.2,76.8</polygon></area>';
    const signed = signCapMessage(`<?xml version="1.0"?>\n${cap('MET-SIGNED', polygon)}`, {
      privateKey: pki.rsa.keyPem,
      certificate: pki.rsa.certPem,
    }).replace(/^<\?xml[^>]*\?>\s*/, '');
    // Three hundred alerts, one signed and one whose area is empty: well past what is read in place.
    const alerts = Array.from({ length: 300 }, (_, i) =>
      cap(`MET-${i}`, i === 7 ? '<area></area>' : polygon),
    );
    large = Buffer.from(atom([signed, ...alerts]));
  });
  afterAll(() => pki && removeTestPki(pki));

  it('reads a large document in a thread of its own, answering what reading it in place answers', async () => {
    expect(large.byteLength).toBeGreaterThan(IN_PLACE_BYTES);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const aside = await readFeedAside(large, trustStore, RECEIVED);
    clearInterval(timer);
    // The main thread kept turning while the document was read.
    expect(ticks).toBeGreaterThan(0);
    const inPlace = readFeedDocument(large, trustAnchorsIn(trustStore), RECEIVED);
    expect(JSON.parse(JSON.stringify(aside))).toEqual(JSON.parse(JSON.stringify(inPlace)));
    if (!('messages' in aside)) throw new Error('unreadable');
    expect(aside.messages).toHaveLength(301);
    const signed = aside.messages.find((m) => m.alert.identifier === 'MET-SIGNED')!;
    expect(signed.verified).toBe(true);
    expect(signed.verdicts).toHaveLength(1);
    // The empty area is a finding on that alert's element; the alert itself is kept.
    const empty = aside.messages.find((m) => m.alert.identifier === 'MET-7')!;
    expect(empty.checked.map((f) => f.path).join(' ')).toMatch(/area/);
  });

  it('refuses a trust store that cannot be read before any thread, and words an unreadable document as a finding', async () => {
    await expect(readFeedAside(large, join(pki.dir, 'nowhere'), RECEIVED)).rejects.toMatchObject({
      field: 'trustStore',
    });
    const unreadable = await readFeedAside(Buffer.from('<feed><entry>'.repeat(10_000)), null, RECEIVED);
    expect(unreadable).toMatchObject({ unreadable: { path: '/', severity: 'error' } });
  });
});
