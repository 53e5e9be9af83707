import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedAlerts } from './embedded.js';
import { createTestPki, removeTestPki, sampleAlert, type TestPki } from './fixtures/pki.js';
import { allSignaturesHold, loadTrustAnchors, signCapMessage, verifyEachSignature } from './index.js';

let pki: TestPki;
beforeAll(() => {
  pki = createTestPki();
});
afterAll(() => pki && removeTestPki(pki));

const bare = (xml: string) => xml.replace(/^<\?xml[^>]*\?>\s*/, '');
const signed = () =>
  bare(signCapMessage(sampleAlert(), { privateKey: pki.rsa.keyPem, certificate: pki.rsa.certPem }));

const atom = (...alerts: string[]) =>
  '<?xml version="1.0" encoding="UTF-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" ' +
  'xmlns:georss="http://www.georss.org/georss"><title>Met</title><id>urn:met</id>' +
  alerts.map((a, i) => `<entry><id>urn:e${i}</id><content type="text/xml">${a}</content></entry>`).join('') +
  '</feed>';

const edxl = (alert: string) =>
  '<EDXLDistribution xmlns="urn:oasis:names:tc:emergency:EDXL:DE:1.0"><distributionID>d1</distributionID>' +
  '<contentObject><xmlContent><embeddedXMLContent>' +
  alert +
  '</embeddedXMLContent></xmlContent></contentObject></EDXLDistribution>';

function verdictsOf(wrapper: string) {
  const found = embeddedAlerts(wrapper);
  if ('error' in found) throw new Error(found.error);
  const anchors = loadTrustAnchors([pki.rsa.certPem]);
  return found.alerts.map((a) => ({
    location: a.location,
    verdicts: verifyEachSignature(a.xml, { trustAnchors: anchors }),
  }));
}

describe('signed CAP inside a wrapper', () => {
  it('verifies each alert of an Atom feed as the document its originator signed', () => {
    const [first, second] = verdictsOf(atom(signed(), signed()));
    expect(first!.location).toBe('/feed/entry[0]/content[0]/alert[0]');
    expect(second!.location).toBe('/feed/entry[1]/content[0]/alert[0]');
    for (const { verdicts } of [first!, second!]) {
      expect(allSignaturesHold(verdicts)).toBe(true);
      expect(verdicts[0]).toMatchObject({ signed: true, valid: true, trusted: true });
    }
  });

  it('verifies an alert inside an EDXL-DE content object', () => {
    const [only] = verdictsOf(edxl(signed()));
    expect(only!.location).toBe(
      '/EDXLDistribution/contentObject[0]/xmlContent[0]/embeddedXMLContent[0]/alert[0]',
    );
    expect(allSignaturesHold(only!.verdicts)).toBe(true);
  });

  it('still verifies when the distributor moved the namespace declarations up to its own root', () => {
    const message = signed();
    // The same alert with its namespace declared by an element of the wrapper, not by the alert.
    const prefixed = message.replace('<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">', '<alert>');
    expect(prefixed).not.toBe(message);
    const wrapper =
      '<feed xmlns="http://www.w3.org/2005/Atom"><entry><content type="text/xml">' +
      `<wrap xmlns="urn:oasis:names:tc:emergency:cap:1.2">${prefixed}</wrap></content></entry></feed>`;
    const [only] = verdictsOf(wrapper);
    expect(only!.location).toBe('/feed/entry[0]/content[0]/wrap[0]/alert[0]');
    expect(allSignaturesHold(only!.verdicts)).toBe(true);
  });

  it('finds a changed copy inside a wrapper not valid, and the untouched one beside it valid', () => {
    const changed = signed().replace('<headline>', '<headline>NOT ');
    const [forged, kept] = verdictsOf(atom(changed, signed()));
    expect(forged!.verdicts[0]).toMatchObject({ signed: true, valid: false });
    expect(allSignaturesHold(kept!.verdicts)).toBe(true);
  });

  it('answers an unreadable wrapper with an error, not a throw', () => {
    expect(embeddedAlerts('not xml at all')).toMatchObject({
      error: expect.stringContaining('well-formed'),
    });
    expect(embeddedAlerts('<!DOCTYPE x [<!ENTITY a "b">]><feed/>')).toMatchObject({
      error: expect.stringContaining('DTD'),
    });
  });
});
