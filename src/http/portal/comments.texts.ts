import type { PortalLang } from './i18n.js';

/**
 * Words of the comment form, the "was this useful?" vote and the comment policy page, in the three
 * languages. Kept beside the comment views rather than in texts/ so the shape is checked here: each
 * language must have every key.
 */
const en = {
  commentsTitle: 'Comments',
  noComments: 'No comments yet.',
  commentBy: 'Comment by',
  held: 'Thank you. Your comment is held for moderation and will appear here once a moderator has read it.',
  formTitle: 'Leave a comment',
  formLead: 'A moderator reads every comment before it is published.',
  policyLink: 'Comment policy',
  name: 'Name',
  email: 'E-mail',
  emailHint: 'Never shown to anyone; only moderators see it.',
  body: 'Comment',
  bodyHint: 'Plain text only: links and markup are shown as typed.',
  counterLabel: 'Characters used',
  honeypot: 'Leave this field empty',
  submit: 'Send comment',
  working: 'Checking that you are not a robot…',
  needsJs:
    'Commenting needs JavaScript: before sending, your browser does a small calculation that keeps robots out.',
  errorsTitle: 'The comment was not sent:',
  required: 'is required.',
  tooLong: (limit: string) => `is longer than ${limit} characters.`,
  controlCharacters: 'must be on one line, without special characters.',
  malformed: 'does not look like an e-mail address.',
  blocked: 'Comments from this address are not accepted.',
  rateLimited: (minutes: string) => `Too many comments in a short time. Please try again in ${minutes} min.`,
  pow: 'The robot check did not pass. Make sure JavaScript is on and send again.',
  closed: 'Comments are closed for this notice.',
  usefulTitle: 'Was this useful?',
  yes: 'Yes',
  no: 'No',
  usefulCounts: (yes: string, no: string) => `Useful: ${yes} · Not useful: ${no}`,
  voted: 'Thank you for your answer.',
  votePrivacy: 'Counted without cookies; nothing that identifies you is kept.',
};

export type CommentTexts = typeof en;

const ru: CommentTexts = {
  commentsTitle: 'Комментарии',
  noComments: 'Комментариев пока нет.',
  commentBy: 'Комментарий от',
  held: 'Спасибо. Ваш комментарий ожидает проверки и появится здесь, когда модератор его прочитает.',
  formTitle: 'Оставить комментарий',
  formLead: 'Модератор читает каждый комментарий перед публикацией.',
  policyLink: 'Правила комментирования',
  name: 'Имя',
  email: 'Электронная почта',
  emailHint: 'Никому не показывается; её видят только модераторы.',
  body: 'Комментарий',
  bodyHint: 'Только простой текст: ссылки и разметка показываются так, как набраны.',
  counterLabel: 'Набрано символов',
  honeypot: 'Оставьте это поле пустым',
  submit: 'Отправить комментарий',
  working: 'Проверяем, что вы не робот…',
  needsJs:
    'Для комментариев нужен JavaScript: перед отправкой браузер выполняет небольшое вычисление, которое отсеивает роботов.',
  errorsTitle: 'Комментарий не отправлен:',
  required: '— обязательное поле.',
  tooLong: (limit) => `— длиннее ${limit} символов.`,
  controlCharacters: '— должно быть в одну строку, без служебных символов.',
  malformed: '— не похоже на адрес электронной почты.',
  blocked: 'Комментарии с этого адреса не принимаются.',
  rateLimited: (minutes) =>
    `Слишком много комментариев за короткое время. Попробуйте снова через ${minutes} мин.`,
  pow: 'Проверка на робота не пройдена. Убедитесь, что JavaScript включён, и отправьте снова.',
  closed: 'Комментарии к этому уведомлению закрыты.',
  usefulTitle: 'Это было полезно?',
  yes: 'Да',
  no: 'Нет',
  usefulCounts: (yes, no) => `Полезно: ${yes} · Не полезно: ${no}`,
  voted: 'Спасибо за ответ.',
  votePrivacy: 'Считается без cookie; ничего, что указывает на вас, не сохраняется.',
};

const kk: CommentTexts = {
  commentsTitle: 'Пікірлер',
  noComments: 'Әзірге пікір жоқ.',
  commentBy: 'Пікір авторы',
  held: 'Рахмет. Пікіріңіз тексеруді күтіп тұр, модератор оқығаннан кейін осында шығады.',
  formTitle: 'Пікір қалдыру',
  formLead: 'Модератор әр пікірді жарияламас бұрын оқиды.',
  policyLink: 'Пікір қалдыру ережелері',
  name: 'Аты',
  email: 'Электрондық пошта',
  emailHint: 'Ешкімге көрсетілмейді; оны тек модераторлар көреді.',
  body: 'Пікір',
  bodyHint: 'Тек қарапайым мәтін: сілтемелер мен белгілеу терілгендей көрсетіледі.',
  counterLabel: 'Терілген таңбалар',
  honeypot: 'Бұл өрісті бос қалдырыңыз',
  submit: 'Пікірді жіберу',
  working: 'Робот емес екеніңізді тексеріп жатырмыз…',
  needsJs:
    'Пікір қалдыру үшін JavaScript қажет: жібермес бұрын браузер роботтарды тосатын шағын есептеу жүргізеді.',
  errorsTitle: 'Пікір жіберілмеді:',
  required: '— міндетті өріс.',
  tooLong: (limit) => `— ${limit} таңбадан ұзын.`,
  controlCharacters: '— бір жолда, арнайы таңбаларсыз болуы керек.',
  malformed: '— электрондық пошта мекенжайына ұқсамайды.',
  blocked: 'Бұл мекенжайдан пікірлер қабылданбайды.',
  rateLimited: (minutes) =>
    `Қысқа уақытта тым көп пікір жіберілді. ${minutes} минуттан кейін қайталап көріңіз.`,
  pow: 'Роботқа тексеру өтпеді. JavaScript қосулы екенін тексеріп, қайта жіберіңіз.',
  closed: 'Бұл хабарландыруға пікір қалдыру жабық.',
  usefulTitle: 'Бұл пайдалы болды ма?',
  yes: 'Иә',
  no: 'Жоқ',
  usefulCounts: (yes, no) => `Пайдалы: ${yes} · Пайдасыз: ${no}`,
  voted: 'Жауабыңызға рахмет.',
  votePrivacy: 'Cookie-сіз саналады; сізді анықтайтын ештеңе сақталмайды.',
};

const TEXTS: Record<PortalLang, CommentTexts> = { kk, ru, en };

export const commentTexts = (lang: PortalLang): CommentTexts => TEXTS[lang];
