import type { CapSeverity } from '../../cap/finding.js';
import type { MessageLang } from '../../core/messages/messages.js';
import type { PollReport } from '../../services/feeds/feeds.service.js';

/** What `dabyl feed add|list|poll` says to a person, in each language. */
export interface FeedWords {
  feed: string;
  add: string;
  name: string;
  nameKk: string;
  nameRu: string;
  nameEn: string;
  every: string;
  trustStore: string;
  list: string;
  line: (id: string, name: string, url: string, seconds: number, last: string | null) => string;
  poll: string;
  outcomes: Record<PollReport['outcome'], string>;
  severities: Record<CapSeverity, string>;
  polled: (outcome: string, added: number, duplicates: number, superseded: number) => string;
}

export const FEED_WORDS: Readonly<Record<MessageLang, FeedWords>> = {
  en: {
    feed: 'CAP feeds of other authorities, read and shown on the public site',
    add: 'add a feed (Atom/RSS with CAP entries, bare CAP, or EDXL-DE)',
    name: 'the name shown on the public site (all languages)',
    nameKk: 'the name in Kazakh',
    nameRu: 'the name in Russian',
    nameEn: 'the name in English',
    every: 'poll interval in seconds (at least 30)',
    trustStore: "a folder of PEM certificates the feed's signatures must chain to",
    list: 'list the feeds and how their last poll went',
    line: (id, name, url, seconds, last) =>
      `${id}  ${name}  ${url}  every ${seconds} s  last: ${last ?? 'never polled'}`,
    poll: 'poll one feed now and print what was read',
    outcomes: { read: 'read', 'not-modified': 'not-modified', failed: 'failed' },
    severities: { error: 'error', warning: 'warning', info: 'info' },
    polled: (outcome, added, duplicates, superseded) =>
      `${outcome}: ${added} new, ${duplicates} already known, ${superseded} superseded`,
  },
  kk: {
    feed: 'басқа органдардың CAP арналары, оқылып, қоғамдық сайтта көрсетіледі',
    add: 'арна қосу (CAP жазбалары бар Atom немесе RSS, жай CAP, не EDXL-DE)',
    name: 'қоғамдық сайтта көрсетілетін атауы (барлық тілде)',
    nameKk: 'қазақша атауы',
    nameRu: 'орысша атауы',
    nameEn: 'ағылшынша атауы',
    every: 'сұрау аралығы, секундпен (кемінде 30)',
    trustStore: 'арна қолтаңбалары тізбектелуге тиіс `PEM` сертификаттары жатқан қалта',
    list: 'арналар тізімі және соңғы сұраудың нәтижесі',
    line: (id, name, url, seconds, last) =>
      `${id}  ${name}  ${url}  әр ${seconds} с  соңғысы: ${last ?? 'әлі сұралмаған'}`,
    poll: 'бір арнаны қазір сұрап, оқылғанын басып шығару',
    outcomes: { read: 'оқылды', 'not-modified': 'өзгермеген', failed: 'сәтсіз' },
    severities: { error: 'қате', warning: 'ескерту', info: 'мәлімет' },
    polled: (outcome, added, duplicates, superseded) =>
      `${outcome}: ${added} жаңа, ${duplicates} бұрыннан белгілі, ${superseded} ауыстырылған`,
  },
  ru: {
    feed: 'ленты CAP других ведомств: читаются и показываются на публичном сайте',
    add: 'добавить ленту (Atom или RSS с записями CAP, простой CAP или EDXL-DE)',
    name: 'название на публичном сайте (для всех языков)',
    nameKk: 'название на казахском',
    nameRu: 'название на русском',
    nameEn: 'название на английском',
    every: 'интервал опроса в секундах (не меньше 30)',
    trustStore: 'папка сертификатов `PEM`, к которым должны восходить подписи ленты',
    list: 'список лент и итог их последнего опроса',
    line: (id, name, url, seconds, last) =>
      `${id}  ${name}  ${url}  каждые ${seconds} с  последний опрос: ${last ?? 'ещё не было'}`,
    poll: 'опросить одну ленту сейчас и вывести прочитанное',
    outcomes: { read: 'прочитана', 'not-modified': 'без изменений', failed: 'сбой' },
    severities: { error: 'ошибка', warning: 'предупреждение', info: 'сведения' },
    polled: (outcome, added, duplicates, superseded) =>
      `${outcome}: новых — ${added}, уже известных — ${duplicates}, заменённых — ${superseded}`,
  },
};
