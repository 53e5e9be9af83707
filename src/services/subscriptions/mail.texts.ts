import type { NoticeLanguage } from '../../core/notice/notice.js';

/** The fixed wording of subscription e-mails, per language. */
export interface MailTexts {
  languageName: string;
  confirmSubject: string;
  confirmIntro: (places: string) => string;
  confirmAction: string;
  confirmExpiry: string;
  notYou: string;
  alreadySubject: string;
  alreadyIntro: string;
  manage: string;
  unsubscribe: string;
  kindPrefix: { Alert: string; Update: string; Cancel: string };
  drillNote: string;
  when: string;
  seeAndHear: string;
  doList: string;
  dontList: string;
  contacts: string;
  readOnline: string;
  cancelled: string;
  updated: string;
  notWritten: (available: string) => string;
  whyYou: string;
}

export const MAIL_TEXTS: Record<NoticeLanguage, MailTexts> = {
  kk: {
    languageName: 'қазақша',
    confirmSubject: 'Жазылуды растаңыз — Дабыл',
    confirmIntro: (places) =>
      `Сіз (немесе біреу сіздің мекенжайыңызбен) ${places} бойынша оқу-жаттығулар туралы хабарландыруларға жазылуды сұрады.`,
    confirmAction: 'Растау үшін мына сілтемені ашып, «Растау» түймесін басыңыз:',
    confirmExpiry: 'Сілтеме 48 сағат жарамды.',
    notYou: 'Егер бұл сіз болмасаңыз, хатты елемеңіз: растаусыз ештеңе жіберілмейді.',
    alreadySubject: 'Сіз жазылып қойғансыз — Дабыл',
    alreadyIntro:
      'Осы мекенжаймен жазылу сұралды, бірақ ол бұрыннан белсенді. Жазылуды мына жерден басқара аласыз:',
    manage: 'Сақталған деректеріңіз және жазылуды басқару:',
    unsubscribe: 'Жазылудан бас тарту:',
    kindPrefix: { Alert: '', Update: 'Жаңартылды: ', Cancel: 'Тоқтатылды: ' },
    drillNote: 'Бұл оқу-жаттығу. Төтенше қызметтердің нөмірлеріне қоңырау шалмаңыз.',
    when: 'Уақыты',
    seeAndHear: 'Не көресіз және естисіз',
    doList: 'Не істеу керек',
    dontList: 'Не істемеу керек',
    contacts: 'Байланыс',
    readOnline: 'Толығырақ және картада:',
    cancelled: 'Бұл оқу-жаттығу тоқтатылды.',
    updated: 'Хабарландыру өзгертілді; төменде — жаңа нұсқасы.',
    notWritten: (available) => `Бұл хабарландыру қазақ тілінде жазылмаған. Бар тілдер: ${available}.`,
    whyYou: 'Сіз бұл хатты таңдаған орныңызға қатысты болғандықтан алдыңыз.',
  },
  ru: {
    languageName: 'русский',
    confirmSubject: 'Подтвердите подписку — Дабыл',
    confirmIntro: (places) =>
      `Вы (или кто-то с вашим адресом) попросили присылать уведомления об учениях: ${places}.`,
    confirmAction: 'Чтобы подтвердить, откройте ссылку и нажмите «Подтвердить»:',
    confirmExpiry: 'Ссылка действует 48 часов.',
    notYou: 'Если это были не вы, просто не отвечайте: без подтверждения ничего присылаться не будет.',
    alreadySubject: 'Вы уже подписаны — Дабыл',
    alreadyIntro: 'С этим адресом снова попросили подписку, но она уже действует. Управлять ею можно здесь:',
    manage: 'Что о вас хранится и управление подпиской:',
    unsubscribe: 'Отписаться:',
    kindPrefix: { Alert: '', Update: 'Обновлено: ', Cancel: 'Отменено: ' },
    drillNote: 'Это учения. Не звоните в экстренные службы.',
    when: 'Когда',
    seeAndHear: 'Что вы увидите и услышите',
    doList: 'Что делать',
    dontList: 'Чего не делать',
    contacts: 'Контакты',
    readOnline: 'Подробнее и на карте:',
    cancelled: 'Эти учения отменены.',
    updated: 'Уведомление изменено; ниже — новая редакция.',
    notWritten: (available) => `Это уведомление не написано на русском языке. Есть на языках: ${available}.`,
    whyYou: 'Вы получили это письмо, потому что оно касается выбранного вами места.',
  },
  en: {
    languageName: 'English',
    confirmSubject: 'Confirm your subscription — Dabyl',
    confirmIntro: (places) =>
      `You (or someone using your address) asked for notices of drills in: ${places}.`,
    confirmAction: 'To confirm, open this link and press "Confirm":',
    confirmExpiry: 'The link works for 48 hours.',
    notYou: 'If this was not you, ignore this e-mail: nothing is sent without confirmation.',
    alreadySubject: 'You are already subscribed — Dabyl',
    alreadyIntro:
      'Someone asked to subscribe this address again, but its subscription is already active. Manage it here:',
    manage: 'What we store about you, and your subscription:',
    unsubscribe: 'Unsubscribe:',
    kindPrefix: { Alert: '', Update: 'Updated: ', Cancel: 'Cancelled: ' },
    drillNote: 'This is a drill. Do not call the emergency numbers.',
    when: 'When',
    seeAndHear: 'What you will see and hear',
    doList: 'What to do',
    dontList: 'What not to do',
    contacts: 'Contacts',
    readOnline: 'More, with the map:',
    cancelled: 'This drill has been cancelled.',
    updated: 'The notice has changed; the new version follows.',
    notWritten: (available) => `This notice was not written in English. It exists in: ${available}.`,
    whyYou: 'You received this e-mail because it concerns a place you chose.',
  },
};
