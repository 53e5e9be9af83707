/**
 * Finds the key a signature is verified with and decides whether it is trusted. A KeyInfo
 * certificate is used when present (that is how IPAWS and most met services send); otherwise the
 * configured trust anchors are tried in turn.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import {
  inEveryLanguage,
  joinedInEveryLanguage,
  type CapWords,
  type CapWordValue,
} from '../sentences/sentences.js';
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
import { signatureProblem } from './problem.js';
import type { SignatureDescription } from './structure.js';
import type { SignatureProblem, SignerInfo } from './types.js';

/** The key to verify with, where it came from, and what is wrong with it. */
export interface KeyResolution {
  key: KeyObject | null;
  source: 'keyinfo' | 'trust-anchor' | null;
  trusted: boolean;
  /** Names the key in messages, in each language, e.g. 'the public key of the KeyInfo certificate "CN=…"'. */
  keyLabel: CapWordValue;
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
  return none({ key: 'signature_no_key' });
}

function fromCertificates(ders: readonly Buffer[], anchors: readonly TrustAnchor[], at: Date): KeyResolution {
  const problems: SignatureProblem[] = [];
  const certs: X509Certificate[] = [];
  ders.forEach((der, i) => {
    try {
      certs.push(new X509Certificate(der));
    } catch {
      problems.push(certificate({ key: 'signature_certificate_unreadable', params: { number: i + 1 } }));
    }
  });
  const [leaf, ...intermediates] = certs;
  if (!leaf || problems.length > 0) return { ...none(), problems };
  const invalid = validityProblem(leaf, at);
  if (invalid) problems.push(certificate(invalid));
  const trusted = anchors.length > 0 && chainsToAnchor(leaf, intermediates, anchors, at);
  if (anchors.length > 0 && !trusted) {
    problems.push(
      certificate({
        key: 'signature_certificate_untrusted',
        params: { certificate: describe(leaf), count: anchors.length },
      }),
    );
  }
  const keyLabel = inEveryLanguage({
    key: 'signature_key_of_certificate',
    params: { certificate: describe(leaf) },
  });
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
    return none({ key: 'signature_key_value_unreadable' });
  }
  const anchor = anchorForKey(key, anchors);
  const problems =
    anchors.length > 0 && !anchor
      ? [certificate({ key: 'signature_key_value_untrusted', params: { count: anchors.length } })]
      : [];
  const signer = anchor?.certificate ? signerInfo(anchor.certificate) : undefined;
  return {
    key,
    source: 'keyinfo',
    trusted: !!anchor,
    keyLabel: inEveryLanguage({ key: 'signature_key_in_key_value' }),
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
      ...none(),
      problems: [
        signatureProblem(
          'signature-value',
          {
            key: 'signature_no_anchor_verifies',
            params: {
              count: anchors.length,
              anchors: joinedInEveryLanguage(
                anchors.map((a) => a.label),
                '; ',
              ),
            },
          },
          '/alert/Signature/SignatureValue',
        ),
      ],
    };
  }
  const invalid = anchor.certificate ? validityProblem(anchor.certificate, at) : null;
  return {
    key: anchor.publicKey,
    source: 'trust-anchor',
    trusted: true,
    keyLabel: inEveryLanguage({ key: 'signature_key_of_anchor', params: { anchor: anchor.label } }),
    problems: invalid ? [certificate(invalid)] : [],
    ...(anchor.certificate ? { signer: signerInfo(anchor.certificate) } : {}),
  };
}

/** No key: why (a certificate problem), when there is one reason to give. */
function none(why?: CapWords): KeyResolution {
  return {
    key: null,
    source: null,
    trusted: false,
    keyLabel: '',
    problems: why ? [certificate(why)] : [],
  };
}

function certificate(words: CapWords): SignatureProblem {
  return signatureProblem('certificate', words, CERT_PATH);
}
