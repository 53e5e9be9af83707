import type { SignatureSentenceKey } from './signature-en.js';

/**
 * Russian: why an XML signature does not hold. Digests, algorithm URIs, certificate subjects and the
 * parser's or crypto library's own text are values, kept as they are.
 */
export const signatureRu: Readonly<Record<SignatureSentenceKey, string>> = {
  signature_finding: '{signature}: {problem}',
  signature_label: 'XML-подпись',
  signature_label_nth: 'XML-подпись {index} ({role})',
  signature_role_originator: 'исходный отправитель',
  signature_role_distributor: 'распространитель',

  signature_file_unreadable: 'не удалось прочитать файл: {detail}',
  signature_too_long: 'длина сообщения — {length} символов; читается не больше {max}',
  signature_doctype:
    'в сообщении есть DOCTYPE; в подписанных сообщениях DTD и объявления ENTITY не принимаются',
  signature_not_well_formed: 'сообщение не является правильно построенным XML: {detail}',
  signature_no_root: 'сообщение не является правильно построенным XML: нет корневого элемента',
  signature_too_deep: 'элементы сообщения вложены глубже {max} уровней',
  signature_none: 'в сообщении нет XML-подписи',
  signature_not_alert: 'корневой элемент — <{element}>, а не <alert> CAP',
  signature_several: 'в сообщении элементов <Signature>: {count}; в сообщении CAP он ровно один',
  signature_not_enveloped:
    '<Signature> не является дочерним элементом <alert>; принимается только подпись, вложенная в само сообщение',
  signature_unprocessable: 'подпись не удалось обработать: {detail}',

  signature_children:
    'в <Signature> находятся <{children}>; подпись CAP содержит только <SignedInfo>, <SignatureValue> и, ' +
    'при необходимости, <KeyInfo> — и ничего больше (ни <Object>, ни <Manifest>)',
  signature_signed_info_start:
    '<SignedInfo> должен начинаться с <CanonicalizationMethod> и <SignatureMethod>',
  signature_references:
    'в <SignedInfo> элементов <Reference>: {count}; в подписи CAP он ровно один и указывает на всё сообщение — ' +
    'лишние ссылки служат атакам «обёртывания» подписи',
  signature_canonicalization_unsupported: 'алгоритм <CanonicalizationMethod> не поддерживается: {algorithm}',
  signature_c14n11:
    '«Canonical XML 1.1» принимается там, где даёт те же байты, что и 1.0; здесь у <{element}> есть ' +
    '«xml:id» или «xml:base», а их 1.1 обрабатывает иначе',
  signature_method_unsupported: 'алгоритм <SignatureMethod> не поддерживается: {algorithm}',
  signature_reference_no_uri: 'у <Reference> нет атрибута «URI»; принимается только «URI=""» (весь документ)',
  signature_reference_uri:
    '«URI="{uri}"» в <Reference> не указывает на всё сообщение; принимается только «URI=""» или «#» + ' +
    'собственный «Id» сообщения, и ничего никогда не загружается извне',
  signature_reference_children:
    '<Reference> должен содержать <Transforms> (необязательно), <DigestMethod> и <DigestValue> именно в этом порядке',
  signature_digest_unsupported: 'алгоритм <DigestMethod> не поддерживается: {algorithm}',
  signature_transforms_unexpected: 'в <Transforms> неожиданный элемент <{element}>',
  signature_transform_refused:
    'преобразование <Transform> не принимается: {algorithm}; допускаются только «enveloped-signature» и канонизация',
  signature_no_algorithm: 'у <{element}> нет атрибута «Algorithm»',
  signature_not_base64: '<{element}> — не данные в «base64»',

  signature_digest:
    'хеш <Reference> «URI="{uri}"» (всё сообщение) не совпадает: подписанное значение <DigestValue> — {expected}, ' +
    'а хеш сообщения сейчас — {actual}; сообщение изменили после подписания',
  signature_key_type:
    'алгоритму <SignatureMethod> ({method}) нужен ключ {needed}, а ключ для проверки ({key}) — {actual}',
  signature_value:
    'значение <SignatureValue> не проверяется ключом ({key}): либо изменён <SignedInfo>, либо сообщение ' +
    'подписано другим ключом',

  signature_key_of_certificate: 'открытый ключ сертификата {certificate} из <KeyInfo>',
  signature_key_in_key_value: 'ключ <RSAKeyValue> из <KeyInfo>',
  signature_key_of_anchor: 'якорь доверия {anchor}',
  signature_certificate_named: '«{subject}» (серийный номер {serial})',
  signature_anchor_public_key: 'открытый ключ №{number}',
  signature_no_key:
    'в <KeyInfo> нет ни <X509Certificate>, ни <RSAKeyValue>, и якоря доверия не настроены: проверить подпись нечем',
  signature_certificate_unreadable: '<X509Certificate> №{number} в <KeyInfo> — не читаемый сертификат X.509',
  signature_certificate_untrusted:
    'сертификат {certificate} из <KeyInfo> не совпадает ни с одним из настроенных якорей доверия ({count}) ' +
    'и не выстраивается в цепочку ни к одному из них',
  signature_key_value_unreadable: '<RSAKeyValue> в <KeyInfo> — не читаемый открытый ключ RSA',
  signature_key_value_untrusted:
    'ключ <RSAKeyValue> из <KeyInfo> не совпадает ни с одним из настроенных якорей доверия ({count})',
  signature_no_anchor_verifies:
    'сообщение не называет ключа в <KeyInfo>, а его <SignatureValue> не проверяется ни одним из ' +
    'настроенных якорей доверия ({count}: {anchors})',
  signature_not_yet_valid: 'сертификат {certificate} действует только с {from}',
  signature_expired: 'срок действия сертификата {certificate} истёк {to}',

  signature_weak: 'слабые алгоритмы: {reasons}',
  signature_weak_dsa: 'DSA',
  signature_weak_sha1_signature: 'SHA-1 в подписи',
  signature_weak_sha1_digest: 'SHA-1 в хеше',

  signature_sign_unreadable: 'подписать нельзя: {problem}',
  signature_sign_not_alert: 'подписать нельзя: корневой элемент — <{element}>, а не <alert> CAP',
  signature_sign_already_signed: 'подписать нельзя: сообщение уже несёт XML-подпись',
  signature_sign_not_private: 'подписать нельзя: переданный ключ — не закрытый',
  signature_sign_key_unreadable: 'подписать нельзя: закрытый ключ не читается ({detail})',
  signature_sign_rsa_short: 'подписать нельзя: ключи RSA короче 2048 бит не принимаются',
  signature_sign_key_kind:
    'подписать нельзя: ключи {kind} не поддерживаются; используйте RSA (от 2048 бит) или «EC P-256»',
  signature_sign_certificate_unreadable: 'подписать нельзя: сертификат не читается ({detail})',
  signature_sign_certificate_other_key:
    'подписать нельзя: сертификат ({subject}) выдан не для этого закрытого ключа',
  signature_no_anchor_found: 'в переданном PEM якорей доверия нет ни сертификата, ни открытого ключа',
};
