import { rulesRu } from './rules-ru.js';
import { signatureRu } from './signature-ru.js';
import type { CapSentences } from './sentences.js';

/**
 * Russian. The parser's own English detail (`{detail}` of not_well_formed) is left out: the sentence
 * says what is wrong, and the English reader's screen keeps the parser's words.
 */
export const ru: CapSentences = {
  file_unreadable: 'Файл не удаётся прочитать ({detail}).',
  too_large: 'Размер документа {size} байт; принимается не более {max} байт.',
  not_utf8: 'Документ не является корректным текстом в UTF-8.',
  encoding_unsupported: 'В документе указана кодировка «{label}», она не поддерживается.',
  encoding_invalid: 'Документ не является корректным текстом в кодировке {encoding}.',
  doctype:
    'В документе есть объявление DOCTYPE. DTD не принимаются: они могут задавать ссылки, которые ' +
    'разрастаются без предела или читают файлы и URL (атака XXE); сообщению CAP DTD не нужен.',
  entity_declared: 'В документе есть объявление ENTITY; такие объявления не принимаются.',
  entity_undefined:
    'В {where} ссылка &{entity}; не входит в пять ссылок, заранее определённых в XML; другие ссылки никогда не раскрываются.',
  bare_ampersand: 'В {where} одиночный знак «&» нужно записывать как «&amp;».',
  bad_character: 'В {where} ссылка &{reference}; обозначает символ, недопустимый в XML.',
  attribute_too_long:
    'Атрибут {attribute} элемента <{element}> длиной {length} символов; принимается не более {max}.',
  too_many_elements: 'В документе больше {max} элементов — больше, чем нужно любому сообщению CAP.',
  too_deep: 'Элементы вложены глубже {max} уровней — глубже, чем нужно любому сообщению CAP.',
  no_element: 'В документе нет ни одного элемента XML.',
  not_well_formed: 'Документ не является правильно построенным XML.',
  bad_declaration:
    'Документ не является правильно построенным XML: «<!{keyword}» — не комментарий и не раздел CDATA (строка {line}).',
  text_outside_root:
    'Документ не является правильно построенным XML: текст вне корневого элемента (строка {line}).',
  cdata_outside_root:
    'Документ не является правильно построенным XML: раздел CDATA вне корневого элемента (строка {line}).',
  closing_tag_malformed:
    'Документ не является правильно построенным XML: закрывающий тег записан неверно (строка {line}).',
  start_tag_malformed:
    'Документ не является правильно построенным XML: открывающий тег записан неверно (значение атрибута без кавычек или лишний «<»?) (строка {line}).',
  closes_nothing:
    'Документ не является правильно построенным XML: тег </{element}> ничего не закрывает (строка {line}).',
  closes_other:
    'Документ не является правильно построенным XML: тег </{element}> не может закрыть <{open}> (строка {line}).',
  second_root:
    'Документ не является правильно построенным XML: за первым корневым элементом следует второй, <{element}> (строка {line}).',
  cut_closing_tag: 'Документ обрывается: последний закрывающий тег не дописан. Не обрезан ли он?',
  cut_tag: 'Документ обрывается: последний тег не дописан. Не обрезан ли он?',
  cut_comment: 'Документ обрывается: комментарий не закрыт. Не обрезан ли он?',
  cut_cdata: 'Документ обрывается: раздел CDATA не закрыт. Не обрезан ли он?',
  cut_instruction: 'Документ обрывается: инструкция обработки не закрыта. Не обрезан ли он?',
  never_closed: 'Документ обрывается: элемент <{element}> не закрыт. Не обрезан ли он?',
  undeclared_prefix: 'Префикс пространства имён «{prefix}» элемента <{element}> не объявлен.',
  not_cap: 'Корневой элемент <{element}> — не элемент CAP <alert> и не обёртка Atom, RSS или EDXL-DE.',
  not_one_alert: 'В документе {count} оповещений CAP там, где ожидалось одно.',

  alert_namespace: 'Оповещение в пространстве имён «{namespace}»; CAP 1.2 использует «{expected}».',
  unknown_attribute: 'У элемента <{element}> есть атрибут {attribute}, которого нет в CAP.',
  loose_text: 'В элементе <{element}> есть текст вне его дочерних элементов.',
  foreign_element:
    'Элемент <{element}> в пространстве имён «{namespace}», а не в пространстве CAP «{expected}».',
  unknown_element: 'В CAP {version} элемент <{element}> не входит в <{parent}>.',
  order: 'Элемент <{element}> должен стоять перед <{before}>.',
  order_signature: 'Элемент <{element}> должен стоять перед подписью.',
  duplicate: 'Элемент <{element}> может встречаться здесь только один раз; берётся первый.',
  text_only: 'Элемент <{element}> должен содержать только текст, а в нём есть элементы.',
  not_integer: 'Элемент <{element}> должен быть целым числом, а не «{value}».',
  not_decimal: 'Элемент <{element}> должен быть десятичным числом, а не «{value}».',
  pair_without_name: 'Элементу <{element}> нужен <valueName>.',
  pair_without_value: 'Элементу <{element}> нужен <value>.',
  legacy_pair: 'В CAP 1.0 элемент <{element}> записывается как «valueName=value»; в «{value}» нет «=».',
  very_likely: 'Достоверность «Very Likely» из CAP {version} читается как «Likely» из CAP 1.2.',
  password: 'Элемент <password> из CAP 1.0 не переносится в модель CAP 1.2 (CAP 1.1 его убрал).',

  json_syntax: 'не является JSON ({detail})',
  json_version: 'должно быть «{version}»',
  json_object: 'должно быть объектом',
  json_text: 'должно быть текстом',
  json_text_when_present: 'если задано, должно быть текстом',
  json_number: 'должно быть числом',
  json_array: 'должно быть списком',

  feed_http: 'лента ответила HTTP {status}',
  feed_declares_too_much: 'документ обрезан: ленты читаются до {max} байт, а эта объявляет {size} байт',
  feed_sends_too_much: 'документ обрезан: ленты читаются до {max} байт, а пришло больше',
  feed_timeout: 'запрос прерван через {seconds} с: лента не ответила вовремя',
  feed_unreachable: 'ленту не удалось получить: {detail}',

  ...rulesRu,
  ...signatureRu,
};
