/**
 * The XML-DSig algorithm identifiers Dabyl signs with and accepts, and how each maps onto
 * node:crypto. Anything not listed here is refused: an unknown transform could select content
 * other than the alert, and HMAC would let anyone holding a public certificate forge a signature.
 */
import { createPrivateKey, KeyObject, sign as cryptoSign } from 'node:crypto';
import {
  inEveryLanguage,
  joinedInEveryLanguage,
  type CapSentenceKey,
  type CapWords,
} from '../sentences/sentences.js';

export const DSIG_NS = 'http://www.w3.org/2000/09/xmldsig#';

export const C14N = 'http://www.w3.org/TR/2001/REC-xml-c14n-20010315';
export const C14N_WITH_COMMENTS = `${C14N}#WithComments`;
export const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
export const EXC_C14N_WITH_COMMENTS = `${EXC_C14N}WithComments`;
export const ENVELOPED = `${DSIG_NS}enveloped-signature`;
/**
 * Canonical XML 1.1. Over a whole CAP alert it yields the same octets as 1.0: the two differ only
 * in how xml:id and xml:base are inherited into a document subset, so it is read as 1.0 when the
 * alert and its Signature carry neither (see `c14n11Difference`).
 */
export const C14N11 = 'http://www.w3.org/2006/12/xml-c14n11';
export const C14N11_WITH_COMMENTS = `${C14N11}#WithComments`;

export const CANONICALIZATIONS: ReadonlySet<string> = new Set([
  C14N,
  C14N_WITH_COMMENTS,
  EXC_C14N,
  EXC_C14N_WITH_COMMENTS,
  C14N11,
  C14N11_WITH_COMMENTS,
]);

/** The 1.0 algorithm a Canonical XML 1.1 identifier is computed with; others map to themselves. */
export function asC14n10(algorithm: string): string {
  if (algorithm === C14N11) return C14N;
  if (algorithm === C14N11_WITH_COMMENTS) return C14N_WITH_COMMENTS;
  return algorithm;
}

/** Transforms a Reference may carry: removing the enveloped signature, then canonicalising. */
export const TRANSFORMS: ReadonlySet<string> = new Set([ENVELOPED, ...CANONICALIZATIONS]);

export type HashName = 'sha1' | 'sha256' | 'sha384' | 'sha512';

export const DIGESTS: Readonly<Record<string, HashName>> = {
  [`${DSIG_NS}sha1`]: 'sha1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'sha256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'sha384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'sha512',
};

export const SHA256_DIGEST = 'http://www.w3.org/2001/04/xmlenc#sha256';

/** A signature method: which kind of key it needs and which hash it signs. */
export interface SignatureMethod {
  keyType: 'rsa' | 'ec' | 'dsa';
  hash: HashName;
}

const MORE = 'http://www.w3.org/2001/04/xmldsig-more#';

export const SIGNATURE_METHODS: Readonly<Record<string, SignatureMethod>> = {
  // RSA-SHA1 is what older IPAWS and met-service tools still send; accepted on input only.
  [`${DSIG_NS}rsa-sha1`]: { keyType: 'rsa', hash: 'sha1' },
  // DSA-SHA1 is the original XML-DSig default; some national systems still sign with it.
  [`${DSIG_NS}dsa-sha1`]: { keyType: 'dsa', hash: 'sha1' },
  [`${MORE}rsa-sha256`]: { keyType: 'rsa', hash: 'sha256' },
  [`${MORE}rsa-sha384`]: { keyType: 'rsa', hash: 'sha384' },
  [`${MORE}rsa-sha512`]: { keyType: 'rsa', hash: 'sha512' },
  [`${MORE}ecdsa-sha256`]: { keyType: 'ec', hash: 'sha256' },
  [`${MORE}ecdsa-sha384`]: { keyType: 'ec', hash: 'sha384' },
  [`${MORE}ecdsa-sha512`]: { keyType: 'ec', hash: 'sha512' },
};

/**
 * Why a signature's algorithms are weak (SHA-1 anywhere, or DSA), as a sentence's key and values,
 * or null. A weak signature is still verified and reported: it is readable, only no longer strong
 * evidence.
 */
export function weakness(signatureMethod: string, digestMethod: string): CapWords | null {
  const method = SIGNATURE_METHODS[signatureMethod];
  const reasons: CapSentenceKey[] = [];
  if (method?.keyType === 'dsa') reasons.push('signature_weak_dsa');
  if (method?.hash === 'sha1') reasons.push('signature_weak_sha1_signature');
  if (DIGESTS[digestMethod] === 'sha1') reasons.push('signature_weak_sha1_digest');
  if (reasons.length === 0) return null;
  const worded = reasons.map((key) => inEveryLanguage({ key }));
  return { key: 'signature_weak', params: { reasons: joinedInEveryLanguage(worded, ', ') } };
}

export const RSA_SHA256 = `${MORE}rsa-sha256`;
export const ECDSA_SHA256 = `${MORE}ecdsa-sha256`;

/**
 * ECDSA for xml-crypto, which ships RSA only. XML-DSig (RFC 4051 §3.4.1) carries the signature as
 * the raw r‖s pair, not the DER structure OpenSSL produces by default, hence `ieee-p1363`.
 */
export class EcdsaSha256 {
  getSignature(signedInfo: Buffer | string, privateKey: KeyObject | string | Buffer): string {
    const key = privateKey instanceof KeyObject ? privateKey : createPrivateKey(privateKey);
    return cryptoSign('sha256', Buffer.from(signedInfo), { key, dsaEncoding: 'ieee-p1363' }).toString(
      'base64',
    );
  }

  // xml-crypto never verifies with this class: verify.ts checks signature values itself.
  verifySignature(): boolean {
    throw new Error('EcdsaSha256 is used for signing only');
  }

  getAlgorithmName(): string {
    return ECDSA_SHA256;
  }
}
