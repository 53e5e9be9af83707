/**
 * Verifies the enveloped XML signature of an incoming CAP message — Dabyl's own, or one made by
 * another authority's tool (IPAWS, met services: RSA-SHA1/SHA-256, inclusive or exclusive c14n).
 * Every check runs even after one fails, so a report names each digest, signature value and
 * certificate that does not hold. Nothing is fetched: only the alert itself can be referenced.
 */
import { createHash, timingSafeEqual, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { DIGESTS, SIGNATURE_METHODS, type SignatureMethod } from './algorithms.js';
import { canonicalSignedInfo, referencedOctets } from './canonical.js';
import type { CapWords } from '../sentences/sentences.js';
import { findSignatures, isCapAlert, parseDocument } from './dom.js';
import { signatureProblem } from './problem.js';
import { resolveKey, type KeyResolution } from './resolve-key.js';
import { describeSignature, type SignatureDescription } from './structure.js';
import type { TrustAnchor } from './keys.js';
import type { SignatureCheck, SignatureProblem } from './types.js';

/** How to verify. */
export interface VerifyOptions {
  /**
   * Keys Dabyl trusts. When any are given, a signature is valid only if its key is, or is
   * certified by, one of them; without them, a KeyInfo certificate proves integrity only.
   */
  trustAnchors?: readonly TrustAnchor[];
  /** The instant certificates must be valid at; defaults to now. */
  at?: Date;
}

/** Checks the signature of a CAP message given as XML text; never throws for a bad message. */
export function verifyCapSignature(xml: string, options: VerifyOptions = {}): SignatureCheck {
  const parsed = parseDocument(xml);
  if (!parsed.ok) return unsigned([signatureProblem('structure', parsed.error)]);
  const { doc, root } = parsed;
  const signatures = findSignatures(doc);
  if (signatures.length === 0) return unsigned([signatureProblem('structure', { key: 'signature_none' })]);
  const rootPath = `/${root.localName}`;
  if (!isCapAlert(root))
    return failed([structure({ key: 'signature_not_alert', params: { element: root.tagName } }, rootPath)]);
  if (signatures.length > 1) {
    return failed([structure({ key: 'signature_several', params: { count: signatures.length } }, rootPath)]);
  }
  const element = signatures[0]!;
  const path = `${rootPath}/Signature`;
  if (element.parentNode !== root) {
    return failed([structure({ key: 'signature_not_enveloped' }, path)]);
  }
  const described = describeSignature(element, root, path);
  if (!described.ok) return failed([described.problem]);
  try {
    return checkDescribed(xml, doc, element, described.signature, path, options);
  } catch (err) {
    // A canonicaliser or key parser choking on hostile input is a bad message, not a crash.
    return failed([
      structure({ key: 'signature_unprocessable', params: { detail: (err as Error).message } }, path),
    ]);
  }
}

function checkDescribed(
  xml: string,
  doc: Document,
  element: Element,
  sig: SignatureDescription,
  path: string,
  options: VerifyOptions,
): SignatureCheck {
  const method = SIGNATURE_METHODS[sig.signatureMethod]!;
  const signedInfo = canonicalSignedInfo(doc, element, sig.signedInfo, sig.canonicalization);
  const problems: SignatureProblem[] = [...digestProblems(xml, sig, `${path}/SignedInfo/Reference`)];
  const resolution = resolveKey(sig, method, options.trustAnchors ?? [], options.at ?? new Date(), (key) =>
    signatureHolds(signedInfo, sig.signatureValue, method, key),
  );
  problems.push(...resolution.problems);
  if (resolution.key)
    problems.push(...valueProblems(signedInfo, sig, method, resolution, `${path}/SignatureValue`));
  return {
    signed: true,
    valid: problems.length === 0,
    keySource: resolution.source,
    trusted: resolution.trusted,
    problems,
    algorithms: {
      canonicalization: sig.canonicalization,
      signature: sig.signatureMethod,
      digest: sig.reference.digestMethod,
      transforms: sig.reference.transforms,
    },
    ...(resolution.signer ? { signer: resolution.signer } : {}),
  };
}

function digestProblems(xml: string, sig: SignatureDescription, path: string): SignatureProblem[] {
  const octets = referencedOctets(xml, sig.reference);
  const actual = createHash(DIGESTS[sig.reference.digestMethod]!).update(octets, 'utf8').digest();
  const expected = sig.reference.digestValue;
  if (actual.length === expected.length && timingSafeEqual(actual, expected)) return [];
  return [
    signatureProblem(
      'digest',
      {
        key: 'signature_digest',
        params: {
          uri: sig.reference.uri,
          expected: expected.toString('base64'),
          actual: actual.toString('base64'),
        },
      },
      `${path}/DigestValue`,
    ),
  ];
}

function valueProblems(
  signedInfo: string,
  sig: SignatureDescription,
  method: SignatureMethod,
  resolution: KeyResolution,
  path: string,
): SignatureProblem[] {
  const key = resolution.key!;
  if (key.asymmetricKeyType !== method.keyType) {
    return [
      signatureProblem(
        'signature-value',
        {
          key: 'signature_key_type',
          params: {
            method: sig.signatureMethod,
            needed: method.keyType.toUpperCase(),
            key: resolution.keyLabel,
            actual: key.asymmetricKeyType?.toUpperCase() ?? 'undefined',
          },
        },
        path,
      ),
    ];
  }
  if (signatureHolds(signedInfo, sig.signatureValue, method, key)) return [];
  return [
    signatureProblem(
      'signature-value',
      { key: 'signature_value', params: { key: resolution.keyLabel } },
      path,
    ),
  ];
}

/** Verifies `value` over `data`; ECDSA values are raw r‖s as XML-DSig carries them. */
export function signatureHolds(
  data: string,
  value: Buffer,
  method: SignatureMethod,
  key: KeyObject,
): boolean {
  if (key.asymmetricKeyType !== method.keyType) return false;
  try {
    // XML-DSig carries ECDSA and DSA values as raw r‖s, not DER.
    const input = method.keyType === 'rsa' ? key : { key, dsaEncoding: 'ieee-p1363' as const };
    return cryptoVerify(method.hash, Buffer.from(data, 'utf8'), input, value);
  } catch {
    return false;
  }
}

function structure(words: CapWords, path: string): SignatureProblem {
  return signatureProblem('structure', words, path);
}

function unsigned(problems: SignatureProblem[]): SignatureCheck {
  return { signed: false, valid: false, keySource: null, trusted: false, problems };
}

function failed(problems: SignatureProblem[]): SignatureCheck {
  return { signed: true, valid: false, keySource: null, trusted: false, problems };
}
