import type { DeliveryReasons } from '../catalogue.js';

/** Қазақша: жеткізілім неге күтіп тұр немесе неге сәтсіз болды (en.ts қараңыз). */
export const kk: DeliveryReasons = {
  actual_from_exercise:
    'бас тартылды: оқу-жаттығуда жасалған хабарлама ешқашан нақты хабарлама ретінде жіберілмейді',
  actual_to_phonebook:
    'бас тартылды: нақты хабарламалар оқу-жаттығудың телефон анықтамалығына ешқашан жіберілмейді',
  address_ended: 'мекенжай енді жарамсыз: {cause}',
  address_erased: 'мекенжай өшірілген',
  address_forbidden:
    '{host} атауы {address} мекенжайына сәйкес келеді: бұл жеке, жергілікті немесе резервтелген мекенжай',
  alert_no_info: '{identifier} дабылында ақпарат блогы жоқ',
  alert_not_sendable:
    'бас тартылды: {id} дабылының мәртебесі {capStatus}: ол ешқашан «{mode}» режимінде жіберілмейді',
  cbc_duplicate:
    '{centre}: {id} хабарламасы сол санаттағы басқа дабыл үшін таратылып жатыр; бұл орталық бір ' +
    'идентификаторға бір хабарлама сақтайды, сондықтан алдымен сол дабылды болдырмаңыз немесе жаңартыңыз',
  cbc_later: 'CBC {centre}: {request} {id} сұрауына {answer} деп жауап берді{said}; қайта жіберіледі',
  cbc_network: 'CBC {centre}: {detail}',
  cbc_refused: 'CBC {centre}: {request} {id} сұрауына {answer} деп жауап берді{said}',
  cbc_timeout: 'CBC {centre} уақытында жауап бермеді',
  cbc_unknown_centre: '{centre} атты ұялы тарату орталығы (CBC) бапталмаған ({setting})',
  cbc_unsigned:
    'CBC {centre} орталығына арналған CAP хабары ұйымның кілтімен қол қойылмағандықтан жіберілмеді',
  channel_unknown: 'бұл нұсқада «{channel}» арнасы жоқ',
  delivery_gone: 'жеткізілім енді жоқ',
  email_later: 'пошта сервері хатты қазір қабылдай алмайды: {detail}',
  email_refused: 'пошта сервері хатты қабылдамады: {detail}',
  email_unreachable: 'пошта серверіне қосылу мүмкін болмады: {detail}',
  exercise_gone: 'бас тартылды: бұл жеткізілімнің оқу-жаттығуы енді жоқ',
  exercise_unnamed: 'бас тартылды: оқу-жаттығу хабарламасы өз оқу-жаттығуын атауы керек',
  failed: 'қате: {detail}',
  gave_up: '{hours} сағаттан кейін әрекеттер тоқтатылды: {cause}',
  header_injection: '{field}: тақырып мәніндегі жол ауыстыру таңбасына тыйым салынған (тақырып енгізу)',
  inbox_nobody: 'бұл идентификатормен тіркелгі жоқ: бұл кіріс хаттарды ешкім оқымайды',
  kind_mismatch: '«{message}» арнасына арналған хабарлама «{channel}» арнасы арқылы жіберілмейді',
  mqtt_failed: 'MQTT: {detail}',
  mqtt_no_ack: 'MQTT брокері пәрменді уақытында растамады',
  mqtt_unreachable: 'MQTT брокеріне қосылу мүмкін емес',
  no_play: 'бұл оқу-жаттығуда NO PLAY жарияланған',
  not_configured:
    '{setting} берілмеген: «{channel}» арнасы бойынша жеткізілімдер ол берілгенше жіберу кезегінде күтеді',
  notice_no_text: '{notice} хабарландыруының {revision} нұсқасында мәтін жоқ',
  peer_network: '{host}: байланыс қатесі ({detail})',
  peer_timeout: '{host} уақытында жауап бермеді',
  public_not_included: 'бас тартылды: бұл оқу-жаттығуға халық қатыспайды',
  push_ended: 'веб-хабарламалар қызметі {answer} деп жауап берді: жазылым аяқталды',
  push_later: 'веб-хабарламалар қызметі {answer} деп жауап берді; қайта жіберіледі',
  push_payload_long: 'хабарлама мәтінсіз де {max} байттан ұзын',
  push_refused: 'веб-хабарламалар қызметі хабарламаны {answer} кодымен қабылдамады',
  push_subscription: 'веб-хабарламаларға жазылым, {field} өрісі: {problem}',
  push_too_large: 'веб-хабарламалар қызметі хабарламаны тым үлкен деп қабылдамады (413)',
  siren_announcement_long: 'сиренаның дауыстық хабары {max} таңбадан ұзын',
  siren_topic: '«{topic}» — сирена тақырыбының префиксі емес',
  siren_unregistered: '{topic} астында бірде-бір сирена тіркелмеген',
  sms_answer_cut: 'SMSC орталығымен қосылым оның жауабынан бұрын үзілді ({cause})',
  sms_answer_lost:
    '{part}/{total} бөлігі: {cause}; ол SMSC орталығына жетуі мүмкін, сондықтан өздігінен қайта жіберілмейді',
  sms_bind_busy: 'бірде-бір SMPP қосылымы жіберуді қабылдай алмады: {cause}',
  sms_bind_down: 'SMPP қосылымы орнатылмаған',
  sms_bind_refused: 'SMSC орталығы қосылудан бас тартты: код {answer}',
  sms_connection_closed: 'қосылым жабылды',
  sms_in_doubt:
    '{part}/{total} бөлігі SMSC орталығына жетуі мүмкін: жауап келгенше қосылым үзілді. Қайталанбас ' +
    'үшін ол өздігінен қайта жіберілмейді; қайта жіберу үшін жеткізілімді қайталаңыз',
  sms_no_answer:
    'SMSC орталығы {part}/{total} бөлігіне {ms} мс ішінде жауап бермеді; жауап әлі күтілуде, бөлік қайта жіберілмейді',
  sms_no_bind: 'бірде-бір SMPP қосылымы орнатылмады: {cause}',
  sms_not_writable: 'қосылымға жазу мүмкін емес',
  sms_number: 'алушы: «{to}» — телефон нөмірі емес (5–15 цифр, мысалы +77011234567)',
  sms_refused: 'SMSC орталығы {part}/{total} бөлігін қабылдамады: {answer}',
  sms_segments: 'мәтін: SMS сегменттері {total} қажет; ең көбі {max} рұқсат етілген ({setting})',
  sms_too_long: 'мәтін: сегменттер {total} қажет; бір SMS ең көбі {max} сегменттен тұрады',
  source_gone: '{source} {id} ({sequence}) енді жоқ',
  source_not_over: '{source}: «{channel}» арнасы арқылы жіберілмейді',
  source_unknown: 'бұл нұсқада «{source}» түріндегі жіберу көзі жоқ',
  source_unprepared: '{source}: дайындалмады: {detail}',
  source_unreadable: '{source}: хабарлама құрастырылмады: {detail}',
  source_unrenderable: '{source}: хабарлама {language} құрастырылмады: {detail}',
  unsubscribed: 'жіберілгенге дейін жазылымнан бас тартылды',
  webhook_later: 'алушы {answer} деп жауап берді; қайта жіберіледі',
  webhook_redirect: 'алушы {answer} деп жауап берді (қайта бағыттау); оның соңғы URL мекенжайын көрсетіңіз',
  webhook_refused: 'алушы хабарламаны {answer} кодымен қабылдамады',
  webhook_too_large: 'хабарлама {max} байттан үлкен',
  webhook_url: 'алушының URL мекенжайы: {problem}',
};
