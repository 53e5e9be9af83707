import type { SignatureProblemKind } from '../../cap/dsig/index.js';
import type { MessageLang } from '../../core/messages/messages.js';

/** The files `dabyl cap sign|verify` reads, named when one cannot be read. */
export type CapSignFile = 'message' | 'privateKey' | 'certificate' | 'trustAnchor';

/**
 * What `dabyl cap sign` and `cap verify` say to a person, in each console language: help, the
 * verdict lines and refusals. Problems come worded by the CAP library; `--json` keeps codes.
 */
export interface CapSignCliWords {
  help: {
    cap: string;
    sign: string;
    key: string;
    cert: string;
    out: string;
    verify: string;
    trust: string;
    trustStore: string;
    at: string;
    json: string;
  };
  cannotRead: (file: CapSignFile, path: string, detail: string) => string;
  trustAnchors: (detail: string) => string;
  /** A trust-store folder named in a refusal, followed by what is wrong with it. */
  trustStoreNamed: (folder: string) => string;
  notADate: (value: string) => string;
  /** "valid signature (rsa-sha256, key from KeyInfo "CN=…", trusted)". */
  valid: (algorithm: string, keyFrom: string, signer: string | null, trust: string) => string;
  keyFrom: { keyinfo: string; 'trust-anchor': string };
  trusted: string;
  untrusted: string;
  invalid: string;
  unsigned: string;
  kind: Record<SignatureProblemKind, string>;
  /** The one signature of an alert, where `cap validate` lists it. */
  signature: string;
  /** One of several signatures; `role` comes worded. */
  signatureNth: (index: number, role: string) => string;
  weak: string;
  validity: (sent: string, receipt: string, now: string) => string;
  yes: string;
  no: string;
  unknown: string;
  someBad: (bad: number, total: number) => string;
}

/** Russian counts agree with their noun: 1 сообщение, 2 сообщения, 5 сообщений. */
const ruCount = (n: number, one: string, few: string, many: string): string => {
  const form = new Intl.PluralRules('ru').select(n);
  return form === 'one' ? one : form === 'few' ? few : many;
};

export const CAP_SIGN_CLI_WORDS: Readonly<Record<MessageLang, CapSignCliWords>> = {
  en: {
    help: {
      cap: 'CAP 1.2 alert messages',
      sign: 'sign a CAP message: enveloped XML signature, exclusive c14n, RSA-SHA256 or ECDSA-SHA256',
      key: 'private key (RSA 2048+ or EC P-256), PEM',
      cert: 'certificate (and chain) to publish in KeyInfo, PEM',
      out: 'write the signed message here instead of standard output',
      verify:
        'verify each XML signature of CAP messages on its own (originator, distributors); exit 1 if any is unsigned or badly signed',
      trust: 'trusted certificate or public key, PEM (repeat for more); then the key must be trusted',
      trustStore:
        "a folder of trusted certificates (every .pem, .crt and .cer in it), as a feed's trust store; then the key must be trusted",
      at: "judge certificate validity at this instant instead of the message's sent",
      json: 'machine-readable output',
    },
    cannotRead: (file, path, detail) =>
      `cannot read ${{ message: 'message', privateKey: 'private key', certificate: 'certificate', trustAnchor: 'trust anchor' }[file]} ${path}: ${detail}`,
    trustAnchors: (detail) => `trust anchors: ${detail}`,
    trustStoreNamed: (folder) => `trust store ${folder}`,
    notADate: (value) => `--at ${value} is not a date`,
    valid: (algorithm, keyFrom, signer, trust) =>
      `valid signature (${algorithm}, key from ${keyFrom}${signer ? ` "${signer}"` : ''}, ${trust})`,
    keyFrom: { keyinfo: 'KeyInfo', 'trust-anchor': 'a trust anchor' },
    trusted: 'trusted',
    untrusted: 'NOT trusted: no trust anchor given',
    invalid: 'INVALID signature',
    unsigned: 'NOT signed',
    kind: {
      digest: 'digest',
      'signature-value': 'signature-value',
      certificate: 'certificate',
      structure: 'structure',
    },
    signature: 'XML signature',
    signatureNth: (index, role) => `signature ${index} (${role})`,
    weak: 'WEAK',
    validity: (sent, receipt, now) =>
      `certificate valid at sent: ${sent}, at receipt: ${receipt}, now: ${now}`,
    yes: 'yes',
    no: 'NO',
    unknown: 'unknown',
    someBad: (bad, total) => `${bad} of ${total} messages are unsigned or badly signed`,
  },
  kk: {
    help: {
      cap: 'CAP 1.2 хаттамасындағы хабарландырулар',
      sign: 'CAP хабарына қол қою: хабардың ішіне салынған XML қолтаңбасы, `exclusive c14n` канондауы, RSA-SHA256 немесе ECDSA-SHA256',
      key: 'жабық кілт (RSA 2048+ немесе `EC P-256`), PEM',
      cert: '`KeyInfo` ішінде жарияланатын сертификат (және тізбегі), PEM',
      out: 'қол қойылған хабарды стандартты шығысқа емес, осы файлға жазу',
      verify:
        'CAP хабарларының әр XML қолтаңбасын бөлек тексеру (бастапқы жіберуші, таратушылар); біреуіне қол қойылмаса немесе қолтаңбасы жарамсыз болса, 1 кодымен шығады',
      trust:
        'сенімді сертификат немесе ашық кілт, PEM (бірнешеуі үшін қайталаңыз); сонда кілт сенімді болуы керек',
      trustStore:
        'сенімді сертификаттар қалтасы (ішіндегі әр `.pem`, `.crt` және `.cer` файлы), арнаның сенім қоймасы сияқты; сонда кілт сенімді болуы керек',
      at: 'сертификаттың жарамдылығын хабардың жіберілген уақытында емес, осы сәтте бағалау',
      json: 'машина оқитын шығыс (JSON)',
    },
    cannotRead: (file, path, detail) =>
      `${{ message: 'хабар', privateKey: 'жабық кілт', certificate: 'сертификат', trustAnchor: 'сенім зәкірі' }[file]} файлын (${path}) оқу мүмкін емес: ${detail}`,
    trustAnchors: (detail) => `сенім зәкірлері: ${detail}`,
    trustStoreNamed: (folder) => `сенім қоймасы ${folder}`,
    notADate: (value) => `\`--at\` мәні (${value}) күн мен уақыт емес`,
    valid: (algorithm, keyFrom, signer, trust) =>
      `қолтаңба жарамды (${algorithm}, кілт ${keyFrom}${signer ? ` «${signer}»` : ''}, ${trust})`,
    keyFrom: { keyinfo: '<KeyInfo> ішінен', 'trust-anchor': 'сенім зәкірінен' },
    trusted: 'сенімді',
    untrusted: 'сенімді ЕМЕС: сенім зәкірі берілмеген',
    invalid: 'қолтаңба ЖАРАМСЫЗ',
    unsigned: 'қол қойылмаған',
    kind: {
      digest: 'хэш',
      'signature-value': 'қолтаңба мәні',
      certificate: 'сертификат',
      structure: 'құрылым',
    },
    signature: 'XML қолтаңбасы',
    signatureNth: (index, role) => `${index}-қолтаңба (${role})`,
    weak: 'ӘЛСІЗ',
    validity: (sent, receipt, now) =>
      `сертификат жіберілген кезде жарамды: ${sent}, қабылданған кезде: ${receipt}, қазір: ${now}`,
    yes: 'иә',
    no: 'ЖОҚ',
    unknown: 'белгісіз',
    someBad: (bad, total) => `${total} хабардың ${bad} хабарына қол қойылмаған немесе қолтаңбасы жарамсыз`,
  },
  ru: {
    help: {
      cap: 'Оповещения в протоколе CAP 1.2',
      sign: 'подписать сообщение CAP: вложенная XML-подпись, канонизация `exclusive c14n`, RSA-SHA256 или ECDSA-SHA256',
      key: 'закрытый ключ (RSA 2048+ или `EC P-256`), PEM',
      cert: 'сертификат (и цепочка), публикуемый в `KeyInfo`, PEM',
      out: 'записать подписанное сообщение в этот файл, а не в стандартный вывод',
      verify:
        'проверить каждую XML-подпись сообщений CAP отдельно (исходный отправитель, распространители); код выхода 1, если хоть одно не подписано или подписано неверно',
      trust:
        'доверенный сертификат или открытый ключ, PEM (повторите для нескольких); тогда ключ должен быть доверенным',
      trustStore:
        'папка доверенных сертификатов (все файлы `.pem`, `.crt` и `.cer` в ней), как хранилище доверия ленты; тогда ключ должен быть доверенным',
      at: 'оценивать срок действия сертификата на этот момент, а не на время отправки сообщения',
      json: 'машиночитаемый вывод (JSON)',
    },
    cannotRead: (file, path, detail) =>
      `не удалось прочитать ${{ message: 'сообщение', privateKey: 'закрытый ключ', certificate: 'сертификат', trustAnchor: 'якорь доверия' }[file]} ${path}: ${detail}`,
    trustAnchors: (detail) => `якоря доверия: ${detail}`,
    trustStoreNamed: (folder) => `хранилище доверия ${folder}`,
    notADate: (value) => `\`--at\` ${value} — не дата и время`,
    valid: (algorithm, keyFrom, signer, trust) =>
      `подпись верна (${algorithm}, ключ ${keyFrom}${signer ? ` «${signer}»` : ''}, ${trust})`,
    keyFrom: { keyinfo: 'из <KeyInfo>', 'trust-anchor': 'из якоря доверия' },
    trusted: 'доверенный',
    untrusted: 'НЕ доверенный: якорь доверия не задан',
    invalid: 'подпись НЕВЕРНА',
    unsigned: 'НЕ подписано',
    kind: {
      digest: 'хеш',
      'signature-value': 'значение подписи',
      certificate: 'сертификат',
      structure: 'структура',
    },
    signature: 'XML-подпись',
    signatureNth: (index, role) => `подпись ${index} (${role})`,
    weak: 'СЛАБАЯ',
    validity: (sent, receipt, now) =>
      `сертификат действовал при отправке: ${sent}, при получении: ${receipt}, сейчас: ${now}`,
    yes: 'да',
    no: 'НЕТ',
    unknown: 'неизвестно',
    someBad: (bad, total) =>
      `не подписаны или подписаны неверно ${bad} из ${total} ${ruCount(total, 'сообщения', 'сообщений', 'сообщений')}`,
  },
};
