/**
 * Signs a CAP message with an enveloped XML signature over the whole `<alert>`: exclusive
 * canonicalisation, SHA-256 digest, RSA-SHA256 or ECDSA-SHA256, the Signature appended as the
 * alert's last child — the one place CAP 1.2's schema admits it (`<any namespace="…xmldsig#"/>`).
 */
import { createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { ECDSA_SHA256, EcdsaSha256, ENVELOPED, EXC_C14N, RSA_SHA256, SHA256_DIGEST } from './algorithms.js';
import { inEveryLanguage } from '../sentences/sentences.js';
import { findSignatures, isCapAlert, parseDocument } from './dom.js';
import { CapSignatureError } from './errors.js';

/** What `signCapMessage` needs. */
export interface SignOptions {
  /** The signer's private key: PEM (PKCS#8, PKCS#1 or SEC1), DER buffer, or a KeyObject. RSA or EC P-256. */
  privateKey: string | Buffer | KeyObject;
  /** The signer's X.509 certificate in PEM, optionally followed by its chain; published in KeyInfo. */
  certificate?: string | Buffer;
}

/**
 * Returns `xml` with an enveloped signature appended to its `<alert>`. The rest of the document is
 * left byte for byte as given, so a message that passed the CAP schema still passes it signed.
 *
 * @throws CapSignatureError when the XML is not a CAP alert, is already signed, or the key or
 *   certificate cannot be used.
 */
export function signCapMessage(xml: string, options: SignOptions): string {
  const parsed = parseDocument(xml);
  if (!parsed.ok) {
    throw new CapSignatureError('bad-xml', {
      key: 'signature_sign_unreadable',
      params: { problem: inEveryLanguage(parsed.error) },
    });
  }
  if (!isCapAlert(parsed.root)) {
    throw new CapSignatureError('not-cap', {
      key: 'signature_sign_not_alert',
      params: { element: parsed.root.tagName },
    });
  }
  if (findSignatures(parsed.doc).length > 0) {
    // A second signature would make the message unverifiable under Dabyl's one-signature rule.
    throw new CapSignatureError('already-signed', { key: 'signature_sign_already_signed' });
  }
  const key = readPrivateKey(options.privateKey);
  const algorithm = signatureAlgorithmFor(key);
  const certificate =
    options.certificate === undefined ? undefined : readCertificate(options.certificate, key);

  const signer = new SignedXml({
    privateKey: key.export({ type: 'pkcs8', format: 'pem' }),
    publicCert: certificate,
    signatureAlgorithm: algorithm,
    canonicalizationAlgorithm: EXC_C14N,
  });
  signer.SignatureAlgorithms[ECDSA_SHA256] = EcdsaSha256;
  signer.addReference({
    xpath: '/*',
    transforms: [ENVELOPED, EXC_C14N],
    digestAlgorithm: SHA256_DIGEST,
    isEmptyUri: true,
  });
  signer.computeSignature(xml, { location: { reference: '/*', action: 'append' } });
  return signer.getSignedXml();
}

function readPrivateKey(input: SignOptions['privateKey']): KeyObject {
  if (input instanceof KeyObject) {
    if (input.type !== 'private')
      throw new CapSignatureError('bad-key', { key: 'signature_sign_not_private' });
    return input;
  }
  try {
    return createPrivateKey(input);
  } catch (err) {
    throw new CapSignatureError('bad-key', {
      key: 'signature_sign_key_unreadable',
      params: { detail: (err as Error).message },
    });
  }
}

function signatureAlgorithmFor(key: KeyObject): string {
  if (key.asymmetricKeyType === 'rsa') {
    if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < 2048) {
      throw new CapSignatureError('bad-key', { key: 'signature_sign_rsa_short' });
    }
    return RSA_SHA256;
  }
  if (key.asymmetricKeyType === 'ec' && key.asymmetricKeyDetails?.namedCurve === 'prime256v1')
    return ECDSA_SHA256;
  const kind =
    key.asymmetricKeyType === 'ec' ? `EC ${key.asymmetricKeyDetails?.namedCurve}` : key.asymmetricKeyType;
  throw new CapSignatureError('bad-key', { key: 'signature_sign_key_kind', params: { kind: String(kind) } });
}

function readCertificate(pem: string | Buffer, key: KeyObject): string {
  const text = pem.toString();
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(text);
  } catch (err) {
    throw new CapSignatureError('bad-certificate', {
      key: 'signature_sign_certificate_unreadable',
      params: { detail: (err as Error).message },
    });
  }
  // Publishing a certificate for another key would produce a signature nobody can verify.
  if (!leaf.checkPrivateKey(key)) {
    throw new CapSignatureError('bad-certificate', {
      key: 'signature_sign_certificate_other_key',
      params: { subject: leaf.subject },
    });
  }
  return text;
}
