import type { SignatureSentenceKey } from './signature-en.js';

/**
 * Kazakh: why an XML signature does not hold. Digests, algorithm URIs, certificate subjects and the
 * parser's or crypto library's own text are values, kept as they are.
 */
export const signatureKk: Readonly<Record<SignatureSentenceKey, string>> = {
  signature_finding: '{signature}: {problem}',
  signature_label: 'XML қолтаңбасы',
  signature_label_nth: 'XML қолтаңбасы {index} ({role})',
  signature_role_originator: 'бастапқы жіберуші',
  signature_role_distributor: 'таратушы',

  signature_file_unreadable: 'файлды оқу мүмкін емес: {detail}',
  signature_too_long: 'хабар {length} таңбадан тұрады; ең көбі {max} таңба оқылады',
  signature_doctype: 'хабарда DOCTYPE бар; қол қойылған хабарларда DTD мен ENTITY жариялаулары қабылданбайды',
  signature_not_well_formed: 'хабар дұрыс құрылған XML емес: {detail}',
  signature_no_root: 'хабар дұрыс құрылған XML емес: түбір элементі жоқ',
  signature_too_deep: 'хабардағы элементтер {max} деңгейден тереңірек кірістірілген',
  signature_none: 'хабарда XML қолтаңбасы жоқ',
  signature_not_alert: 'түбір элементі — <{element}>, ол CAP <alert> элементі емес',
  signature_several: 'хабарда {count} <Signature> элементі бар; CAP хабарында ол дәл біреу болады',
  signature_not_enveloped:
    '<Signature> — <alert> элементінің тікелей ішіндегі элемент емес; тек хабардың өз ішіне салынған қолтаңба қабылданады',
  signature_unprocessable: 'қолтаңбаны өңдеу мүмкін болмады: {detail}',

  signature_children:
    '<Signature> ішінде <{children}> бар; CAP қолтаңбасында тек <SignedInfo>, <SignatureValue> және қажет болса ' +
    '<KeyInfo> болады, басқа ештеңе болмайды (<Object> те, <Manifest> те)',
  signature_signed_info_start:
    '<SignedInfo> <CanonicalizationMethod> және <SignatureMethod> элементтерімен басталуы керек',
  signature_references:
    '<SignedInfo> ішінде {count} <Reference> элементі бар; CAP қолтаңбасында бүкіл хабарға сілтейтін дәл біреу ' +
    'болады — артық сілтемелер қолтаңбаны «орап алу» шабуылдарында қолданылады',
  signature_canonicalization_unsupported:
    '<CanonicalizationMethod> алгоритміне ({algorithm}) қолдау көрсетілмейді',
  signature_c14n11:
    '«Canonical XML 1.1» 1.0 нұсқасымен бірдей байттар беретін жерде ғана қабылданады; мұнда <{element}> ' +
    'элементінде «xml:id» немесе «xml:base» бар, ал оларды 1.1 басқаша өңдейді',
  signature_method_unsupported: '<SignatureMethod> алгоритміне ({algorithm}) қолдау көрсетілмейді',
  signature_reference_no_uri:
    '<Reference> элементінде «URI» атрибуты жоқ; тек «URI=""» (бүкіл құжат) қабылданады',
  signature_reference_uri:
    '<Reference> элементіндегі «URI="{uri}"» бүкіл хабарды көрсетпейді; тек «URI=""» немесе «#» + хабардың ' +
    'өз «Id» мәні қабылданады, ал сырттан ешқашан ештеңе жүктелмейді',
  signature_reference_children:
    '<Reference> ішінде осы ретпен <Transforms> (міндетті емес), <DigestMethod> және <DigestValue> болуы керек',
  signature_digest_unsupported: '<DigestMethod> алгоритміне ({algorithm}) қолдау көрсетілмейді',
  signature_transforms_unexpected: '<Transforms> ішінде күтілмеген <{element}> элементі бар',
  signature_transform_refused:
    '<Transform> түрлендіруі ({algorithm}) қабылданбайды; тек «enveloped-signature» және канондау қабылданады',
  signature_no_algorithm: '<{element}> элементінде «Algorithm» атрибуты жоқ',
  signature_not_base64: '<{element}> «base64» деректері емес',

  signature_digest:
    '<Reference> «URI="{uri}"» (бүкіл хабар) хэші сәйкес келмейді: қол қойылған <DigestValue> мәні {expected}, ' +
    'ал хабардың қазіргі хэші {actual} — хабар қол қойылғаннан кейін өзгертілген',
  signature_key_type:
    '<SignatureMethod> алгоритміне ({method}) {needed} кілті керек, бірақ тексеру кілті ({key}) — {actual}',
  signature_value:
    '<SignatureValue> мәні тексеру кілтімен ({key}) расталмайды: не <SignedInfo> өзгертілген, не хабарға ' +
    'басқа кілтпен қол қойылған',

  signature_key_of_certificate: '<KeyInfo> ішіндегі {certificate} сертификатының ашық кілті',
  signature_key_in_key_value: '<KeyInfo> ішіндегі <RSAKeyValue> кілті',
  signature_key_of_anchor: '{anchor} сенім зәкірі',
  signature_certificate_named: '«{subject}» (сериялық нөмірі {serial})',
  signature_anchor_public_key: '№{number} ашық кілт',
  signature_no_key:
    '<KeyInfo> ішінде <X509Certificate> да, <RSAKeyValue> да жоқ, ал сенім зәкірлері бапталмаған: ' +
    'тексеретін кілт жоқ',
  signature_certificate_unreadable:
    '<KeyInfo> ішіндегі №{number} <X509Certificate> оқылатын X.509 сертификаты емес',
  signature_certificate_untrusted:
    '<KeyInfo> ішіндегі {certificate} сертификаты бапталған {count} сенім зәкірінің ешқайсысы емес және ' +
    'олардың ешқайсысына тізбек арқылы жалғанбайды',
  signature_key_value_unreadable: '<KeyInfo> ішіндегі <RSAKeyValue> оқылатын RSA ашық кілті емес',
  signature_key_value_untrusted:
    '<KeyInfo> ішіндегі <RSAKeyValue> кілті бапталған {count} сенім зәкірінің ешқайсысы емес',
  signature_no_anchor_verifies:
    'хабар <KeyInfo> ішінде кілт атамайды, ал оның <SignatureValue> мәні бапталған {count} сенім зәкірінің ' +
    '({anchors}) ешқайсысымен расталмайды',
  signature_not_yet_valid: '{certificate} сертификаты {from} дейін жарамсыз',
  signature_expired: '{certificate} сертификатының мерзімі {to} кезінде аяқталған',

  signature_weak: 'әлсіз алгоритмдер: {reasons}',
  signature_weak_dsa: 'DSA',
  signature_weak_sha1_signature: 'қолтаңбада SHA-1',
  signature_weak_sha1_digest: 'хэште SHA-1',

  signature_sign_unreadable: 'қол қою мүмкін емес: {problem}',
  signature_sign_not_alert: 'қол қою мүмкін емес: түбір элементі — <{element}>, ол CAP <alert> элементі емес',
  signature_sign_already_signed: 'қол қою мүмкін емес: хабарда XML қолтаңбасы бар',
  signature_sign_not_private: 'қол қою мүмкін емес: берілген кілт жабық кілт емес',
  signature_sign_key_unreadable: 'қол қою мүмкін емес: жабық кілтті оқу мүмкін емес ({detail})',
  signature_sign_rsa_short: 'қол қою мүмкін емес: 2048 биттен қысқа RSA кілттері қабылданбайды',
  signature_sign_key_kind:
    'қол қою мүмкін емес: {kind} кілттеріне қолдау көрсетілмейді; RSA (2048 бит және одан көп) немесе ' +
    '«EC P-256» кілтін қолданыңыз',
  signature_sign_certificate_unreadable: 'қол қою мүмкін емес: сертификатты оқу мүмкін емес ({detail})',
  signature_sign_certificate_other_key:
    'қол қою мүмкін емес: сертификат ({subject}) бұл жабық кілтке арналмаған',
  signature_no_anchor_found: 'берілген сенім зәкірі PEM файлында сертификат та, ашық кілт те табылмады',
};
