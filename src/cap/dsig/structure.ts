/**
 * Reads a Signature element into plain data, refusing anything outside Dabyl's profile for CAP:
 * one Reference, to the whole alert, with known transforms and algorithms. Signature-wrapping
 * attacks need a second Reference, an Object, or a Reference to some other element; all three
 * stop here, before any cryptography runs.
 */
import {
  C14N11,
  C14N11_WITH_COMMENTS,
  CANONICALIZATIONS,
  DIGESTS,
  EXC_C14N,
  EXC_C14N_WITH_COMMENTS,
  SIGNATURE_METHODS,
  TRANSFORMS,
} from './algorithms.js';
import { capSentence, type CapWords } from '../sentences/sentences.js';
import { childElements, isDsig } from './dom.js';
import { signatureProblem } from './problem.js';
import type { SignatureProblem } from './types.js';

/** The one Reference of a CAP signature. */
export interface ReferenceDescription {
  uri: string;
  transforms: string[];
  /** PrefixList of an exclusive-c14n transform's InclusiveNamespaces. */
  inclusivePrefixes: string[];
  digestMethod: string;
  digestValue: Buffer;
}

/** What KeyInfo offers for finding the verifying key. */
export interface KeyInfoDescription {
  /** DER of each X509Certificate, in document order (the signer's first, by convention). */
  certificates: Buffer[];
  rsaKeyValue?: { modulus: string; exponent: string };
}

/** A Signature read and checked against the profile. */
export interface SignatureDescription {
  signedInfo: Element;
  canonicalization: string;
  signatureMethod: string;
  signatureValue: Buffer;
  reference: ReferenceDescription;
  keyInfo: KeyInfoDescription;
}

/** Signals a profile violation; caught once and turned into a `structure` problem. */
class StructureError extends Error {
  constructor(
    readonly words: CapWords,
    readonly path: string,
  ) {
    super(capSentence('en', words));
  }
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** Reads `signature` (a child of `root`) or reports the first way it leaves the profile. */
export function describeSignature(
  signature: Element,
  root: Element,
  basePath: string,
): { ok: true; signature: SignatureDescription } | { ok: false; problem: SignatureProblem } {
  try {
    return { ok: true, signature: readSignature(signature, root, basePath) };
  } catch (err) {
    if (!(err instanceof StructureError)) throw err;
    return { ok: false, problem: signatureProblem('structure', err.words, err.path) };
  }
}

function readSignature(signature: Element, root: Element, path: string): SignatureDescription {
  const children = childElements(signature);
  const names = children.map((c) =>
    isDsig(c, c.localName) ? c.localName : `{${c.namespaceURI ?? ''}}${c.localName}`,
  );
  const expected =
    names.length === 3 ? ['SignedInfo', 'SignatureValue', 'KeyInfo'] : ['SignedInfo', 'SignatureValue'];
  if (names.join() !== expected.join()) {
    throw new StructureError({ key: 'signature_children', params: { children: names.join('>, <') } }, path);
  }
  const [signedInfo, signatureValue, keyInfo] = children as [Element, Element, Element | undefined];
  const info = readSignedInfo(signedInfo, root, `${path}/SignedInfo`);
  return {
    signedInfo,
    ...info,
    signatureValue: readBase64(signatureValue, `${path}/SignatureValue`),
    keyInfo: keyInfo ? readKeyInfo(keyInfo) : { certificates: [] },
  };
}

function readSignedInfo(signedInfo: Element, root: Element, path: string) {
  const children = childElements(signedInfo);
  const [c14n, method, ...references] = children;
  if (!c14n || !isDsig(c14n, 'CanonicalizationMethod') || !method || !isDsig(method, 'SignatureMethod')) {
    throw new StructureError({ key: 'signature_signed_info_start' }, path);
  }
  if (references.length !== 1 || !isDsig(references[0]!, 'Reference')) {
    throw new StructureError(
      { key: 'signature_references', params: { count: references.length } },
      `${path}/Reference`,
    );
  }
  const canonicalization = algorithmOf(c14n, `${path}/CanonicalizationMethod`);
  if (!CANONICALIZATIONS.has(canonicalization)) {
    throw new StructureError(
      { key: 'signature_canonicalization_unsupported', params: { algorithm: canonicalization } },
      `${path}/CanonicalizationMethod`,
    );
  }
  const differs = c14n11Difference(canonicalization, signedInfo);
  if (differs) throw new StructureError(differs, `${path}/CanonicalizationMethod`);
  const signatureMethod = algorithmOf(method, `${path}/SignatureMethod`);
  if (!SIGNATURE_METHODS[signatureMethod]) {
    throw new StructureError(
      { key: 'signature_method_unsupported', params: { algorithm: signatureMethod } },
      `${path}/SignatureMethod`,
    );
  }
  return {
    canonicalization,
    signatureMethod,
    reference: readReference(references[0]!, root, `${path}/Reference`),
  };
}

function readReference(reference: Element, root: Element, path: string): ReferenceDescription {
  if (!reference.hasAttribute('URI')) {
    throw new StructureError({ key: 'signature_reference_no_uri' }, path);
  }
  const uri = reference.getAttribute('URI') ?? '';
  const rootId = ['Id', 'ID', 'id'].map((a) => root.getAttribute(a)).find((v) => v);
  if (uri !== '' && !(rootId && uri === `#${rootId}`)) {
    // Anything else is either another document (never fetched) or a part of this one (not the alert).
    throw new StructureError({ key: 'signature_reference_uri', params: { uri } }, path);
  }
  const children = childElements(reference);
  const transformsEl = children[0] && isDsig(children[0], 'Transforms') ? children.shift() : undefined;
  const [digestMethod, digestValue, ...rest] = children;
  if (
    !digestMethod ||
    !isDsig(digestMethod, 'DigestMethod') ||
    !digestValue ||
    !isDsig(digestValue, 'DigestValue') ||
    rest.length > 0
  ) {
    throw new StructureError({ key: 'signature_reference_children' }, path);
  }
  const method = algorithmOf(digestMethod, `${path}/DigestMethod`);
  const hash = DIGESTS[method];
  if (!hash) {
    throw new StructureError(
      { key: 'signature_digest_unsupported', params: { algorithm: method } },
      `${path}/DigestMethod`,
    );
  }
  const value = readBase64(digestValue, `${path}/DigestValue`);
  return {
    uri,
    ...readTransforms(transformsEl, `${path}/Transforms`),
    digestMethod: method,
    digestValue: value,
  };
}

function readTransforms(transformsEl: Element | undefined, path: string) {
  const transforms: string[] = [];
  let inclusivePrefixes: string[] = [];
  for (const t of transformsEl ? childElements(transformsEl) : []) {
    if (!isDsig(t, 'Transform')) {
      throw new StructureError(
        { key: 'signature_transforms_unexpected', params: { element: t.tagName } },
        path,
      );
    }
    const algorithm = algorithmOf(t, `${path}/Transform`);
    if (!TRANSFORMS.has(algorithm)) {
      // XPath, XSLT and base64 transforms could make the digest cover something other than the alert.
      throw new StructureError(
        { key: 'signature_transform_refused', params: { algorithm } },
        `${path}/Transform`,
      );
    }
    const inclusive = childElements(t).find((c) => c.localName === 'InclusiveNamespaces');
    if (inclusive && (algorithm === EXC_C14N || algorithm === EXC_C14N_WITH_COMMENTS)) {
      inclusivePrefixes = (inclusive.getAttribute('PrefixList') ?? '').split(/\s+/).filter(Boolean);
    }
    transforms.push(algorithm);
  }
  return { transforms, inclusivePrefixes };
}

function readKeyInfo(keyInfo: Element): KeyInfoDescription {
  const out: KeyInfoDescription = { certificates: [] };
  for (const item of childElements(keyInfo)) {
    if (isDsig(item, 'X509Data')) {
      for (const c of childElements(item).filter((e) => isDsig(e, 'X509Certificate'))) {
        out.certificates.push(readBase64(c, '/alert/Signature/KeyInfo/X509Data/X509Certificate'));
      }
    } else if (isDsig(item, 'KeyValue')) {
      const rsa = childElements(item).find((e) => isDsig(e, 'RSAKeyValue'));
      const [modulus, exponent] = rsa ? childElements(rsa) : [];
      if (modulus && exponent)
        out.rsaKeyValue = { modulus: modulus.textContent ?? '', exponent: exponent.textContent ?? '' };
    }
  }
  return out;
}

const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/**
 * Canonical XML 1.1 differs from 1.0 only where SignedInfo inherits xml:id or xml:base from the
 * Signature or the alert; there it would need its own canonicaliser, which Dabyl does not have.
 */
function c14n11Difference(algorithm: string, signedInfo: Element): CapWords | null {
  if (algorithm !== C14N11 && algorithm !== C14N11_WITH_COMMENTS) return null;
  for (let n = signedInfo.parentNode; n && n.nodeType === 1; n = n.parentNode) {
    const el = n as Element;
    if (el.hasAttributeNS(XML_NS, 'id') || el.hasAttributeNS(XML_NS, 'base')) {
      return { key: 'signature_c14n11', params: { element: el.tagName } };
    }
  }
  return null;
}

function algorithmOf(el: Element, path: string): string {
  const algorithm = el.getAttribute('Algorithm');
  if (!algorithm)
    throw new StructureError({ key: 'signature_no_algorithm', params: { element: el.localName } }, path);
  return algorithm;
}

function readBase64(el: Element, path: string): Buffer {
  const text = (el.textContent ?? '').replace(/\s+/g, '');
  if (text === '' || !BASE64.test(text) || text.length % 4 !== 0) {
    throw new StructureError({ key: 'signature_not_base64', params: { element: el.localName } }, path);
  }
  return Buffer.from(text, 'base64');
}
