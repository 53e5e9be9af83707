/**
 * English: why an XML signature of a CAP message does not hold. Element names are XML-DSig's own and
 * stay as written; digests, algorithm URIs, certificate subjects and the XML parser's or crypto
 * library's own text are values. Problems start lower-case: a finding puts "XML signature: " before.
 */
export const signatureEn = {
  // A finding: which signature, then its problem (each a sentence already worded per language).
  signature_finding: '{signature}: {problem}',
  signature_label: 'XML signature',
  signature_label_nth: 'XML signature {index} ({role})',
  signature_role_originator: 'originator',
  signature_role_distributor: 'distributor',

  // The message as a whole, before the signature is read.
  signature_file_unreadable: 'cannot read the file: {detail}',
  signature_too_long: 'the message is {length} characters; at most {max} are read',
  signature_doctype: 'the message has a DOCTYPE; DTDs and entities are refused in signed messages',
  signature_not_well_formed: 'the message is not well-formed XML: {detail}',
  signature_no_root: 'the message is not well-formed XML: no root element',
  signature_too_deep: 'the message nests deeper than {max} elements',
  signature_none: 'the message carries no XML signature',
  signature_not_alert: 'the root element is <{element}>, not a CAP <alert>',
  signature_several: 'the message carries {count} Signature elements; a CAP message carries exactly one',
  signature_not_enveloped: 'the Signature is not a child of <alert>; only an enveloped signature is accepted',
  signature_unprocessable: 'the signature could not be processed: {detail}',

  // The signature's structure (Dabyl's profile for CAP).
  signature_children:
    'Signature holds <{children}>; a CAP signature holds SignedInfo, SignatureValue and optionally KeyInfo, ' +
    'nothing else (no Object, no Manifest)',
  signature_signed_info_start: 'SignedInfo must start with CanonicalizationMethod and SignatureMethod',
  signature_references:
    'SignedInfo has {count} Reference elements; a CAP signature has exactly one, to the whole alert — ' +
    'extra references are how signature-wrapping attacks work',
  signature_canonicalization_unsupported: 'unsupported CanonicalizationMethod {algorithm}',
  signature_c14n11:
    'Canonical XML 1.1 is accepted where it gives the same bytes as 1.0; here <{element}> carries xml:id ' +
    'or xml:base, which 1.1 treats differently',
  signature_method_unsupported: 'unsupported SignatureMethod {algorithm}',
  signature_reference_no_uri: 'Reference has no URI; only URI="" (the whole document) is accepted',
  signature_reference_uri:
    'Reference URI="{uri}" does not designate the whole alert; only URI="" or "#" + the alert\'s own Id ' +
    'is accepted, and nothing is ever fetched',
  signature_reference_children:
    'Reference must hold Transforms (optional), DigestMethod and DigestValue, in that order',
  signature_digest_unsupported: 'unsupported DigestMethod {algorithm}',
  signature_transforms_unexpected: 'unexpected <{element}> in Transforms',
  signature_transform_refused:
    'Transform {algorithm} is refused; only enveloped-signature and canonicalisation are accepted',
  signature_no_algorithm: '{element} has no Algorithm',
  signature_not_base64: '{element} is not base64',

  // Digest and signature value.
  signature_digest:
    'the digest of Reference URI="{uri}" (the whole alert) does not match: the signed DigestValue is ' +
    '{expected}, the message now digests to {actual} — it was changed after signing',
  signature_key_type: 'SignatureMethod {method} needs an {needed} key, but {key} is {actual}',
  signature_value:
    'the SignatureValue does not verify with {key}: SignedInfo was altered, or the message was signed ' +
    'with another key',

  // The key and its certificate; the key and certificate names are values of the sentences above.
  signature_key_of_certificate: 'the public key of the KeyInfo certificate {certificate}',
  signature_key_in_key_value: 'the RSAKeyValue key in KeyInfo',
  signature_key_of_anchor: 'the trust anchor {anchor}',
  signature_certificate_named: '"{subject}" (serial {serial})',
  signature_anchor_public_key: 'public key #{number}',
  signature_no_key:
    'KeyInfo carries no X509Certificate or RSAKeyValue and no trust anchors are configured: there is no ' +
    'key to verify with',
  signature_certificate_unreadable:
    'X509Certificate #{number} in KeyInfo is not a readable X.509 certificate',
  signature_certificate_untrusted:
    'the KeyInfo certificate {certificate} is not, and does not chain to, any of the {count} configured ' +
    'trust anchors',
  signature_key_value_unreadable: 'the RSAKeyValue in KeyInfo is not a readable RSA public key',
  signature_key_value_untrusted:
    'the RSAKeyValue key in KeyInfo is none of the {count} configured trust anchors',
  signature_no_anchor_verifies:
    'the message names no key in KeyInfo and its SignatureValue verifies with none of the {count} ' +
    'configured trust anchors ({anchors})',
  signature_not_yet_valid: 'the certificate {certificate} is not valid before {from}',
  signature_expired: 'the certificate {certificate} expired on {to}',

  // Algorithms that still verify but are no longer strong evidence.
  signature_weak: 'weak algorithms: {reasons}',
  signature_weak_dsa: 'DSA',
  signature_weak_sha1_signature: 'SHA-1 in the signature',
  signature_weak_sha1_digest: 'SHA-1 in the digest',

  // Why a message cannot be signed, or trust anchors cannot be read.
  signature_sign_unreadable: 'cannot sign: {problem}',
  signature_sign_not_alert: 'cannot sign: the root element is <{element}>, not a CAP <alert>',
  signature_sign_already_signed: 'cannot sign: the message already carries an XML signature',
  signature_sign_not_private: 'cannot sign: the key given is not a private key',
  signature_sign_key_unreadable: 'cannot sign: the private key is unreadable ({detail})',
  signature_sign_rsa_short: 'cannot sign: RSA keys shorter than 2048 bits are refused',
  signature_sign_key_kind: 'cannot sign: {kind} keys are not supported; use RSA (2048+) or EC P-256',
  signature_sign_certificate_unreadable: 'cannot sign: the certificate is unreadable ({detail})',
  signature_sign_certificate_other_key:
    'cannot sign: the certificate ({subject}) is not for this private key',
  signature_no_anchor_found: 'no certificate or public key found in the trust anchor PEM given',
} as const;

export type SignatureSentenceKey = keyof typeof signatureEn;
