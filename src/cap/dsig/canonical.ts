/**
 * The two octet strings a signature is about — the transformed alert and the canonical SignedInfo —
 * computed with xml-crypto's canonicalisers, so that signing and verifying share one implementation.
 */
import { findAncestorNs, SignedXml } from 'xml-crypto';
import { asC14n10, C14N, C14N11, C14N11_WITH_COMMENTS, C14N_WITH_COMMENTS, DSIG_NS } from './algorithms.js';
import { capSentence } from '../sentences/sentences.js';
import { findSignatures, parseDocument, removeComments } from './dom.js';
import type { ReferenceDescription } from './structure.js';

const SIGNED_INFO_XPATH =
  `/*/*[local-name()='Signature' and namespace-uri()='${DSIG_NS}']` +
  `/*[local-name()='SignedInfo' and namespace-uri()='${DSIG_NS}']`;

/** Canonical SignedInfo, with the namespaces it inherits from the alert (inclusive c14n needs them). */
export function canonicalSignedInfo(
  doc: Document,
  signature: Element,
  signedInfo: Element,
  algorithm: string,
): string {
  const engine = withC14n11(new SignedXml());
  engine.loadSignature(signature);
  return engine.getCanonXml([asC14n10(algorithm)], signedInfo, {
    ancestorNamespaces: findAncestorNs(doc, SIGNED_INFO_XPATH),
  });
}

/**
 * The octets the Reference's digest is over: the whole alert, comments dropped (same-document
 * reference), the enveloped signature removed, then canonicalised. Works on a fresh parse because
 * dropping comments changes the tree.
 */
export function referencedOctets(xml: string, reference: ReferenceDescription): string {
  const parsed = parseDocument(xml);
  if (!parsed.ok) throw new Error(capSentence('en', parsed.error));
  removeComments(parsed.doc);
  const [signature] = findSignatures(parsed.doc);
  const engine = withC14n11(new SignedXml());
  if (signature) engine.loadSignature(signature);
  return engine.getCanonXml(reference.transforms.map(asC14n10), parsed.root, {
    inclusiveNamespacesPrefixList: reference.inclusivePrefixes,
    ancestorNamespaces: [],
  });
}

/** Teaches an engine that Canonical XML 1.1 is computed as 1.0 (see `c14n11Difference`). */
function withC14n11(engine: SignedXml): SignedXml {
  const algorithms = engine.CanonicalizationAlgorithms;
  algorithms[C14N11] = algorithms[C14N]!;
  algorithms[C14N11_WITH_COMMENTS] = algorithms[C14N_WITH_COMMENTS]!;
  return engine;
}
