import type { PortalLang } from './i18n.js';

/**
 * The published comment policy, in the three languages. It describes what the code does: change
 * it together with the comment rules, rate limits and what the comments table keeps.
 */
export interface PolicySection {
  heading: string;
  paragraphs: string[];
  items?: string[];
}

export interface CommentPolicy {
  title: string;
  lead: string;
  sections: PolicySection[];
}

const en: CommentPolicy = {
  title: 'Comment policy',
  lead: 'Comments under a notice are for questions and information about the drill it describes. This page says what is published, what is not, and what we keep.',
  sections: [
    {
      heading: 'What is welcome',
      paragraphs: [
        'Questions about the drill, the streets and times in the notice, and practical information for neighbours.',
      ],
    },
    {
      heading: 'What is not published',
      paragraphs: ['A moderator rejects, with a reason, any comment that:'],
      items: [
        'insults, threatens or discriminates against anyone;',
        'spreads false information or could cause panic;',
        'contains someone’s personal data, phone numbers or addresses;',
        'advertises, or repeats the same text;',
        'is unrelated to the notice.',
      ],
    },
    {
      heading: 'Every comment is read first',
      paragraphs: [
        'Comments are pre-moderated: nothing appears until a moderator has read and approved it. Addresses that keep breaking these rules can be blocked.',
        'A comment is plain text of up to 1,500 characters. Links and markup are shown exactly as typed and never work as links or formatting.',
        'This is not an emergency line. In an emergency call 112.',
      ],
    },
    {
      heading: 'What we keep and for how long',
      paragraphs: [
        'With each comment we keep the name, the e-mail address, the text, its language and time, and a keyed hash of your network address used only to limit how many comments one sender can post (three in ten minutes). The e-mail address is never shown to anyone except moderators, and only your name, text and date are published.',
        'All of this is kept as long as the notice is on the site and is deleted with it. Ask through the contacts in the notice to have your comment removed earlier.',
        '“Was this useful?” answers are counted without cookies: we store only the answer and a keyed hash that changes every day, so one reader counts once a day and cannot be followed from one day to the next.',
        'Before a comment is sent, your browser solves a small calculation that keeps robots out. It runs on this site; no other service is involved.',
      ],
    },
  ],
};

const ru: CommentPolicy = {
  title: 'Правила комментирования',
  lead: 'Комментарии под уведомлением — для вопросов и сведений об учениях, о которых оно рассказывает. Здесь сказано, что публикуется, что нет и что мы храним.',
  sections: [
    {
      heading: 'Что приветствуется',
      paragraphs: [
        'Вопросы об учениях, об улицах и времени, указанных в уведомлении, и полезные сведения для соседей.',
      ],
    },
    {
      heading: 'Что не публикуется',
      paragraphs: ['Модератор отклоняет, указав причину, комментарий, который:'],
      items: [
        'оскорбляет, угрожает или кого-либо дискриминирует;',
        'распространяет ложные сведения или может вызвать панику;',
        'содержит чужие персональные данные, телефоны или адреса;',
        'является рекламой или повторяет один и тот же текст;',
        'не относится к уведомлению.',
      ],
    },
    {
      heading: 'Каждый комментарий сначала читают',
      paragraphs: [
        'Комментарии проходят предварительную модерацию: ничего не появляется, пока модератор не прочитает и не одобрит. Адреса, с которых правила нарушают снова и снова, могут быть заблокированы.',
        'Комментарий — это простой текст до 1 500 символов. Ссылки и разметка показываются так, как набраны, и не работают как ссылки или оформление.',
        'Это не экстренная линия. В экстренной ситуации звоните 112.',
      ],
    },
    {
      heading: 'Что мы храним и как долго',
      paragraphs: [
        'С каждым комментарием хранятся имя, адрес электронной почты, текст, язык и время, а также ключевой хеш вашего сетевого адреса — только чтобы ограничить число комментариев от одного отправителя (три за десять минут). Адрес почты не показывается никому, кроме модераторов; публикуются только имя, текст и дата.',
        'Всё это хранится, пока уведомление находится на сайте, и удаляется вместе с ним. Чтобы удалить комментарий раньше, напишите по контактам из уведомления.',
        'Ответы «Это было полезно?» считаются без cookie: хранится только ответ и ключевой хеш, который меняется каждый день, поэтому один читатель учитывается раз в день, и его нельзя отследить изо дня в день.',
        'Перед отправкой комментария ваш браузер выполняет небольшое вычисление, которое отсеивает роботов. Оно работает на этом сайте; сторонние сервисы не используются.',
      ],
    },
  ],
};

const kk: CommentPolicy = {
  title: 'Пікір қалдыру ережелері',
  lead: 'Хабарландыру астындағы пікірлер — онда сипатталған жаттығу туралы сұрақтар мен мәліметтерге арналған. Бұл бетте не жарияланатыны, не жарияланбайтыны және біз не сақтайтынымыз айтылған.',
  sections: [
    {
      heading: 'Не құпталады',
      paragraphs: [
        'Жаттығу туралы, хабарландыруда көрсетілген көшелер мен уақыт туралы сұрақтар және көршілерге пайдалы мәліметтер.',
      ],
    },
    {
      heading: 'Не жарияланбайды',
      paragraphs: ['Модератор себебін көрсетіп, мына пікірлерді қабылдамайды:'],
      items: [
        'біреуді қорлайтын, қорқытатын немесе кемсітетін;',
        'жалған ақпарат таратын немесе дүрбелең тудыруы мүмкін;',
        'басқа адамның жеке деректерін, телефонын немесе мекенжайын қамтитын;',
        'жарнама болып табылатын немесе бір мәтінді қайталайтын;',
        'хабарландыруға қатысы жоқ.',
      ],
    },
    {
      heading: 'Әр пікірді алдымен оқиды',
      paragraphs: [
        'Пікірлер алдын ала модерациядан өтеді: модератор оқып, мақұлдамайынша ештеңе шықпайды. Ережені қайта-қайта бұзатын мекенжайлар бұғатталуы мүмкін.',
        'Пікір — 1 500 таңбаға дейінгі қарапайым мәтін. Сілтемелер мен белгілеу терілген күйінде көрсетіледі, сілтеме не безендіру ретінде жұмыс істемейді.',
        'Бұл шұғыл желі емес. Төтенше жағдайда 112 нөміріне қоңырау шалыңыз.',
      ],
    },
    {
      heading: 'Не сақталады және қанша уақыт',
      paragraphs: [
        'Әр пікірмен бірге аты, электрондық пошта мекенжайы, мәтін, оның тілі мен уақыты, сондай-ақ желілік мекенжайыңыздың кілтті хеші сақталады — ол тек бір жіберушінің пікір санын шектеу үшін қолданылады (он минутта үшеу). Пошта мекенжайы модераторлардан басқа ешкімге көрсетілмейді; тек аты, мәтін және күні жарияланады.',
        'Мұның бәрі хабарландыру сайтта тұрғанша сақталады және онымен бірге жойылады. Пікірді ертерек жойғыңыз келсе, хабарландырудағы байланыс арқылы жазыңыз.',
        '«Бұл пайдалы болды ма?» жауаптары cookie-сіз саналады: тек жауап пен күн сайын өзгеретін кілтті хеш сақталады, сондықтан бір оқырман күніне бір рет есептеледі және оны күннен күнге бақылау мүмкін емес.',
        'Пікір жіберілмес бұрын браузеріңіз роботтарды тосатын шағын есептеу жүргізеді. Ол осы сайтта жұмыс істейді; бөгде қызметтер қолданылмайды.',
      ],
    },
  ],
};

const POLICIES: Record<PortalLang, CommentPolicy> = { kk, ru, en };

export const commentPolicy = (lang: PortalLang): CommentPolicy => POLICIES[lang];
