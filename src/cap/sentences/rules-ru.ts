import type { RuleSentenceKey } from './rules-en.js';

/** Russian: what the validator's rules find. The English detail of a rule that failed to run is left out. */
export const rulesRu: Readonly<Record<RuleSentenceKey, string>> = {
  rule_required: 'Элемент <{element}> обязателен, но его нет или он пуст.',
  rule_category_missing: 'В каждом <info> нужна хотя бы одна <category>.',
  rule_not_listed: '«{value}» здесь недопустимо; используйте одно из: {allowed}.',
  rule_datetime:
    '«{value}» — не дата и время CAP; пишите как «2026-10-21T09:00:00+05:00» ' +
    '(часовой пояс числом, без «Z», без долей секунды).',
  rule_language_tag: '«{value}» — не языковой тег по RFC 3066 (например, {example}).',
  rule_ceiling_alone: 'Для зоны с <ceiling> нужно указать и <altitude>.',
  rule_ceiling_below: 'Верхняя граница ({ceiling} футов) ниже высоты ({altitude} футов).',

  rule_identifier_space: 'В <{element}> не должно быть пробелов, запятых, «<» и «&», а в нём есть пробел.',
  rule_identifier_character:
    'В <{element}> не должно быть пробелов, запятых, «<» и «&», а в нём есть «{character}».',
  rule_references_required:
    'Сообщение {msgType} должно назвать сообщение (или сообщения), на которое ссылается, в <references>.',
  rule_references_format:
    '«{entry}» — не тройка «{form}» (например, «kz-ces,KZ-2026-001,2026-10-21T09:00:00+05:00»).',
  rule_reference_unknown:
    'Это сообщение {msgType} ссылается на {identifier} от {sender}, отправленное {sent}, но такое сообщение неизвестно.',
  rule_scope_private: 'Сообщение с охватом {scope} должно перечислить получателей в <addresses>.',
  rule_scope_restricted: 'Сообщение с охватом {scope} должно указать в <restriction>, кому его можно видеть.',

  rule_polygon_empty: 'Многоугольник пуст.',
  rule_polygon_pair: '«{pair}» — не пара «широта,долгота».',
  rule_polygon_points:
    'Многоугольнику нужно не меньше 4 точек (первая повторяется последней); здесь их {count}.',
  rule_polygon_open: 'Многоугольник не замкнут: он начинается в {first}, а заканчивается в {last}.',
  rule_circle_syntax: '«{circle}» — не круг в записи «широта,долгота радиус» (радиус в километрах).',
  rule_radius_negative: 'Радиус {radius} км отрицателен.',
  rule_coordinate_range: 'Точка {point} лежит вне пределов широты ±90 и долготы ±180.',
  rule_coordinate_range_swapped:
    'Точка {point} лежит вне пределов широты ±90 и долготы ±180. Похоже, записано «долгота,широта»; ' +
    'в CAP сначала пишется широта.',
  rule_radius_zero: 'Радиус круга 0 км, он никого не охватывает.',
  rule_coordinate_whitespace: 'Вокруг координат есть пробелы (пишите «51.12,71.43», а не «51.12, 71.43»).',
  rule_coordinate_precision:
    'В координатах {decimals} знаков после запятой; смысл имеют не больше 6 (около 10 см).',
  rule_coordinates_swapped:
    'Фигура лежит вне ожидаемой области, но попадает в неё, если поменять местами широту и долготу.',

  rule_uri_absolute: '«{uri}» — не полный адрес URL (например, «https://example.kz/alert»).',
  rule_uri_relative: '«{uri}» — не полный адрес URL, и содержимое не передано в <derefUri>.',
  rule_deref_base64: '<derefUri> — не данные в «base64».',
  rule_size_mismatch: '<size> указывает {size} байт, а встроенное содержимое занимает {actual}.',
  rule_digest_mismatch: '<digest> не совпадает со встроенным содержимым (его хеш SHA-1: {actual}).',
  rule_digest_form: '«{digest}» — не хеш SHA-1 (40 шестнадцатеричных цифр).',

  rule_after_expires: '<{element}> ({value}) позже <expires> ({expires}).',
  rule_sent_future: '<sent> ({sent}) в будущем; не ошибается ли отправитель в часах или часовом поясе?',
  rule_note_exercise: 'Сообщение {msgStatus} должно назвать учения в <note>.',
  rule_note_error: 'Сообщение {msgType} должно объяснить ошибку в <note>.',

  rule_profile_code: 'Сообщение {profile} содержит <code>{code}</code>.',
  rule_profile_language: 'Блоки <info> сообщения {profile} пишутся на языках {allowed}, а не {value}.',
  rule_profile_bilingual: 'Публичное сообщение {profile} должно содержать блоки <info> на языках {allowed}.',
  rule_profile_expires: '{profile} требует <expires> в каждом <info>.',
  rule_profile_one_category: '{profile} принимает одну <category> в каждом <info>.',
  rule_profile_one_event_code: '{profile} требует ровно один <eventCode> с именем {name}.',
  rule_profile_event_code: '{profile} требует <eventCode> с именем {name} (например, {example}).',
  rule_profile_one_event: 'Сообщение {profile} говорит об одном событии, а в нём названы: {events}.',
  rule_profile_geocode: '{profile} требует <geocode> с именем {name} в каждой <area>.',
  rule_event_code_form: 'Код события {name} «{code}» — не три заглавные буквы.',
  rule_location_six_digits: 'Код места {name} «{code}» — не шесть цифр.',
  rule_location_sgc: '«{code}» — не код SGC из 2, 4 или 7 цифр.',
  rule_text_length: '{name} длиной {length} символов; допускается не больше {limit}.',
  rule_parameter_value: 'Значение {name} «{value}» не входит в список: {allowed}.',
  rule_dabyl_languages: 'Сообщения Дабыла даются на языках {required}; нет <info> на языке {missing}.',
  rule_dabyl_tag: '«{value}» — не один из языковых тегов Дабыла ({allowed}).',
  rule_dabyl_tag_missing:
    '<info> без <language> по умолчанию считается написанным на {value}, а это не один из тегов Дабыла ({allowed}).',
  rule_region_missing:
    'Каждая зона называет свой регион в <geocode> {name} (например, {example} для {place}).',
  rule_region_withdrawn: '{code} — отменённый код ISO 3166-2; используйте {replacement} ({place}).',
  rule_region_unknown: '{code} — не код ISO 3166-2 области или города Казахстана.',
  rule_note_exercise_or_test: 'Сообщение {msgStatus} должно назвать учения или проверку в <note>.',
  rule_exercise_headline: 'В заголовке сообщения {msgStatus} на каждом языке должно быть {marking}.',
  rule_blocks_differ:
    'Этот <info> отличается от первого категорией, срочностью, тяжестью, достоверностью или зонами.',
  rule_time_zone: 'Время Казахстана — {offset}; в <sent> другое смещение.',

  rule_could_not_run: 'Проверка {rule} не смогла выполниться на этом сообщении.',
  wrapper_holds_none:
    'Документ {wrapper} не содержит встроенного оповещения CAP (оповещения по ссылкам никогда не загружаются).',
};
