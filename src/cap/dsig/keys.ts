/**
 * Keys and certificates for verification: trust anchors an operator configures, and what a
 * signature's KeyInfo carries. A KeyInfo key proves only that the message is intact; trust comes
 * from a configured anchor that is, or certifies, that key.
 */
import { createPublicKey, X509Certificate, type KeyObject } from 'node:crypto';
import { inEveryLanguage, type CapWords, type CapWordValue } from '../sentences/sentences.js';
import { CapSignatureError } from './errors.js';
import type { SignerInfo } from './types.js';

/** A key Dabyl trusts to sign CAP messages, optionally with its certificate. */
export interface TrustAnchor {
  publicKey: KeyObject;
  certificate?: X509Certificate;
  /** The certificate's subject, or "public key #n" in each language, for messages. */
  label: CapWordValue;
}

const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

/**
 * Which files of a trust store folder are certificates: the one rule for the feeds' stores and the
 * CLI's `--trust-store`, so a folder one of them reads the other does too.
 */
export const TRUST_STORE_KINDS = '.pem, .crt, .cer';
export const isCertificateFile = (name: string): boolean => /\.(pem|crt|cer)$/i.test(name);

/**
 * Reads trust anchors from PEM text: certificates (`CERTIFICATE`) and bare public keys
 * (`PUBLIC KEY`, `RSA PUBLIC KEY`), several to a file allowed. Private-key blocks are ignored.
 *
 * @throws Error naming the block that cannot be read; CapSignatureError (`no-trust-anchor`) when no
 *   anchor was found.
 */
export function loadTrustAnchors(pems: ReadonlyArray<string | Buffer>): TrustAnchor[] {
  const anchors: TrustAnchor[] = [];
  for (const pem of pems) {
    for (const match of pem.toString().matchAll(PEM_BLOCK)) {
      const [block, label] = match;
      if (label === 'CERTIFICATE') {
        const certificate = new X509Certificate(block);
        anchors.push({
          publicKey: certificate.publicKey,
          certificate,
          label: certificate.subject.replace(/\n/g, ', '),
        });
      } else if (label === 'PUBLIC KEY' || label === 'RSA PUBLIC KEY') {
        anchors.push({
          publicKey: createPublicKey(block),
          label: inEveryLanguage({
            key: 'signature_anchor_public_key',
            params: { number: anchors.length + 1 },
          }),
        });
      }
    }
  }
  if (anchors.length === 0 && pems.length > 0) {
    throw new CapSignatureError('no-trust-anchor', { key: 'signature_no_anchor_found' });
  }
  return anchors;
}

/** True when both keys are the same public key. */
export function sameKey(a: KeyObject, b: KeyObject): boolean {
  return a.export({ type: 'spki', format: 'der' }).equals(b.export({ type: 'spki', format: 'der' }));
}

/** The anchor that is `leaf` itself or whose key is `leaf`'s key, if any. */
export function anchorForKey(key: KeyObject, anchors: readonly TrustAnchor[]): TrustAnchor | undefined {
  return anchors.find((a) => sameKey(a.publicKey, key));
}

const MAX_CHAIN = 8;

/**
 * Whether `leaf` is an anchor or chains to one through `intermediates` (the other certificates in
 * KeyInfo). Each link needs a matching issuer name and a verifying signature; intermediates must be
 * CAs and valid at `at`.
 */
export function chainsToAnchor(
  leaf: X509Certificate,
  intermediates: readonly X509Certificate[],
  anchors: readonly TrustAnchor[],
  at: Date,
): boolean {
  if (anchorForKey(leaf.publicKey, anchors)) return true;
  let current = leaf;
  const used = new Set<X509Certificate>();
  for (let depth = 0; depth < MAX_CHAIN; depth++) {
    if (anchors.some((a) => issuedBy(current, a.publicKey, a.certificate))) return true;
    const next = intermediates.find(
      (c) => !used.has(c) && c.ca && validityProblem(c, at) === null && issuedBy(current, c.publicKey, c),
    );
    if (!next) return false;
    used.add(next);
    current = next;
  }
  return false;
}

function issuedBy(cert: X509Certificate, key: KeyObject, issuer?: X509Certificate): boolean {
  if (issuer && !cert.checkIssued(issuer)) return false;
  try {
    return cert.verify(key);
  } catch {
    return false;
  }
}

/** Why `cert` is not valid at `at` (a sentence's key and values), or null when it is. */
export function validityProblem(cert: X509Certificate, at: Date): CapWords | null {
  const from = new Date(cert.validFrom);
  const to = new Date(cert.validTo);
  const certificate = describe(cert);
  if (at < from) return { key: 'signature_not_yet_valid', params: { certificate, from: from.toISOString() } };
  if (at > to) return { key: 'signature_expired', params: { certificate, to: to.toISOString() } };
  return null;
}

/** '"CN=…, O=…" (serial …)' in each language, short enough for a message. */
export function describe(cert: X509Certificate): CapWordValue {
  return inEveryLanguage({
    key: 'signature_certificate_named',
    params: { subject: cert.subject.replace(/\n/g, ', '), serial: cert.serialNumber },
  });
}

/** The signer facts a report shows. */
export function signerInfo(cert: X509Certificate): SignerInfo {
  return {
    subject: cert.subject.replace(/\n/g, ', '),
    issuer: cert.issuer.replace(/\n/g, ', '),
    serialNumber: cert.serialNumber,
    fingerprint256: cert.fingerprint256,
    validFrom: new Date(cert.validFrom).toISOString(),
    validTo: new Date(cert.validTo).toISOString(),
  };
}

/** Reads an RSA public key from XML-DSig `RSAKeyValue` (base64 big-endian modulus and exponent). */
export function rsaKeyFromValue(modulus: string, exponent: string): KeyObject {
  const b64url = (s: string) => Buffer.from(s.replace(/\s+/g, ''), 'base64').toString('base64url');
  return createPublicKey({ key: { kty: 'RSA', n: b64url(modulus), e: b64url(exponent) }, format: 'jwk' });
}
