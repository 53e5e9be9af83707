import type { CapWords } from '../sentences/sentences.js';

/** What part of a signature failed to hold. */
export type SignatureProblemKind = 'digest' | 'signature-value' | 'certificate' | 'structure';

/** One reason a signature does not hold, with the element it concerns. */
export interface SignatureProblem {
  what: SignatureProblemKind;
  /** The English sentence, naming the digest, value or certificate at fault: for scripts and logs. */
  message: string;
  /** The sentence's key and values, to word it in the reader's language. */
  words: CapWords;
  /** Element path of the part at fault, such as `/alert/Signature/SignedInfo/Reference[1]`. */
  path?: string;
}

/** Who signed, as far as the certificate says. */
export interface SignerInfo {
  subject: string;
  issuer: string;
  serialNumber: string;
  /** SHA-256 fingerprint, colon-separated hex, as `openssl x509 -fingerprint -sha256` prints it. */
  fingerprint256: string;
  validFrom: string;
  validTo: string;
}

/** The algorithm URIs a signature declares. */
export interface SignatureAlgorithms {
  canonicalization: string;
  signature: string;
  digest: string;
  transforms: string[];
}

/**
 * The outcome of checking a CAP message's XML signature.
 *
 * `valid` is true only when the digest and the signature value hold, the signing certificate (if
 * any) is within its validity period, and — when trust anchors were configured — the key is trusted.
 */
export interface SignatureCheck {
  signed: boolean;
  valid: boolean;
  /** Where the verifying key came from; null when no key could be found. */
  keySource: 'keyinfo' | 'trust-anchor' | null;
  /** The key is, chains to, or is certified by a configured trust anchor. */
  trusted: boolean;
  problems: SignatureProblem[];
  algorithms?: SignatureAlgorithms;
  signer?: SignerInfo;
}
