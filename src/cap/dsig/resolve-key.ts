/**
 * Finds the key a signature is verified with and decides whether it is trusted. A KeyInfo
 * certificate is used when present (that is how IPAWS and most met services send); otherwise the
 * configured trust anchors are tried in turn.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import type { SignatureMethod } from './algorithms.js';
import {
  anchorForKey,
  chainsToAnchor,
  describe,
  rsaKeyFromValue,
  signerInfo,
  validityProblem,
  type TrustAnchor,
} from './keys.js';
import type { SignatureDescription } from './structure.js';
import type { SignatureProblem, SignerInfo } from './types.js';

/** The key to verify with, where it came from, and what is wrong with it. */
export interface KeyResolution {
  key: KeyObject | null;
  source: 'keyinfo' | 'trust-anchor' | null;
  trusted: boolean;
  /** Names the key in messages, e.g. 'the public key of the KeyInfo certificate "CN=…"'. */
  keyLabel: string;
  signer?: SignerInfo;
  problems: SignatureProblem[];
}

const CERT_PATH = '/alert/Signature/KeyInfo/X509Data/X509Certificate';

/** Picks the verifying key for `sig`; `verifies` tests a candidate anchor key against the signature. */
export function resolveKey(
  sig: SignatureDescription,
  method: SignatureMethod,
  anchors: readonly TrustAnchor[],
  at: Date,
  verifies: (key: KeyObject) => boolean,
): KeyResolution {
  if (sig.keyInfo.certificates.length > 0) return fromCertificates(sig.keyInfo.certificates, anchors, at);
  if (sig.keyInfo.rsaKeyValue) return fromKeyValue(sig.keyInfo.rsaKeyValue, anchors);
  if (anchors.length > 0) return fromAnchors(method, anchors, at, verifies);
  return none(
    'KeyInfo carries no X509Certificate or RSAKeyValue and no trust anchors are configured: there is no key to verify with',
  );
}

function fromCertificates(ders: readonly Buffer[], anchors: readonly TrustAnchor[], at: Date): KeyResolution {
  const problems: SignatureProblem[] = [];
  const certs: X509Certificate[] = [];
  ders.forEach((der, i) => {
    try {
      certs.push(new X509Certificate(der));
    } catch {
      problems.push(certificate(`X509Certificate #${i + 1} in KeyInfo is not a readable X.509 certificate`));
    }
  });
  const [leaf, ...intermediates] = certs;
  if (!leaf || problems.length > 0) return { ...none(''), problems };
  const invalid = validityProblem(leaf, at);
  if (invalid) problems.push(certificate(invalid));
  const trusted = anchors.length > 0 && chainsToAnchor(leaf, intermediates, anchors, at);
  if (anchors.length > 0 && !trusted) {
    problems.push(
      certificate(
        `the KeyInfo certificate ${describe(leaf)} is not, and does not chain to, any of the ${anchors.length} configured trust anchors`,
      ),
    );
  }
  const keyLabel = `the public key of the KeyInfo certificate ${describe(leaf)}`;
  return { key: leaf.publicKey, source: 'keyinfo', trusted, keyLabel, signer: signerInfo(leaf), problems };
}

function fromKeyValue(
  value: { modulus: string; exponent: string },
  anchors: readonly TrustAnchor[],
): KeyResolution {
  let key: KeyObject;
  try {
    key = rsaKeyFromValue(value.modulus, value.exponent);
  } catch {
    return none('the RSAKeyValue in KeyInfo is not a readable RSA public key');
  }
  const anchor = anchorForKey(key, anchors);
  const problems =
    anchors.length > 0 && !anchor
      ? [
          certificate(
            `the RSAKeyValue key in KeyInfo is none of the ${anchors.length} configured trust anchors`,
          ),
        ]
      : [];
  const signer = anchor?.certificate ? signerInfo(anchor.certificate) : undefined;
  return {
    key,
    source: 'keyinfo',
    trusted: !!anchor,
    keyLabel: 'the RSAKeyValue key in KeyInfo',
    problems,
    ...(signer ? { signer } : {}),
  };
}

function fromAnchors(
  method: SignatureMethod,
  anchors: readonly TrustAnchor[],
  at: Date,
  verifies: (key: KeyObject) => boolean,
): KeyResolution {
  const anchor = anchors.find(
    (a) => a.publicKey.asymmetricKeyType === method.keyType && verifies(a.publicKey),
  );
  if (!anchor) {
    return {
      ...none(''),
      problems: [
        {
          what: 'signature-value',
          message: `the message names no key in KeyInfo and its SignatureValue verifies with none of the ${anchors.length} configured trust anchors (${anchors.map((a) => a.label).join('; ')})`,
          path: '/alert/Signature/SignatureValue',
        },
      ],
    };
  }
  const invalid = anchor.certificate ? validityProblem(anchor.certificate, at) : null;
  return {
    key: anchor.publicKey,
    source: 'trust-anchor',
    trusted: true,
    keyLabel: `the trust anchor ${anchor.label}`,
    problems: invalid ? [certificate(invalid)] : [],
    ...(anchor.certificate ? { signer: signerInfo(anchor.certificate) } : {}),
  };
}

function none(message: string): KeyResolution {
  return {
    key: null,
    source: null,
    trusted: false,
    keyLabel: '',
    problems: message ? [certificate(message)] : [],
  };
}

function certificate(message: string): SignatureProblem {
  return { what: 'certificate', message, path: CERT_PATH };
}
