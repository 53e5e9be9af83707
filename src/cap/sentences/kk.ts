import { rulesKk } from './rules-kk.js';
import { signatureKk } from './signature-kk.js';
import type { CapSentences } from './sentences.js';

/**
 * Kazakh. The parser's own English detail (`{detail}` of not_well_formed) is left out: the sentence
 * says what is wrong, and the English reader's screen keeps the parser's words.
 */
export const kk: CapSentences = {
  file_unreadable: 'Файлды оқу мүмкін емес ({detail}).',
  too_large: 'Құжаттың көлемі {size} байт; ең көбі {max} байт қабылданады.',
  not_utf8: 'Құжат жарамды UTF-8 мәтіні емес.',
  encoding_unsupported: 'Құжатта «{label}» кодтауы көрсетілген, ол қолдау көрсетілмейді.',
  encoding_invalid: 'Құжат жарамды {encoding} мәтіні емес.',
  doctype:
    'Құжатта DOCTYPE жариялауы бар. DTD қабылданбайды: ол шексіз ұлғаятын немесе файлдар мен URL ' +
    'мекенжайларын оқитын сілтемелерді анықтай алады (XXE шабуылы); CAP хабарына DTD қажет емес.',
  entity_declared: 'Құжатта ENTITY жариялауы бар; мұндай жариялаулар қабылданбайды.',
  entity_undefined:
    '{where} ішіндегі &{entity}; сілтемесі XML алдын ала анықтаған бес сілтеменің бірі емес; басқа сілтемелер ешқашан ашылмайды.',
  bare_ampersand: '{where} ішінде жалғыз «&» белгісі «&amp;» түрінде жазылуы керек.',
  bad_character: '{where} ішіндегі &{reference}; сілтемесі XML рұқсат етпейтін таңбаны білдіреді.',
  attribute_too_long:
    '<{element}> элементінің {attribute} атрибуты {length} таңбадан тұрады; ең көбі {max} таңба қабылданады.',
  too_many_elements: 'Құжатта {max} элементтен көп элемент бар: бұл кез келген CAP хабарына қажеттіден көп.',
  too_deep:
    'Элементтер бір-бірінің ішіне {max} деңгейден тереңірек салынған: бұл кез келген CAP хабарына қажеттіден терең.',
  no_element: 'Құжатта бірде-бір XML элементі жоқ.',
  not_well_formed: 'Құжат дұрыс құрылған XML емес.',
  bad_declaration:
    'Құжат дұрыс құрылған XML емес: «<!{keyword}» түсініктеме де, CDATA бөлімі де емес ({line}-жол).',
  text_outside_root: 'Құжат дұрыс құрылған XML емес: түбір элементтің сыртында мәтін бар ({line}-жол).',
  cdata_outside_root:
    'Құжат дұрыс құрылған XML емес: CDATA бөлімі түбір элементтің сыртында тұр ({line}-жол).',
  closing_tag_malformed: 'Құжат дұрыс құрылған XML емес: жабатын тег қате жазылған ({line}-жол).',
  start_tag_malformed:
    'Құжат дұрыс құрылған XML емес: ашатын тег қате жазылған (атрибут мәні тырнақшасыз ба, әлде артық «<» бар ма?) ({line}-жол).',
  closes_nothing: 'Құжат дұрыс құрылған XML емес: </{element}> тегі ештеңені жаппайды ({line}-жол).',
  closes_other:
    'Құжат дұрыс құрылған XML емес: </{element}> тегі <{open}> элементін жаба алмайды ({line}-жол).',
  second_root:
    'Құжат дұрыс құрылған XML емес: біріншісінен кейін екінші түбір элемент <{element}> тұр ({line}-жол).',
  cut_closing_tag: 'Құжат тым ерте аяқталады: соңғы жабатын тег толық емес. Құжат қиылып қалмады ма?',
  cut_tag: 'Құжат тым ерте аяқталады: соңғы тег толық емес. Құжат қиылып қалмады ма?',
  cut_comment: 'Құжат тым ерте аяқталады: түсініктеме жабылмаған. Құжат қиылып қалмады ма?',
  cut_cdata: 'Құжат тым ерте аяқталады: CDATA бөлімі жабылмаған. Құжат қиылып қалмады ма?',
  cut_instruction: 'Құжат тым ерте аяқталады: өңдеу нұсқауы жабылмаған. Құжат қиылып қалмады ма?',
  never_closed: 'Құжат тым ерте аяқталады: <{element}> элементі жабылмаған. Құжат қиылып қалмады ма?',
  undeclared_prefix: '<{element}> элементінің «{prefix}» атаулар кеңістігі префиксі жарияланбаған.',
  not_cap: '<{element}> түбір элементі CAP <alert> элементі де, Atom, RSS немесе EDXL-DE орамы да емес.',
  not_one_alert: 'Бір CAP хабарландыруы күтілген жерде құжатта {count} хабарландыру бар.',

  alert_namespace:
    'Хабарландыру «{namespace}» атаулар кеңістігінде; CAP 1.2 «{expected}» кеңістігін қолданады.',
  unknown_attribute: '<{element}> элементінде CAP анықтамаған {attribute} атрибуты бар.',
  loose_text: '<{element}> элементінде ішкі элементтерден тыс мәтін бар.',
  foreign_element:
    '<{element}> элементі CAP-тың «{expected}» кеңістігінде емес, «{namespace}» атаулар кеңістігінде тұр.',
  unknown_element: 'CAP {version} нұсқасында <{element}> элементі <{parent}> ішінде болмайды.',
  order: '<{element}> элементі <{before}> элементінен бұрын тұруы керек.',
  order_signature: '<{element}> элементі қолтаңбадан бұрын тұруы керек.',
  duplicate: '<{element}> мұнда бір рет қана кездесе алады; біріншісі алынады.',
  text_only: '<{element}> элементінде тек мәтін болуы керек, бірақ онда элементтер бар.',
  not_integer: '<{element}> бүтін сан болуы керек, «{value}» емес.',
  not_decimal: '<{element}> ондық сан болуы керек, «{value}» емес.',
  pair_without_name: '<{element}> элементіне <valueName> керек.',
  pair_without_value: '<{element}> элементіне <value> керек.',
  legacy_pair: 'CAP 1.0 нұсқасында <{element}> «valueName=value» түрінде жазылады; «{value}» ішінде «=» жоқ.',
  very_likely:
    'CAP {version} нұсқасындағы «Very Likely» сенімділігі CAP 1.2 нұсқасының «Likely» мәні ретінде оқылады.',
  password:
    'CAP 1.0 нұсқасындағы <password> элементі CAP 1.2 үлгісіне көшірілмейді (CAP 1.1 оны алып тастаған).',

  json_syntax: 'JSON емес ({detail})',
  json_version: '«{version}» болуы керек',
  json_object: 'JSON объектісі болуы керек',
  json_text: 'мәтін болуы керек',
  json_text_when_present: 'берілсе, мәтін болуы керек',
  json_number: 'сан болуы керек',
  json_array: 'тізім болуы керек',

  feed_http: 'арна HTTP {status} деп жауап берді',
  feed_declares_too_much:
    'құжат қиылды: арналар {max} байтқа дейін оқылады, ал бұл арна {size} байт жариялайды',
  feed_sends_too_much: 'құжат қиылды: арналар {max} байтқа дейін оқылады, ал бұдан көп келді',
  feed_timeout: 'сұрау {seconds} с өткенде тоқтатылды: арна уақытында жауап беріп үлгермеді',
  feed_unreachable: 'арнаны алу мүмкін болмады: {detail}',

  ...rulesKk,
  ...signatureKk,
};
