import type { RuleSentenceKey } from './rules-en.js';

/** Kazakh: what the validator's rules find. The English detail of a rule that failed to run is left out. */
export const rulesKk: Readonly<Record<RuleSentenceKey, string>> = {
  rule_required: '<{element}> міндетті, бірақ ол жоқ немесе бос.',
  rule_category_missing: 'Әр <info> ішінде кемінде бір <category> болуы керек.',
  rule_not_listed: '«{value}» мұнда жарамайды; мыналардың бірін жазыңыз: {allowed}.',
  rule_datetime:
    '«{value}» CAP күні мен уақыты емес; «2026-10-21T09:00:00+05:00» түрінде жазыңыз ' +
    '(уақыт белдеуі санмен, «Z» әрпінсіз, секунд бөлшектерінсіз).',
  rule_language_tag: '«{value}» RFC 3066 бойынша тіл белгісі емес (мысалы, {example}).',
  rule_ceiling_alone: '<ceiling> берілген аймақтың <altitude> мәні де берілуі керек.',
  rule_ceiling_below: 'Жоғарғы шек ({ceiling} фут) биіктіктен ({altitude} фут) төмен.',

  rule_identifier_space:
    '<{element}> ішінде бос орын, үтір, «<» немесе «&» болмауы керек, бірақ онда бос орын бар.',
  rule_identifier_character:
    '<{element}> ішінде бос орын, үтір, «<» немесе «&» болмауы керек, бірақ онда «{character}» бар.',
  rule_references_required: '{msgType} хабарында ол сілтейтін хабар(лар) <references> ішінде аталуы керек.',
  rule_references_format:
    '«{entry}» «{form}» үштігі емес (мысалы, «kz-ces,KZ-2026-001,2026-10-21T09:00:00+05:00»).',
  rule_reference_unknown:
    'Бұл {msgType} хабары {sender} жіберушінің {sent} кезінде жіберген {identifier} хабарына сілтейді, ' +
    'бірақ ондай хабар белгісіз.',
  rule_scope_private: 'Ауқымы {scope} хабардың алушылары <addresses> ішінде аталуы керек.',
  rule_scope_restricted: 'Ауқымы {scope} хабарда оны кім көре алатыны <restriction> ішінде айтылуы керек.',

  rule_polygon_empty: 'Көпбұрыш бос.',
  rule_polygon_pair: '«{pair}» «ендік,бойлық» жұбы емес.',
  rule_polygon_points:
    'Көпбұрышқа кемінде 4 нүкте керек (біріншісі соңында қайталанады); мұнда {count} нүкте бар.',
  rule_polygon_open: 'Көпбұрыш тұйықталмаған: ол {first} нүктесінен басталып, {last} нүктесінде аяқталады.',
  rule_circle_syntax: '«{circle}» «ендік,бойлық радиус» түріндегі шеңбер емес (радиус километрмен).',
  rule_radius_negative: '{radius} км радиусы теріс.',
  rule_coordinate_range: '{point} нүктесі ±90 ендік пен ±180 бойлық аралығынан тыс.',
  rule_coordinate_range_swapped:
    '{point} нүктесі ±90 ендік пен ±180 бойлық аралығынан тыс. Ол «бойлық,ендік» тәртібімен жазылған сияқты; ' +
    'CAP алдымен ендікті жазады.',
  rule_radius_zero: 'Шеңбердің радиусы 0 км, сондықтан ол ешкімді қамтымайды.',
  rule_coordinate_whitespace:
    'Координаттардың айналасында бос орын бар («51.12, 71.43» емес, «51.12,71.43» деп жазыңыз).',
  rule_coordinate_precision:
    'Координаттарда {decimals} ондық таңба бар; тек 6 таңбаның (шамамен 10 см) мәні бар.',
  rule_coordinates_swapped:
    'Пішін күтілген аумақтан тыс жатыр, бірақ ендік пен бойлықтың орнын ауыстырса, сол аумаққа түседі.',

  rule_uri_absolute: '«{uri}» толық URL мекенжайы емес (мысалы, «https://example.kz/alert»).',
  rule_uri_relative: '«{uri}» толық URL мекенжайы емес, ал мазмұнды беретін <derefUri> жоқ.',
  rule_deref_base64: '<derefUri> «base64» деректері емес.',
  rule_size_mismatch: '<size> {size} байт дейді, ал ендірілген мазмұн {actual} байт.',
  rule_digest_mismatch: '<digest> ендірілген мазмұнға сәйкес келмейді (оның SHA-1 хэші: {actual}).',
  rule_digest_form: '«{digest}» SHA-1 хэші емес (40 он алтылық цифр).',

  rule_after_expires: '<{element}> ({value}) <expires> ({expires}) уақытынан кейін.',
  rule_sent_future: '<sent> ({sent}) болашақта тұр; жіберушінің сағаты немесе уақыт белдеуі қате емес пе?',
  rule_note_exercise: '{msgStatus} хабарында оқу-жаттығудың атауы <note> ішінде аталуы керек.',
  rule_note_error: '{msgType} хабарында қате <note> ішінде түсіндірілуі керек.',

  rule_profile_code: '{profile} хабарында <code>{code}</code> болады.',
  rule_profile_language: '{profile} хабарының <info> бөліктері {allowed} тілдерінде болады, {value} емес.',
  rule_profile_bilingual:
    'Жалпыға арналған {profile} хабарында <info> бөліктері {allowed} тілдерінде болуы керек.',
  rule_profile_expires: '{profile} әр <info> ішінде <expires> талап етеді.',
  rule_profile_one_category: '{profile} бір <info> ішінде бір ғана <category> қабылдайды.',
  rule_profile_one_event_code: '{profile} үшін {name} атты дәл бір <eventCode> керек.',
  rule_profile_event_code: '{profile} {name} атты <eventCode> талап етеді (мысалы, {example}).',
  rule_profile_one_event: '{profile} хабары бір оқиға туралы болады, бірақ онда мыналар аталған: {events}.',
  rule_profile_geocode: '{profile} үшін әр <area> ішінде {name} атты <geocode> керек.',
  rule_event_code_form: '{name} оқиға коды «{code}» үш бас әріптен тұрмайды.',
  rule_location_six_digits: '{name} орын коды «{code}» алты цифрдан тұрмайды.',
  rule_location_sgc: '«{code}» 2, 4 немесе 7 цифрлы SGC коды емес.',
  rule_text_length: '{name} ұзындығы {length} таңба; ең көбі {limit} таңба рұқсат етіледі.',
  rule_parameter_value: '{name} мәні «{value}» мыналардың бірі емес: {allowed}.',
  rule_dabyl_languages: 'Дабыл хабарлары {required} тілдерінде беріледі; {missing} тіліндегі <info> жоқ.',
  rule_dabyl_tag: '«{value}» Дабылдың тіл белгілерінің ({allowed}) бірі емес.',
  rule_dabyl_tag_missing:
    '<language> жоқ <info> әдепкі бойынша {value} тілінде деп саналады, бұл Дабылдың тіл белгілерінің ({allowed}) бірі емес.',
  rule_region_missing:
    'Әр аймақ өз облысын не қаласын {name} <geocode> ішінде атайды (мысалы, {place} үшін {example}).',
  rule_region_withdrawn:
    '{code} — күшін жойған ISO 3166-2 коды; оның орнына {replacement} ({place}) жазыңыз.',
  rule_region_unknown: '{code} Қазақстанның облысының немесе қаласының ISO 3166-2 коды емес.',
  rule_note_exercise_or_test:
    '{msgStatus} хабарында оқу-жаттығудың не сынақтың атауы <note> ішінде аталуы керек.',
  rule_exercise_headline: '{msgStatus} хабарының тақырыбында әр тілде {marking} деп жазылуы керек.',
  rule_blocks_differ:
    'Бұл <info> біріншісінен санатымен, шұғылдығымен, ауырлығымен, сенімділігімен немесе аймақтарымен ерекшеленеді.',
  rule_time_zone: 'Қазақстан уақыты {offset}; <sent> басқа белдеуді қолданады.',

  rule_could_not_run: '{rule} тексерісі бұл хабарда орындала алмады.',
  wrapper_holds_none:
    '{wrapper} құжатында ендірілген CAP хабарландыруы жоқ (сілтеме арқылы берілген хабарландырулар ешқашан жүктелмейді).',
};
