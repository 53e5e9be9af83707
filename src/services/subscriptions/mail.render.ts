import { HOME_ZONES } from '../../contract/zones.js';
import {
  NOTICE_LANGUAGES,
  type NoticeLanguage,
  type NoticeSnapshot,
  type NoticeText,
} from '../../core/notice/notice.js';
import { MAIL_TEXTS } from './mail.texts.js';

/** An e-mail's content in one language: plain text and a simple HTML version of the same words. */
export interface MailContent {
  subject: string;
  text: string;
  html: string;
}

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

/** Blocks of a message: a paragraph, a heading with a list, or a link. Rendered to text and to HTML alike. */
type Block =
  | { p: string; strong?: boolean }
  | { h: string; items: string[] }
  | { h: string; p: string }
  | { label: string; url: string };

function render(subject: string, lang: NoticeLanguage, blocks: Block[]): MailContent {
  const text: string[] = [];
  const html: string[] = [];
  for (const b of blocks) {
    if ('url' in b) {
      text.push(`${b.label}\n${b.url}`);
      html.push(`<p>${esc(b.label)}<br><a href="${esc(b.url)}">${esc(b.url)}</a></p>`);
    } else if ('items' in b) {
      if (!b.items.length) continue;
      text.push(`${b.h}:\n${b.items.map((i) => `- ${i}`).join('\n')}`);
      html.push(`<h2>${esc(b.h)}</h2><ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`);
    } else if ('h' in b) {
      if (!b.p) continue;
      text.push(`${b.h}:\n${b.p}`);
      html.push(`<h2>${esc(b.h)}</h2><p>${esc(b.p)}</p>`);
    } else {
      text.push(b.p);
      html.push(b.strong ? `<p><strong>${esc(b.p)}</strong></p>` : `<p>${esc(b.p)}</p>`);
    }
  }
  return {
    subject,
    text: text.join('\n\n') + '\n',
    html: `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${esc(subject)}</title></head><body style="font-family:sans-serif;max-width:40rem">${html.join('\n')}</body></html>`,
  };
}

export function confirmationMail(
  lang: NoticeLanguage,
  links: { places: string; confirmUrl: string; manageUrl: string },
): MailContent {
  const t = MAIL_TEXTS[lang];
  return render(t.confirmSubject, lang, [
    { p: t.confirmIntro(links.places) },
    { label: t.confirmAction, url: links.confirmUrl },
    { p: t.confirmExpiry },
    { p: t.notYou },
    { label: t.manage, url: links.manageUrl },
  ]);
}

export function alreadySubscribedMail(lang: NoticeLanguage, links: { manageUrl: string }): MailContent {
  const t = MAIL_TEXTS[lang];
  return render(t.alreadySubject, lang, [
    { p: t.alreadyIntro },
    { label: t.manage, url: links.manageUrl },
    { p: t.notYou },
  ]);
}

// Making a formatter costs far more than using one, and a fan-out renders thousands of e-mails.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatWindow(lang: NoticeLanguage, snapshot: NoticeSnapshot): string {
  const key = `${lang}|${snapshot.timeZone}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(`${lang}-KZ`, {
      timeZone: snapshot.timeZone,
      dateStyle: 'long',
      timeStyle: 'short',
    });
    if (formats.size < 64) formats.set(key, format);
  }
  const zone = HOME_ZONES[snapshot.timeZone]?.[lang] ?? snapshot.timeZone;
  return `${format.format(new Date(snapshot.startsAt))} — ${format.format(new Date(snapshot.endsAt))} (${zone})`;
}

function textBlocks(t: (typeof MAIL_TEXTS)[NoticeLanguage], text: NoticeText): Block[] {
  return [
    { p: text.summary },
    { h: t.seeAndHear, p: text.seeAndHear },
    { h: t.doList, items: text.doList },
    { h: t.dontList, items: text.dontList },
    { h: t.contacts, p: text.contacts },
  ];
}

/**
 * A notice as an e-mail in the subscriber's language. A language the notice was never written in is
 * never filled in by machine: the message says so and carries the languages that exist.
 */
export function noticeMail(
  lang: NoticeLanguage,
  snapshot: NoticeSnapshot,
  kind: 'Alert' | 'Update' | 'Cancel',
  links: { noticeUrl: string; manageUrl: string | null; unsubscribeUrl: string | null },
): MailContent {
  const t = MAIL_TEXTS[lang];
  const own = snapshot.texts[lang];
  const others = NOTICE_LANGUAGES.filter((l) => l !== lang && snapshot.texts[l]);
  const title = own?.title ?? others.map((l) => snapshot.texts[l]!.title)[0] ?? snapshot.slug;
  const blocks: Block[] = [];
  if (kind === 'Cancel') blocks.push({ p: t.cancelled, strong: true });
  if (kind === 'Update') blocks.push({ p: t.updated, strong: true });
  blocks.push({ p: t.drillNote, strong: true }, { h: t.when, p: formatWindow(lang, snapshot) });
  if (own) blocks.push({ p: own.title, strong: true }, ...textBlocks(t, own));
  else {
    blocks.push({ p: t.notWritten(others.map((l) => MAIL_TEXTS[l].languageName).join(', ')) });
    for (const l of others) {
      const text = snapshot.texts[l]!;
      blocks.push(
        { p: `[${MAIL_TEXTS[l].languageName}] ${text.title}`, strong: true },
        ...textBlocks(MAIL_TEXTS[l], text),
      );
    }
  }
  blocks.push({ label: t.readOnline, url: links.noticeUrl }, { p: t.whyYou });
  if (links.manageUrl) blocks.push({ label: t.manage, url: links.manageUrl });
  if (links.unsubscribeUrl) blocks.push({ label: t.unsubscribe, url: links.unsubscribeUrl });
  return render(`${t.kindPrefix[kind]}${title}`, lang, blocks);
}
