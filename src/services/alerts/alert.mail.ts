import type { CapInfo } from '../../cap/model.js';
import type { AlertLanguage } from '../../core/alert/alert.js';
import type { MailContent } from '../subscriptions/mail.render.js';

/*
 * An alert as e-mail, in the reader's language, saying exactly what that language's CAP `info`
 * says: the headline as the subject, then what happened, what to do, where and until when.
 */

const LABELS: Record<
  AlertLanguage,
  { what: string; todo: string; where: string; until: string; manage: string }
> = {
  kk: {
    what: 'Не болды',
    todo: 'Не істеу керек',
    where: 'Қай жерде',
    until: 'Дейін жарамды',
    manage: 'Жазылымды басқару',
  },
  ru: {
    what: 'Что произошло',
    todo: 'Что делать',
    where: 'Где',
    until: 'Действует до',
    manage: 'Управление подпиской',
  },
  en: {
    what: 'What happened',
    todo: 'What to do',
    where: 'Where',
    until: 'Valid until',
    manage: 'Manage your subscription',
  },
};

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** "2026-11-03T16:00:00+05:00" → "2026-11-03 16:00 (UTC+05:00)": the wall time the reader lives in. */
const localTime = (cap: string): string =>
  cap.replace(/^(\d{4}-\d\d-\d\d)T(\d\d:\d\d):\d\d([+-]\d\d:\d\d)$/, '$1 $2 (UTC$3)');

export function alertMail(lang: AlertLanguage, info: CapInfo, manageUrl: string | null): MailContent {
  const l = LABELS[lang];
  const sections: [string, string][] = [
    [l.what, info.description ?? ''],
    [l.todo, info.instruction ?? ''],
    [l.where, info.area.map((a) => a.areaDesc).join('; ')],
    [l.until, info.expires ? localTime(info.expires) : ''],
  ];
  const present = sections.filter(([, v]) => v.trim() !== '');
  const subject = info.headline ?? info.event;
  const text = [
    subject,
    ...present.map(([h, v]) => `${h}:\n${v}`),
    ...(manageUrl ? [`${l.manage}:\n${manageUrl}`] : []),
  ].join('\n\n');
  const html = [
    `<!doctype html><html lang="${lang}"><body>`,
    `<h1>${esc(subject)}</h1>`,
    ...present.map(([h, v]) => `<h2>${esc(h)}</h2><p>${esc(v).replace(/\n/g, '<br>')}</p>`),
    manageUrl ? `<p><a href="${esc(manageUrl)}">${esc(l.manage)}</a></p>` : '',
    '</body></html>',
  ].join('');
  return { subject, text, html };
}
